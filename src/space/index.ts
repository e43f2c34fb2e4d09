// The parameter-space engine: dimensions, lazy indexing, samplers,
// constraints, seeds and trial ids. Knows nothing of steps or backends.
export type * from "./spec.ts";
export type { SpaceParamInfo } from "./axis.ts";
export { kindOfValues } from "./axis.ts";
export { canonicalJson, canonicalParamsJson, sha256Hex } from "./canonical.ts";
export { trialId, trialIdOf, pointKey, deriveSeed, TRIAL_ID_LENGTH } from "./identity.ts";
export { createRng, type Rng } from "./rng.ts";
export { uniformRandom } from "./random.ts";
export { latinHypercube } from "./lhs.ts";
export {
  sobolPoints,
  createSobol,
  SOBOL_MAX_DIMENSIONS,
  type SobolOptions,
  type SobolSequence,
} from "./sobol.ts";
export type { Point } from "./point.ts";
export type { SpaceOrigin } from "./problems.ts";
export {
  DEFAULT_MAX_ENUMERATED,
  DEFAULT_MAX_GRID_POINTS,
  DEFAULT_MIN_ACCEPTANCE,
  type Selection,
  type SelectOptions,
} from "./selection.ts";
export { createSpace, type Space } from "./space.ts";
export { centeredDiscrepancySquared, l2StarDiscrepancySquared } from "./discrepancy.ts";
export { describeDimension } from "./describe.ts";
export { dimensionSpecSchema, spaceSpecSchema } from "./schema.ts";
