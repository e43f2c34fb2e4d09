// The shape of a space with conditional dimensions: a forest of blocks. A
// block is an axis plus the blocks that exist only for some of its values;
// its size is a sum over the axis's coordinates of the product of the sizes
// of the children active there. Top-level blocks combine as a mixed radix
// (the last varies fastest), so index <-> combination stays arithmetic.
import type { Axis } from "./axis.ts";
import { canonicalJson } from "./canonical.ts";
import { spaceProblem, type SpaceOrigin } from "./problems.ts";
import type { ParamValue } from "./spec.ts";

/** A parent of conditional dimensions may have at most this many values. */
export const MAX_PARENT_VALUES = 1_000_000;

export interface Block {
  readonly axis: Axis;
  readonly children: readonly Block[];
  /** Total combinations of this axis and its active descendants. */
  readonly size: bigint;
  /** Only when the block has children: combinations before each coordinate. */
  readonly offsets?: readonly bigint[];
}

/** Builds the block forest and rejects dangling or circular conditions. */
export function buildBlocks(
  axes: readonly Axis[],
  origin: SpaceOrigin,
): readonly Block[] {
  const owner = new Map<string, Axis>();
  for (const axis of axes) for (const name of axis.names) owner.set(name, axis);

  const childrenOf = new Map<Axis, Axis[]>();
  for (const axis of axes) {
    if (axis.when === undefined) continue;
    const parent = owner.get(axis.when.param);
    if (parent === undefined || parent === axis) {
      const known = [...owner.keys()].filter((name) => !axis.names.includes(name));
      spaceProblem(
        origin,
        "unknown-condition",
        [axis.names.join("+"), "when", "param"],
        `the condition refers to "${axis.when.param}", which is not another dimension`,
        `name one of: ${known.join(", ") || "(no other dimensions)"}`,
      );
    }
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), axis]);
  }

  const reached = new Set<Axis>();
  const build = (axis: Axis): Block => {
    reached.add(axis);
    return blockOf(axis, (childrenOf.get(axis) ?? []).map(build), origin);
  };
  const roots = axes.filter((axis) => axis.when === undefined).map(build);

  const stranded = axes.find((axis) => !reached.has(axis));
  if (stranded) {
    spaceProblem(
      origin,
      "circular-condition",
      [stranded.names.join("+"), "when"],
      `conditions form a cycle through "${stranded.names.join("+")}"`,
      "make every conditional dimension depend, in the end, on an unconditional one",
    );
  }
  return roots;
}

function blockOf(axis: Axis, children: readonly Block[], origin: SpaceOrigin): Block {
  if (children.length === 0) return { axis, children, size: BigInt(axis.size) };

  if (!axis.discrete || axis.size > MAX_PARENT_VALUES) {
    spaceProblem(
      origin,
      "condition-parent",
      [children[0]!.axis.names.join("+"), "when", "param"],
      "conditions may only depend on a dimension with a list of at most " +
        `${MAX_PARENT_VALUES} values`,
      "make the parent a list or categorical dimension",
    );
  }

  const offsets: bigint[] = [];
  let total = 0n;
  for (let coordinate = 0; coordinate < axis.size; coordinate++) {
    offsets.push(total);
    total += activeChildren(axis, children, coordinate).reduce((p, c) => p * c.size, 1n);
  }
  return { axis, children, size: total, offsets };
}

/** The children whose condition holds at this coordinate of the parent axis. */
export function activeChildren(
  axis: Axis,
  children: readonly Block[],
  coordinate: number,
): readonly Block[] {
  if (children.length === 0) return children;
  const values = axis.valuesAt(coordinate);
  return children.filter((child) => conditionHolds(axis, values, child.axis));
}

/** Whether a child's condition holds given its parent's values. */
export function conditionHolds(
  parent: Axis,
  parentValues: readonly ParamValue[],
  child: Axis,
): boolean {
  const { param, keys } = child.condition!;
  const value = parentValues[parent.names.indexOf(param)] as ParamValue;
  return keys.has(canonicalJson(value));
}
