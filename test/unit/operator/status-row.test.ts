import { grantRow, linkRow, sortRows, tokenRow } from '../../../lib/operator/status-row';
import { condition, grant, link, NOW, READY_GRANT_STATUS, READY_LINK_STATUS, READY_TOKEN_STATUS, token } from './status-fixtures';

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

test('rows sort by context as given, then namespace, kind (grants, tokens, Links) and name', () => {
  const rows = [
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
    'east a LinkToken b',
    'east a LinkToken y',
    'east a Link a',
  ]);
});
