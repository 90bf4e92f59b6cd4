import { parseGoDuration } from '../../../lib/validation/go-duration';

test.each([
  ['15m', 900_000],
  ['1h30m', 5_400_000],
  ['90s', 90_000],
  ['1s', 1000],
  ['1.5h', 5_400_000],
  ['1000ms', 1000],
  ['2h45m30s', 9_930_000],
  ['1000000us', 1000],
  ['1000000µs', 1000],
  ['1000000000ns', 1000],
  ['1m1m', 120_000],
])('parses %p as %p ms, as Go\'s time.ParseDuration does', (value, ms) => {
  expect(parseGoDuration('expiration window', value)).toBe(ms);
});

test.each(['', '15', '1d', '15 m', ' 15m', '-5m', '+5m', 'm', '1.m', '.5h', '15M', '1h 30m', 'PT15M'])(
  'refuses %p, which is not a Go duration with our units', (value) => {
    expect(() => parseGoDuration('expiration window of grant "g"', value)).toThrow(
      `invalid expiration window of grant "g" "${value}": must be a Go duration such as 25m, 1h30m or 90s (units ns, us, ms, s, m, h; no days)`);
  });

test.each(['0s', '999ms', '0h', '500000us'])('refuses %p, shorter than 1s', (value) => {
  expect(() => parseGoDuration('expiration window', value)).toThrow(`invalid expiration window "${value}": must be at least 1s`);
});
