// Defaults shared by what we synthesize and what runs in the cluster: the constructs leave a field
// out of a LinkGrant or LinkToken when it equals the default, so both sides must read the same value.

/** Redemptions a LinkGrant allows when `spec.redemptionsAllowed` is absent. */
export const DEFAULT_REDEMPTIONS_ALLOWED = 1;

/** How long a LinkGrant stays redeemable when `spec.expirationWindow` is absent (a Go duration). */
export const DEFAULT_EXPIRATION_WINDOW = '15m';

/** The key of the code in the Secret a LinkGrant or LinkToken names, when its ref has no `key`. */
export const DEFAULT_CODE_KEY = 'code';

/** The Secret whose CA signs redeemed client certificates, when a LinkGrant names no `issuer`. */
export const DEFAULT_ISSUER = 'skupper-site-ca';

/** The port the grant server listens on for redemptions. */
export const DEFAULT_GRANT_SERVER_PORT = 9090;

/** The port of the runtime's /metrics, /healthz and /readyz. */
export const RUNTIME_METRICS_PORT = 9191;
