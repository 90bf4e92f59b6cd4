// The main job: synthesizes the example topology into dist/west and dist/east, offline, with the
// sealing certificates in apps/certs/ (replace them with `kubeseal --fetch-cert` output of your clusters).
import { synthClusters } from '../lib';
import { exampleClusters } from './example';

synthClusters(exampleClusters());
