// Selections: the points a study actually runs, each repeated `replicates`
// times with its own seed. A plain grid is indexed arithmetically; a
// constrained grid is enumerated once, keeping accepted indices in a typed
// array; a sample is drawn from a unit-cube design with rejection.
import { drawLatinHypercube } from "./lhs.ts";
import { makePoint, type Point } from "./point.ts";
import { spaceProblem, type SpaceOrigin } from "./problems.ts";
import { drawUniform } from "./random.ts";
import { createRng } from "./rng.ts";
import { createSobol, SOBOL_MAX_DIMENSIONS } from "./sobol.ts";
import type { ParamValues, SampleMethod, SampleSpec, SpaceSpec } from "./spec.ts";
import { canonicalJson, canonicalParamsJson, sha256Hex } from "./canonical.ts";

export interface Selection extends Iterable<Point> {
  readonly method: "grid" | SampleMethod;
  /** Distinct points selected, before replicates. */
  readonly pointCount: number;
  readonly replicates: number;
  /** pointCount * replicates: the length of the selection. */
  readonly count: number;
  /** The point at a position; replicates of one point are adjacent. */
  at(index: number): Point;
  /** The params of the distinct point at `point` (0 <= point < pointCount). */
  paramsOf(point: number): ParamValues;
}

export interface SelectOptions {
  /** Largest grid selected without sampling. Default 10^8 points. */
  readonly maxGridPoints?: number;
  /** Largest grid enumerated to apply constraints. Default 2 * 10^7 points. */
  readonly maxEnumerated?: number;
  /** Lowest acceptance rate tolerated when sampling with constraints. Default 0.01. */
  readonly minAcceptance?: number;
}

export const DEFAULT_MAX_GRID_POINTS = 100_000_000;
export const DEFAULT_MAX_ENUMERATED = 20_000_000;
export const DEFAULT_MIN_ACCEPTANCE = 0.01;

export interface SelectContext {
  readonly spec: SpaceSpec;
  readonly origin: SpaceOrigin;
  readonly replicates: number;
  accepts(params: ParamValues): boolean;
}

/** The whole grid, minus the points a constraint drops. */
export function selectGrid(
  size: bigint,
  paramsAt: (index: bigint) => ParamValues,
  context: SelectContext,
  options: SelectOptions,
): Selection {
  const constrained = (context.spec.constraints ?? []).length > 0;
  const limit = constrained
    ? (options.maxEnumerated ?? DEFAULT_MAX_ENUMERATED)
    : (options.maxGridPoints ?? DEFAULT_MAX_GRID_POINTS);

  if (size * BigInt(context.replicates) > BigInt(limit)) {
    const times = context.replicates > 1 ? ` × ${context.replicates} replicates` : "";
    const use = constrained ? "enumerated to apply constraints" : "run as a grid";
    spaceProblem(
      { ...context.origin, path: [] },
      "grid-too-large",
      ["params"],
      `the grid has ${size} points${times}, more than the ${limit} that can be ${use}`,
      "add a sample, e.g. sample: { method: sobol, count: 1024 }, " +
        "or use fewer values per dimension",
    );
  }

  if (!constrained) {
    return makeSelection(
      "grid",
      Number(size),
      (point) => paramsAt(BigInt(point)),
      context,
    );
  }

  const accepted = acceptedIndices(Number(size), paramsAt, context);
  if (accepted.length === 0) {
    const described = (context.spec.constraints ?? [])
      .map((c) => c.describe)
      .join(" and ");
    spaceProblem(
      { ...context.origin, path: [] },
      "constraint-drops-everything",
      ["where"],
      `the constraint ${described} drops all ${size} points of the grid`,
      "relax the constraint or widen the dimensions it tests",
    );
  }
  return makeSelection(
    "grid",
    accepted.length,
    (point) => paramsAt(BigInt(accepted[point]!)),
    context,
  );
}

// Streams over the grid once; accepted indices go into a growing typed array.
function acceptedIndices(
  size: number,
  paramsAt: (index: bigint) => ParamValues,
  context: SelectContext,
): Float64Array {
  let accepted = new Float64Array(Math.min(size, 1024));
  let count = 0;

  for (let index = 0; index < size; index++) {
    if (!context.accepts(paramsAt(BigInt(index)))) continue;
    if (count === accepted.length) {
      const grown = new Float64Array(Math.min(size, accepted.length * 2));
      grown.set(accepted);
      accepted = grown;
    }
    accepted[count++] = index;
  }
  return accepted.subarray(0, count);
}

/**
 * A seeded sample of `sample.count` distinct points. Draws that fail a
 * constraint, or repeat a point already chosen (possible when every
 * dimension is discrete), are rejected and replaced.
 */
