// `sweepforge compile <definition> --backend slurm|pbs|k8s|local`: renders the
// plan into scheduler scripts or manifests (default: <run-dir>/scripts).
import type { Command } from "commander";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { compilePlanFor, writeArtifacts } from "../../../compilers/index.ts";
import { CLUSTER_LOGS_DIR } from "../../../compilers/shared/batch-emitter.ts";
import { Backend, PbsFlavor } from "../../../compilers/shared/options.ts";
import { prepareCompile, type CompileChoices } from "../../cluster/prepare.ts";
import { UserError } from "../../errors.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

const Count = z.coerce.number().int().positive();

/** "90", "90s", "15m", "2h" -> seconds. */
const Duration = z.string().regex(/^\d+(s|m|h)?$/, "expected seconds, or a number with s, m or h")
  .transform((text) => {
    const unit = text.at(-1) as string;
    const factor = unit === "h" ? 3600 : unit === "m" ? 60 : 1;
    return Number.parseInt(text, 10) * factor;
  });

/** Flags shared by compile and submit, as typed options. */
export const ClusterFlags = z.object({
  runDir: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  maxParallel: Count.optional(),
  arrayCap: Count.optional(),
  bundle: z.union([z.literal("auto"), Count]).optional(),
  bundleParallel: Count.optional(),
  taskLength: Duration.optional(),
  partition: z.string().optional(),
  account: z.string().optional(),
  qos: z.string().optional(),
  constraint: z.string().optional(),
  directive: z.array(z.string()).optional(),
  pbsFlavor: PbsFlavor.optional(),
  k8sImage: z.string().optional(),
  k8sNamespace: z.string().optional(),
  k8sVolumeClaim: z.string().optional(),
  // Estimates from past runs set --time/--mem (issue #5); on unless --no-estimate.
  estimate: z.boolean().default(true),
  history: z.array(z.string().min(1)).default([]),
  quantile: z.coerce.number().gt(0.5, "must be above 0.5").lt(1, "must be below 1")
    .optional(),
  json: z.boolean().default(false),
});
export type ClusterFlags = z.infer<typeof ClusterFlags>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the shared flags to a command. */
export function addClusterFlags(command: Command): Command {
  return command
    .option("--run-dir <dir>", "run directory as compute nodes see it (default runs/<name>)")
    .option("--out <dir>", "where to write the artifacts (default <run-dir>/scripts)")
    .option("--max-parallel <n>", "array tasks of one array running at once (%N)")
    .option("--array-cap <n>", "largest array the scheduler accepts (default: "
      + "MaxArraySize from scontrol, else 1001)")
    .option("--bundle <n|auto>", "trials per array task (auto: fill --task-length)")
    .option("--bundle-parallel <n>", "trials of a bundle run at once within the task")
    .option("--task-length <time>", "target task length for --bundle auto (e.g. 30m)")
    .option("--partition <name>", "partition (PBS: queue)")
    .option("--account <name>", "account to charge")
    .option("--qos <name>", "quality of service (SLURM only)")
    .option("--constraint <expr>", "node features (SLURM only)")
    .option("--directive <line>", "extra scheduler directive, repeatable", collect)
    .option("--pbs-flavor <pro|torque>", "PBS dialect: -J arrays (pro) or -t (torque)")
    .option("--k8s-image <image>", "container image for Kubernetes pods")
    .option("--k8s-namespace <name>", "Kubernetes namespace")
    .option("--k8s-volume-claim <name>", "PersistentVolumeClaim holding the run directory")
    .option("--no-estimate", "request the declared resources, not estimates from past runs")
    .option("--history <dir>", "past run directory, or a folder of them, to estimate "
      + "walltime and memory from (repeatable; default runs/<experiment>)", collect)
    .option("--quantile <q>", "residual quantile the estimate margin covers (default 0.95)")
    .option("--json", "print a JSON report on stdout");
}

