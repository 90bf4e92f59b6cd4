import { validateDns1035Label } from '../../../lib/validation/kubernetes-names';
import { validateLabelSelector } from '../../../lib/validation/label-selector';
import { validatePort } from '../../../lib/validation/port';
import { validateRoutingKey } from '../../../lib/validation/routing-key';

test.each([
  'app=backend', 'app==backend', 'app!=cache', 'app', '!canary', 'env in (prod, staging)', 'env notin (a)', 'tier=',
  'app.kubernetes.io/name=backend', 'app=backend,tier=api', ' app = backend , !canary ', 'version>2', 'version<-1', 'App_1.x=V-2',
])('accepts label selector %p', (selector) => {
  expect(validateLabelSelector('selector', selector)).toBe(selector);
});

test.each([
  ['', /must be a Kubernetes label selector such as app=backend/],
  ['  ', /must be a Kubernetes label selector/],
  ['app=(x', /must be a Kubernetes label selector/],
  ['env in ((a))', /must be a Kubernetes label selector/],
  ['app=b c', /requirement "app=b c" is not a requirement/],
  ['env in ()', /requirement "env in \(\)" has an empty value set after "in"/],
  ['app=-x', /has label value "-x"/],
  ['env in (a,-b)', /has label value "-b"/],
  ['Example.COM/app=x', /has label key "Example.COM\/app" whose prefix is not a DNS-1123 subdomain/],
  ['a/b/c=x', /has label key "a\/b\/c"/],
  ['app=x,', /requirement "" is not a requirement/],
  ['v>two', /compares with "two", which is not an integer/],
  [`${'k'.repeat(64)}=v`, /has label key "k{64}"/],
  [`k=${'v'.repeat(64)}`, /has label value "v{64}"/],
])('refuses label selector %p', (selector, message) => {
  expect(() => validateLabelSelector('selector', selector)).toThrow(message);
});

test.each(['backend', 'backend-v2', 'orders.eu', '0', 'a.b.c'])('accepts routing key %p', (key) => {
  expect(validateRoutingKey('routing key', key)).toBe(key);
});

test('a routing key has no length limit of its own (Skupper sets none)', () => {
  const key = `${'x'.repeat(100)}.${'y'.repeat(200)}`;
  expect(validateRoutingKey('routing key', key)).toBe(key);
});

test.each(['Backend', 'back_end', '-a', 'a-', 'a..b', '.a', 'a.', '', 'a b', 'a/b'])('refuses routing key %p', (key) => {
  expect(() => validateRoutingKey('routing key', key)).toThrow(`invalid routing key "${key}": must be a Skupper routing key`);
});

test('DNS-1035 labels start with a letter, as Service names must', () => {
  expect(validateDns1035Label('host', 'backend-2')).toBe('backend-2');
  for (const bad of ['2backend', 'back.end', 'Backend', 'backend-', '', 'b'.repeat(64)]) {
    expect(() => validateDns1035Label('host', bad)).toThrow(`invalid host "${bad}": must be a DNS-1035 label`);
  }
});

test('ports are integers in range', () => {
  expect(validatePort('port', 1)).toBe(1);
  expect(validatePort('port', 65535)).toBe(65535);
  expect(() => validatePort('port', 30000.5)).toThrow('invalid port 30000.5: must be an integer from 1 to 65535');
  expect(() => validatePort('node port', 80, 30000, 32767)).toThrow('invalid node port 80: must be an integer from 30000 to 32767');
});
