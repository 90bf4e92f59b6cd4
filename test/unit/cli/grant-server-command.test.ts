import { parseBaseUrl, parseGrantServerArgs } from '../../../lib/cli/grant-server-command';
import { UsageError } from '../../../lib/cli/usage-error';

const SYNTHESIZED = ['--port=9090', '--tls-secret=cdk8s-skupper-grant-server-tls', '--base-url=https://127.0.0.1:9090', '--metrics-address=:9191'];

test('parses the synthesized Deployment args, with defaults', () => {
  expect(parseGrantServerArgs(SYNTHESIZED)).toEqual({
    kubeconfig: undefined, namespace: undefined, port: 9090, bindAddress: '0.0.0.0', tlsSecret: 'cdk8s-skupper-grant-server-tls',
    baseUrl: 'https://127.0.0.1:9090', metricsAddress: { host: '0.0.0.0', port: 9191 }, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000,
    maxBodyBytes: 4096, failedAttemptBurst: 10, failedAttemptIntervalMs: 6000, clientKeyType: 'ecdsa-p256', keyPoolSize: 4,
  });
});

test('later flags override earlier ones; both --flag=value and --flag value work', () => {
  const options = parseGrantServerArgs([...SYNTHESIZED, '--port', '18443', '--metrics-address=127.0.0.1:0', '--namespace', 'west', '--request-timeout=2s']);
  expect(options).toMatchObject({ port: 18443, metricsAddress: { host: '127.0.0.1', port: 0 }, namespace: 'west', requestTimeoutMs: 2000, headersTimeoutMs: 2000 });
});

test('bad arguments are usage errors', () => {
  expect(parseGrantServerArgs(['--help'])).toBe('help');
  expect(() => parseGrantServerArgs(['--tls-secret=x', '--base-url=https://h'])).toThrow('missing --port');
  expect(() => parseGrantServerArgs([...SYNTHESIZED, '--port=0'])).toThrow(UsageError);
  expect(() => parseGrantServerArgs([...SYNTHESIZED, '--bogus'])).toThrow('unknown argument "--bogus"');
  expect(() => parseGrantServerArgs([...SYNTHESIZED, '--port'])).toThrow('--port needs a value');
  expect(() => parseGrantServerArgs([...SYNTHESIZED, '--request-timeout=3d'])).toThrow(/Go duration/);
  expect(() => parseGrantServerArgs([...SYNTHESIZED, '--client-key-type=rsa-4096'])).toThrow('invalid --client-key-type "rsa-4096": expected one of ecdsa-p256, rsa-2048');
});

test('client keys are ECDSA P-256 unless RSA 2048 is asked for', () => {
  expect(parseGrantServerArgs([...SYNTHESIZED, '--client-key-type', 'rsa-2048'])).toMatchObject({ clientKeyType: 'rsa-2048' });
});

test('the base URL is https://host[:port] only', () => {
  expect(parseBaseUrl('https://grants.example.com:443/')).toBe('https://grants.example.com');
  expect(parseBaseUrl('https://[2001:db8::1]:9090')).toBe('https://[2001:db8::1]:9090');
  expect(() => parseBaseUrl('http://h:9090')).toThrow(/https/);
  expect(() => parseBaseUrl('https://h:9090/prefix')).toThrow(/no path/);
  expect(() => parseBaseUrl('h:9090')).toThrow(UsageError);
});

test('the headers timeout cannot exceed the request timeout', () => {
  expect(() => parseGrantServerArgs([...SYNTHESIZED, '--headers-timeout=5s', '--request-timeout=2s'])).toThrow(/must not exceed/);
});
