// Hand-built Plans for runner tests: real Plan objects over arrays of trials,
// so the runner is exercised without depending on the definition compiler.
import type {
  Plan,
  PlanStep,
  ResourceRequest,
  StepDependency,
  TrialSpec,
  ParamValues,
} from "../../../src/plan/types.ts";
import { arrayTable } from "../../../src/plan/trial-table.ts";
import { planHash } from "../../../src/plan/serialize.ts";

export interface StepInput {
  readonly name: string;
  readonly argv: (params: ParamValues, index: number) => readonly string[];
  readonly params?: readonly ParamValues[];
  readonly count?: number;
  readonly resources?: Partial<ResourceRequest>;
  readonly dependsOn?: readonly StepDependency[];
  readonly retries?: number;
  readonly env?: Readonly<Record<string, string>>;
}

const DEFAULT: ResourceRequest = { cpus: 1, memoryMiB: 0, gpus: 0, walltimeSeconds: 0 };

export function handPlan(experiment: string, steps: readonly StepInput[]): Plan {
  const built: PlanStep[] = [];
  const idsByStep = new Map<string, string[]>();

  for (const step of steps) {
    const points =
      step.params ?? Array.from({ length: step.count ?? 1 }, (_, i) => ({ i }));
    const trials: TrialSpec[] = points.map((params, index) => {
      const id = `${step.name}-${String(index).padStart(5, "0")}`;
      const dependsOn = (step.dependsOn ?? []).flatMap((dep) => {
        const parents = idsByStep.get(dep.step) ?? [];
        return dep.mode === "all" ? parents : parents.filter((_, i) => i === index);
      });
      return {
        id,
        step: step.name,
        index,
        point: index,
        params,
        replicate: 0,
        seed: 1000 + index,
        argv: step.argv(params, index),
        env: step.env ?? {},
        resources: { ...DEFAULT, ...step.resources },
        dependsOn,
      };
    });
    idsByStep.set(
      step.name,
      trials.map((t) => t.id),
    );
    built.push({
      name: step.name,
      dependsOn: step.dependsOn ?? [],
      outputs: [],
      requeue: false,
      heavy: false,
      retries: step.retries ?? 0,
      trials: arrayTable(trials),
    });
  }

  const plan: Omit<Plan, "hash"> = {
    schemaVersion: 1,
    generator: { name: "sweepforge", version: "0.1.0" },
    experiment,
    definition: { path: "experiment.json", format: "inline", hash: "0".repeat(64) },
    seed: 1,
    space: {
      size: String(built[0]?.trials.count ?? 0),
      selected: built[0]?.trials.count ?? 0,
      method: "grid",
      replicates: 1,
    },
    params: [],
    metrics: [],
    steps: built,
    inputs: [],
    cluster: {},
  };
  return { ...plan, hash: planHash(plan) };
}
