// test/support/example-synth.ts registers an afterAll cleanup when loaded (it is written for jest);
// outside jest there is no afterAll: this no-op stands in, so the bench can reuse the test support.
// Imported first by run.ts.
const globals = globalThis as unknown as { afterAll?: (fn: () => void) => void };
globals.afterAll ??= () => undefined;
