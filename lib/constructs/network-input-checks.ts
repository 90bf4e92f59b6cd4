import { parseGoDuration } from '../validation/go-duration';
import { validateNonNegativeInteger, validatePositiveInteger } from '../validation/integers';
import { resolveGrantServerEndpoint } from './grant-server-exposure';
import type { NetworkPairOptions } from './network-link';
import type { NetworkSiteProps } from './network-site';
import { LinkAccess } from './site';

// What an ApplicationNetwork checks when a site or link is declared, so that bad input fails at
// the call that made it rather than at build(). The grant server's exposure is checked by the
// GrantServer's own rule (resolveGrantServerEndpoint), named as the site's props name it.

/** Checks a site's props; `key` is `<cluster>/<site>`. */
export function validateSiteProps(key: string, props: NetworkSiteProps): void {
  for (const [what, value] of [['grantServerRotation', props.grantServerRotation], ['linkRotation', props.linkRotation]] as const) {
    if (value !== undefined) {
      validateNonNegativeInteger(`${what} of site "${key}"`, value);
    }
  }
  const host = props.grantServerHost;
  if (host === undefined) {
    const stray = (['grantServerExposure', 'grantServerPort', 'grantServerNodePort', 'grantServerIngressClassName', 'grantServerRotation',
      'grantServerKeyAlgorithm'] as const)
      .filter(prop => props[prop] !== undefined);
    if (stray.length > 0) {
      throw new Error(`site "${key}" sets ${stray.join(', ')} but no grantServerHost: set the host its grant server is reached at`);
    }
    return;
  }
  resolveGrantServerEndpoint(
    { host, exposure: props.grantServerExposure, port: props.grantServerPort, nodePort: props.grantServerNodePort },
    { site: `site "${key}"`, host: 'grantServerHost', exposure: 'grantServerExposure', port: 'grantServerPort', nodePort: 'grantServerNodePort' },
  );
  if (props.edge) {
    throw new Error(`site "${key}" is an edge site but declares grantServerHost "${host}": edge sites cannot accept links, ` +
      'so they run no grant server');
  }
  if (props.linkAccess === LinkAccess.NONE) {
    throw new Error(`site "${key}" declares grantServerHost "${host}" but linkAccess "none": it could never listen; ` +
      'set another linkAccess or drop the host');
  }
}

/** Checks a link's options; `where` names the link. */
export function validateLinkOptions(where: string, options: NetworkPairOptions): void {
  if (options.cost !== undefined) {
    validatePositiveInteger('cost', options.cost, where);
  }
  if (options.redemptionsAllowed !== undefined) {
    validatePositiveInteger('redemptionsAllowed', options.redemptionsAllowed, where);
  }
  if (options.expirationWindow !== undefined) {
    parseGoDuration(`expiration window of ${where}`, options.expirationWindow);
  }
  if (options.rotation !== undefined) {
    validateNonNegativeInteger(`rotation of ${where}`, options.rotation);
  }
}
