// Go's time.ParseDuration units, in milliseconds. Skupper and our runtime parse expiration windows
// with Go semantics, so only these units (no 'd') are accepted.
const UNIT_MS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/**
 * Parses a positive Go-style duration such as `25m`, `1h30m` or `90s` into milliseconds.
 * `what` names the field in the error, e.g. `expiration window`.
 */
export function parseGoDuration(what: string, value: string): number {
  if (!DURATION.test(value)) {
    throw new Error(`invalid ${what} "${value}": must be a Go duration such as 25m, 1h30m or 90s ` +
      '(units ns, us, ms, s, m, h; no days)');
  }
  let total = 0;
  for (const [, amount, unit] of value.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  if (!(total >= 1000)) {
    throw new Error(`invalid ${what} "${value}": must be at least 1s`);
  }
  return total;
}
