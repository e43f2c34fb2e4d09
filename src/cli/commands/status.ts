// `sweepforge status <run-dir>`: how far a run got, from its directory alone,
// plus the scheduler's view when the run was submitted to a cluster.
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import {
  commandRunner,
  formatSchedulerStatus,
  schedulerStatus,
  type SchedulerStatus,
} from "../../cluster/index.ts";
import { readRunStatus, type RunStatus } from "../../run/status.ts";
import { describeUtilization, runUtilization } from "../../schedule/achieved.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const StatusFlags = z.strictObject({ json: z.boolean().default(false) });

export function registerStatus(program: Command, context: CommandContext): void {
  program
    .command("status")
    .description("count a run's trials by state and list the failed ones with their logs")
    .argument("<run-dir>", "the run directory (runs/<experiment>/<run-id>)")
    .option("--json", "print { total, done, failed, running, pending, ... } on stdout")
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge status runs/heat/20260101T120000Z-a1b2c3
  $ sweepforge status runs/heat/20260101T120000Z-a1b2c3 --json`,
    )
    .action(async (runDir: string, raw: unknown) => {
      const flags = StatusFlags.safeParse(raw);
      if (!flags.success) {
        throw new UserError({
          code: "status/bad-flag",
          message: flags.error.message,
          fix: "see `sweepforge status --help`",
        });
      }
      context.setExitCode(await statusCommand(runDir, flags.data.json, context.io));
    });
}

async function statusCommand(runDir: string, json: boolean, io: CliIO): Promise<number> {
  const runner = commandRunner(io.env, 15_000);
  const status = await readRunStatus(resolveIn(io.cwd, runDir), {
    scheduler: (dir) => schedulerStatus(dir, runner),
  });
  // Busy cpu-seconds over capacity × wall time, from the records (issue #5).
  const utilization = await runUtilization(resolveIn(io.cwd, runDir));
  if (json) printJson(io, { ...status, utilization });
  else printStatus(io, status);
  if (!json && describeUtilization(utilization)) {
    say(io, `achieved utilization: ${describeUtilization(utilization)}`);
  }
  return 0;
}

function resolveIn(cwd: string, path: string): string {
  return path.startsWith("/") ? path : `${cwd}/${path}`;
}

function printStatus(io: CliIO, status: RunStatus<SchedulerStatus>): void {
  say(io, `run ${status.runDir} (${status.experiment})`);
  say(
    io,
    `${status.total} trials: ${status.done} done, ${status.failed} failed, ` +
      `${status.running} running, ${status.pending} pending`,
  );
  if (status.runnerPid !== null)
    say(io, `a local runner (pid ${status.runnerPid}) is working on it`);

  for (const failure of status.failures) {
    const how = failure.signal
      ? `killed by ${failure.signal}`
      : `exit code ${failure.exitCode}`;
    say(
      io,
      `  ${failure.status}: ${failure.trialId} (${failure.step}) ` +
        `${JSON.stringify(failure.params)}: ${how}, attempt ${failure.attempt}`,
    );
    say(io, `    stderr: ${failure.stderr}`);
    say(io, `    stdout: ${failure.stdout}`);
  }
  if (status.scheduler !== undefined) {
    for (const line of formatSchedulerStatus(status.scheduler)) say(io, line);
  }
}
