// Lazy trial tables. A per-point step computes trial i from point i of the
// selection on demand; an aggregate step has a single trial. Nothing is
// materialised, so a million-trial plan costs nothing until it is walked.
import type { ParamValues, ResourceRequest, TrialSpec, TrialTable } from "./types.ts";

/** A TrialTable that can also give a trial's resources without building it. */
export interface ResourceAwareTable extends TrialTable {
  resourcesAt(index: number): ResourceRequest;
  /** Set when every trial requests the same resources. */
  readonly constantResources?: ResourceRequest;
}

export function lazyTable(
  count: number,
  build: (index: number) => TrialSpec,
  resourcesAt: (index: number) => ResourceRequest,
  constantResources?: ResourceRequest,
): ResourceAwareTable {
  const at = (index: number): TrialSpec => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`trial index ${index} is outside 0..${count - 1}`);
    }
    return build(index);
  };

  return {
    count,
    at,
    resourcesAt,
    ...(constantResources ? { constantResources } : {}),
    *[Symbol.iterator]() {
      for (let index = 0; index < count; index++) yield at(index);
    },
  };
}

/** A table over trials already in memory (a plan read back from plan.json). */
export function arrayTable(trials: readonly TrialSpec[]): ResourceAwareTable {
  return lazyTable(
    trials.length,
    (index) => trials[index] as TrialSpec,
    (index) => (trials[index] as TrialSpec).resources,
  );
}

export const NO_PARAMS: ParamValues = Object.freeze({});
