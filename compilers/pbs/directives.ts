// How PBS Pro / OpenPBS and Torque spell each directive (#PBS lines), and what
// PBS cannot express: QOS and constraints are refused, per-trial dependencies
// degrade to waiting for the whole parent array (documented in docs/cluster.md).
import { UserError, type Problem } from "../../src/errors.ts";
import type { Plan } from "../../src/plan/types.ts";
import type { BatchDialect, DirectiveRequest } from "../shared/batch-emitter.ts";
import type { CompileOptions, PbsFlavor } from "../shared/options.ts";
import type { StepLayout } from "../shared/task-layout.ts";
import { pbsWalltime } from "../shared/time-format.ts";

function arrayLine(request: DirectiveRequest, flavor: PbsFlavor): string[] {
  if (request.tasks <= 1) return [];

  const range = `0-${request.tasks - 1}`;
  if (flavor === "torque") {
    const throttle = request.throttle === undefined ? "" : `%${request.throttle}`;
    return [`-t ${range}${throttle}`];
  }
  const throttle = request.throttle === undefined
    ? []
    : [`-W max_run_subjobs=${request.throttle}`];
  return [`-J ${range}`, ...throttle];
}

function resourceLines(request: DirectiveRequest, flavor: PbsFlavor): string[] {
  const { cpus, memoryMiB, gpus } = request.resources;

  if (flavor === "torque") {
    const gpu = gpus > 0 ? `:gpus=${gpus}` : "";
    const memory = memoryMiB > 0 ? [`-l mem=${memoryMiB}mb`] : [];
    return [`-l nodes=1:ppn=${cpus}${gpu}`, ...memory];
  }
  const memory = memoryMiB > 0 ? `:mem=${memoryMiB}mb` : "";
  const gpu = gpus > 0 ? `:ngpus=${gpus}` : "";
  return [`-l select=1:ncpus=${cpus}${memory}${gpu}`];
}

function directives(request: DirectiveRequest): readonly string[] {
  const flavor = request.options.pbsFlavor;
  const { settings } = request;
  const lines = [
    `-N ${request.name}`,
    ...arrayLine(request, flavor),
    ...resourceLines(request, flavor),
  ];

  if (request.resources.walltimeSeconds > 0) {
    lines.push(`-l walltime=${pbsWalltime(request.resources.walltimeSeconds)}`);
  }
  if (settings.partition) lines.push(`-q ${settings.partition}`);
  if (settings.account) lines.push(`-A ${settings.account}`);

  lines.push(
    "-j oe",
    `-o ${request.logPrefix}.scheduler.out`,
    `-r ${request.requeue ? "y" : "n"}`,
  );
  for (const extra of settings.extraDirectives) lines.push(extra);
  return lines.map((line) => `#PBS ${line}`);
}

function limitations(
  plan: Plan,
  layouts: readonly StepLayout[],
  options: CompileOptions,
): string[] {
  const problems: Problem[] = [];
  for (const field of ["qos", "constraint"] as const) {
    if (options[field] ?? plan.cluster[field]) {
      problems.push({
        code: "compile/unsupported-feature",
        message: `PBS has no ${field} directive`,
        file: plan.definition.path,
        path: ["cluster", field],
        fix: `remove ${field} for PBS, or pass the site's own PBS option with --directive`,
      });
    }
  }
  if (problems.length > 0) throw new UserError(problems);

  return layouts
    .filter((layout) => layout.correspondsToStep !== undefined)
    .map((layout) => `step "${layout.step.name}" waits for all of step `
      + `"${layout.correspondsToStep}" (PBS has no per-task array dependency)`);
}

export const PBS_DIALECT: BatchDialect = {
  backend: "pbs",
  scriptExtension: "pbs",
  indexExpression: "${PBS_ARRAY_INDEX:-${PBS_ARRAYID:-${SLURM_ARRAY_TASK_ID:-0}}}",
  jobIdExpression: "${PBS_JOBID:-${SLURM_JOB_ID:-unknown}}",
  namesTaskLogs: false,
  directives,
  limitations,
};
