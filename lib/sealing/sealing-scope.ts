/**
 * Who may decrypt a sealed value. The scope is bound into the ciphertext as the RSA-OAEP label,
 * so a value sealed for one scope (or one namespace/name) cannot be moved to another.
 */
export enum SealingScope {
  /** Only a Secret with exactly this namespace and name (the label is "namespace/name"). */
  STRICT = 'strict',
  /** Any Secret name within this namespace (the label is "namespace"). */
  NAMESPACE_WIDE = 'namespace-wide',
  /** Any namespace and name (the label is empty). */
  CLUSTER_WIDE = 'cluster-wide',
}

/** Annotation that selects the namespace-wide scope on a SealedSecret (value must be exactly "true"). */
export const NAMESPACE_WIDE_ANNOTATION = 'sealedsecrets.bitnami.com/namespace-wide';

/** Annotation that selects the cluster-wide scope on a SealedSecret (wins over namespace-wide). */
export const CLUSTER_WIDE_ANNOTATION = 'sealedsecrets.bitnami.com/cluster-wide';

const ALLOWED_SCOPES: readonly string[] = Object.values(SealingScope);

/**
 * The OAEP label of a scope, as the controller computes it (`EncryptionLabel` in sealed-secrets):
 * strict "namespace/name", namespace-wide "namespace", cluster-wide "".
 */
export function sealingLabel(scope: SealingScope, namespace: string, name: string): string {
  switch (scope) {
    case SealingScope.STRICT:
      return `${namespace}/${name}`;
    case SealingScope.NAMESPACE_WIDE:
      return namespace;
    case SealingScope.CLUSTER_WIDE:
      return '';
    default:
      throw new Error(`unknown sealing scope ${JSON.stringify(scope)}: expected one of ${ALLOWED_SCOPES.join(', ')}`);
  }
}

/**
 * The annotations a SealedSecret needs so the controller derives the same label at decryption.
 * The controller reads them from the SealedSecret's own metadata, so they must be there (not only
 * on the template).
 */
export function scopeAnnotations(scope: SealingScope): Record<string, string> {
  switch (scope) {
    case SealingScope.STRICT:
      return {};
    case SealingScope.NAMESPACE_WIDE:
      return { [NAMESPACE_WIDE_ANNOTATION]: 'true' };
    case SealingScope.CLUSTER_WIDE:
      return { [CLUSTER_WIDE_ANNOTATION]: 'true' };
    default:
      throw new Error(`unknown sealing scope ${JSON.stringify(scope)}: expected one of ${ALLOWED_SCOPES.join(', ')}`);
  }
}

/**
 * The scope the controller would read from a SealedSecret's annotations (`SecretScope` in
 * sealed-secrets): cluster-wide wins, only the exact value "true" counts, anything else is strict.
 */
export function scopeFromAnnotations(annotations: Readonly<Record<string, string>> | undefined): SealingScope {
  if (annotations?.[CLUSTER_WIDE_ANNOTATION] === 'true') {
    return SealingScope.CLUSTER_WIDE;
  }
  if (annotations?.[NAMESPACE_WIDE_ANNOTATION] === 'true') {
    return SealingScope.NAMESPACE_WIDE;
  }
  return SealingScope.STRICT;
}

/** Parses a scope name as kubeseal's `--scope` accepts it. */
export function parseSealingScope(value: string): SealingScope {
  if (!ALLOWED_SCOPES.includes(value)) {
    throw new Error(`invalid sealing scope ${JSON.stringify(value)}: expected one of ${ALLOWED_SCOPES.join(', ')}`);
  }
  return value as SealingScope;
}
