import { sealValue, SealingRandomness } from './seal-value';
import { SealingCertificate } from './sealing-certificate';
import { SealingScope, scopeAnnotations, scopeFromAnnotations, sealingLabel } from './sealing-scope';

/** A Bitnami SealedSecret as a plain JSON object, ready to hand to cdk8s or to print as YAML. */
export interface SealedSecretManifest {
  readonly apiVersion: 'bitnami.com/v1alpha1';
  readonly kind: 'SealedSecret';
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    readonly annotations?: Record<string, string>;
    readonly labels?: Record<string, string>;
  };
  readonly spec: {
    /** One kubeseal ciphertext (standard base64) per Secret key, keys in sorted order. */
    readonly encryptedData: Record<string, string>;
    /** What the controller copies onto the Secret it creates. */
    readonly template: {
      readonly metadata: {
        readonly name: string;
        readonly namespace: string;
        readonly labels?: Record<string, string>;
        readonly annotations?: Record<string, string>;
      };
      readonly type: string;
      readonly immutable?: boolean;
    };
  };
}

/** Options for {@link sealSecretManifest}. */
export interface SealSecretOptions {
  /** The certificate of the controller that will decrypt the values. */
  readonly certificate: SealingCertificate;
  /** Name of the SealedSecret and of the Secret it becomes (a DNS-1123 subdomain). */
  readonly name: string;
  /** Namespace of the SealedSecret and of the Secret (a DNS-1123 label). */
  readonly namespace: string;
  /**
   * Where the Secret may be decrypted.
   * @default SealingScope.STRICT
   */
  readonly scope?: SealingScope;
  /** The Secret's values as raw bytes (not base64); at least one key. */
  readonly data: Readonly<Record<string, Uint8Array>>;
  /**
   * The Secret's type. Always written to the template, even when Opaque: kubeseal does the same
   * for a `kubectl create secret generic` input, and the manifest then states what it produces.
   * @default 'Opaque'
   */
  readonly type?: string;
  /** Whether the Secret is immutable. @default - not set */
  readonly immutable?: boolean;
  /** Labels of the SealedSecret itself. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the SealedSecret itself; the scope annotation is added to them. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Labels of the Secret the controller creates. */
  readonly templateLabels?: Readonly<Record<string, string>>;
  /**
   * Annotations of the Secret the controller creates. The scope annotation is added to them, as
   * kubeseal does (it seals a Secret already carrying it), so the unsealed Secret says how it
   * may be moved; the controller itself reads the scope from the SealedSecret's own metadata.
   */
  readonly templateAnnotations?: Readonly<Record<string, string>>;
  /**
   * The randomness for each value, e.g. derived from the master secret and the value, to make
   * the output repeatable.
   * @default - fresh random bytes per value, like kubeseal
   */
  readonly randomnessFor?: (key: string, value: Uint8Array) => SealingRandomness;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_SUBDOMAIN_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

/**
 * Seals `data` into a SealedSecret exactly as kubeseal would (same ciphertext format, label and
 * scope annotations), so the stock sealed-secrets controller turns it into the Secret.
 */
export function sealSecretManifest(options: SealSecretOptions): SealedSecretManifest {
  const { certificate, name, namespace, data } = options;
  const scope = options.scope ?? SealingScope.STRICT;
  validateName(name);
  validateNamespace(namespace);

  const keys = Object.keys(data).sort();
  if (keys.length === 0) {
    throw new Error(`sealed secret ${namespace}/${name} has no data: at least one key is required`);
  }
  keys.forEach((key) => validateSecretKey(key, `${namespace}/${name}`));

  const annotations = { ...options.annotations, ...scopeAnnotations(scope) };
  // The controller derives the label from these annotations; a user annotation that selects
  // another scope would make every value undecryptable.
  const effectiveScope = scopeFromAnnotations(annotations);
  if (effectiveScope !== scope) {
    throw new Error(`annotations of sealed secret ${namespace}/${name} select scope ${effectiveScope} but it is sealed with scope ${scope}: remove the sealedsecrets.bitnami.com/* scope annotation or change the scope`);
  }

  const label = sealingLabel(scope, namespace, name);
  // Sorted insertion keeps the output stable. (JS objects list integer-like keys such as "10"
  // first, in numeric order, whatever the insertion order; still deterministic.)
  const encryptedData: Record<string, string> = {};
  for (const key of keys) {
    const value = data[key];
    encryptedData[key] = sealValue(certificate, label, value, options.randomnessFor?.(key, value));
  }

  return {
    apiVersion: 'bitnami.com/v1alpha1',
    kind: 'SealedSecret',
    metadata: {
      name,
      namespace,
      ...nonEmpty('annotations', annotations),
      ...nonEmpty('labels', options.labels),
    },
    spec: {
      encryptedData,
      template: {
        metadata: {
          name,
          namespace,
          ...nonEmpty('labels', options.templateLabels),
          ...nonEmpty('annotations', { ...options.templateAnnotations, ...scopeAnnotations(scope) }),
        },
        type: options.type ?? 'Opaque',
        ...(options.immutable !== undefined ? { immutable: options.immutable } : {}),
      },
    },
  };
}

function validateName(name: string): void {
  if (name.length > MAX_SUBDOMAIN_LENGTH || !DNS1123_SUBDOMAIN.test(name)) {
    throw new Error(`invalid sealed secret name ${JSON.stringify(name)}: expected a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most ${MAX_SUBDOMAIN_LENGTH} characters)`);
  }
}

function validateNamespace(namespace: string): void {
  if (namespace.length > MAX_LABEL_LENGTH || !DNS1123_LABEL.test(namespace)) {
    throw new Error(`invalid namespace ${JSON.stringify(namespace)}: expected a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most ${MAX_LABEL_LENGTH} characters)`);
  }
}

/** Kubernetes' rules for Secret and ConfigMap keys (`IsConfigMapKey`). */
function validateSecretKey(key: string, secret: string): void {
  if (key.length > MAX_SUBDOMAIN_LENGTH || !SECRET_KEY.test(key) || key === '.' || key.startsWith('..')) {
    throw new Error(`invalid key ${JSON.stringify(key)} in sealed secret ${secret}: expected letters, digits, '-', '_' and '.' (not '.' and not starting with '..'), at most ${MAX_SUBDOMAIN_LENGTH} characters`);
  }
}

/** `{ [field]: {...record} }` when the record has entries, else `{}`, so empty maps are omitted. */
function nonEmpty<K extends string>(field: K, record: Readonly<Record<string, string>> | undefined): Partial<Record<K, Record<string, string>>> {
  if (!record || Object.keys(record).length === 0) {
    return {};
  }
  return { [field]: { ...record } } as Partial<Record<K, Record<string, string>>>;
}
