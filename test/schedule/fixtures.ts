// Hand-built plans and seeded noise for the schedule tests.
import type {
  ParamInfo, ParamValues, PlanStep, ResourceRequest, TrialSpec, TrialTable,
} from "../../src/plan/types.ts";

export const DECLARED: ResourceRequest = {
  cpus: 1, memoryMiB: 1024, gpus: 0, walltimeSeconds: 3600,
};

export function trialTable(trials: readonly TrialSpec[]): TrialTable {
  return {
    count: trials.length,
    at: (index) => trials[index] as TrialSpec,
    [Symbol.iterator]: () => trials[Symbol.iterator](),
  };
}

export function trial(
  step: string,
  index: number,
  params: ParamValues,
  rest: Partial<TrialSpec> = {},
): TrialSpec {
  return {
    id: `${step}-${index}`,
    step,
    index,
    point: index,
    params,
    replicate: 0,
    seed: index,
    argv: ["true"],
    env: {},
    resources: DECLARED,
    dependsOn: [],
    ...rest,
  };
}

export function planStep(name: string, trials: readonly TrialSpec[], heavy = false): PlanStep {
  return {
    name, dependsOn: [], outputs: [], requeue: false, heavy, retries: 0,
    trials: trialTable(trials),
  };
}

export const param = (
  name: string,
  kind: ParamInfo["kind"],
  scale: ParamInfo["scale"] = "linear",
): ParamInfo => ({ name, kind, scale, origin: "swept" });

/** mulberry32: a tiny seeded generator so noise is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box-Muller. */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
