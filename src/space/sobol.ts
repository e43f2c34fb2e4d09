// Sobol low-discrepancy sequence with Joe & Kuo (2008) direction numbers,
// generated in Gray-code order with 32-bit integers. Point 0 is the origin, as
// in the published sequence (and in scipy's unscrambled Sobol).
//
// Scrambling (on by default for sampled spaces) is a seeded linear matrix
// scramble followed by a random digital shift (Matoušek 1998): each
// coordinate's binary digits are mixed by a random lower-triangular matrix
// with unit diagonal, then XOR-ed with a random shift. The scrambled design
// keeps the (t, s)-net structure of the sequence, so its uniformity is
// preserved, while different seeds give different, independent designs.
import { createRng, type Rng } from "./rng.ts";
import { JOE_KUO_DIRECTIONS, SOBOL_MAX_DIMENSIONS } from "./sobol-directions.ts";

export { SOBOL_MAX_DIMENSIONS };

const BITS = 32;
const SCALE = 2 ** -BITS;
const MAX_POINTS = 2 ** BITS;

export interface SobolOptions {
  /** Apply a seeded linear matrix scramble + digital shift. Default false. */
  readonly scramble?: boolean;
  /** Seed of the scramble; ignored when not scrambling. */
  readonly seed?: number;
  /** Index of the first point returned (0 is the origin when unscrambled). */
  readonly skip?: number;
}

export interface SobolSequence {
  readonly dimensions: number;
  /** Index of the point the next call returns. */
  readonly position: number;
  next(): Float64Array;
}

/** `count` consecutive points of a Sobol sequence, one Float64Array per point. */
export function sobolPoints(
  count: number,
  dimensions: number,
  options: SobolOptions = {},
): Float64Array[] {
  const sequence = createSobol(dimensions, options);
  return Array.from({ length: count }, () => sequence.next());
}

/** A stateful generator, for designs drawn in several rounds. */
export function createSobol(
  dimensions: number,
  options: SobolOptions = {},
): SobolSequence {
  if (
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > SOBOL_MAX_DIMENSIONS
  ) {
    throw new RangeError(
      `Sobol supports 1 to ${SOBOL_MAX_DIMENSIONS} dimensions, not ${dimensions}`,
    );
  }

  const directions = directionTable(dimensions);
  const current = new Uint32Array(dimensions);
  if (options.scramble)
    scramble(directions, current, dimensions, createRng(options.seed ?? 0));

  // `current` always holds the point at `position`; stepping from point n to
  // n + 1 flips the direction of n's lowest zero bit.
  let position = options.skip ?? 0;
  if (position > 0) jumpTo(position, directions, current, dimensions);

  return {
    dimensions,
    get position() {
      return position;
    },
    next() {
      if (position >= MAX_POINTS) {
        throw new RangeError(`a Sobol sequence has at most 2^${BITS} points`);
      }
      const point = new Float64Array(dimensions);
      for (let d = 0; d < dimensions; d++) point[d] = current[d]! * SCALE;

      const bit = lowestZeroBit(position);
      if (bit < BITS) {
        for (let d = 0; d < dimensions; d++) current[d]! ^= directions[d * BITS + bit]!;
      }
      position += 1;
      return point;
    },
  };
}

// Point n in Gray-code order is the XOR of the directions at the set bits of
// gray(n) = n ^ (n >> 1), so any start is reached without stepping through.
function jumpTo(
  index: number,
  directions: Uint32Array,
  current: Uint32Array,
  dims: number,
): void {
  const gray = BigInt(index) ^ (BigInt(index) >> 1n);
  for (let bit = 0; bit < BITS; bit++) {
    if (((gray >> BigInt(bit)) & 1n) === 0n) continue;
    for (let d = 0; d < dims; d++) current[d]! ^= directions[d * BITS + bit]!;
  }
}

function lowestZeroBit(n: number): number {
  let bit = 0;
  let rest = n;
  while (rest % 2 === 1) {
    rest = (rest - 1) / 2;
    bit += 1;
  }
  return bit;
}

let parsedRows: readonly (readonly number[])[] | undefined;

// The rows of the table, parsed once: [d, s, a, m_1, …, m_s].
function joeKuoRows(): readonly (readonly number[])[] {
  parsedRows ??= JOE_KUO_DIRECTIONS.trim()
    .split("\n")
    .map((line) => line.split(" ").map(Number));
  return parsedRows;
}

/** Direction numbers v[d * 32 + j] for the first `dimensions` dimensions. */
function directionTable(dimensions: number): Uint32Array {
  const table = new Uint32Array(dimensions * BITS);
  for (let j = 0; j < BITS; j++) table[j] = 2 ** (BITS - 1 - j);

  const rows = joeKuoRows();
  for (let d = 1; d < dimensions; d++) {
    const [, degree = 0, polynomial = 0, ...initial] = rows[d - 1]!;
    fillDirections(table.subarray(d * BITS, (d + 1) * BITS), degree, polynomial, initial);
  }
  return table;
}

// v_j = m_j / 2^j for the first s, then Bratley & Fox's recurrence over the
// primitive polynomial's coefficients.
function fillDirections(
  v: Uint32Array,
  degree: number,
  polynomial: number,
  m: number[],
): void {
  for (let j = 0; j < Math.min(degree, BITS); j++) {
    v[j] = (m[j]! * 2 ** (BITS - 1 - j)) >>> 0;
  }

  for (let j = degree; j < BITS; j++) {
    let value = v[j - degree]! ^ (v[j - degree]! >>> degree);
    for (let k = 1; k < degree; k++) {
      if ((polynomial >>> (degree - 1 - k)) & 1) value ^= v[j - k]!;
    }
    v[j] = value >>> 0;
  }
}

// Linear matrix scramble of the directions, then a digital shift of the start.
function scramble(
  directions: Uint32Array,
  start: Uint32Array,
  dims: number,
  rng: Rng,
): void {
  for (let d = 0; d < dims; d++) {
    const rows = lowerTriangularRows(rng);
    for (let j = 0; j < BITS; j++) {
      directions[d * BITS + j] = multiply(rows, directions[d * BITS + j]!);
    }
    start[d] = rng.nextUint32();
  }
}

// Row i (digit i, worth 2^-(i+1), stored at bit 31 - i) has a 1 on the
// diagonal and random bits only for the more significant digits.
function lowerTriangularRows(rng: Rng): Uint32Array {
  const rows = new Uint32Array(BITS);
  for (let i = 0; i < BITS; i++) {
    const diagonal = 2 ** (BITS - 1 - i);
    const above = i === 0 ? 0 : (rng.nextUint32() & ~(diagonal * 2 - 1)) >>> 0;
    rows[i] = (above | diagonal) >>> 0;
  }
  return rows;
}

function multiply(rows: Uint32Array, digits: number): number {
  let result = 0;
  for (let i = 0; i < BITS; i++) {
    if (parity(rows[i]! & digits)) result |= 1 << (BITS - 1 - i);
  }
  return result >>> 0;
}

function parity(word: number): number {
  let x = word;
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}
