/** Where a sealed-secrets controller runs: its Service/Deployment name and namespace. */
export interface SealedSecretsControllerRef {
  readonly name: string;
  readonly namespace: string;
}

/** kubeseal's defaults (--controller-name, --controller-namespace): the upstream controller.yaml install. */
export const DEFAULT_SEALED_SECRETS_CONTROLLER: SealedSecretsControllerRef = { name: 'sealed-secrets-controller', namespace: 'kube-system' };

/** The label of the controller's key Secrets that are in use (relabelling one retires it). */
export const ACTIVE_SEALING_KEY_LABEL = 'sealedsecrets.bitnami.com/sealed-secrets-key=active';

/** The controller's HTTP path serving the newest key's certificate. */
export const CERTIFICATE_PATH = '/v1/cert.pem';

/** What to try when the controller is not where we looked; shared by fetch-cert and doctor. */
export const CONTROLLER_LOCATION_HINT = 'if the controller is installed elsewhere, pass --controller-name and --controller-namespace ' +
  '(the Helm chart names it after its release, e.g. sealed-secrets)';
