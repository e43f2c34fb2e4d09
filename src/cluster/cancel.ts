// cancel: scancel / qdel every job id recorded in <run>/jobs.json.
import { RuntimeFailure, UserError } from "../errors.ts";
import type { CommandRunner } from "./command.ts";
import { jobsFilePath, readJobsFile } from "./jobs-file.ts";
import { SCHEDULERS, type BatchBackend } from "./schedulers.ts";

export interface CancelReport {
  readonly cancelled: readonly string[];
}

export async function cancelRun(
  runDir: string,
  run: CommandRunner,
): Promise<CancelReport> {
  const { submissions } = await readJobsFile(runDir);
  if (submissions.length === 0) {
    throw new UserError({
      code: "cluster/nothing-submitted",
      message: "this run has no submitted jobs",
      file: jobsFilePath(runDir),
      fix: "pass the run directory that `sweepforge submit` printed",
    });
  }

  const byBackend = new Map<BatchBackend, string[]>();
  for (const submission of submissions) {
    const ids = byBackend.get(submission.backend) ?? [];
    ids.push(...submission.jobs.map((job) => job.id));
    byBackend.set(submission.backend, ids);
  }

  const cancelled: string[] = [];
  for (const [backend, ids] of byBackend) {
    const command = SCHEDULERS[backend].cancelCommand;
    const output = await run(command, ids);
    // Finished jobs make scancel/qdel complain; only a tool failure is an error.
    if (
      output.exitCode !== 0 &&
      backend === "slurm" &&
      !/Invalid job id|already completing|Job\/step already/i.test(output.stderr)
    ) {
      throw new RuntimeFailure(
        "cluster/cancel-failed",
        `${command} refused (exit ${output.exitCode}): ${output.stderr.trim()}`,
      );
    }
    cancelled.push(...ids);
  }
  return { cancelled };
}
