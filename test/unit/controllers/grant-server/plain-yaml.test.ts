import * as YAML from 'yaml';
import { plainYaml } from '../../../../lib/controllers/grant-server/plain-yaml';

test('block style, keys sorted, sequences at the key\'s indentation, as Kubernetes writes it', () => {
  expect(plainYaml({ spec: { tlsCredentials: 'x', endpoints: [{ port: '55671', host: 'a.example' }] }, kind: 'Link', skipped: undefined })).toBe([
    'kind: Link',
    'spec:',
    '  endpoints:',
    '  - host: a.example',
    '    port: "55671"',
    '  tlsCredentials: x',
    '',
  ].join('\n'));
});

test('what YAML could read as anything but the same string is double-quoted, and reads back the same in YAML 1.1 and 1.2', () => {
  const doc = {
    metadata: { name: 'true', namespace: 'no', other: 'Off' },
    values: ['2001:db8::7', '10.1.2.3', 'a b: c#d', '-x', '', 'quote " and \\ and \n', 'ünïcode', 'LS0tLS1CRUdJTiBDRVJU+/=', 'skupper.io/v2alpha1', '~', '.inf', '1e3'],
  };
  const text = plainYaml(doc);
  for (const version of ['1.1', '1.2'] as const) expect(YAML.parse(text, { version })).toEqual(doc);
  expect(text).toContain('\n- LS0tLS1CRUdJTiBDRVJU+/=\n');
  expect(text).toContain('\n- skupper.io/v2alpha1\n');
});

test('empty mappings and sequences, and nested sequences, are refused rather than written wrong', () => {
  expect(() => plainYaml({})).toThrow('empty mappings');
  expect(() => plainYaml({ a: [] })).toThrow('empty sequences');
  expect(() => plainYaml({ a: [['b']] })).toThrow('nested sequences');
});
