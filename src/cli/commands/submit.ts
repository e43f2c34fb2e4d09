// `sweepforge submit <definition> --backend slurm|pbs`: compile, submit the
// arrays in dependency order, record job ids in <run>/jobs.json.
import type { Command } from "commander";
import { join } from "node:path";
import { z } from "zod";
import { experimentRunsDir, latestRunDir, newRunId } from "../../run/run-dir.ts";
import { commandRunner } from "../../cluster/command.ts";
import { prepareCompile } from "../../cluster/prepare.ts";
import { submitPlan } from "../../cluster/submit.ts";
import { UserError } from "../../errors.ts";
import { parseOffPeakPolicy, type OffPeakPolicy } from "../../schedule/off-peak.ts";
import { printJson, say } from "../io.ts";
import {
  addClusterFlags,
  choicesFrom,
  ClusterFlags,
  flagError,
  sayEstimate,
} from "./compile.ts";
import type { CommandContext } from "./index.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

const SubmitFlags = ClusterFlags.extend({
  backend: z.enum(["slurm", "pbs"]).default("slurm"),
  resume: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  offPeak: z.boolean().default(false),
  offPeakZone: z.string().optional(),
  offPeakWeekday: z.array(z.string()).optional(),
  offPeakWeekend: z.array(z.string()).optional(),
});

export function registerSubmit(program: Command, context: CommandContext): void {
  const command = program
    .command("submit")
    .description("compile and submit an experiment to SLURM or PBS as job arrays")
    .argument("<definition>", "the experiment file")
    .option("--backend <slurm|pbs>", "scheduler to submit to", "slurm")
    .option("--resume", "submit only trials without a succeeded record")
    .option("--dry-run", "write the scripts and print the submissions without submitting")
    .option(
      "--off-peak",
      "defer heavy steps (all, if none is heavy) to the next " + "off-peak window",
    )
    .option("--off-peak-zone <tz>", "cluster time zone for the windows (IANA name)")
    .option("--off-peak-weekday <HH:MM-HH:MM>", "weekday window, repeatable", collect)
    .option("--off-peak-weekend <HH:MM-HH:MM>", "weekend window, repeatable", collect);
  addClusterFlags(command)
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge submit experiment.ts --max-parallel 50
  $ sweepforge submit experiment.ts --resume
  $ sweepforge submit experiment.ts --off-peak --off-peak-zone Europe/Berlin \\
      --off-peak-weekday 20:00-07:00 --off-peak-weekend 00:00-24:00
  $ sweepforge submit experiment.ts --backend pbs --pbs-flavor torque --dry-run`,
    )
    .action(async (definition: string, raw: unknown) => {
      const parsed = SubmitFlags.safeParse(raw);
      if (!parsed.success) throw flagError("submit", parsed.error);
      const flags = parsed.data;

      const prepared = await prepareCompile(
        definition,
        choicesFrom(flags.backend, flags),
        context.io,
        async (experiment) =>
          (flags.resume ? await latestRunDir(context.io.cwd, experiment) : undefined) ??
          join(experimentRunsDir(context.io.cwd, experiment), newRunId()),
      );
      const offPeak = flags.offPeak
        ? offPeakPolicy(flags, prepared.offPeak, definition)
        : undefined;
      const report = await submitPlan(prepared.plan, {
        compile: { ...prepared.options, backend: flags.backend },
        resume: flags.resume,
        dryRun: flags.dryRun,
        ...(offPeak ? { offPeak } : {}),
        now: new Date(),
        run: commandRunner(context.io.env),
        env: context.io.env,
      });

      if (flags.json) {
        printJson(context.io, {
          runDir: prepared.options.runDir,
          ...report,
          estimate: prepared.estimate ?? null,
        });
      } else {
        const verb = report.dryRun ? "would submit" : "submitted";
        say(
          context.io,
          `${verb} ${report.trials} trials in ${report.jobs.length} arrays` +
            `${report.skipped > 0 ? ` (${report.skipped} already succeeded)` : ""}`,
        );
        for (const [i, job] of report.jobs.entries()) {
          const argv = report.commands[i] ?? [];
          say(
            context.io,
            report.dryRun
              ? `  ${argv.join(" ")}`
              : `  ${job.name}: job ${job.id}` +
                  `${job.begin ? ` (begins ${job.begin})` : ""}`,
          );
        }
        for (const note of report.notes) say(context.io, `note: ${note}`);
        sayEstimate(
          context.io,
          prepared.options.estimateNotes,
          prepared.estimate?.runs.length ?? 0,
        );
        say(context.io, `run directory: ${prepared.options.runDir}`);
      }
      context.setExitCode(0);
    });
}

// Flags win over the definition's offPeak block.
function offPeakPolicy(
  flags: z.infer<typeof SubmitFlags>,
  fromDefinition: OffPeakPolicy | undefined,
  definition: string,
): OffPeakPolicy {
  if (flags.offPeakZone || flags.offPeakWeekday || flags.offPeakWeekend) {
    return parseOffPeakPolicy({
      timeZone: flags.offPeakZone,
      weekday: flags.offPeakWeekday ?? [],
      weekend: flags.offPeakWeekend ?? [],
    });
  }
  if (fromDefinition) return fromDefinition;

  throw new UserError({
    code: "submit/no-off-peak-policy",
    message: "--off-peak needs windows, and the definition declares none",
    file: definition,
    path: ["offPeak"],
    fix:
      'add offPeak: { timeZone, weekday: ["20:00-07:00"] } to the definition, or pass ' +
      "--off-peak-zone and --off-peak-weekday/--off-peak-weekend",
  });
}
