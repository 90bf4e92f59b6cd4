import * as fs from 'fs';
import { ApplicationNetwork, ArgoCd } from '../../../../lib';
import { readTree } from '../../../support/example-synth';
import { tempDir, testCluster } from '../../topology/topology-test-support';
import { SynthOutput } from '../../../../lib/commands/review/synth-output';

/** What a test varies in the review network: a hub `west` with spokes, synthesized with Argo CD objects. */
export interface ReviewNetworkOptions {
  readonly spokes?: readonly ('east' | 'north')[];
  /** The cluster east is on, and the certificate that cluster seals with. */
  readonly eastCluster?: { readonly name: string; readonly certificate: 'west' | 'east' | 'north' };
  readonly grantServerRotation?: number;
  readonly rotateEast?: number;
  readonly redemptionsAllowed?: number;
  readonly image?: string;
  /** Exposes `backend:8080` from west to the spokes. */
  readonly exposeBackend?: boolean;
}

/** Synthesizes the review network and returns its output as `review` reads it. */
export function synthReviewNetwork(label: string, options: ReviewNetworkOptions = {}): SynthOutput {
  const outdir = tempDir('review');
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: testCluster(outdir, 'west'), name: 'west', grantServerHost: 'grants.west.example.com',
    grantServerRotation: options.grantServerRotation, image: options.image });
  const spokes = options.spokes ?? ['east'];
  for (const spoke of spokes) {
    const cluster = spoke === 'east' && options.eastCluster
      ? testCluster(outdir, options.eastCluster.name, options.eastCluster.certificate)
      : testCluster(outdir, spoke);
    network.addSite({ cluster, name: spoke });
  }
  network.hubAndSpokes('west', spokes, { redemptionsAllowed: options.redemptionsAllowed ?? 2 });
  if (options.rotateEast !== undefined) {
    network.rotateLink('west', 'east', options.rotateEast);
  }
  if (options.exposeBackend) {
    network.expose('backend', { from: 'west', port: 8080, selector: 'app=backend', to: spokes });
  }
  network.synth({ gitOps: [new ArgoCd({ repoURL: 'https://git.example.com/net.git', pathPrefix: 'dist' })] });
  const files = readTree(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
  return { label, files };
}
