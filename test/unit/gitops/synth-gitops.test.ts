import * as fs from 'fs';
import * as path from 'path';
import { ApplicationNetwork, ArgoCd, Flux, synthClustersWithGitOps } from '../../../lib';
import { readTree } from '../../support/example-synth';
import { tempDir, testCluster } from '../topology/topology-test-support';

function sitesOnly(outdir: string): ApplicationNetwork {
  const network = new ApplicationNetwork();
  network.addSite({ cluster: testCluster(outdir, 'west'), name: 'west' });
  network.addSite({ cluster: testCluster(outdir, 'east'), name: 'east' });
  return network;
}

test('_gitops is replaced as a whole, and removed when no tool is requested', () => {
  const outdir = tempDir('gitops-replace');
  sitesOnly(outdir).synth({ gitOps: [new ArgoCd({ repoURL: 'https://git.example.com/a.git' }), new Flux({ gitRepository: 'fleet' })] });
  expect(fs.readdirSync(path.join(outdir, '_gitops')).sort()).toEqual(['argocd', 'flux']);
  sitesOnly(outdir).synth({ gitOps: [new Flux({ gitRepository: 'fleet' })] });
  expect(fs.readdirSync(path.join(outdir, '_gitops'))).toEqual(['flux']);
  sitesOnly(outdir).synth();
  expect(fs.readdirSync(outdir).sort()).toEqual(['east', 'west']);
});

test('refuses to replace a _gitops folder it did not write', () => {
  const outdir = tempDir('gitops-foreign');
  fs.mkdirSync(path.join(outdir, '_gitops', 'mine'), { recursive: true });
  fs.writeFileSync(path.join(outdir, '_gitops', 'mine', 'app.yaml'), 'kind: Something\n');
  expect(() => sitesOnly(outdir).synth({ gitOps: [new Flux({ gitRepository: 'fleet' })] }))
    .toThrow(`refusing to replace GitOps folder "${path.join(outdir, '_gitops')}": "mine" in it was not written by cdk8s-skupper`);
  // Without tools it is left alone.
  sitesOnly(outdir).synth();
  expect(readTree(path.join(outdir, '_gitops'))).toEqual(new Map([['mine/app.yaml', 'kind: Something\n']]));
});

test('fails on cluster folders in different folders, or on a tool requested twice', () => {
  const a = tempDir('gitops-a');
  const b = tempDir('gitops-b');
  const clusters = [testCluster(a, 'west'), testCluster(b, 'east')];
  expect(() => synthClustersWithGitOps(clusters, [new Flux({ gitRepository: 'fleet' })]))
    .toThrow(/the GitOps output needs all cluster folders in one folder, but they are in/);
  expect(() => synthClustersWithGitOps([clusters[0]], [new Flux({ gitRepository: 'a' }), new Flux({ gitRepository: 'b' })]))
    .toThrow('two GitOps tools write to the folder "flux": request each tool (ArgoCd, Flux) once');
});
