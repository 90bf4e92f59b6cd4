// The main job: synthesizes the example topology into dist/west and dist/east, offline, with the
// sealing certificates in apps/certs/ (replace them with `kubeseal --fetch-cert` output of your clusters).
// runSynthApp prints a validation error as its message only, and sets the exit code.
import { runSynthApp, synthClusters } from '../lib';
import { exampleClusters } from './example';

runSynthApp(() => synthClusters(exampleClusters()));
