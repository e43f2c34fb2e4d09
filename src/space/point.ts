// A selected point of the space with its identity: key and seed come from
// the canonical parameter values, never from the point's position.
import { canonicalJson, sha256Hex } from "./canonical.ts";
import { seedFromDigest, TRIAL_ID_LENGTH } from "./identity.ts";
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

// Builds a Point serialising the params once; the strings hashed match
// pointKey and deriveSeed exactly (keys in sorted order).
export function makePoint(
  index: number,
  point: number,
  params: ParamValues,
  replicate: number,
  experimentSeed: number,
): Point {
  const canonicalParams = canonicalJson(params);
  const replicateJson = canonicalJson(replicate);
  const keyText = `{"params":${canonicalParams},"replicate":${replicateJson}}`;
  const seedText =
    `{"experimentSeed":${canonicalJson(experimentSeed)},` +
    `"params":${canonicalParams},"replicate":${replicateJson}}`;

  return {
    index,
    point,
    params,
    replicate,
    seed: seedFromDigest(sha256Hex(seedText)),
    key: sha256Hex(keyText).slice(0, TRIAL_ID_LENGTH),
  };
}
