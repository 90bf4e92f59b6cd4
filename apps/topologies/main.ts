// `npm run synth:topologies`: synthesizes every example topology into dist/topologies/<topology>/
// (one folder per cluster, plus _gitops/), offline, with the sealing certificates in apps/certs/.
import { TOPOLOGIES } from '.';
import { runSynthApp } from '../../lib';

runSynthApp(() => {
  for (const [name, makeTopology] of Object.entries(TOPOLOGIES)) {
    const { network, gitOps } = makeTopology();
    network.synth({ gitOps });
    process.stdout.write(`synthesized ${name}: ${network.clusters.map(cluster => cluster.outdir).join(', ')}\n`);
  }
});
