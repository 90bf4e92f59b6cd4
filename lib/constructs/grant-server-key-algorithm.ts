import { isRsaKeyPairCached } from '../pki/deterministic-rsa';
import { validateOneOf } from '../validation/one-of';

/** The key type of a grant server's CA and TLS key. */
export enum GrantServerKeyAlgorithm {
  /**
   * Ed25519 (RFC 8410): each key is 32 bytes derived from the master secret, made natively in
   * microseconds; its signatures are deterministic, so the certificates are byte-identical across
   * synths with no key cache. Redeemers need TLS 1.3 or 1.2 with Ed25519 support: ours (Node) and
   * Skupper's (Go) both have it.
   */
  ED25519 = 'Ed25519',
  /**
   * RSA 2048 with SHA-256 signatures, for a policy that requires RSA, or to keep the keys of a grant
   * server synthesized before Ed25519 became the default (earlier versions made only these).
   * Deriving each key from the master secret is pure JavaScript (0.3-6 s a key), so derived keys
   * are cached in the cluster's `keyCacheDir`.
   */
  RSA_2048 = 'RSA-2048',
}

/**
 * The key algorithm to use: the one given, else Ed25519, unless the RSA CA key of this very grant
 * server (same cluster, namespace and rotation) is in the key cache, i.e. this project synthesized
 * it with RSA before: then switching would rotate its keys and every token of the site, which must
 * be a choice, not a side effect of an upgrade.
 */
export function resolveKeyAlgorithm(given: GrantServerKeyAlgorithm | undefined, site: string, rsaCaSeed: Buffer,
  keyCacheDir: string): GrantServerKeyAlgorithm {
  if (given !== undefined) {
    return validateOneOf('grant server key algorithm', given, GrantServerKeyAlgorithm);
  }
  if (isRsaKeyPairCached(rsaCaSeed, keyCacheDir)) {
    throw new Error(`the grant server of site "${site}" has RSA keys from an earlier synth (cached in ${keyCacheDir}), and the ` +
      'default key algorithm is now Ed25519: switching rotates its CA and TLS key, and so every token of the site. Choose: ' +
      'keyAlgorithm: GrantServerKeyAlgorithm.RSA_2048 keeps the keys, GrantServerKeyAlgorithm.ED25519 rotates them ' +
      '(in an ApplicationNetwork: grantServerKeyAlgorithm on the site, or on the network for all sites)');
  }
  return GrantServerKeyAlgorithm.ED25519;
}
