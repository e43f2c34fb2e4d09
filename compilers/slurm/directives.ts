// How SLURM spells each directive of an array script (#SBATCH lines).
import type { BatchDialect, DirectiveRequest } from "../shared/batch-emitter.ts";
import { slurmTime } from "../shared/time-format.ts";

/** The #SBATCH lines of one array part, in a fixed order. */
function directives(request: DirectiveRequest): readonly string[] {
  const { resources, settings } = request;
  const throttle = request.throttle === undefined ? "" : `%${request.throttle}`;
  const lines = [
    `--job-name=${request.name}`,
    `--array=0-${request.tasks - 1}${throttle}`,
    "--nodes=1",
    "--ntasks=1",
    `--cpus-per-task=${resources.cpus}`,
  ];

  if (resources.memoryMiB > 0) lines.push(`--mem=${resources.memoryMiB}M`);
  if (resources.gpus > 0) lines.push(`--gres=gpu:${resources.gpus}`);
  if (resources.walltimeSeconds > 0) lines.push(`--time=${slurmTime(resources.walltimeSeconds)}`);
  if (settings.partition) lines.push(`--partition=${settings.partition}`);
  if (settings.account) lines.push(`--account=${settings.account}`);
  if (settings.qos) lines.push(`--qos=${settings.qos}`);
  if (settings.constraint) lines.push(`--constraint=${settings.constraint}`);

  lines.push(
    `--output=${request.logPrefix}.%A_%a.out`,
    `--error=${request.logPrefix}.%A_%a.err`,
    "--open-mode=append",
    request.requeue ? "--requeue" : "--no-requeue",
    "--kill-on-invalid-dep=yes",
  );
  for (const extra of settings.extraDirectives) lines.push(extra);
  return lines.map((line) => `#SBATCH ${line}`);
}

export const SLURM_DIALECT: BatchDialect = {
  backend: "slurm",
  scriptExtension: "sbatch",
  indexExpression: "${SLURM_ARRAY_TASK_ID:?not running as a SLURM array task}",
  jobIdExpression: "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}",
  namesTaskLogs: true,
  directives,
  limitations: () => [],
};
