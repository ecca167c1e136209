/**
 * A seeded pseudo-random sequence in [0, 1) (a 32-bit linear congruential generator), for sample
 * data that must come out the same on every run: the demo county, the regimes' seeds, the import
 * fixtures. Not for anything that needs real randomness.
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
