import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../lib/cli/main';
import { CapturedRun, captureRun, tempDirPerTest } from './captured-run';
import { ecCertificate } from '../commands/certificates';
import { startFakeApiServer, writeFakeKubeconfig } from '../commands/fake-api-server';
import { PROXY_PATH, SERVICE, SERVICE_PATH, WEST_PEM } from '../commands/fetch-cert/fetch-cert-fixtures';

describe('cdk8s-skupper fetch-cert against a fake API server', () => {
  const tempDir = tempDirPerTest('cdk8s-skupper-fetch-cert-');
  const run = (args: string[]): Promise<CapturedRun> => captureRun((io) => main(args, io));

  test('prints the certificate fetched through the service proxy with the kubeconfig\'s credentials', async () => {
    const server = await startFakeApiServer({ [SERVICE_PATH]: { body: SERVICE }, [PROXY_PATH]: { body: WEST_PEM, contentType: 'application/x-pem-file' } });
    try {
      const kubeconfig = writeFakeKubeconfig(tempDir(), { elsewhere: 'https://127.0.0.1:1', west: server.url });
      const result = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--context', 'west']);
      expect(result).toEqual({ code: 0, stdout: WEST_PEM, stderr: '' });
      expect(server.received.map((r) => [r.path, r.authorized])).toEqual([[SERVICE_PATH, true], [PROXY_PATH, true]]);

      const output = path.join(tempDir(), 'west.pem');
      const written = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--context=west', '-o', output]);
      expect(written).toEqual({ code: 0, stdout: '', stderr: `wrote the sealing certificate of context "west" to ${output}\n` });
      expect(fs.readFileSync(output, 'utf8')).toBe(WEST_PEM);
    } finally {
      await server.close();
    }
  });

  test('refuses what kubeseal could not seal with: a non-RSA certificate, or no certificate at all', async () => {
    const server = await startFakeApiServer({
      [SERVICE_PATH]: { body: SERVICE },
      [PROXY_PATH]: { body: ecCertificate() },
      '/api/v1/namespaces/other/services/sealed-secrets-controller': { body: SERVICE },
      '/api/v1/namespaces/other/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem': { body: '<html>login</html>' },
    });
    try {
      const kubeconfig = writeFakeKubeconfig(tempDir(), { west: server.url });
      const ec = await run(['fetch-cert', '--kubeconfig', kubeconfig]);
      expect(ec.code).toBe(1);
      expect(ec.stdout).toBe('');
      expect(ec.stderr).toBe('cdk8s-skupper fetch-cert: the certificate served by sealed-secrets-controller in namespace kube-system (context "west") '
        + 'has a ec (prime256v1) public key: sealed secrets need a certificate with an RSA key\n');
      const html = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--controller-namespace', 'other']);
      expect(html.code).toBe(1);
      expect(html.stderr).toContain('is not a PEM certificate (found no PEM block)');
    } finally {
      await server.close();
    }
  });

  test('an unreachable API server names the context; bad arguments exit 2', async () => {
    const kubeconfig = writeFakeKubeconfig(tempDir(), { west: 'https://127.0.0.1:1' });
    const down = await run(['fetch-cert', '--kubeconfig', kubeconfig]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^cdk8s-skupper fetch-cert: cannot reach the API server of context "west" \(https:\/\/127\.0\.0\.1:1\): connect ECONNREFUSED/);

    const unknownContext = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--context', 'east']);
    expect(unknownContext).toEqual({ code: 2, stdout: '', stderr: `cdk8s-skupper fetch-cert: context "east" is not in the kubeconfig ${kubeconfig} (contexts: west)\n` });
    const badName = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--controller-name', 'Sealed_Secrets']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('invalid --controller-name "Sealed_Secrets": must be a DNS-1123 label');
    expect((await run(['fetch-cert', '--from-key-secret=yes'])).code).toBe(2);
    const help = await run(['fetch-cert', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: cdk8s-skupper fetch-cert/);
  });
});
