// `sweepforge run <definition>`: run every trial on this machine, within its
// resources, leaving a record per trial; Ctrl-C stops cleanly and --resume
// continues exactly where a run stopped.
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { loadDefinition } from "../../definition/index.ts";
import { planFromFile } from "../../plan/index.ts";
import { detectCapacity } from "../../run/capacity.ts";
import { localRunScheduling, startHoldCountdown } from "../../schedule/local-run.ts";
import { createProgressReporter } from "../../run/progress.ts";
import { runPlan } from "../../run/runner.ts";
import type { RunSummary } from "../../run/options.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const positiveInt = z.coerce.number().int().positive();
const count = z.coerce.number().int().nonnegative();

/** "512M", "16G", "1.5T" or plain MiB → MiB. */
export function parseMemoryMiB(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?$/i.exec(text.trim());
  if (!match) return undefined;
  const factor = { K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024, "": 1 }[
    (match[2] ?? "").toUpperCase() as "K" | "M" | "G" | "T" | ""];
  return Math.floor(Number(match[1]) * factor);
}

const RunFlags = z.strictObject({
  jobs: positiveInt.optional(),
  runDir: z.string().min(1).optional(),
  cwd: z.string().min(1).optional(),
  resume: z.boolean().default(false),
  retries: count.optional(),
  failFast: z.boolean().default(false),
  cpus: positiveInt.optional(),
  memory: z.string().optional().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const mib = parseMemoryMiB(value);
    if (mib === undefined) {
      ctx.addIssue({ code: "custom", message: `"${value}" is not a size such as 512M or 16G` });
      return z.NEVER;
    }
    return mib;
  }),
  gpus: count.optional(),
  quiet: z.boolean().default(false),
  json: z.boolean().default(false),
  offPeak: z.boolean().default(false),
});
type RunFlags = z.infer<typeof RunFlags>;

export function registerRun(program: Command, context: CommandContext): void {
  program
    .command("run")
    .description("run every trial of an experiment on this machine, in parallel, with records")
    .argument("<definition>", "the experiment file (experiment.ts, .yaml or .json)")
    .option("--jobs <n>", "most trials at once (default: the cpus available)")
    .option("--run-dir <dir>", "run directory (default runs/<experiment>/<run-id>)")
    .option("--cwd <dir>", "working directory of every trial (default: the current one)")
    .option("--resume", "continue the run in --run-dir (default: the latest run)")
    .option("--retries <n>", "retries after a failure (default: each step's own)")
    .option("--fail-fast", "stop everything after the first trial that finally fails")
    .option("--cpus <n>", "cpus to pack trials into (default: detected)")
    .option("--memory <size>", "memory to pack trials into, e.g. 16G (default: detected)")
    .option("--gpus <n>", "gpus to hand out (default: detected)")
    .option("--quiet", "no progress output")
    .option("--json", "print the run summary as JSON on stdout")
    .option("--off-peak", "hold heavy steps until the definition's next off-peak window")
    .addHelpText("after", `
Examples:
  $ sweepforge run examples/quickstart/experiment.ts --jobs 2
  $ sweepforge run experiment.yaml --cpus 8 --memory 32G --retries 2
  $ sweepforge run experiment.ts --cwd data/  # trials start in data/
  $ sweepforge run experiment.ts --resume --run-dir runs/heat/20260101T120000Z-a1b2c3`)
    .action(async (definition: string, raw: unknown) => {
      const flags = RunFlags.safeParse(raw);
      if (!flags.success) {
        throw new UserError(flags.error.issues.map((issue) => ({
          code: "run/bad-flag",
          message: `--${kebab(String(issue.path[0]))}: ${issue.message}`,
          fix: "see `sweepforge run --help`",
        })));
      }
      context.setExitCode(await runCommand(definition, flags.data, context.io));
    });
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

async function runCommand(definition: string, flags: RunFlags, io: CliIO): Promise<number> {
  const plan = await planFromFile(definition, { cwd: io.cwd });
  const reporter = createProgressReporter({
    stream: io.stderr, interactive: io.interactive, quiet: flags.quiet || flags.json,
  });

  // Launch in the planned order; with --off-peak, hold heavy steps (issue #5).
  const machine = detectCapacity(io.env);
  const scheduling = await localRunScheduling(plan, {
    cwd: io.cwd,
    cpus: Math.min(flags.cpus ?? machine.cpus, flags.jobs ?? Number.POSITIVE_INFINITY),
    memoryMiB: flags.memory ?? machine.memoryMiB,
    gpus: flags.gpus ?? machine.gpus,
    ...(flags.offPeak
      ? { offPeak: (await loadDefinition(definition, { cwd: io.cwd })).definition.offPeak ?? {},
        file: definition }
      : {}),
  });
  const countdown = scheduling.policy && !flags.quiet
    ? startHoldCountdown(scheduling.policy, scheduling.heavySteps,
      (text) => io.stderr.write(text), io.interactive)
    : undefined;

  const abort = new AbortController();
  let caught: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    caught ??= signal;
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let summary: RunSummary;
  try {
    summary = await runPlan(plan, {
      runDir: flags.runDir, cwd: resolve(io.cwd, flags.cwd ?? "."), baseDir: io.cwd,
      jobs: flags.jobs, resume: flags.resume,
      retries: flags.retries, failFast: flags.failFast, env: io.env,
      capacity: {
        ...(flags.cpus === undefined ? {} : { cpus: flags.cpus }),
        ...(flags.memory === undefined ? {} : { memoryMiB: flags.memory }),
        ...(flags.gpus === undefined ? {} : { gpus: flags.gpus }),
      },
      signal: abort.signal,
      onProgress: reporter.update,
      order: scheduling.order,
      ...(scheduling.holdUntil ? { holdUntil: scheduling.holdUntil } : {}),
    });
  } finally {
    countdown?.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    reporter.finish();
  }

  if (flags.json) printJson(io, summary);
  else printRunSummary(io, summary);
  if (caught) return caught === "SIGINT" ? 130 : 143;
  return summary.failed.length > 0 || summary.stoppedBy ? 1 : 0;
}

export function printRunSummary(io: CliIO, summary: RunSummary): void {
  const already = summary.alreadyDone > 0 ? ` (${summary.alreadyDone} from earlier)` : "";
  say(io, `run ${summary.runDir}`);
  say(io, `${summary.succeeded + summary.alreadyDone}/${summary.total} succeeded${already}, `
    + `${summary.failed.length} failed, ${summary.interrupted} interrupted, `
    + `${summary.skipped} skipped, ${summary.notStarted} not started `
    + `in ${summary.durationSeconds.toFixed(1)}s`);

  for (const failure of summary.failed) {
    const how = failure.signal ? `killed by ${failure.signal}` : `exit code ${failure.exitCode}`;
    say(io, `  ${failure.status}: ${failure.trialId} (${failure.step}) `
      + `${JSON.stringify(failure.params)}: ${how} after ${failure.attempts} attempt(s)`);
    say(io, `    stderr: ${failure.stderr}`);
    say(io, `    stdout: ${failure.stdout}`);
  }
  if (summary.stoppedBy) {
    say(io, `stopped by ${summary.stoppedBy}; continue with --resume --run-dir ${summary.runDir}`);
  }
}
