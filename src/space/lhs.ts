// Latin hypercube design: each axis of [0, 1) is cut into `count` equal
// strata and every stratum of every axis holds exactly one point; where in
// its stratum the point falls, and how strata pair up across axes, is random.
import { createRng, type Rng } from "./rng.ts";

/** `count` points in the unit cube with one point per stratum per dimension. */
export function latinHypercube(
  count: number,
  dimensions: number,
  seed: number,
): Float64Array[] {
  return drawLatinHypercube(createRng(seed), count, dimensions);
}

/** Draws one hypercube from an existing stream. */
export function drawLatinHypercube(
  rng: Rng,
  count: number,
  dimensions: number,
): Float64Array[] {
  const points = Array.from({ length: count }, () => new Float64Array(dimensions));

  for (let d = 0; d < dimensions; d++) {
    const strata = shuffledStrata(rng, count);
    for (let i = 0; i < count; i++) {
      const stratum = strata[i]!;
      const u = (stratum + rng.nextUint32() / 4294967296) / count;

      // Rounding can only push a point up into the next stratum for designs
      // of millions of points; such a point falls back to its stratum's start.
      points[i]![d] = Math.floor(u * count) === stratum ? u : stratum / count;
    }
  }
  return points;
}

// 0..count-1 in a random order (Fisher–Yates on a typed array).
function shuffledStrata(rng: Rng, count: number): Int32Array {
  const strata = new Int32Array(count);
  for (let i = 0; i < count; i++) strata[i] = i;

  for (let i = count - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const held = strata[i]!;
    strata[i] = strata[j]!;
    strata[j] = held;
  }
  return strata;
}
