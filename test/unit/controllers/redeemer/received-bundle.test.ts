import { checkReceivedBundle, MAX_LINKS } from '../../../../lib/controllers/redeemer/received-bundle';
import { answerDocuments, Document, ENDPOINT, renderAnswer, throwawayPki } from './redemption-fixtures';

const TOKEN = 'token-to-west';
const NAMESPACE = 'east';
const SITE_UID = 'a3d6c7f0-1b2c-4d5e-8f90-123456789abc';
const { siteCa } = throwawayPki();
const expected = { tokenName: TOKEN, namespace: NAMESPACE };

// Issued once (an RSA key each); every test bends a copy.
const issued = new Map<number, Document[]>();
function documents(groups = 1): Document[] {
  if (!issued.has(groups)) issued.set(groups, answerDocuments(siteCa, TOKEN, SITE_UID, groups));
  return structuredClone(issued.get(groups)!);
}
const otherCertificateKey: string = answerDocuments(siteCa, TOKEN, SITE_UID)[0].data['tls.key'];

/** The problem found in the answer made of `docs`, checking it never repeats the key material. */
function problemWith(docs: readonly Document[] | string): string {
  const body = typeof docs === 'string' ? docs : renderAnswer(docs);
  const check = checkReceivedBundle(body, expected);
  if (check.valid) throw new Error('expected the answer to be refused');
  const secretData = typeof docs === 'string' ? {} : (docs[0]?.data ?? {}) as Record<string, unknown>;
  for (const value of Object.values(secretData)) {
    if (typeof value !== 'string' || value.length < 16) continue;
    expect(check.problem).not.toContain(value.slice(0, 16));
    expect(check.problem).not.toContain(Buffer.from(value, 'base64').toString('utf8').slice(30, 60));
  }
  return check.problem;
}

test('accepts what Skupper writes: Secret (creationTimestamp null) then a Link (status {})', () => {
  const docs = documents();
  const check = checkReceivedBundle(renderAnswer(docs), expected);
  expect(check).toEqual({
    valid: true,
    bundle: {
      secret: { name: TOKEN, data: docs[0].data, labels: {}, annotations: {} },
      links: [{ name: TOKEN, endpoints: [ENDPOINT], cost: undefined, labels: {}, annotations: {} }],
    },
  });
});

test('accepts an HA answer with numbered Links, a namespace equal to ours, and a trailing empty document', () => {
  const docs = documents(2);
  docs[1].metadata.namespace = NAMESPACE;
  const check = checkReceivedBundle(renderAnswer(docs) + '---\n', expected);
  expect(check.valid && check.bundle.links.map(link => link.name)).toEqual([`${TOKEN}-1`, `${TOKEN}-2`]);
});

test('accepts a cost and keeps labels and annotations that are not ours', () => {
  const docs = documents();
  docs[1].spec.cost = 4;
  docs[1].metadata.labels = { team: 'a' };
  const check = checkReceivedBundle(renderAnswer(docs), expected);
  expect(check.valid && check.bundle.links[0]).toMatchObject({ cost: 4, labels: { team: 'a' } });
});

