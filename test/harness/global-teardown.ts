import { stopTestRun } from './test-run';

/** jest globalTeardown of the integ project: stops every process globalSetup started. */
export default async function globalTeardown(): Promise<void> {
  await stopTestRun();
}
