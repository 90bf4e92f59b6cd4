import * as crypto from 'crypto';
import * as YAML from 'yaml';
import { issueClientCertificate } from '../../../../lib/pki/client-certificate';
import { endpointHosts, linkEndpointGroups, renderLinkBundle } from '../../../../lib/controllers/grant-server/link-bundle';
import { CrdSchemas } from '../../../support/crd-schemas';
import { ENDPOINTS, siteCa } from './support';

const ca = siteCa();
const certificate = issueClientCertificate({ ca, subject: 'site-uid-1', hosts: endpointHosts(ENDPOINTS) });

/** Splits a YAML stream as apimachinery's YAMLReader does: at lines that are exactly "---"; empty documents skipped. */
function documents(stream: string): string[] {
  return stream.split(/^---$\n?/m).filter((doc) => doc.trim() !== '');
}

test('the stream is ---, a kubernetes.io/tls Secret, then one Link per group, as Skupper writes it', () => {
  const stream = renderLinkBundle('token-to-west', certificate, linkEndpointGroups(ENDPOINTS));
  expect(stream.startsWith('---\napiVersion: v1\n')).toBe(true);
  const [secret, link, ...rest] = documents(stream).map((doc) => YAML.parse(doc));
  expect(rest).toEqual([]);
  expect(secret).toEqual({
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token-to-west' }, type: 'kubernetes.io/tls',
    data: {
      'ca.crt': Buffer.from(ca.certificatePem).toString('base64'),
      'tls.crt': Buffer.from(certificate.certificatePem).toString('base64'),
      'tls.key': Buffer.from(certificate.privateKeyPem).toString('base64'),
    },
  });
  expect(link).toEqual({
    apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { name: 'token-to-west' },
    spec: { tlsCredentials: 'token-to-west', endpoints: ENDPOINTS },
  });
  expect(new CrdSchemas().errors(link)).toEqual([]);
  // Ports stay strings (Skupper's Endpoint.port is a string) and base64 is never folded.
  expect(stream).toContain('port: "55671"');
  expect(stream.split('\n').find((line) => line.includes('tls.key:'))!.length).toBeGreaterThan(1000);
  // Secret keys sorted as Kubernetes' serializer writes them; no namespace anywhere.
  expect(documents(stream)[0].split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(':')[0])).toEqual(['apiVersion', 'data', 'kind', 'metadata', 'type']);
  expect(stream).not.toContain('namespace');
});

test('HA sites get <name>-1, <name>-2 in group order, only inter-router and edge endpoints, all hosts as SANs', () => {
  const endpoints = [
    { name: 'inter-router', host: 'b.example', port: '55671', group: 'skupper-router-2' },
    { name: 'console', host: 'c.example', port: '8080', group: 'skupper-router' },
    { name: 'inter-router', host: 'a.example', port: '55671', group: 'skupper-router' },
    { name: 'edge', host: 'b.example', port: '45671', group: 'skupper-router-2' },
  ];
  const groups = linkEndpointGroups(endpoints);
  expect(groups).toEqual([
    [{ name: 'inter-router', host: 'a.example', port: '55671', group: 'skupper-router' }],
    [{ name: 'inter-router', host: 'b.example', port: '55671', group: 'skupper-router-2' }, { name: 'edge', host: 'b.example', port: '45671', group: 'skupper-router-2' }],
  ]);
  expect(endpointHosts(endpoints)).toEqual(['b.example', 'c.example', 'a.example', 'b.example']);
  const links = documents(renderLinkBundle('l', certificate, groups)).slice(1).map((doc) => YAML.parse(doc));
  expect(links.map((l) => l.metadata.name)).toEqual(['l-1', 'l-2']);
  expect(links.every((l) => l.spec.tlsCredentials === 'l')).toBe(true);
});

test('no link endpoints, no groups; a bundle needs at least one', () => {
  expect(linkEndpointGroups([{ name: 'console', host: 'x', port: '1' }])).toEqual([]);
  expect(() => renderLinkBundle('l', certificate, [])).toThrow('no link endpoint groups');
});

test('the issued certificate has CN = subject and the endpoint hosts', () => {
  const x509 = new crypto.X509Certificate(certificate.certificatePem);
  expect(x509.subject).toBe('CN=site-uid-1');
  expect(x509.subjectAltName).toContain('DNS:10.0.0.7');
  expect(x509.checkIssued(new crypto.X509Certificate(ca.certificatePem))).toBe(true);
});
