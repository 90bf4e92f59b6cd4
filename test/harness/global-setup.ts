import { startTestRun } from './test-run';

/** jest globalSetup of the integ project: starts the west and east clusters. */
export default async function globalSetup(): Promise<void> {
  await startTestRun();
}