/** Turns zod issues on flags into one UserError naming each flag. */
export function flagError(command: string, error: z.ZodError): UserError {
  return new UserError(error.issues.map((issue) => ({
    code: `${command}/bad-flag`,
    message: `--${String(issue.path[0] ?? "")}: ${issue.message}`,
    fix: `see \`sweepforge ${command} --help\``,
  })));
}

export function choicesFrom(backend: Backend, flags: ClusterFlags): CompileChoices {
  return {
    backend,
    runDir: flags.runDir,
    outDir: flags.out,
    maxParallel: flags.maxParallel,
    arrayCap: flags.arrayCap,
    bundle: flags.bundle,
    bundleParallel: flags.bundleParallel,
    taskLengthSeconds: flags.taskLength,
    partition: flags.partition,
    account: flags.account,
    qos: flags.qos,
    constraint: flags.constraint,
    extraDirectives: flags.directive,
    pbsFlavor: flags.pbsFlavor,
    kubernetes: {
      ...(flags.k8sImage ? { image: flags.k8sImage } : {}),
      ...(flags.k8sNamespace ? { namespace: flags.k8sNamespace } : {}),
      ...(flags.k8sVolumeClaim ? { volumeClaim: flags.k8sVolumeClaim } : {}),
    },
    estimate: {
      enabled: flags.estimate,
      history: flags.history,
      ...(flags.quantile === undefined ? {} : { quantile: flags.quantile }),
    },
  };
}

const CompileFlags = ClusterFlags.extend({ backend: Backend });

export function registerCompile(program: Command, context: CommandContext): void {
  const command = program
    .command("compile")
    .description("compile an experiment into SLURM/PBS scripts, Kubernetes manifests "
      + "or a plain sh script")
    .argument("<definition>", "the experiment file")
    .requiredOption("--backend <slurm|pbs|k8s|local>", "what to compile for");
  addClusterFlags(command)
    .addHelpText("after", `
Examples:
  $ sweepforge compile examples/heat/experiment.yaml --backend slurm --max-parallel 20
  $ sweepforge compile experiment.ts --backend pbs --pbs-flavor torque --bundle auto
  $ sweepforge compile experiment.ts --backend k8s --k8s-image python:3.11-slim \\
      --k8s-volume-claim sweeps`)
    .action(async (definition: string, raw: unknown) => {
      const flags = CompileFlags.safeParse(raw);
      if (!flags.success) throw flagError("compile", flags.error);

      const { plan, options, estimate } = await prepareCompile(definition,
        choicesFrom(flags.data.backend, flags.data), context.io);
      const result = compilePlanFor(plan, options);
      const written = await writeArtifacts(result, options.outDir);
      await mkdir(join(options.runDir, CLUSTER_LOGS_DIR), { recursive: true });

      if (flags.data.json) {
        printJson(context.io, { outDir: options.outDir, files: written, jobs: result.jobs,
          notes: result.notes, estimate: estimate ?? null });
      } else {
        say(context.io, `wrote ${written.length} files to ${options.outDir}`);
        for (const job of result.jobs) {
          const tasks = job.tasks === 1 ? "1 array task" : `${job.tasks} array tasks`;
          say(context.io, `  ${job.script}: ${tasks} (step ${job.step})`);
        }
        for (const note of result.notes) say(context.io, `note: ${note}`);
        sayEstimate(context.io, options.estimateNotes, estimate?.runs.length ?? 0);
      }
      context.setExitCode(0);
    });
}

/** One line per step saying what its requests were estimated from. */
export function sayEstimate(
  io: CliIO,
  notes: Readonly<Record<string, string>> | undefined,
  runs: number,
): void {
  if (!notes) return;

  say(io, `requests estimated from ${runs} past run(s) (--no-estimate to use the declared):`);
  for (const [step, note] of Object.entries(notes)) say(io, `  ${step}: ${note}`);
}
