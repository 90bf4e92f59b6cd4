import { CDK8S_SKUPPER_API_VERSION, LINK_GRANTS, resourcePath, SECRETS, SKUPPER_LINKS } from '../../../lib/api/resource-types';

test('REST paths of core and custom resources, in one namespace or in all', () => {
  expect(resourcePath(SECRETS, 'kube-system')).toBe('/api/v1/namespaces/kube-system/secrets');
  expect(resourcePath(LINK_GRANTS, 'west')).toBe('/apis/cdk8s-skupper.io/v1alpha1/namespaces/west/linkgrants');
  expect(resourcePath(SKUPPER_LINKS)).toBe('/apis/skupper.io/v2alpha1/links');
});

test('a namespace is encoded into the path, never spliced in raw', () => {
  expect(resourcePath(SECRETS, 'a/b')).toBe('/api/v1/namespaces/a%2Fb/secrets');
});

test('our kinds share one apiVersion', () => {
  expect(CDK8S_SKUPPER_API_VERSION).toBe('cdk8s-skupper.io/v1alpha1');
});
