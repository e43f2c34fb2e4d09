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
  /** canonicalParamsJson(params), kept so ids and hashes reuse one serialisation. */
  readonly canonicalParams: string;
}

/** Builds a Point from params (serialised already, when given); the key waits. */
export function makePoint(
  index: number,
  point: number,
  params: ParamValues,
  replicate: number,
  experimentSeed: number,
  canonicalParams: string = canonicalParamsJson(params),
): Point {
  const seed = deriveSeedOf(experimentSeed, canonicalParams, replicate);
  return new SelectedPoint(index, point, params, replicate, seed, canonicalParams);
}

// Most callers need the seed but not the key, so the key's hash waits until
// it is read; toJSON keeps the serialised form complete.
class SelectedPoint implements Point {
  readonly index: number;
  readonly point: number;
  readonly params: ParamValues;
  readonly replicate: number;
  readonly seed: number;
  readonly canonicalParams: string;
  #key: string | undefined;

  constructor(
    index: number,
    point: number,
    params: ParamValues,
    replicate: number,
    seed: number,
    canonicalParams: string,
  ) {
    this.index = index;
    this.point = point;
    this.params = params;
    this.replicate = replicate;
    this.seed = seed;
    this.canonicalParams = canonicalParams;
  }

  get key(): string {
    this.#key ??= pointKeyOf(this.canonicalParams, this.replicate);
    return this.#key;
  }

  // The canonical text is a cache of params, not part of the serialised point.
  toJSON(): Omit<Point, "canonicalParams"> {
    const { index, point, params, replicate, seed, key } = this;
    return { index, point, params, replicate, seed, key };
  }
}
