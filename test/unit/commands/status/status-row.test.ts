import { connectorRow, grantRow, linkRow, listenerRow, sortRows, tokenRow } from '../../../../lib/commands/status/status-row';
import {
  condition, connector, grant, link, listener, NOW, READY_GRANT_STATUS, READY_LINK_STATUS, READY_LISTENER_STATUS, READY_TOKEN_STATUS, token,
  UNMATCHED_CONNECTOR_STATUS,
} from './status-fixtures';

describe('grant rows', () => {
  test('show the grant server\'s status, redemptions made/allowed and the expiration time', () => {
    expect(grantRow('west', grant('west', 'grant-west', READY_GRANT_STATUS, 2), NOW)).toEqual({
      context: 'west', namespace: 'west', kind: 'LinkGrant', name: 'grant-west', status: 'Ready', ready: true,
      redemptions: { made: 1, allowed: 2 }, expires: '2026-05-01T12:25:00Z', message: 'OK',
    });
  });

  test('Error and Pending fail; Exhausted and Expired are a grant\'s normal end states and do not', () => {
    for (const [status, ready] of [['Error', false], ['Pending', false], ['Exhausted', true], ['Expired', true]] as const) {
      const row = grantRow('west', grant('west', 'g', { ...READY_GRANT_STATUS, status, message: `${status} because` }), NOW);
      expect(row).toMatchObject({ status, ready, message: `${status} because` });
    }
  });

  test('without a status: Pending, 0 of the CRD default 1 redemptions, a message saying who is missing', () => {
    expect(grantRow('west', grant('west', 'g'), NOW)).toMatchObject({
      status: 'Pending', ready: false, redemptions: { made: 0, allowed: 1 }, expires: undefined,
      message: 'No status yet: is the grant server of this site running?',
    });
  });

  test('a grant still reported Ready after its expiration time shows as Expired', () => {
    const row = grantRow('west', grant('west', 'g', { ...READY_GRANT_STATUS, expirationTime: '2026-05-01T11:59:59Z' }), NOW);
    expect(row).toMatchObject({ status: 'Expired', ready: true });
    expect(row.message).toBe('Expired at 2026-05-01T11:59:59Z, though the status still says Ready: is the grant server of this site running?');
  });
});

describe('token rows', () => {
  test('show the redeemer\'s status and the remote site; only Ready counts as Ready', () => {
    expect(tokenRow('east', token('east', 'token-to-west', READY_TOKEN_STATUS))).toEqual({
      context: 'east', namespace: 'east', kind: 'LinkToken', name: 'token-to-west', status: 'Ready', ready: true, remoteSite: 'west', message: 'OK',
    });
    const redeemed = tokenRow('east', token('east', 't', { ...READY_TOKEN_STATUS, status: 'Redeemed', message: 'Link t is not configured yet' }));
    expect(redeemed).toMatchObject({ status: 'Redeemed', ready: false, message: 'Link t is not configured yet' });
    expect(tokenRow('east', token('east', 't'))).toMatchObject({ status: 'Pending', ready: false, message: 'No status yet: is the redeemer of this site running?' });
  });
});

describe('Link rows', () => {
  test('Ready only with the Ready condition True; the remote site from status.remoteSiteName', () => {
    expect(linkRow('east', link('east', 'token-to-west', READY_LINK_STATUS))).toEqual({
      context: 'east', namespace: 'east', kind: 'Link', name: 'token-to-west', status: 'Ready', ready: true, remoteSite: 'west', message: 'OK',
    });
  });

  test('status Ready without a True Ready condition is Pending; Error stays Error', () => {
    const notOperational = link('east', 'l', {
      status: 'Ready', remoteSiteName: 'west',
      conditions: [condition('Configured', 'True', 'Ready'), condition('Ready', 'False', 'Pending', 'Not operational yet')],
    });
    expect(linkRow('east', notOperational)).toMatchObject({ status: 'Pending', ready: false, message: 'Not operational yet' });
    const failed = link('east', 'l', { status: 'Error', message: 'TLS credentials secret "l" not found', conditions: [condition('Configured', 'False', 'Error')] });
    expect(linkRow('east', failed)).toMatchObject({ status: 'Error', ready: false, message: 'TLS credentials secret "l" not found' });
    expect(linkRow('east', link('east', 'l'))).toMatchObject({ status: 'Pending', ready: false, message: 'No status yet: is the Skupper controller of this site running?' });
  });
});

describe('Listener and Connector rows', () => {
  test('Ready with Skupper\'s Ready condition True (Configured and Matched); the message names the routing key and both conditions', () => {
    expect(listenerRow('east', listener('east', 'backend', READY_LISTENER_STATUS))).toEqual({
      context: 'east', namespace: 'east', kind: 'Listener', name: 'backend', status: 'Ready', ready: true,
      service: { routingKey: 'backend', configured: true, matched: true }, message: 'routing key backend: Configured, Matched',
    });
  });

  test('Configured but no peer with the routing key anywhere: Pending, with Skupper\'s message', () => {
    expect(connectorRow('west', connector('west', 'backend', UNMATCHED_CONNECTOR_STATUS))).toEqual({
      context: 'west', namespace: 'west', kind: 'Connector', name: 'backend', status: 'Pending', ready: false,
      service: { routingKey: 'backend', configured: true, matched: false },
      message: 'routing key backend: Configured, not Matched: No matching listeners',
    });
  });

  test('an Error stays an Error; before Skupper\'s first Matched update the hasMatching* boolean says it', () => {
    const clash = listener('east', 'backend', {
      status: 'Error', message: 'Service backend already exists in namespace', hasMatchingConnector: true,
      conditions: [condition('Configured', 'False', 'Error', 'Service backend already exists in namespace'), condition('Ready', 'False', 'Error')],
    });
    expect(listenerRow('east', clash)).toMatchObject({
      status: 'Error', ready: false, service: { configured: false, matched: true },
      message: 'routing key backend: not Configured, Matched: Service backend already exists in namespace',
    });
    const onlyBoolean = connector('west', 'backend', { hasMatchingListener: true, conditions: [condition('Configured', 'True', 'Ready')] });
    expect(connectorRow('west', onlyBoolean)).toMatchObject({ status: 'Pending', ready: false, service: { configured: true, matched: true } });
  });

  test('without a status: Pending, saying who is missing', () => {
    expect(connectorRow('west', connector('west', 'backend'))).toMatchObject({
      status: 'Pending', ready: false, service: { routingKey: 'backend', configured: false, matched: false },
      message: 'routing key backend: No status yet: is the Skupper controller of this site running?',
    });
  });
});

test('rows sort by context as given, then namespace, kind (grants, tokens, Links, Listeners, Connectors) and name', () => {
  const rows = [
    connectorRow('west', connector('b', 'a')),
    listenerRow('west', listener('b', 'b')),
    linkRow('west', link('b', 'x')),
    tokenRow('east', token('a', 'y')),
    grantRow('west', grant('b', 'z'), NOW),
    linkRow('east', link('a', 'a')),
    grantRow('west', grant('a', 'q'), NOW),
    tokenRow('east', token('a', 'b')),
  ];
  const order = sortRows(rows, ['west', 'east']).map((r) => `${r.context} ${r.namespace} ${r.kind} ${r.name}`);
  expect(order).toEqual([
    'west a LinkGrant q',
    'west b LinkGrant z',
    'west b Link x',
    'west b Listener b',
    'west b Connector a',
    'east a LinkToken b',
    'east a LinkToken y',
    'east a Link a',
  ]);
});
