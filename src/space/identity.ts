// Stable identity for trials: ids and seeds depend only on the canonical
// parameter values (never on a point's position), so adding values to a
// dimension or replicates to a study never renames or reseeds finished work.
import { canonicalJson, canonicalParamsJson, sha256Hex } from "./canonical.ts";
import type { ParamValues } from "./spec.ts";

/** Hex characters kept from the hash: 64 bits, ample for any one study. */
export const TRIAL_ID_LENGTH = 16;

/** The id of one step applied to one point and replicate. */
export function trialId(step: string, params: ParamValues, replicate: number): string {
  return trialIdOf(step, canonicalParamsJson(params), replicate);
}

/** trialId from already-serialised params (a Point's canonicalParams). */
export function trialIdOf(
  step: string,
  canonicalParams: string,
  replicate: number,
): string {
  // Members in sorted order, as canonicalJson({ params, replicate, step }) writes them.
  const identity =
    `{"params":${canonicalParams},"replicate":${canonicalJson(replicate)},` +
    `"step":${JSON.stringify(step)}}`;
  return sha256Hex(identity).slice(0, TRIAL_ID_LENGTH);
}

/** A step-independent key for a point and replicate (same hash scheme). */
export function pointKey(params: ParamValues, replicate: number): string {
  return pointKeyOf(canonicalParamsJson(params), replicate);
}

/** pointKey from already-serialised params. */
export function pointKeyOf(canonicalParams: string, replicate: number): string {
  const identity = `{"params":${canonicalParams},"replicate":${canonicalJson(replicate)}}`;
  return sha256Hex(identity).slice(0, TRIAL_ID_LENGTH);
}

/**
 * A trial's seed: 31 bits of sha256 over the experiment seed and the point's
 * identity, so it fits a signed 32-bit int (C, Fortran, numpy all accept it).
 */
export function deriveSeed(
  experimentSeed: number,
  params: ParamValues,
  replicate: number,
): number {
  return deriveSeedOf(experimentSeed, canonicalParamsJson(params), replicate);
}

/** deriveSeed from already-serialised params. */
export function deriveSeedOf(
  experimentSeed: number,
  canonicalParams: string,
  replicate: number,
): number {
  const identity =
    `{"experimentSeed":${canonicalJson(experimentSeed)},"params":${canonicalParams},` +
    `"replicate":${canonicalJson(replicate)}}`;
  return seedFromDigest(sha256Hex(identity));
}

/** The top 31 bits of a hex digest's first 32. */
export function seedFromDigest(hexDigest: string): number {
  return Number.parseInt(hexDigest.slice(0, 8), 16) >>> 1;
}
