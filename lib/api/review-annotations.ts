import * as crypto from 'crypto';

// Non-secret notes the constructs write on what they synthesize so that `cdk8s-skupper review` can
// say what a diff means (a code rotated, or only re-sealed; a grant server re-keyed) without any key.

/** On a SealedSecret: the sealing certificate it was sealed for, as {@link certificateFingerprint}. */
export const SEALED_FOR_ANNOTATION = 'cdk8s-skupper.io/sealed-for';

/**
 * On a SealedSecret, one per data key (`fingerprints.cdk8s-skupper.io/<key>`): a keyed HMAC of the
 * value, derived from the master secret, so it changes exactly when the value does and equal values
 * (a grant's code and its token's) have equal fingerprints, yet it cannot be tested against guesses.
 */
export const VALUE_FINGERPRINT_PREFIX = 'fingerprints.cdk8s-skupper.io/';

/** On a code or TLS SealedSecret: the rotation input its values derive from. */
export const ROTATION_ANNOTATION = 'cdk8s-skupper.io/rotation';

/**
 * On a LinkToken: the CA it trusts; on a grant server's TLS SealedSecret: the CA it serves with.
 * Equal values pair a token with its grant server.
 */
export const CA_FINGERPRINT_ANNOTATION = 'cdk8s-skupper.io/ca-fingerprint';

/** `sha256:<hex>` of a PEM certificate's DER, as `openssl x509 -fingerprint -sha256` (lower case, no colons). */
export function certificateFingerprint(pem: string): string {
  return `sha256:${new crypto.X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase()}`;
}

/** The first 16 hex digits of a fingerprint, for messages. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.replace(/^sha256:/, '').slice(0, 16);
}
