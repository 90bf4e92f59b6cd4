import {
  CLUSTER_WIDE_ANNOTATION,
  NAMESPACE_WIDE_ANNOTATION,
  parseSealingScope,
  scopeAnnotations,
  scopeFromAnnotations,
  SealingScope,
  sealingLabel,
} from '../../../lib/sealing/sealing-scope';

test('labels follow the controller: strict ns/name, namespace-wide ns, cluster-wide empty', () => {
  expect(sealingLabel(SealingScope.STRICT, 'myns', 'myname')).toBe('myns/myname');
  expect(sealingLabel(SealingScope.NAMESPACE_WIDE, 'myns', 'myname')).toBe('myns');
  expect(sealingLabel(SealingScope.CLUSTER_WIDE, 'myns', 'myname')).toBe('');
});

test('scope annotations: none for strict, "true" for the wider scopes', () => {
  expect(scopeAnnotations(SealingScope.STRICT)).toEqual({});
  expect(scopeAnnotations(SealingScope.NAMESPACE_WIDE)).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  expect(scopeAnnotations(SealingScope.CLUSTER_WIDE)).toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
});

test('scope from annotations: cluster-wide wins and only "true" counts', () => {
  expect(scopeFromAnnotations(undefined)).toBe(SealingScope.STRICT);
  expect(scopeFromAnnotations({ [NAMESPACE_WIDE_ANNOTATION]: 'True' })).toBe(SealingScope.STRICT);
  expect(scopeFromAnnotations({ [NAMESPACE_WIDE_ANNOTATION]: 'true' })).toBe(SealingScope.NAMESPACE_WIDE);
  expect(scopeFromAnnotations({ [NAMESPACE_WIDE_ANNOTATION]: 'true', [CLUSTER_WIDE_ANNOTATION]: 'true' })).toBe(SealingScope.CLUSTER_WIDE);
});

test('parses the three scope names', () => {
  expect(parseSealingScope('strict')).toBe(SealingScope.STRICT);
  expect(parseSealingScope('namespace-wide')).toBe(SealingScope.NAMESPACE_WIDE);
  expect(parseSealingScope('cluster-wide')).toBe(SealingScope.CLUSTER_WIDE);
});

test('rejects unknown scope names, listing the allowed ones', () => {
  expect(() => parseSealingScope('namespace')).toThrow(/invalid sealing scope "namespace": expected one of strict, namespace-wide, cluster-wide/);
  expect(() => parseSealingScope('')).toThrow(/invalid sealing scope ""/);
  expect(() => parseSealingScope('STRICT')).toThrow(/invalid sealing scope "STRICT"/);
});

test('label and annotations reject a value that is not a scope', () => {
  expect(() => sealingLabel('bogus' as SealingScope, 'ns', 'n')).toThrow(/unknown sealing scope "bogus"/);
  expect(() => scopeAnnotations('bogus' as SealingScope)).toThrow(/unknown sealing scope "bogus"/);
});
