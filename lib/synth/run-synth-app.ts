/** Where {@link runSynthApp} reports; tests pass their own. */
export interface SynthAppIo {
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
}

/** Errors the JavaScript engine raises for broken code, never for bad input: a bug. */
const BUG_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError];

/**
 * Runs an app's synthesis (e.g. `() => network.synth()`) and turns what it throws into an exit
 * code, for the entry point of an app (`runSynthApp(() => ...)` as its last statement) instead of
 * an uncaught exception.
 *
 * Invalid input fails with a plain `Error` whose message says what is wrong and how to fix it
 * (validation errors name the construct path), so that is all that is printed: no source excerpt,
 * no stack. A stack only helps with a bug, so it is printed only for what the engine raises
 * (TypeError, ReferenceError, ...) and for anything thrown that is not an Error.
 *
 * @returns 0 when the synthesis succeeded, 1 when it threw; also set as `process.exitCode`.
 */
export function runSynthApp(synth: () => void, io: SynthAppIo = { stderr: text => process.stderr.write(text) }): number {
  let code = 0;
  try {
    synth();
  } catch (error) {
    code = 1;
    if (error instanceof Error && !BUG_ERRORS.some(type => error instanceof type)) {
      io.stderr(`synth failed: ${error.message}\n`);
    } else {
      io.stderr(`synth failed with an internal error (a bug; please report it with this trace):\n${error instanceof Error ? error.stack : String(error)}\n`);
    }
  }
  process.exitCode = code;
  return code;
}
