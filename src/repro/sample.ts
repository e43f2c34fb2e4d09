// Picks which trials to re-execute: all of them, or a seeded sample of N
// that is the same on every machine for the same package and seed.

/** mulberry32: a tiny, well-mixed 32-bit generator, enough for sampling. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
