/**
 * A small deterministic generator (no Math.random), so that a failing randomized test can be
 * reproduced: each call gives a number from 0 to `n` - 1.
 */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}
