// A small deterministic generator (a linear congruential one), so that a failing run of a test that draws random
// kill points can be repeated with the same points.
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
