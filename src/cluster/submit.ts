// submit: compile a plan for SLURM or PBS, submit its arrays in order with
// each dependency pointing at the job ids just returned, and append the ids
// to <run>/jobs.json. --resume compiles only trials without a succeeded record.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { compilePlanFor, writeArtifacts } from "../../compilers/index.ts";
import { CLUSTER_LOGS_DIR } from "../../compilers/shared/batch-emitter.ts";
import type { BatchJob } from "../../compilers/shared/artifacts.ts";
import type { CompileOptions } from "../../compilers/shared/options.ts";
import { UserError } from "../errors.ts";
import type { Plan } from "../plan/types.ts";
import { createRunDirectory, openRunDirectory } from "../run/run-dir.ts";
import { nextWindowStart, isInWindow, type OffPeakPolicy } from "../schedule/off-peak.ts";
import { runChecked, type CommandRunner } from "./command.ts";
import { succeededTrials } from "./completed-trials.ts";
import { appendSubmission, readJobsFile, type SubmittedJob } from "./jobs-file.ts";
import { ACTIVE_STATES, queueStates } from "./queue-state.ts";
import { SCHEDULERS, type BatchBackend } from "./schedulers.ts";

export interface SubmitOptions {
  readonly compile: CompileOptions & { readonly backend: BatchBackend };
  readonly resume: boolean;
  readonly dryRun: boolean;
  /** Defers heavy steps (all steps when none is heavy) to the next window. */
  readonly offPeak?: OffPeakPolicy;
  readonly now: Date;
  readonly run: CommandRunner;
  /** Environment for the run's env.json capture. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface SubmitReport {
  readonly backend: BatchBackend;
  readonly trials: number;
  /** Trials skipped because they already succeeded (resume). */
  readonly skipped: number;
  readonly jobs: readonly SubmittedJob[];
  /** The argv of every submission, in order (also filled on a dry run). */
  readonly commands: readonly (readonly string[])[];
  readonly notes: readonly string[];
  readonly dryRun: boolean;
}

export async function submitPlan(plan: Plan, options: SubmitOptions): Promise<SubmitReport> {
  const { compile } = options;
  const client = SCHEDULERS[compile.backend];
  if (options.resume) await refuseWhileActive(options);

  if (!options.dryRun && options.resume) await openRunDirectory(compile.runDir);
  if (!options.dryRun && !options.resume) {
    await createRunDirectory(plan, { runDir: compile.runDir, env: options.env });
  }

  const done = options.resume ? await succeededTrials(compile.runDir) : new Set<string>();
  const pending = pendingTrials(plan, done);
  const result = compilePlanFor(plan, { ...compile, onlyTrials: pending });
  await writeArtifacts(result, compile.outDir);
  await mkdir(join(compile.runDir, CLUSTER_LOGS_DIR), { recursive: true });

  const begin = options.offPeak && !isInWindow(options.offPeak, options.now)
    ? nextWindowStart(options.offPeak, options.now)
    : undefined;
  const deferAll = !plan.steps.some((step) => step.heavy);
  const ids = new Map<string, string>();
  const jobs: SubmittedJob[] = [];
  const commands: string[][] = [];

  for (const job of result.jobs) {
    const dependencies = job.dependsOn.map((dependency) => ({
      id: ids.get(dependency.job) ?? `<${dependency.job}>`,
      kind: dependency.kind,
    }));
    const jobBegin = begin && (deferAll || job.heavy) ? begin : undefined;
    const script = join(compile.outDir, job.script);
    const logPrefix = join(compile.runDir, CLUSTER_LOGS_DIR, `${job.step}.p${job.part}`);
    const argv = [client.submitCommand, ...client.submitArgs({
      script, dependencies, begin: jobBegin, now: options.now, logPrefix,
    })];
    commands.push(argv);

    const id = options.dryRun ? `<${job.name}>` : await submitOne(options.run, argv, client);
    ids.set(job.name, id);
    jobs.push(submitted(job, id, script, dependencies, jobBegin));
  }

  if (!options.dryRun && jobs.length > 0) {
    await appendSubmission(compile.runDir, {
      submittedAt: options.now.toISOString(),
      backend: compile.backend,
      resume: options.resume,
      trials: pending.size,
      jobs,
    });
  }
  return {
    backend: compile.backend,
    trials: pending.size,
    skipped: done.size,
    jobs,
    commands,
    notes: result.notes,
    dryRun: options.dryRun,
  };
}

function pendingTrials(plan: Plan, done: ReadonlySet<string>): Set<string> {
  const pending = new Set<string>();
  for (const step of plan.steps) {
    for (const trial of step.trials) if (!done.has(trial.id)) pending.add(trial.id);
  }
  return pending;
}

async function submitOne(
  run: CommandRunner,
  argv: readonly string[],
  client: (typeof SCHEDULERS)[BatchBackend],
): Promise<string> {
  const [file, ...args] = argv as [string, ...string[]];
  const stdout = await runChecked(run, file, args);
  const id = client.parseJobId(stdout);
  if (id === undefined) {
    throw new UserError({
      code: "cluster/no-job-id",
      message: `${file} printed no job id: ${JSON.stringify(stdout)}`,
      fix: `check that ${file} is the scheduler's own command on this host`,
    });
  }
  return id;
}

function submitted(
  job: BatchJob,
  id: string,
  script: string,
  dependsOn: SubmittedJob["dependsOn"],
  begin?: Date,
): SubmittedJob {
  return {
    name: job.name,
    step: job.step,
    part: job.part,
    script,
    id,
    tasks: job.tasks,
    offset: job.offset,
    dependsOn,
    ...(begin ? { begin: begin.toISOString() } : {}),
  };
}

// Resubmitting while earlier tasks still run would run trials twice.
async function refuseWhileActive(options: SubmitOptions): Promise<void> {
  const { runDir, backend } = options.compile;
  const submissions = (await readJobsFile(runDir)).submissions;
  const ids = submissions.flatMap((submission) => submission.jobs.map((job) => job.id));
  const active = (await queueStates(options.run, backend, ids))
    .filter((task) => ACTIVE_STATES.has(task.state));
  if (active.length === 0) return;

  const sample = active.slice(0, 5)
    .map((task) => `${task.jobId}${task.arrayIndex === undefined ? "" : `_${task.arrayIndex}`}`
      + ` ${task.state}`)
    .join(", ");
  throw new UserError({
    code: "cluster/still-active",
    message: `${active.length} task(s) of earlier submissions are still queued or running `
      + `(${sample})`,
    file: join(runDir, "jobs.json"),
    fix: `wait for them, or run \`sweepforge cancel ${runDir}\` first, then --resume`,
  });
}
