// Hand-built Plans for compiler tests: real Plan objects over arrays of
// trials, independent of the plan compiler.
import type {
  Plan, PlanStep, ResourceRequest, StepDependency, TrialSpec, TrialTable,
} from "../../src/plan/types.ts";
import type { CompileOptions } from "../../compilers/shared/options.ts";
import { COMPILE_DEFAULTS } from "../../compilers/shared/options.ts";
import type { Provenance } from "../../compilers/shared/provenance.ts";

export const SMALL: ResourceRequest = { cpus: 1, memoryMiB: 100, gpus: 0, walltimeSeconds: 60 };

export function tableOf(trials: readonly TrialSpec[]): TrialTable {
  return {
    count: trials.length,
    at: (index) => trials[index] as TrialSpec,
    [Symbol.iterator]: () => trials[Symbol.iterator](),
  };
}

export interface StepInput {
  readonly name: string;
  readonly count: number;
  /** Builds the argv of trial i. */
  readonly argv: (i: number) => readonly string[];
  readonly dependsOn?: readonly StepDependency[];
  readonly resources?: ResourceRequest;
  readonly params?: (i: number) => Record<string, string | number | boolean>;
  readonly requeue?: boolean;
  readonly heavy?: boolean;
}

/** Trial ids are readable and unique: <step>-<index>. */
export function stepOf(input: StepInput): PlanStep {
  const trials: TrialSpec[] = [];
  for (let i = 0; i < input.count; i++) {
    const parent = input.dependsOn?.find((dependency) => dependency.mode === "each");
    trials.push({
      id: `${input.name}-${String(i).padStart(5, "0")}`,
      step: input.name,
      index: i,
      point: i,
      params: input.params?.(i) ?? { x: i },
      replicate: 0,
      seed: 1000 + i,
      argv: input.argv(i),
      env: {},
      resources: input.resources ?? SMALL,
      dependsOn: parent ? [`${parent.step}-${String(i).padStart(5, "0")}`] : [],
    });
  }
  return {
    name: input.name,
    dependsOn: input.dependsOn ?? [],
    outputs: [],
    requeue: input.requeue ?? true,
    heavy: input.heavy ?? false,
    retries: 0,
    trials: tableOf(trials),
  };
}

export function planOf(experiment: string, steps: readonly PlanStep[]): Plan {
  return {
    schemaVersion: 1,
    generator: { name: "sweepforge", version: "0.1.0" },
    experiment,
    definition: { path: "experiments/demo.ts", format: "ts", hash: "d".repeat(64) },
    seed: 7,
    space: { size: String(steps[0]?.trials.count ?? 0), selected: 0, method: "grid", replicates: 1 },
    params: [],
    metrics: [],
    steps,
    inputs: [],
    cluster: {},
    hash: "a".repeat(64),
  };
}

export const FIXED_PROVENANCE: Provenance = {
  generatorVersion: "0.1.0",
  definitionPath: "experiments/demo.ts",
  definitionHash: "d".repeat(64),
  planHash: "a".repeat(64),
  git: { commit: "0123456789abcdef0123456789abcdef01234567", dirty: false },
  command: "sweepforge compile experiments/demo.ts --backend slurm",
};

export function optionsFor(
  backend: CompileOptions["backend"],
  runDir: string,
  extra: Partial<CompileOptions> = {},
): CompileOptions {
  return {
    ...COMPILE_DEFAULTS,
    backend,
    runDir,
    outDir: `${runDir}/scripts`,
    provenance: FIXED_PROVENANCE,
    ...extra,
  };
}
