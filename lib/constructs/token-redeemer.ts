import { Construct } from 'constructs';
import { RUNTIME_METRICS_PORT } from '../api/defaults';
import { DEFAULT_RUNTIME_IMAGE, RuntimeWorkload } from './runtime-workload';
import { Site } from './site';

/** Properties of a {@link TokenRedeemer}. */
export interface TokenRedeemerProps {
  /**
   * The runtime image.
   * @default DEFAULT_RUNTIME_IMAGE
   */
  readonly image?: string;
}

const NAME = 'cdk8s-skupper-redeemer';

/**
 * What a connecting site runs: the runtime in `redeemer` mode (Deployment, ServiceAccount,
 * least-privilege Role). It redeems each LinkToken of its namespace once, creates the Secret and
 * Link(s) owned by the Site, and reports the Link's state on the LinkToken.
 * LinkTokens add one to their site when it has none.
 */
export class TokenRedeemer extends Construct {
  /** The site's token redeemer, created with default properties when the site has none. */
  public static of(site: Site): TokenRedeemer {
    return (site.node.tryFindChild('TokenRedeemer') as TokenRedeemer | undefined) ?? new TokenRedeemer(site, 'TokenRedeemer');
  }

  /** The site whose tokens it redeems. */
  public readonly site: Site;
  private readonly readableSecrets = new Set<string>();

  public constructor(scope: Site, id: string, props: TokenRedeemerProps = {}) {
    if (id !== 'TokenRedeemer') {
      throw new Error(`the token redeemer of site "${scope.name}" must have the id "TokenRedeemer", got "${id}"`);
    }
    super(scope, id);
    this.site = scope;
    const labels = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'cdk8s-skupper' };
    new RuntimeWorkload(this, 'Resource', {
      name: NAME,
      namespace: scope.namespace,
      image: props.image ?? DEFAULT_RUNTIME_IMAGE,
      selectorLabels: labels,
      args: ['redeemer', `--metrics-address=:${RUNTIME_METRICS_PORT}`],
      rules: [
        { apiGroups: ['cdk8s-skupper.io'], resources: ['linktokens'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['cdk8s-skupper.io'], resources: ['linktokens/status'], verbs: ['get', 'update', 'patch'] },
        // The Site owns what a redemption creates, and its UID is the certificate subject.
        { apiGroups: ['skupper.io'], resources: ['sites'], verbs: ['get', 'list', 'watch'] },
        // patch: the redeemer touches a new Link once Skupper 2.2.1 has left it unconfigured (link-nudge.ts).
        { apiGroups: ['skupper.io'], resources: ['links'], verbs: ['get', 'list', 'watch', 'create', 'patch'] },
        // Create cannot be limited by name (the name is in the body); reads are limited to the
        // tokens' codes and the Secrets the tokens create.
        { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: () => [...this.readableSecrets] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
    });
  }

  /** Lets the redeemer read the Secret `name` (a token's code, or the Secret a token creates). */
  public allowSecretRead(name: string): void {
    this.readableSecrets.add(name);
  }
}
