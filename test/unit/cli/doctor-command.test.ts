import { runDoctorCommand } from '../../../lib/cli/doctor-command';

test('bad arguments exit 2 with the reason', async () => {
  let stderr = '';
  const io = { stdout: () => undefined, stderr: (s: string) => { stderr += s; } };
  expect(await runDoctorCommand(['--namespace', 'Not_A_Namespace'], io)).toBe(2);
  expect(stderr).toMatch(/^cdk8s-skupper doctor: invalid --namespace "Not_A_Namespace": must be a DNS-1123 label/);
  expect(await runDoctorCommand(['--output', 'json'], io)).toBe(2);
});
