// `sweepforge plan <definition>`: compile an experiment and show what it
// would run — trials per step, the space, the first trials and the total
// resources requested — or write the full plan.json with --out.
import type { Command } from "commander";
import { resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { planFromFile, summarizePlan, writePlanJson, type PlanSummary } from "../../plan/index.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const PlanFlags = z.strictObject({
  json: z.boolean().default(false),
  out: z.string().min(1).optional(),
  show: z.coerce.number().int().nonnegative().default(5),
});

export function registerPlan(program: Command, context: CommandContext): void {
  program
    .command("plan")
    .description("compile an experiment (experiment.ts, .yaml or .json) into a plan and summarise it")
    .argument("<definition>", "the experiment file")
    .option("--json", "print the plan summary as JSON on stdout")
    .option("--out <file>", "write the full plan.json (every trial) to this file")
    .option("--show <n>", "how many of the first trials to list", "5")
    .addHelpText("after", `
Examples:
  $ sweepforge plan examples/heat/experiment.yaml
  $ sweepforge plan examples/quickstart/experiment.ts --json
  $ sweepforge plan examples/heat/experiment.ts --out plan.json`)
    .action(async (definition: string, raw: unknown) => {
      const flags = PlanFlags.safeParse(raw);
      if (!flags.success) {
        throw new UserError(flags.error.issues.map((issue) => ({
          code: "plan/bad-flag",
          message: `--${String(issue.path[0])}: ${issue.message}`,
          fix: "see `sweepforge plan --help`",
        })));
      }
      context.setExitCode(await runPlanCommand(definition, flags.data, context.io));
    });
}

async function runPlanCommand(
  definition: string, flags: z.infer<typeof PlanFlags>, io: CliIO,
): Promise<number> {
  const plan = await planFromFile(definition, { cwd: io.cwd });
  const summary = summarizePlan(plan, { firstTrials: flags.show });
  const written = flags.out ? await writePlanJson(plan, resolve(io.cwd, flags.out)) : undefined;

  if (flags.json) {
    const { firstTrials, ...rest } = summary;
    printJson(io, { ...rest, firstTrials, ...(written ? { hash: written, out: flags.out } : {}) });
    return 0;
  }

  printSummary(io, summary);
  if (written) say(io, `wrote ${flags.out} (plan hash ${written.slice(0, 12)})`);
  return 0;
}

function printSummary(io: CliIO, summary: PlanSummary): void {
  const { space } = summary;
  const sampled = space.method === "grid" ? "after constraints" : `sampled by ${space.method}`;
  say(io, `experiment ${summary.experiment}: ${summary.trials} trials`);
  const full = space.size === "infinite" ? "continuous (no finite grid)" : `${space.size} points in full`;
  say(io, `space: ${full}, ${space.selected} ${sampled}`
    + (space.replicates > 1 ? `, × ${space.replicates} replicates` : ""));
  say(io);

  say(io, "steps:");
  for (const step of summary.steps) {
    const waits = step.dependsOn.map((d) => (d.mode === "all" ? `all of ${d.step}` : d.step));
    say(io, `  ${step.name.padEnd(16)} ${String(step.trials).padStart(8)} trials`
      + (waits.length ? `  after ${waits.join(", ")}` : ""));
  }
  say(io);

  if (summary.firstTrials.length > 0) say(io, `first trials of ${summary.steps[0]?.name}:`);
  for (const trial of summary.firstTrials) {
    say(io, `  ${trial.id}  ${JSON.stringify(trial.params)}  seed ${trial.seed}`);
    say(io, `    ${trial.argv.join(" ")}`);
  }
  say(io);

  say(io, `requested: ${summary.resources.coreHours} core-hours, ${summary.resources.gpuHours} GPU-hours`);
}
