// `sweepforge estimate <definition>`: what each step's trials will cost.
// Fits runtime and memory models to earlier runs of the experiment (or the
// run directories given with --history), optionally runs a pilot of K
// trials first, and prints the models and the predicted cost per step.
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { planFromFile, planHash, type Plan, type PlanStep } from "../../plan/index.ts";
import { runPlan } from "../../run/runner.ts";
import { clusterRequestForStep, type ClusterRequest } from "../../schedule/cluster-request.ts";
import {
  estimateTrial, fitEstimates, type Estimates, type StepModels,
} from "../../schedule/estimate/estimates.ts";
import { readHistory } from "../../schedule/estimate/history.ts";
import type { ResourceModel } from "../../schedule/estimate/model.ts";
import type { Observation } from "../../schedule/estimate/observation.ts";
import { choosePilot } from "../../schedule/estimate/pilot.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const EstimateFlags = z.strictObject({
  history: z.array(z.string().min(1)).default([]),
  pilot: z.coerce.number({ error: "must be a whole number" })
    .int("must be a whole number").min(1, "must be at least 1").optional(),
  quantile: z.coerce.number({ error: "must be a number" })
    .gt(0.5, "must be above 0.5").lt(1, "must be below 1").default(0.95),
  jobs: z.coerce.number({ error: "must be a whole number" })
    .int("must be a whole number").positive("must be positive").optional(),
  json: z.boolean().default(false),
});
type EstimateFlags = z.infer<typeof EstimateFlags>;

export interface StepCost {
  readonly step: string;
  readonly trials: number;
  readonly samples: number;
  readonly expectedCoreHours: number;
  /** Core-hours if every trial used its full (margin-inclusive) walltime. */
  readonly requestedCoreHours: number;
  readonly request: ClusterRequest;
  readonly runtime: readonly ResourceModel[];
  readonly memory: readonly ResourceModel[];
}

