import { validateLabelSelector } from '../../../lib/validation/label-selector';

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