test.each<[string, (docs: Document[]) => Document[] | string, RegExp]>([
  ['invalid YAML', () => '---\napiVersion: v1\nkind: [Secret\n', /^document 1 is not valid YAML \([A-Z_]+ at line \d+, column \d+\)$/],
  ['duplicate keys', () => 'kind: Secret\nkind: Link\n', /^document 1 is not valid YAML \(DUPLICATE_KEY/],
  ['an empty answer', () => '', /^the answer is empty/],
  ['a scalar document', () => 'just text\n', /^document 1 is not an object$/],
  ['a Secret alone', (docs) => docs.slice(0, 1), /^the answer has no Link after the Secret$/],
  ['a Link first', (docs) => [docs[1], docs[0]], /^document 1 must be a v1 Secret, got a skupper.io\/v2alpha1 Link$/],
  ['a ConfigMap instead of the Secret', (docs) => [{ ...docs[0], kind: 'ConfigMap' }, docs[1]], /^document 1 must be a v1 Secret, got a v1 ConfigMap$/],
  ['a foreign kind after the Secret', (docs) => [docs[0], docs[1], { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: TOKEN } }],
    /^document 3 must be a skupper.io\/v2alpha1 Link, got a rbac.authorization.k8s.io\/v1 RoleBinding$/],
  ['a second Secret', (docs) => [docs[0], docs[1], docs[0]], /^document 3 must be a skupper.io\/v2alpha1 Link, got a v1 Secret$/],
  ['another namespace', (docs) => { docs[0].metadata.namespace = 'kube-system'; return docs; },
    /^document 1 \(Secret\) is for namespace "kube-system": objects are only created in this namespace "east"$/],
  ['another namespace on a Link', (docs) => { docs[1].metadata.namespace = 'west'; return docs; }, /^document 2 \(Link\) is for namespace "west"/],
  ['a uid', (docs) => { docs[0].metadata.uid = 'x'; return docs; }, /^document 1 \(Secret\) sets metadata.uid, which a grant server must not send$/],
  ['a resourceVersion', (docs) => { docs[1].metadata.resourceVersion = '1'; return docs; }, /^document 2 \(Link\) sets metadata.resourceVersion/],
  ['ownerReferences', (docs) => { docs[1].metadata.ownerReferences = []; return docs; }, /sets metadata.ownerReferences/],
  ['finalizers', (docs) => { docs[0].metadata.finalizers = ['x/y']; return docs; }, /sets metadata.finalizers/],
  ['generateName', (docs) => { docs[0].metadata.generateName = 'x-'; return docs; }, /sets metadata.generateName/],
  ['a creationTimestamp', (docs) => { docs[0].metadata.creationTimestamp = '2026-01-01T00:00:00Z'; return docs; }, /sets metadata.creationTimestamp/],
  ['an unknown top-level field', (docs) => { docs[0].stringData = { a: 'b' }; return docs; }, /^document 1 \(Secret\) has an unexpected field stringData$/],
  ['an unknown metadata field', (docs) => { docs[1].metadata.clusterName = 'x'; return docs; }, /has an unexpected field metadata.clusterName$/],
  ['Link settings', (docs) => { docs[1].spec.settings = { 'proxy-configuration': 'some-secret' }; return docs; }, /^document 2 \(Link\) has an unexpected field spec.settings$/],
  ['a Link status', (docs) => { docs[1].status = { status: 'Ready' }; return docs; }, /^document 2 \(Link\) has a status: expected none$/],
  ['our reserved label prefix', (docs) => { docs[1].metadata.labels = { 'cdk8s-skupper.io/token': 'other' }; return docs; }, /uses the reserved prefix cdk8s-skupper.io\//],
  ['a Secret named otherwise', (docs) => { docs[0].metadata.name = 'kube-root-ca'; return docs; }, /is named "kube-root-ca": expected the token's name "token-to-west"$/],
  ['a Secret type other than tls', (docs) => { docs[0].type = 'Opaque'; return docs; }, /has type "Opaque": expected kubernetes.io\/tls$/],
  ['no tls.key', (docs) => { delete docs[0].data['tls.key']; return docs; }, /has no data.tls.key$/],
  ['an extra data key', (docs) => { docs[0].data.extra = 'eA=='; return docs; }, /has an unexpected field data.extra$/],
  ['data that is not base64', (docs) => { docs[0].data['ca.crt'] = 'not base64!'; return docs; }, /data.ca.crt is not valid base64$/],
  ['a certificate that is not PEM', (docs) => { docs[0].data['tls.crt'] = Buffer.from('hello').toString('base64'); return docs; }, /data.tls.crt is not a PEM certificate$/],
  ['a key of another certificate', (docs) => { docs[0].data['tls.key'] = otherCertificateKey; return docs; }, /data.tls.key is not the private key of data.tls.crt$/],
  ['a Link named otherwise', (docs) => { docs[1].metadata.name = 'token-to-east'; return docs; }, /is named "token-to-east": expected "token-to-west" or "token-to-west-<n>"$/],
  ['a Link with other tlsCredentials', (docs) => { docs[1].spec.tlsCredentials = 'skupper-site-server'; return docs; }, /spec.tlsCredentials must be the Secret's name "token-to-west"$/],
  ['a Link without endpoints', (docs) => { docs[1].spec.endpoints = []; return docs; }, /spec.endpoints must be a non-empty list$/],
  ['an unquoted port', (docs) => { docs[1].spec.endpoints[0].port = 55671; return docs; }, /spec.endpoints\[0\].port must be a string$/],
  ['a port out of range', (docs) => { docs[1].spec.endpoints[0].port = '70000'; return docs; }, /port must be a port number/],
  ['an unknown endpoint field', (docs) => { docs[1].spec.endpoints[0].tls = 'off'; return docs; }, /spec.endpoints\[0\] has an unexpected field tls$/],
  ['a negative cost', (docs) => { docs[1].spec.cost = -1; return docs; }, /spec.cost must be a positive integer$/],
  ['two Links of one name', (docs) => [docs[0], docs[1], docs[1]], /^the answer has two Links named "token-to-west"$/],
])('refuses %s, saying what is wrong', (_what, change, problem) => {
  expect(problemWith(change(documents()))).toMatch(problem);
});

test(`refuses more than ${MAX_LINKS} Links`, () => {
  expect(problemWith(documents(MAX_LINKS + 1))).toBe(`the answer has ${MAX_LINKS + 1} Links: at most ${MAX_LINKS} are accepted`);
});

test('refuses YAML aliases (no expansion attacks)', () => {
  const body = renderAnswer(documents()) + '---\napiVersion: skupper.io/v2alpha1\nkind: Link\nmetadata: &m {name: token-to-west-2}\nspec: {endpoints: [*m], tlsCredentials: token-to-west}\n';
  expect(problemWith(body)).toBe('document 3 uses YAML aliases, which are not accepted');
});

test('does not repeat names or fields that are not Kubernetes names', () => {
  const docs = documents();
  const secretKey = Buffer.from(docs[0].data['tls.key'], 'base64').toString('utf8');
  docs[0].metadata.namespace = secretKey;
  expect(problemWith(docs)).toBe('document 1 (Secret) is for namespace (not a valid name): objects are only created in this namespace "east"');
  const other = documents();
  other[0][secretKey] = 'x';
  expect(problemWith(other)).toBe('document 1 (Secret) has an unexpected field (not a valid field name)');
});
