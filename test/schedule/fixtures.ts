// Hand-built plans and seeded noise for the schedule tests.
import { createRng } from "../../src/space/index.ts";
import type {
  ParamInfo,
  ParamValues,
  PlanStep,
  ResourceRequest,
  TrialSpec,
  TrialTable,
} from "../../src/plan/types.ts";

export const DECLARED: ResourceRequest = {
  cpus: 1,
  memoryMiB: 1024,
  gpus: 0,
  walltimeSeconds: 3600,
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

export function planStep(
  name: string,
  trials: readonly TrialSpec[],
  heavy = false,
): PlanStep {
  return {
    name,
    dependsOn: [],
    outputs: [],
    requeue: false,
    heavy,
    retries: 0,
    trials: trialTable(trials),
  };
}

export const param = (
  name: string,
  kind: ParamInfo["kind"],
  scale: ParamInfo["scale"] = "linear",
): ParamInfo => ({ name, kind, scale, origin: "swept" });

/** Uniform doubles in [0, 1) from the project's one seeded generator. */
export function seededRandom(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.nextFloat();
}

/** Standard normal draws by Box-Muller. */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () =>
    Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