export function selectSample(
  sample: SampleSpec,
  dimensions: number,
  discreteSize: bigint | undefined,
  draw: (unit: Float64Array) => ParamValues,
  context: SelectContext,
  options: SelectOptions,
): Selection {
  checkSample(sample, dimensions, discreteSize, context.origin);

  const source = unitSource(sample, dimensions, samplerSeed(context.spec.seed));
  const minAcceptance = options.minAcceptance ?? DEFAULT_MIN_ACCEPTANCE;
  const budget = Math.ceil(sample.count / minAcceptance);
  const chosen: ParamValues[] = [];
  const canonical: string[] = [];
  const seen = new Set<string>();
  const tally = { drawn: 0, rejected: 0, repeated: 0 };

  while (chosen.length < sample.count && tally.drawn < budget) {
    const wanted = sample.count - chosen.length;
    const rate =
      tally.drawn === 0 ? 1 : Math.max(chosen.length / tally.drawn, minAcceptance);
    const batch = Math.min(budget - tally.drawn, Math.ceil(wanted / rate));

    for (const unit of source(batch)) {
      tally.drawn += 1;
      const params = draw(unit);
      if (!context.accepts(params)) {
        tally.rejected += 1;
        continue;
      }

      const key = canonicalParamsJson(params);
      if (seen.has(key)) {
        tally.repeated += 1;
        continue;
      }
      seen.add(key);
      chosen.push(params);
      canonical.push(key);
      if (chosen.length === sample.count) break;
    }
  }

  if (chosen.length < sample.count) tooFewAccepted(sample, chosen.length, tally, context);
  return makeSelection(
    sample.method,
    chosen.length,
    (point) => chosen[point]!,
    context,
    (point) => canonical[point]!,
  );
}

function tooFewAccepted(
  sample: SampleSpec,
  accepted: number,
  tally: { drawn: number; rejected: number; repeated: number },
  context: SelectContext,
): never {
  const at = { ...context.origin, path: [] };
  const percent = ((100 * accepted) / tally.drawn).toPrecision(2);

  if (tally.repeated > tally.rejected) {
    spaceProblem(
      at,
      "sample-repeats",
      ["sample", "count"],
      `only ${accepted} of ${tally.drawn} sampled points (${percent}%) were new; the others ` +
        `repeated a point already drawn, too often to find ${sample.count} distinct points`,
      "ask for fewer points, or drop `sample` and run the grid",
    );
  }

  const described = (context.spec.constraints ?? []).map((c) => c.describe).join(" and ");
  spaceProblem(
    at,
    "acceptance-too-low",
    ["where"],
    `the constraint ${described} accepted ${accepted} of ${tally.drawn} sampled points ` +
      `(${percent}%), too few to find ${sample.count}`,
    "relax the constraint, narrow the sampled ranges to where it holds, or use a grid",
  );
}

function checkSample(
  sample: SampleSpec,
  dimensions: number,
  discreteSize: bigint | undefined,
  origin: SpaceOrigin,
): void {
  const at = { ...origin, path: [] };
  if (!Number.isSafeInteger(sample.count) || sample.count < 1) {
    spaceProblem(
      at,
      "invalid-sample-count",
      ["sample", "count"],
      `sample count is ${String(sample.count)}, not a positive integer`,
      "give count as 1 or more, e.g. 256",
    );
  }
  if (discreteSize !== undefined && BigInt(sample.count) > discreteSize) {
    spaceProblem(
      at,
      "sample-larger-than-space",
      ["sample", "count"],
      `the sample asks for ${sample.count} distinct points, ` +
        `but the space has only ${discreteSize}`,
      `drop \`sample\` to run all ${discreteSize} points, or ask for at most ${discreteSize}`,
    );
  }
  if (sample.method === "sobol" && dimensions > SOBOL_MAX_DIMENSIONS) {
    spaceProblem(
      at,
      "too-many-dimensions",
      ["sample", "method"],
      `Sobol sampling supports up to ${SOBOL_MAX_DIMENSIONS} dimensions; ` +
        `this space has ${dimensions}`,
      "use method: lhs or random",
    );
  }
}

// The sampler's seed is its own hash of the experiment seed, so the design
// and the per-trial seeds never share a stream.
function samplerSeed(experimentSeed: number): number {
  const digest = sha256Hex(canonicalJson({ experimentSeed, purpose: "sample" }));
  return Number.parseInt(digest.slice(0, 12), 16);
}

type UnitSource = (count: number) => Iterable<Float64Array>;

function unitSource(sample: SampleSpec, dimensions: number, seed: number): UnitSource {
  const rng = createRng(seed);
  switch (sample.method) {
    case "random":
      return (count) => drawUniform(rng, count, dimensions);
    case "lhs":
      // Each round is a fresh hypercube of the size still wanted: without
      // constraints that is one hypercube of exactly `count` points.
      return (count) => drawLatinHypercube(rng, count, dimensions);
    case "sobol": {
      const sequence = createSobol(dimensions, {
        scramble: sample.scramble ?? true,
        seed,
      });
      return (count) => Array.from({ length: count }, () => sequence.next());
    }
  }
}

function makeSelection(
  method: Selection["method"],
  pointCount: number,
  paramsOf: (point: number) => ParamValues,
  context: SelectContext,
  canonicalOf?: (point: number) => string,
): Selection {
  const { replicates } = context;
  const count = pointCount * replicates;

  // Callers often ask for the same position twice in a row (a trial's
  // resources, then the trial), so the last point is kept.
  let last: Point | undefined;
  const at = (index: number): Point => {
    if (last?.index === index) return last;
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`selection index ${index} is outside 0..${count - 1}`);
    }
    const point = Math.floor(index / replicates);
    const params = paramsOf(point);
    const canonical =
      canonicalOf === undefined ? canonicalParamsJson(params) : canonicalOf(point);
    last = makePoint(
      index,
      point,
      params,
      index % replicates,
      context.spec.seed,
      canonical,
    );
    return last;
  };

  return {
    method,
    pointCount,
    replicates,
    count,
    at,
    paramsOf,
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield at(index);
    },
  };
}
