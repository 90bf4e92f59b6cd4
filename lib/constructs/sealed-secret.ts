import * as crypto from 'crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SEALED_FOR_ANNOTATION, VALUE_FINGERPRINT_PREFIX } from '../api/review-annotations';
import { sealSecretManifest } from '../sealing/sealed-secret-manifest';
import { SealingRandomness } from '../sealing/seal-value';
import { SealingScope, sealingLabel } from '../sealing/sealing-scope';
import type { MasterSecret } from '../secrets/master-secret';
import { Cluster } from './cluster';

/** Properties of a {@link SealedSecret}. */
export interface SealedSecretProps {
  /** The name of the Secret (and of the SealedSecret). */
  readonly name: string;
  /** The namespace of the Secret. */
  readonly namespace: string;
  /** The Secret's data; only ever written sealed. */
  readonly data: Record<string, Uint8Array>;
  /**
   * The Secret's type.
   * @default Opaque
   */
  readonly type?: string;
  /**
   * Who may unseal it: the Secret's exact name and namespace, any name in the namespace, or anywhere.
   * @default SealingScope.STRICT
   */
  readonly scope?: SealingScope;
  /**
   * Labels of the Secret (and the SealedSecret).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the SealedSecret (not of the Secret), e.g. review notes such as the rotation
   * input; the sealing certificate and a keyed fingerprint of each value are always added.
   * @default - only those
   */
  readonly annotations?: Record<string, string>;
}

/**
 * A Bitnami SealedSecret sealed for the cluster of its scope, byte-for-byte as kubeseal seals.
 *
 * Its randomness (session key and OAEP seed) is derived from the master secret, the sealing
 * certificate, the scope label, the key and a hash of the value, so unchanged inputs give an
 * unchanged file, while anyone without the master secret still cannot predict or test a guess
 * against the ciphertext.
 */
export class SealedSecret extends Construct {
  /** The SealedSecret object. */
  public readonly apiObject: ApiObject;
  /** The name of the Secret. */
  public readonly name: string;
  private readonly plaintext: Record<string, Uint8Array>;

  public constructor(scope: Construct, id: string, props: SealedSecretProps) {
    super(scope, id);
    const cluster = Cluster.of(this);
    const sealingScope = props.scope ?? SealingScope.STRICT;
    const label = sealingLabel(sealingScope, props.namespace, props.name);
    const randomnessFor = (key: string, value: Uint8Array): SealingRandomness => {
      const valueHash = crypto.hash('sha256', value, 'hex');
      return (purpose, length) => cluster.masterSecret.derive(`sealing/${purpose}`,
        [cluster.sealingCertificate.fingerprint, label, key, valueHash], length);
    };
    const manifest = sealSecretManifest({
      certificate: cluster.sealingCertificate,
      name: props.name,
      namespace: props.namespace,
      scope: sealingScope,
      data: props.data,
      type: props.type,
      labels: props.labels,
      annotations: { ...props.annotations, ...reviewAnnotations(cluster, props.data) },
      templateLabels: props.labels,
      randomnessFor,
    });
    this.name = props.name;
    this.plaintext = props.data;
    this.apiObject = new ApiObject(this, 'Resource', manifest);
  }

  /**
   * The plaintext this SealedSecret seals, to verify what a cluster unsealed. Secret: never log
   * it or write it anywhere.
   */
  public unsealedData(): Record<string, Buffer> {
    return Object.fromEntries(Object.entries(this.plaintext).map(([key, value]) => [key, Buffer.from(value)]));
  }
}

/**
 * What `cdk8s-skupper review` needs to tell a rotated value from a re-sealed one: the sealing
 * certificate, and per key an HMAC of the value under a key derived from the master secret (the
 * same for every cluster, so a grant's code and its token's match; without the master secret it
 * cannot be tested against guesses).
 */
function reviewAnnotations(cluster: Cluster, data: Record<string, Uint8Array>): Record<string, string> {
  const key = fingerprintKey(cluster.masterSecret);
  const fingerprints = Object.keys(data).sort().map((name) =>
    [`${VALUE_FINGERPRINT_PREFIX}${name}`, crypto.createHmac('sha256', key).update(data[name]).digest('hex').slice(0, 16)]);
  return { [SEALED_FOR_ANNOTATION]: `sha256:${cluster.sealingCertificate.fingerprint}`, ...Object.fromEntries(fingerprints) };
}

/** The review fingerprint key of each master secret, derived once rather than per SealedSecret. */
const fingerprintKeys = new WeakMap<MasterSecret, Buffer>();
function fingerprintKey(masterSecret: MasterSecret): Buffer {
  let key = fingerprintKeys.get(masterSecret);
  if (key === undefined) {
    key = masterSecret.derive('review/value-fingerprint', [], 32);
    fingerprintKeys.set(masterSecret, key);
  }
  return key;
}
