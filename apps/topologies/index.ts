import { fullMeshTopology } from './full-mesh';
import { hubAndSpokesTopology } from './hub-and-spokes';
import { pairsTopology } from './pairs';
import { Topology, TopologyOptions } from './topology';

export * from './topology';
export * from './pairs';
export * from './hub-and-spokes';
export * from './full-mesh';

/** Every example topology by name (also its output folder under `dist/topologies/`). */
export const TOPOLOGIES: Readonly<Record<string, (options?: TopologyOptions) => Topology>> = {
  'pairs': pairsTopology,
  'hub-and-spokes': hubAndSpokesTopology,
  'full-mesh': fullMeshTopology,
};
