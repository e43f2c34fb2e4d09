// `sweepforge plan <definition>`: compile an experiment and show what it
// would run — trials per step, the space, the first trials and the total
// resources requested — or write the full plan.json with --out.
import type { Command } from "commander";
import { resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import {
  planFromFile,
  summarizePlan,
  writePlanJson,
  type Plan,
  type PlanSummary,
} from "../../plan/index.ts";
import { ALGORITHMS } from "../../schedule/scheduler.ts";
import { planEstimateFor } from "../../schedule/plan-command.ts";
import type { PlanEstimate } from "../../schedule/plan-estimate.ts";
import { loadDefinition } from "../../definition/index.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const PlanFlags = z.strictObject({
  json: z.boolean().default(false),
  out: z.string().min(1).optional(),
  show: z.coerce.number().int().nonnegative().default(5),
  // Scheduling (issue #5): capacity, simulation, failures, deadline, off-peak.
  capacity: z.string().min(1).optional(),
  simulate: z.boolean().default(false),
  fail: z.array(z.string()).default([]),
  deadline: z.string().min(1).optional(),
  offPeak: z.boolean().default(false),
  algorithm: z.enum([...ALGORITHMS, "auto"]).optional(),
});

/** Plans bigger than this get no estimate unless a scheduling flag asks for one. */
const DEFAULT_ESTIMATE_LIMIT = 200_000;

