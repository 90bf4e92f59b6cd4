import { Construct } from 'constructs';
import * as api from '../../imports/cdk8s-skupper-cdk8s-skupper.io';
import { DEFAULT_CODE_KEY, DEFAULT_EXPIRATION_WINDOW, DEFAULT_ISSUER, DEFAULT_REDEMPTIONS_ALLOWED } from '../api/defaults';
import { ROTATION_ANNOTATION } from '../api/review-annotations';
import { deriveGrantCode } from '../secrets/grant-code';
import { parseGoDuration } from '../validation/go-duration';
import { validatePositiveInteger } from '../validation/integers';
import { validateDnsSubdomain } from '../validation/kubernetes-names';
import { validateLabelValueName } from '../validation/label-value';
import { GrantServer } from './grant-server';
import { GRANT_LABEL, PART_OF_LABELS } from './labels';
import { SealedSecret } from './sealed-secret';
import { LinkAccess, Site } from './site';

/** The key of the grant code in its Secret. */
export const CODE_SECRET_KEY = DEFAULT_CODE_KEY;

/** Properties of a {@link LinkGrant}. */
export interface LinkGrantProps {
  /**
   * The grant's name; part of the token URL `https://<host>:<port>/<namespace>/<name>`. A DNS-1123
   * subdomain of at most 63 characters, since it is also a label value.
   */
  readonly name: string;
  /**
   * How many times tokens for this grant may be redeemed.
   * @default 1
   */
  readonly redemptionsAllowed?: number;
  /**
   * How long the grant stays redeemable once the grant server first sees it, as a Go duration.
   * @default 15m
   */
  readonly expirationWindow?: string;
  /**
   * The Secret holding the CA that signs the issued client certificates.
   * @default skupper-site-ca
   */
  readonly issuer?: string;
  /**
   * Bump to rotate the grant's code (and so the tokens made from it).
   * @default 0
   */
  readonly rotation?: number;
}

/**
 * Permission for remote sites to link to a listening Site: a `LinkGrant` (cdk8s-skupper.io) and
 * its code in a SealedSecret. The site's GrantServer redeems it.
 */
export class LinkGrant extends Construct {
  /** The grant's name. */
  public readonly name: string;
  /** The listening site. */
  public readonly site: Site;
  /** The grant server that redeems it. */
  public readonly grantServer: GrantServer;
  /** The URL tokens for this grant are redeemed at. */
  public readonly url: string;
  /** The Secret holding the code. */
  public readonly codeSecretName: string;
  /** The rotation input of its code. */
  public readonly rotation: number;
  private readonly codeContext: readonly string[];

  public constructor(scope: Site, id: string, props: LinkGrantProps) {
    const name = validateLabelValueName('grant name', validateDnsSubdomain('grant name', props.name), GRANT_LABEL);
    if (scope.edge) {
      throw new Error(`site "${scope.name}" is an edge site and cannot listen for links: grant "${name}" must be on a non-edge site`);
    }
    if (scope.linkAccess === LinkAccess.NONE) {
      throw new Error(`site "${scope.name}" has linkAccess "none" and cannot listen for links: set linkAccess (for example ` +
        `LinkAccess.DEFAULT) to grant "${name}"`);
    }
    const grantServer = GrantServer.tryOf(scope);
    if (!grantServer) {
      throw new Error(`site "${scope.name}" has no grant server to redeem grant "${name}": add one with ` +
        'new GrantServer(site, \'GrantServer\', { host })');
    }
    const redemptionsAllowed = validatePositiveInteger('redemptionsAllowed', props.redemptionsAllowed ?? DEFAULT_REDEMPTIONS_ALLOWED,
      `grant "${name}"`);
    const expirationWindow = props.expirationWindow ?? DEFAULT_EXPIRATION_WINDOW;
    parseGoDuration(`expiration window of grant "${name}"`, expirationWindow);
    const issuer = validateDnsSubdomain(`issuer of grant "${name}"`, props.issuer ?? DEFAULT_ISSUER);
    if (!scope.claimName('grant', name)) {
      throw new Error(`site "${scope.name}" already has a grant named "${name}": grant names must be unique per site`);
    }
    super(scope, id);
    this.name = name;
    this.site = scope;
    this.grantServer = grantServer;
    this.url = grantServer.urlFor(name);
    this.codeSecretName = `${name}-code`;
    this.rotation = props.rotation ?? 0;
    this.codeContext = [scope.cluster.name, scope.namespace, name, `rotation=${this.rotation}`];

    new SealedSecret(this, 'CodeSecret', {
      name: this.codeSecretName,
      namespace: scope.namespace,
      data: { [CODE_SECRET_KEY]: Buffer.from(this.code()) },
      labels: { ...PART_OF_LABELS, [GRANT_LABEL]: name },
      annotations: { [ROTATION_ANNOTATION]: String(this.rotation) },
    });
    new api.LinkGrant(this, 'Resource', {
      metadata: { name, namespace: scope.namespace, labels: { ...PART_OF_LABELS } },
      spec: {
        redemptionsAllowed,
        expirationWindow,
        issuer,
        codeSecretRef: { name: this.codeSecretName, key: CODE_SECRET_KEY },
      },
    });
    grantServer.allowSecretRead(this.codeSecretName);
    grantServer.allowSecretRead(issuer);
  }

  /**
   * The grant's code, for sealing into the matching token. Secret: never log it or write it
   * anywhere but a SealedSecret.
   */
  public code(): string {
    let code = codes.get(this);
    if (code === undefined) {
      code = deriveGrantCode(this.site.cluster.masterSecret, this.codeContext);
      codes.set(this, code);
    }
    return code;
  }
}

/**
 * Each grant's code, derived once: its own SealedSecret and its token's both need it. Kept out of
 * the construct's fields, so that printing a construct never shows a code.
 */
const codes = new WeakMap<LinkGrant, string>();
