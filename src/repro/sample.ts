// Picks which trials to re-execute: all of them, or a seeded sample of N
// that is the same on every machine for the same package and seed.
import { createRng } from "../space/index.ts";

/** Uniform doubles in [0, 1) from the project's one seeded generator. */
function generator(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.nextFloat();
}

/** `count` items chosen uniformly without replacement, kept in their original order. */
export function seededSample<T>(items: readonly T[], count: number | "all", seed: number): T[] {
  if (count === "all" || count >= items.length) return [...items];

  const next = generator(seed);
  const positions = items.map((_, at) => at);
  for (let at = 0; at < count; at += 1) {
    const pick = at + Math.floor(next() * (positions.length - at));
    [positions[at], positions[pick]] = [positions[pick] as number, positions[at] as number];
  }
  return positions.slice(0, count).sort((a, b) => a - b).map((at) => items[at] as T);
}
