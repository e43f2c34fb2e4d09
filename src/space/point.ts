// A selected point of the space with its identity: key and seed come from
// the canonical parameter values, never from the point's position.
import { canonicalParamsJson } from "./canonical.ts";
import { deriveSeedOf, pointKeyOf } from "./identity.ts";
import type { ParamValues } from "./spec.ts";

export interface Point {
  /** Position in the selection, replicates included (0 <= index < count). */
  readonly index: number;
  /** Position of the distinct point (before replicates) in the selection. */
  readonly point: number;
  readonly params: ParamValues;
  /** 0-based replicate number. */
  readonly replicate: number;
  /** deriveSeed(experiment seed, params, replicate). */
  readonly seed: number;
  /** Step-independent identity of params + replicate (see pointKey). */
  readonly key: string;
}

/** Builds a Point, serialising the params once for both hashes. */
export function makePoint(
  index: number,
  point: number,
  params: ParamValues,
  replicate: number,
  experimentSeed: number,
): Point {
  const canonicalParams = canonicalParamsJson(params);
  return {
    index,
    point,
    params,
    replicate,
    seed: deriveSeedOf(experimentSeed, canonicalParams, replicate),
    key: pointKeyOf(canonicalParams, replicate),
  };
}
