import { Construct } from 'constructs';
import * as api from '../../imports/cdk8s-skupper-cdk8s-skupper.io';
import { AccessTokenDocument, accessTokenDocument } from '../api/access-token';
import { validatePositiveInteger } from '../validation/integers';
import { validateDnsSubdomain } from '../validation/kubernetes-names';
import { validateLabelValueName } from '../validation/label-value';
import { CA_FINGERPRINT_ANNOTATION, ROTATION_ANNOTATION } from '../api/review-annotations';
import { PART_OF_LABELS, TOKEN_LABEL } from './labels';
import { CODE_SECRET_KEY, LinkGrant } from './link-grant';
import { SealedSecret } from './sealed-secret';
import { Site } from './site';
import { TokenRedeemer } from './token-redeemer';

// Exported from here since the first release; the `token export` command makes the same document.
export type { AccessTokenDocument };

/** Properties of a {@link LinkToken}. */
export interface LinkTokenProps {
  /**
   * The token's name; also the name of the Secret and Link(s) its redemption creates. A DNS-1123
   * subdomain of at most 63 characters, since it is also a label value.
   */
  readonly name: string;
  /** The grant this token redeems. */
  readonly grant: LinkGrant;
  /**
   * The cost of the link.
   * @default - Skupper's default (1)
   */
  readonly cost?: number;
}

/**
 * A token on a connecting Site: a `LinkToken` (cdk8s-skupper.io) holding the non-secret part
 * (URL, CA, cost, remote site) and a SealedSecret holding the code. The site's TokenRedeemer
 * (added when missing) redeems it.
 */
export class LinkToken extends Construct {
  /** The token's name. */
  public readonly name: string;
  /** The connecting site. */
  public readonly site: Site;
  /** The grant it redeems. */
  public readonly grant: LinkGrant;
  /** The link cost, if set. */
  public readonly cost?: number;

  public constructor(scope: Site, id: string, props: LinkTokenProps) {
    const name = validateLabelValueName('token name', validateDnsSubdomain('token name', props.name), TOKEN_LABEL);
    if (props.cost !== undefined) {
      validatePositiveInteger('cost', props.cost, `token "${name}"`);
    }
    if (!scope.claimName('token', name)) {
      throw new Error(`site "${scope.name}" already has a token named "${name}": token names must be unique per site ` +
        '(the token name is also the name of the Link and Secret it creates)');
    }
    if (scope === props.grant.site) {
      throw new Error(`token "${name}" would link site "${scope.name}" to itself: a token must be on another site than its grant`);
    }
    super(scope, id);
    this.name = name;
    this.site = scope;
    this.grant = props.grant;
    this.cost = props.cost;
    const codeSecretName = `${name}-code`;

    new SealedSecret(this, 'CodeSecret', {
      name: codeSecretName,
      namespace: scope.namespace,
      data: { [CODE_SECRET_KEY]: Buffer.from(props.grant.code()) },
      labels: { ...PART_OF_LABELS, [TOKEN_LABEL]: name },
      annotations: { [ROTATION_ANNOTATION]: String(props.grant.rotation) },
    });
    new api.LinkToken(this, 'Resource', {
      metadata: {
        name,
        namespace: scope.namespace,
        labels: { ...PART_OF_LABELS },
        annotations: { [CA_FINGERPRINT_ANNOTATION]: props.grant.grantServer.caFingerprint },
      },
      spec: {
        url: props.grant.url,
        ca: props.grant.grantServer.caCertificatePem,
        codeSecretRef: { name: codeSecretName, key: CODE_SECRET_KEY },
        linkCost: props.cost,
        remoteSite: props.grant.site.name,
      },
    });
    const redeemer = TokenRedeemer.of(scope);
    redeemer.allowSecretRead(codeSecretName);
    redeemer.allowSecretRead(name);
  }

  /**
   * The same token as a stock Skupper AccessToken, for `kubectl apply` on a site run by the
   * Skupper controller alone. It contains the code: never write it into synthesized output.
   */
  public toAccessToken(): AccessTokenDocument {
    return accessTokenDocument({
      name: this.name, url: this.grant.url, ca: this.grant.grantServer.caCertificatePem, code: this.grant.code(), linkCost: this.cost,
    });
  }
}
