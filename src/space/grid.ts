// Mixed-radix arithmetic over the block forest: grid index -> the values of
// every active axis, and back. Works on bigint so 10^15-point grids index
// exactly; nothing is enumerated.
import type { Axis } from "./axis.ts";
import type { ParamValue } from "./spec.ts";
import { activeChildren, type Block } from "./structure.ts";

/** The values of every active axis, keyed by the axis's position. */
export type AxisValues = Map<number, readonly ParamValue[]>;

/** Decodes a grid index (0 <= index < product of root sizes). */
export function decodeIndex(roots: readonly Block[], index: bigint): AxisValues {
  const found: AxisValues = new Map();
  decodeRadix(roots, index, found);
  return found;
}

// The last block varies fastest, like nested loops written in order.
function decodeRadix(blocks: readonly Block[], index: bigint, found: AxisValues): void {
  let rest = index;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i] as Block;
    decodeBlock(block, rest % block.size, found);
    rest /= block.size;
  }
}

function decodeBlock(block: Block, index: bigint, found: AxisValues): void {
  const { axis, offsets } = block;
  if (offsets === undefined) {
    found.set(axis.position, axis.valuesAt(Number(index)));
    return;
  }

  const coordinate = lastAtMost(offsets, index);
  found.set(axis.position, axis.valuesAt(coordinate));
  decodeRadix(
    activeChildren(axis, block.children, coordinate),
    index - offsets[coordinate]!,
    found,
  );
}

// Binary search: the last coordinate whose offset is <= index.
function lastAtMost(offsets: readonly bigint[], index: bigint): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Encodes the values of the axes back to a grid index, or undefined if off-grid. */
export function encodeIndex(
  roots: readonly Block[],
  valuesOf: (axis: Axis) => readonly ParamValue[] | undefined,
): bigint | undefined {
  return encodeRadix(roots, valuesOf);
}

function encodeRadix(
  blocks: readonly Block[],
  valuesOf: (axis: Axis) => readonly ParamValue[] | undefined,
): bigint | undefined {
  let index = 0n;
  for (const block of blocks) {
    const within = encodeBlock(block, valuesOf);
    if (within === undefined) return undefined;
    index = index * block.size + within;
  }
  return index;
}

function encodeBlock(
  block: Block,
  valuesOf: (axis: Axis) => readonly ParamValue[] | undefined,
): bigint | undefined {
  const values = valuesOf(block.axis);
  const coordinate = values === undefined ? undefined : block.axis.coordinateOf(values);
  if (coordinate === undefined) return undefined;
  if (block.offsets === undefined) return BigInt(coordinate);

  const inner = encodeRadix(
    activeChildren(block.axis, block.children, coordinate),
    valuesOf,
  );
  return inner === undefined ? undefined : block.offsets[coordinate]! + inner;
}