export interface EstimateReport {
  readonly experiment: string;
  readonly quantile: number;
  readonly sources: {
    readonly history: readonly string[];
    readonly observations: number;
    readonly pilot: { readonly runDir: string; readonly trials: number } | null;
  };
  readonly steps: readonly StepCost[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerEstimate(program: Command, context: CommandContext): void {
  program
    .command("estimate")
    .description("fit runtime and memory models from past runs or a pilot; "
      + "predict cost per step")
    .argument("<definition>", "the experiment file")
    .option("--history <dir>", "a run directory, or a folder of them (repeatable; "
      + "default runs/<experiment>)", collect)
    .option("--pilot <k>", "first run k trials per independent step, spread over the space")
    .option("--quantile <q>", "residual quantile the safety margin covers", "0.95")
    .option("--jobs <n>", "parallel pilot trials (default: all cpus)")
    .option("--json", "print the models and costs as JSON on stdout")
    .addHelpText("after", `
Examples:
  $ sweepforge estimate examples/heat/experiment.yaml
  $ sweepforge estimate experiment.ts --history runs/heat --json
  $ sweepforge estimate experiment.ts --pilot 8`)
    .action(async (definition: string, raw: unknown) => {
      const flags = EstimateFlags.safeParse(raw);
      if (!flags.success) {
        throw new UserError(flags.error.issues.map((issue) => ({
          code: "estimate/bad-flag",
          message: `--${String(issue.path[0])}: ${issue.message}`,
          path: [`--${String(issue.path[0])}`],
          fix: "see `sweepforge estimate --help`",
        })));
      }
      context.setExitCode(await runEstimate(definition, flags.data, context.io));
    });
}

async function runEstimate(
  definition: string,
  flags: EstimateFlags,
  io: CliIO,
): Promise<number> {
  const plan = await planFromFile(definition, { cwd: io.cwd });
  const report = await buildEstimateReport(plan, flags, io);

  if (flags.json) printJson(io, report);
  else printReport(io, report);
  return 0;
}

/** History first, then the pilot's own records, then fitted models and costs. */
export async function buildEstimateReport(
  plan: Plan,
  flags: Pick<EstimateFlags, "history" | "pilot" | "quantile" | "jobs">,
  io: CliIO,
): Promise<EstimateReport> {
  const defaultHistory = resolve(io.cwd, "runs", plan.experiment);
  const directories = flags.history.length > 0
    ? flags.history.map((dir) => resolve(io.cwd, dir))
    : (await isReadable(defaultHistory) ? [defaultHistory] : []);
  const history = await readHistory(directories, { experiment: plan.experiment });
  const observations: Observation[] = [...history.observations];

  let pilot: EstimateReport["sources"]["pilot"] = null;
  if (flags.pilot !== undefined) {
    const ran = await runPilot(plan, flags.pilot, flags.jobs, io);
    const pilotHistory = await readHistory([ran.runDir]);
    observations.push(...pilotHistory.observations);
    pilot = { runDir: ran.runDir, trials: ran.trials };
  }

  const estimates = fitEstimates(plan, observations, { quantile: flags.quantile });
  return {
    experiment: plan.experiment,
    quantile: flags.quantile,
    sources: { history: history.runs, observations: observations.length, pilot },
    steps: plan.steps.map((step, s) =>
      stepCost(step, estimates, estimates.steps[s] as StepModels)),
  };
}

async function isReadable(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

// A pilot runs only steps that wait on nothing: a dependent trial needs its
// upstream outputs, so its step is estimated from history or declarations.
async function runPilot(plan: Plan, count: number, jobs: number | undefined, io: CliIO)
  : Promise<{ runDir: string; trials: number }> {
  const roots = plan.steps.filter((step) => step.dependsOn.length === 0);
  const steps: PlanStep[] = roots.map((step) => {
    const chosen = choosePilot(step.trials, plan.params, count).map((i) => step.trials.at(i));
    return { ...step, trials: listTable(chosen) };
  });
  const { hash: _previous, ...rest } = { ...plan, steps };
  const pilotPlan: Plan = { ...rest, hash: planHash(rest) };
  const trials = steps.reduce((sum, step) => sum + step.trials.count, 0);

  say(io, `pilot: running ${trials} trial(s) of ${roots.map((s) => s.name).join(", ")}`);
  const summary = await runPlan(pilotPlan, {
    cwd: io.cwd,
    env: io.env,
    ...(jobs === undefined ? {} : { jobs }),
  });
  say(io, `pilot: ${summary.succeeded} succeeded, ${summary.failed.length} failed `
    + `(${summary.runDir})`);
  return { runDir: summary.runDir, trials };
}

function listTable(
  trials: readonly ReturnType<PlanStep["trials"]["at"]>[],
): PlanStep["trials"] {
  return {
    count: trials.length,
    at: (index) => {
      const trial = trials[index];
      if (!trial) throw new RangeError(`pilot trial ${index} out of range`);
      return trial;
    },
    [Symbol.iterator]: () => trials[Symbol.iterator](),
  };
}

function stepCost(step: PlanStep, estimates: Estimates, models: StepModels): StepCost {
  let expected = 0;
  let requested = 0;
  for (const trial of step.trials) {
    const estimate = estimateTrial(estimates, trial);
    expected += trial.resources.cpus * estimate.expectedSeconds;
    requested += trial.resources.cpus * estimate.walltimeSeconds;
  }
  return {
    step: step.name,
    trials: step.trials.count,
    samples: models.samples,
    expectedCoreHours: round(expected / 3600),
    requestedCoreHours: round(requested / 3600),
    request: clusterRequestForStep(estimates, step),
    runtime: models.runtime,
    memory: models.memory,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function printReport(io: CliIO, report: EstimateReport): void {
  const { sources } = report;
  say(io, `experiment ${report.experiment}: ${sources.observations} observation(s) from `
    + `${sources.history.length} past run(s)`
    + (sources.pilot ? ` and a pilot of ${sources.pilot.trials}` : ""));
  say(io, `margins cover the ${Math.round(report.quantile * 100)}th percentile of residuals`);

  for (const step of report.steps) {
    say(io);
    say(io, `step ${step.step}: ${step.trials} trials, ${step.samples} sample(s)`);
    for (const model of step.runtime) say(io, `  runtime ${describeModel(model, "s")}`);
    for (const model of step.memory) say(io, `  memory  ${describeModel(model, "MiB")}`);
    if (step.runtime.length === 0) say(io, "  runtime: declared (no usable history)");
    if (step.memory.length === 0) say(io, "  memory:  declared (no usable history)");
    say(io, `  cost: ${step.expectedCoreHours} core-hours expected, `
      + `${step.requestedCoreHours} requested`);
    say(io, `  request: --time=${step.request.slurmTime} --mem=${step.request.memory} `
      + `(${step.request.basis})`);
  }
}

// "[solver=cg] 2.1e-3 × size^1.52  R² 0.98, spread 0.12, margin ×1.25, n=40"
function describeModel(model: ResourceModel, unit: string): string {
  const group = Object.entries(model.group).map(([k, v]) => `${k}=${String(v)}`).join(",");
  const scale = Math.exp(model.intercept);
  const terms = model.terms.map((t) => (t.transform === "log"
    ? `${t.param}^${t.coefficient.toFixed(2)}`
    : `e^(${t.coefficient.toPrecision(3)}·${t.param})`));
  const leading = scale.toPrecision(3) + (terms.length ? "" : ` ${unit}`);
  const formula = [leading, ...terms].join(" × ");
  const quality = model.rSquared === null ? "" : `R² ${model.rSquared.toFixed(2)}, `;
  const spread = (model.residualSpread ?? 0).toFixed(2);
  return `${group ? `[${group}] ` : ""}${model.kind}: ${formula}`
    + `${terms.length ? ` ${unit}` : ""}  (${quality}spread ${spread}, `
    + `margin ×${model.marginFactor.toFixed(2)}, n=${model.samples})`;
}
