// Plain seeded Monte Carlo design: independent uniform draws in [0, 1)^d.
import { createRng, type Rng } from "./rng.ts";

/** `count` points in the unit cube, one Float64Array of `dimensions` per point. */
export function uniformRandom(
  count: number,
  dimensions: number,
  seed: number,
): Float64Array[] {
  return drawUniform(createRng(seed), count, dimensions);
}

/** Draws from an existing stream, so rejection rounds continue one sequence. */
export function drawUniform(rng: Rng, count: number, dimensions: number): Float64Array[] {
  return Array.from({ length: count }, () => {
    const point = new Float64Array(dimensions);
    for (let d = 0; d < dimensions; d++) point[d] = rng.nextFloat();
    return point;
  });
}
