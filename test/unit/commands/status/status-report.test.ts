import type { ContextStatus } from '../../../../lib/commands/status/status-collector';
import { renderStatusJson, renderStatusTable, statusExitCode, statusReport, statusSummary } from '../../../../lib/commands/status/status-report';
import { connectorRow, grantRow, linkRow, listenerRow, tokenRow } from '../../../../lib/commands/status/status-row';
import { renderTable } from '../../../../lib/commands/status/text-table';
import {
  connector, grant, link, listener, NOW, READY_GRANT_STATUS, READY_LINK_STATUS, READY_LISTENER_STATUS, READY_TOKEN_STATUS, token,
  UNMATCHED_CONNECTOR_STATUS,
} from './status-fixtures';

const west: ContextStatus = { context: 'west', rows: [grantRow('west', grant('west', 'grant-west', READY_GRANT_STATUS, 2), NOW)], warnings: [] };
const east: ContextStatus = {
  context: 'east',
  rows: [linkRow('east', link('east', 'token-to-west', READY_LINK_STATUS)), tokenRow('east', token('east', 'token-to-west', READY_TOKEN_STATUS))],
  warnings: [],
};

test('one table across contexts, columns aligned, empty cells as "-", the message last', () => {
  expect(renderStatusTable(statusReport([west, east]).rows)).toBe([
    'CONTEXT   NAMESPACE   KIND        NAME            STATUS   REMOTE SITE   REDEMPTIONS   EXPIRES                MESSAGE',
    'west      west        LinkGrant   grant-west      Ready    -             1/2           2026-05-01T12:25:00Z   OK',
    'east      east        LinkToken   token-to-west   Ready    west          -             -                      OK',
    'east      east        Link        token-to-west   Ready    west          -             -                      OK',
    '',
  ].join('\n'));
});

test('cells from the cluster are kept to one line without control characters', () => {
  expect(renderTable(['A', 'B'], [['x\ny', 'evil\u001b[31mred\r\nnext']])).toBe('A     B\nx y   evil [31mred next\n');
});

test('exit code 0 only when everything is Ready (nothing at all counts as Ready)', () => {
  const report = statusReport([west, east]);
  expect(statusExitCode(report)).toBe(0);
  expect(statusSummary(report)).toBe('all 3 objects are Ready\n');
  const empty = statusReport([{ context: 'west', rows: [], warnings: [] }]);
  expect(statusExitCode(empty)).toBe(0);
  expect(statusSummary(empty)).toBe('no LinkGrants, LinkTokens, Links, Listeners or Connectors found\n');
});

test('exit code 1 when anything is not Ready, saying how many', () => {
  const pending: ContextStatus = { ...east, rows: [...east.rows, tokenRow('east', token('east', 'other'))] };
  const failed: ContextStatus = { context: 'west', rows: [grantRow('west', grant('west', 'g', { ...READY_GRANT_STATUS, status: 'Error' }), NOW)], warnings: [] };
  const report = statusReport([failed, pending]);
  expect(statusExitCode(report)).toBe(1);
  expect(statusSummary(report)).toBe('2 of 4 objects are not Ready\n');
});

test('a missing CRD is only a warning; a failed list makes it 1; an unreachable context makes it 3', () => {
  const missingCrd: ContextStatus = { ...west, warnings: [{ context: 'west', message: 'no Links listed', blocking: false }] };
  expect(statusExitCode(statusReport([missingCrd, east]))).toBe(0);
  const forbidden: ContextStatus = { ...west, warnings: [{ context: 'west', message: 'cannot list Links', blocking: true }] };
  expect(statusExitCode(statusReport([forbidden, east]))).toBe(1);
  expect(statusSummary(statusReport([forbidden, east]))).toBe('all 3 objects are Ready; 1 list failed\n');
  const down: ContextStatus = { context: 'north', rows: [], warnings: [], unreachable: 'cannot reach the API server of context "north"' };
  const report = statusReport([forbidden, east, down]);
  expect(statusExitCode(report)).toBe(3);
  expect(statusSummary(report)).toBe('all 3 objects are Ready; 1 list failed; 1 context unreachable (north)\n');
});

test('-o json holds every field, the counts, warnings, unreachable contexts and the exit code', () => {
  const down: ContextStatus = { context: 'north', rows: [], warnings: [], unreachable: 'cannot reach it' };
  const json = JSON.parse(renderStatusJson(statusReport([west, down])));
  expect(json).toEqual({
    items: [{
      context: 'west', namespace: 'west', kind: 'LinkGrant', name: 'grant-west', status: 'Ready', ready: true,
      remoteSite: null, redemptions: { made: 1, allowed: 2 }, expires: '2026-05-01T12:25:00Z', message: 'OK',
    }],
    total: 1, notReady: 0, warnings: [], unreachable: [{ context: 'north', message: 'cannot reach it' }], exitCode: 3,
  });
});

test('Listeners and Connectors sit beside the links: routing key and conditions in MESSAGE, and as fields in -o json', () => {
  const services: ContextStatus = {
    context: 'east',
    rows: [connectorRow('east', connector('east', 'backend', UNMATCHED_CONNECTOR_STATUS)), listenerRow('east', listener('east', 'backend', READY_LISTENER_STATUS))],
    warnings: [],
  };
  const report = statusReport([east, services]);
  expect(renderStatusTable(report.rows)).toBe([
    'CONTEXT   NAMESPACE   KIND        NAME            STATUS    REMOTE SITE   REDEMPTIONS   EXPIRES   MESSAGE',
    'east      east        LinkToken   token-to-west   Ready     west          -             -         OK',
    'east      east        Link        token-to-west   Ready     west          -             -         OK',
    'east      east        Listener    backend         Ready     -             -             -         routing key backend: Configured, Matched',
    'east      east        Connector   backend         Pending   -             -             -         routing key backend: Configured, not Matched: No matching listeners',
    '',
  ].join('\n'));
  // A Connector nobody listens for is not Ready: exit code 1.
  expect(statusExitCode(report)).toBe(1);
  expect(statusSummary(report)).toBe('1 of 4 objects are not Ready\n');
  const items = JSON.parse(renderStatusJson(report)).items;
  expect(items[2]).toEqual({
    context: 'east', namespace: 'east', kind: 'Listener', name: 'backend', status: 'Ready', ready: true, remoteSite: null, redemptions: null,
    expires: null, routingKey: 'backend', configured: true, matched: true, message: 'routing key backend: Configured, Matched',
  });
  expect(items[3]).toMatchObject({ kind: 'Connector', ready: false, routingKey: 'backend', configured: true, matched: false });
  // Other kinds keep their shape.
  expect(Object.keys(items[0])).not.toContain('routingKey');
});
