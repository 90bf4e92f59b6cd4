// What the CRDs and `status --help` say must match what the code does.
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { STATUS_USAGE } from '../../../lib/cli/status-command';
import { CRD_DIRECTORY } from '../../../lib/constructs/custom-resource-definitions';
import { statusExitCode, statusReport } from '../../../lib/commands/status/status-report';
import { grantRow } from '../../../lib/commands/status/status-row';
import { GRANT_STATES } from '../../../lib/controllers/grant-server/grant-status';
import { parseGoDuration } from '../../../lib/validation/go-duration';

function version(crd: string): any {
  return YAML.parse(fs.readFileSync(path.join(CRD_DIRECTORY, `${crd}.cdk8s-skupper.io.yaml`), 'utf8')).spec.versions[0];
}
const linkGrant = version('linkgrants');
const linkToken = version('linktokens');

test('the LinkGrant status description names every state the grant server sets', () => {
  const description: string = linkGrant.schema.openAPIV3Schema.properties.status.properties.status.description;
  for (const state of GRANT_STATES) {
    expect({ state, described: new RegExp(`\\b${state}\\b`).test(description) }).toEqual({ state, described: true });
  }
});

test('the LinkGrant CRD refuses an expiration window under 1s, as synth and the grant server do', () => {
  const window = linkGrant.schema.openAPIV3Schema.properties.spec.properties.expirationWindow;
  // The pattern alone accepts 0s; the CEL rule bounds the value (the API server evaluates it: see test/integ).
  expect(new RegExp(window.pattern).test('0s')).toBe(true);
  expect(window['x-kubernetes-validations']).toEqual([
    { rule: 'duration(self) >= duration(\'1s\')', message: 'must be at least 1s (a Go duration such as 25m or 1h30m)' },
  ]);
  expect(parseGoDuration('w', '1s')).toBe(1000);
  expect(() => parseGoDuration('w', '999ms')).toThrow(/at least 1s/);
  expect(() => parseGoDuration('w', window.default)).not.toThrow();
});

test('printer columns: a token shows its Remote Site like a Skupper Link; a grant\'s Expiration stays a time', () => {
  const column = (crd: any, name: string) => crd.additionalPrinterColumns.find((c: { name: string }) => c.name === name);
  // Not type date: kubectl shows a future date as "<invalid>" (test/integ/apiserver-limits.test.ts shows the time).
  expect(column(linkGrant, 'Expiration')).toMatchObject({ type: 'string', jsonPath: '.status.expirationTime' });
  expect(column(linkToken, 'Remote Site')).toMatchObject({ type: 'string', jsonPath: '.spec.remoteSite' });
});

test('status --help says what the exit code does: Expired and Exhausted grants count as fine', () => {
  const now = new Date('2026-05-01T00:00:00Z');
  const grant = (status: string) => grantRow('west', {
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name: status.toLowerCase(), namespace: 'west' },
    spec: { codeSecretRef: { name: 'code' } }, status: { status, message: '' },
  } as never, now);
  const report = statusReport([{ context: 'west', rows: [grant('Expired'), grant('Exhausted')], warnings: [] }]);
  expect(statusExitCode(report)).toBe(0);
  expect(STATUS_USAGE.replace(/\s+/g, ' ')).toContain('grants Ready, Expired or Exhausted, a grant\'s normal end states');
});
