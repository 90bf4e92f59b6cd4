// Fast checks of what the image runs, without building it: the Dockerfile's ENTRYPOINT on the
// compiled output (no TypeScript sources, as in the image), and that the synthesized Deployments
// rely on that ENTRYPOINT. The image itself is built and run by test/integ/runtime-image.test.ts.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_RUNTIME_IMAGE } from '../../../lib';
import { readObjects, synthExample } from '../../support/example-synth';

const REPO = path.join(__dirname, '..', '..', '..');

function dockerfileEntrypoint(): string[] {
  const line = fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8').split('\n').filter(l => l.startsWith('ENTRYPOINT ')).pop()!;
  return JSON.parse(line.slice('ENTRYPOINT '.length));
}

test('the image runs as non-root with the CLI as its entrypoint', () => {
  const dockerfile = fs.readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/^USER 65532:65532$/m);
  expect(dockerfile).toMatch(/^FROM node:20/m);
  // The image runs on RUNTIME_BASE: node:20-bookworm-slim unless npm run image passes its own base.
  expect(dockerfile).toMatch(/^ARG RUNTIME_BASE=node:20-bookworm-slim$/m);
  expect(dockerfile.split('\n').filter((l) => l.startsWith('FROM ')).pop()).toBe('FROM ${RUNTIME_BASE}');
  expect(dockerfileEntrypoint()).toEqual(['node', '/app/bin/cdk8s-skupper.js']);
});

test('the synthesized Deployments set only args, so the image ENTRYPOINT runs them, read-only and non-root', () => {
  const deployments = readObjects(synthExample()).filter(o => o.obj.kind === 'Deployment').map(o => o.obj);
  expect(deployments.map(d => d.spec.template.spec.containers[0].args[0]).sort()).toEqual(['grant-server', 'redeemer']);
  for (const d of deployments) {
    const container = d.spec.template.spec.containers[0];
    expect(container.command).toBeUndefined();
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(d.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
  }
});

test('the compiled entrypoint, without TypeScript sources as in the image, serves both runtime roles', () => {
  const imageRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-image-'));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(imageRoot, 'build')], { cwd: REPO, stdio: 'pipe' });
  fs.cpSync(path.join(REPO, 'bin'), path.join(imageRoot, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(imageRoot, 'package.json'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(imageRoot, 'node_modules'));
  const [node, entry] = dockerfileEntrypoint();
  const help = execFileSync(node, [entry.replace('/app', imageRoot), '--help'], { encoding: 'utf8' });
  expect(help).toMatch(/^\s+grant-server\s/m);
  expect(help).toMatch(/^\s+redeemer\s/m);
  fs.rmSync(imageRoot, { recursive: true, force: true });
}, 120_000);

test('the constructs\' default image is what `npm run image` tags: ghcr.io/cdk8s-skupper/runtime:<package version>', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  expect(DEFAULT_RUNTIME_IMAGE).toBe(`ghcr.io/cdk8s-skupper/runtime:${version}`);
  expect(fs.readFileSync(path.join(REPO, 'tools', 'image', 'build.sh'), 'utf8')).toContain('TAG="ghcr.io/cdk8s-skupper/runtime:$VERSION"');
});
