import { checkGrantServers, checkTokenReachability, httpsEndpoint } from '../../../../lib/commands/doctor/reachability-checks';
import { HandshakeTarget } from '../../../../lib/commands/cluster/tls-handshake';
import { grant, READY_GRANT_STATUS, READY_TOKEN_STATUS, token } from '../status/status-fixtures';

/** A handshake that succeeds for the given host:ports only, recording what it was asked. */
function fakeHandshake(reachable: string[]) {
  const targets: HandshakeTarget[] = [];
  const handshake = async (target: HandshakeTarget) => {
    targets.push(target);
    return reachable.includes(`${target.host}:${target.port}`) ? { ok: true as const } : { ok: false as const, reason: 'connect ECONNREFUSED' };
  };
  return { targets, handshake };
}

test('https endpoints: host and port (443 by default), IPv6 brackets stripped; other URLs are refused', () => {
  expect(httpsEndpoint('https://grants.example.com/ns/g')).toEqual({ host: 'grants.example.com', port: 443 });
  expect(httpsEndpoint('https://[::1]:8443/ns/g')).toEqual({ host: '::1', port: 8443 });
  expect(httpsEndpoint('http://grants.example.com/ns/g')).toBe('"http://grants.example.com/ns/g" is not an https URL');
  expect(httpsEndpoint('grants')).toBe('"grants" is not a URL');
});

test('grant servers: one check per endpoint, without a CA; grants without status.url are skipped', async () => {
  const { targets, handshake } = fakeHandshake(['grants.west.example.com:8443']);
  const grants = [
    grant('west', 'b', READY_GRANT_STATUS),
    grant('west', 'a', READY_GRANT_STATUS),
    grant('north', 'c', { ...READY_GRANT_STATUS, url: 'https://10.0.0.9:9443/north/c' }),
    grant('west', 'unseen'),
  ];
  expect(await checkGrantServers('west', grants, handshake)).toEqual([
    {
      context: 'west', check: 'grant server 10.0.0.9:9443', outcome: 'FAIL', detail: 'no TLS 1.3 handshake from here: connect ECONNREFUSED (LinkGrant north/c)',
      hint: expect.stringContaining('the connecting sites must reach it'),
    },
    { context: 'west', check: 'grant server grants.west.example.com:8443', outcome: 'OK', detail: 'TLS 1.3 handshake completed (LinkGrant west/a, west/b)' },
  ]);
  expect(targets.map((t) => t.ca)).toEqual([undefined, undefined]);
});

test('tokens: a handshake trusting only spec.ca; FAIL when unreachable, WARN once redeemed', async () => {
  const { targets, handshake } = fakeHandshake(['127.0.0.1:8443']);
  const tokens = [
    token('east', 'reachable', undefined, 'https://127.0.0.1:8443/west/g'),
    token('east', 'unreachable', undefined, 'https://127.0.0.1:9443/west/g'),
    token('east', 'done', READY_TOKEN_STATUS, 'https://127.0.0.1:9443/west/g'),
  ];
  const results = await checkTokenReachability('east', tokens, handshake);
  expect(results.map((r) => [r.check, r.outcome, r.detail])).toEqual([
    ['LinkToken east/done', 'WARN', 'no trusted TLS 1.3 handshake with 127.0.0.1:9443: connect ECONNREFUSED (already redeemed, so it no longer needs the grant server)'],
    ['LinkToken east/reachable', 'OK', 'TLS 1.3 handshake with 127.0.0.1:8443 completed, certificate trusted by spec.ca'],
    ['LinkToken east/unreachable', 'FAIL', 'no trusted TLS 1.3 handshake with 127.0.0.1:9443: connect ECONNREFUSED'],
  ]);
  expect(targets.every((t) => t.ca === tokens[0].spec.ca)).toBe(true);
});

test('tokens without a usable URL or CA fail without a handshake', async () => {
  const { targets, handshake } = fakeHandshake([]);
  const noCa = token('east', 'no-ca');
  const results = await checkTokenReachability('east', [{ ...noCa, spec: { ...noCa.spec, ca: 'garbage' } }, token('east', 'http', undefined, 'http://x/ns/g')], handshake);
  expect(results.map((r) => [r.check, r.outcome, r.detail])).toEqual([
    ['LinkToken east/http', 'FAIL', 'spec.url "http://x/ns/g" is not an https URL'],
    ['LinkToken east/no-ca', 'FAIL', 'spec.ca is not a PEM certificate, so grants.west.example.com:8443 cannot be trusted'],
  ]);
  expect(targets).toEqual([]);
});
