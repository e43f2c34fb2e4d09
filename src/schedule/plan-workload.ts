// A plan's trials as work items: what each occupies (cpus, gpus and the
// memory it will be given) and how long it is expected to run.
import type { Plan } from "../plan/types.ts";
import { estimateTrial, type Estimates } from "./estimate/estimates.ts";
import type { WorkItem } from "./workload.ts";

/**
 * Expected runtimes come from the estimates when given; otherwise the
 * declared walltime stands in (a pessimistic guess, as a user wrote it).
 */
export function workloadFromPlan(plan: Pick<Plan, "steps">, estimates?: Estimates): WorkItem[] {
  const items: WorkItem[] = [];
  for (const step of plan.steps) {
    for (const trial of step.trials) {
      const estimate = estimates ? estimateTrial(estimates, trial) : undefined;
      items.push({
        id: trial.id,
        step: trial.step,
        cpus: trial.resources.cpus,
        gpus: trial.resources.gpus,
        memoryMiB: estimate?.memoryMiB ?? trial.resources.memoryMiB,
        seconds: estimate?.expectedSeconds ?? trial.resources.walltimeSeconds,
        dependsOn: trial.dependsOn,
      });
    }
  }
  return items;
}
