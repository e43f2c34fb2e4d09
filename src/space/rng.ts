// A small, fast, seeded PRNG: xoshiro128** (Blackman & Vigna) with its state
// filled by splitmix32 from the seed. Written here so designs never depend on
// Math.random or on a dependency's version.

export interface Rng {
  /** A uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number;
  /** A double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** An integer in [0, bound), without modulo bias; bound <= 2^32. */
  nextInt(bound: number): number;
  /** Shuffles in place (Fisher–Yates) and returns the same array. */
  shuffle<T>(items: T[]): T[];
}

/** Creates a generator; equal seeds (any finite number) give equal streams. */
export function createRng(seed: number): Rng {
  let [s0, s1, s2, s3] = seedState(seed);

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;

    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const nextFloat = (): number => {
    const high = nextUint32() >>> 5;
    const low = nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  };

  const nextInt = (bound: number): number => {
    const limit = 4294967296 - (4294967296 % bound);
    for (;;) {
      const draw = nextUint32();
      if (draw < limit) return draw % bound;
    }
  };

  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = nextInt(i + 1);
      const held = items[i] as T;
      items[i] = items[j] as T;
      items[j] = held;
    }
    return items;
  };

  return { nextUint32, nextFloat, nextInt, shuffle };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// splitmix32 over both 32-bit halves of the seed, so seeds above 2^32 and
// negative or fractional seeds still give distinct, well-mixed states.
function seedState(seed: number): [number, number, number, number] {
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  const fraction = Math.round((seed - Math.floor(seed)) * 4294967296) >>> 0;
  let mix = (low ^ Math.imul(high, 0x9e3779b9) ^ Math.imul(fraction, 0x85ebca6b)) >>> 0;

  const next = (): number => {
    mix = (mix + 0x9e3779b9) >>> 0;
    let z = mix;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };

  // splitmix32 outputs are a bijection of distinct counters, so four
  // consecutive outputs are never all zero.
  return [next(), next(), next(), next()];
}