export function registerPlan(program: Command, context: CommandContext): void {
  program
    .command("plan")
    .description(
      "compile an experiment (experiment.ts, .yaml or .json) into a plan and summarise it",
    )
    .argument("<definition>", "the experiment file")
    .option("--json", "print the plan summary as JSON on stdout")
    .option("--out <file>", "write the full plan.json (every trial) to this file")
    .option("--show <n>", "how many of the first trials to list", "5")
    .option(
      "--capacity <spec>",
      "plan for: local (default), sinfo[:partition] or " +
        "nodes=4,cpus=32,memory=128GiB,gpus=2",
    )
    .option("--simulate", "simulate the run on the capacity (with --fail failures)")
    .option(
      "--fail <node@time>",
      "inject a node failure, e.g. node2@90m (repeatable)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      "--deadline <duration>",
      "fail if the plan cannot finish within this, e.g. 12h",
    )
    .option("--off-peak", "check heavy steps against the definition's off-peak windows")
    .option("--algorithm <name>", `ordering: auto, ${ALGORITHMS.join(", ")}`)
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge plan examples/heat/experiment.yaml
  $ sweepforge plan examples/quickstart/experiment.ts --json
  $ sweepforge plan examples/heat/experiment.ts --out plan.json
  $ sweepforge plan examples/heat/experiment.yaml --capacity nodes=2,cpus=8,memory=32G --simulate`,
    )
    .action(async (definition: string, raw: unknown) => {
      const flags = PlanFlags.safeParse(raw);
      if (!flags.success) {
        throw new UserError(
          flags.error.issues.map((issue) => ({
            code: "plan/bad-flag",
            message: `--${String(issue.path[0])}: ${issue.message}`,
            fix: "see `sweepforge plan --help`",
          })),
        );
      }
      context.setExitCode(await runPlanCommand(definition, flags.data, context.io));
    });
}

async function runPlanCommand(
  definition: string,
  flags: z.infer<typeof PlanFlags>,
  io: CliIO,
): Promise<number> {
  const plan = await planFromFile(definition, { cwd: io.cwd });
  const summary = summarizePlan(plan, { firstTrials: flags.show });
  const written = flags.out
    ? await writePlanJson(plan, resolve(io.cwd, flags.out))
    : undefined;
  const estimate = await estimateFor(plan, definition, flags, io);

  if (flags.json) {
    const { firstTrials, ...rest } = summary;
    printJson(io, {
      ...rest,
      firstTrials,
      ...(written ? { hash: written, out: flags.out } : {}),
      estimate,
    });
    return 0;
  }

  printSummary(io, summary);
  if (estimate) printEstimate(io, estimate);
  if (written) say(io, `wrote ${flags.out} (plan hash ${written.slice(0, 12)})`);
  return 0;
}

// Asked for explicitly, problems are errors; by default (--json alone) an
// estimate that cannot be made on this machine is left out.
async function estimateFor(
  plan: Plan,
  definition: string,
  flags: z.infer<typeof PlanFlags>,
  io: CliIO,
): Promise<PlanEstimate | null | undefined> {
  const asked =
    flags.capacity !== undefined ||
    flags.simulate ||
    flags.fail.length > 0 ||
    flags.deadline !== undefined ||
    flags.offPeak ||
    flags.algorithm !== undefined;
  const trials = plan.steps.reduce((sum, step) => sum + step.trials.count, 0);
  if (!asked && (!flags.json || trials > DEFAULT_ESTIMATE_LIMIT)) return undefined;

  const offPeak = flags.offPeak
    ? ((await loadDefinition(definition, { cwd: io.cwd })).definition.offPeak ?? {})
    : undefined;
  try {
    const { offPeak: _wanted, ...scheduling } = flags;
    return await planEstimateFor(plan, io.cwd, {
      ...scheduling,
      ...(offPeak === undefined ? {} : { offPeak, file: definition }),
    });
  } catch (error) {
    if (asked || !(error instanceof UserError)) throw error;
    return null;
  }
}

function printEstimate(io: CliIO, estimate: PlanEstimate): void {
  const hours = (seconds: number) => `${(seconds / 3600).toFixed(2)} h`;
  const { capacity } = estimate;
  say(io);
  say(
    io,
    `estimate on ${capacity.nodes} node(s), ${capacity.cpus} cpus (${capacity.source}): ` +
      `${estimate.coreHours.toFixed(2)} core-hours`,
  );
  say(
    io,
    `  makespan ${hours(estimate.makespanSeconds)} (${estimate.algorithm}), lower bound ` +
      `${hours(estimate.lowerBoundSeconds)} (${estimate.lowerBoundBinding}), utilization ` +
      `${(estimate.utilization * 100).toFixed(1)}%; in declaration order ` +
      `${hours(estimate.fifo.makespanSeconds)}`,
  );
  for (const step of estimate.steps) {
    say(
      io,
      `  ${step.step}: --time=${step.request.slurmTime} --mem=${step.request.memory} ` +
        `(${step.request.basis})${step.heavy ? `, heavy: ${step.heavyReason}` : ""}`,
    );
  }
  if (estimate.simulation) {
    const sim = estimate.simulation;
    say(
      io,
      `  simulated: makespan ${hours(sim.makespanSeconds)}, utilization ` +
        `${(sim.utilization * 100).toFixed(1)}%, ${sim.requeued} requeued, ` +
        `${sim.lostCoreHours} core-hours lost, ${sim.strandedTrials} stranded`,
    );
  }
}

function printSummary(io: CliIO, summary: PlanSummary): void {
  const { space } = summary;
  const sampled =
    space.method === "grid" ? "after constraints" : `sampled by ${space.method}`;
  say(io, `experiment ${summary.experiment}: ${summary.trials} trials`);
  const full =
    space.size === "infinite"
      ? "continuous (no finite grid)"
      : `${space.size} points in full`;
  say(
    io,
    `space: ${full}, ${space.selected} ${sampled}` +
      (space.replicates > 1 ? `, × ${space.replicates} replicates` : ""),
  );
  say(io);

  say(io, "steps:");
  for (const step of summary.steps) {
    const waits = step.dependsOn.map((d) =>
      d.mode === "all" ? `all of ${d.step}` : d.step,
    );
    say(
      io,
      `  ${step.name.padEnd(16)} ${String(step.trials).padStart(8)} trials` +
        (waits.length ? `  after ${waits.join(", ")}` : ""),
    );
  }
  say(io);

  if (summary.firstTrials.length > 0)
    say(io, `first trials of ${summary.steps[0]?.name}:`);
  for (const trial of summary.firstTrials) {
    say(io, `  ${trial.id}  ${JSON.stringify(trial.params)}  seed ${trial.seed}`);
    say(io, `    ${trial.argv.join(" ")}`);
  }
  say(io);

  say(
    io,
    `requested: ${summary.resources.coreHours} core-hours, ${summary.resources.gpuHours} GPU-hours`,
  );
}
