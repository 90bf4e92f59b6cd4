import { linkReadiness } from '../../../../lib/controllers/redeemer/link-readiness';
import type { Condition } from '../../../../lib/api/kubernetes-object';
import type { SkupperLink } from '../../../../lib/api/skupper';

type Conditions = Array<Pick<Condition, 'type' | 'status' | 'reason' | 'message'>>;
const link = (name: string, conditions?: Conditions): SkupperLink => ({
  metadata: { name },
  spec: { endpoints: [] },
  status: conditions && { conditions: conditions.map(c => ({ ...c, lastTransitionTime: '2026-01-01T00:00:00Z' })) },
});
const configured: Conditions[number] = { type: 'Configured', status: 'True', reason: 'Ready', message: 'OK' };
const operational: Conditions[number] = { type: 'Operational', status: 'True', reason: 'Ready', message: 'OK' };

test.each<[string, SkupperLink[], ReturnType<typeof linkReadiness>]>([
  ['a Link without status', [link('t')], { state: 'NotConfigured', message: 'Link t is not configured yet' }],
  ['a pending Configured', [link('t', [{ type: 'Configured', status: 'False', reason: 'Pending', message: 'Pending' }])],
    { state: 'NotConfigured', message: 'Link t is not configured yet (Pending)' }],
  ['a configuration error', [link('t', [{ type: 'Configured', status: 'False', reason: 'Error', message: 'No active site in namespace' }])],
    { state: 'Error', message: 'No active site in namespace' }],
  ['configured, not operational (old Skupper: reason Error)', [link('t', [configured, { type: 'Operational', status: 'False', reason: 'Error', message: 'Not operational' }])],
    { state: 'NotOperational', message: 'Link t is configured, not operational yet (Not operational)' }],
  ['configured and operational', [link('t', [configured, operational])], { state: 'Ready', message: 'OK' }],
  ['HA: the least advanced Link shows', [link('t-1', [configured, operational]), link('t-2', [configured])],
    { state: 'NotOperational', message: 'Link t-2 is configured, not operational yet' }],
  ['HA: an error names its Link', [link('t-1', [configured, operational]), link('t-2', [{ type: 'Configured', status: 'False', reason: 'Error', message: 'boom' }])],
    { state: 'Error', message: 'Link t-2: boom' }],
  ['HA: all ready', [link('t-1', [configured, operational]), link('t-2', [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'OK' }])],
    { state: 'Ready', message: 'OK' }],
])('%s', (_what, links, expected) => {
  expect(linkReadiness(links)).toEqual(expected);
});
