// Reads a run directory (layout in src/record/layout.ts): the plan's parameter
// and metric declarations, the captured environment, and every trial's record,
// metrics and progress, streamed into an aggregate one trial at a time.
import { existsSync } from "node:fs";
import { opendir, readFile, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { RUN_FILES, TRIAL_FILES, trialDir, trialOutputDir } from "../../record/layout.ts";
import { progressStep, type Aggregate } from "../aggregate.ts";
import type { Params } from "../group-key.ts";
import { forEachLine } from "./lines.ts";

const ParamInfoFile = z.object({
  name: z.string(),
  kind: z.enum(["numeric", "integer", "categorical", "boolean"]).default("categorical"),
  scale: z.enum(["linear", "log"]).default("linear"),
  unit: z.string().optional(),
  origin: z.string().optional(),
});

const MetricInfoFile = z.object({
  name: z.string(),
  unit: z.string().optional(),
  goal: z.enum(["min", "max"]).optional(),
});

/** A user-declared Vega-Lite figure, drawn against the result fields. */
const CustomPlotFile = z.object({ name: z.string(), spec: z.record(z.string(), z.unknown()) });

// Only the parts of plan.json that results need; the rest passes through.
const PlanFile = z.object({
  experiment: z.string(),
  seed: z.number().optional(),
  hash: z.string().optional(),
  generator: z.object({ version: z.string() }).partial().optional(),
  definition: z.object({ path: z.string(), hash: z.string() }).partial().optional(),
  params: z.array(ParamInfoFile).default([]),
  metrics: z.array(MetricInfoFile).default([]),
  plots: z.array(CustomPlotFile).optional(),
  results: z.object({ files: z.array(z.string()).default([]) }).optional(),
});

const ScalarParams = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));

// Either the full record or, for a trial still running, nothing at all.
const TrialRecordFile = z.object({
  trialId: z.string().optional(),
  step: z.string().optional(),
  params: ScalarParams.default({}),
  replicate: z.number().optional(),
  status: z.string(),
  exitCode: z.number().nullable().optional(),
  durationSeconds: z.number().optional(),
  peakMemoryKiB: z.number().nullable().optional(),
  metrics: z.record(z.string(), z.unknown()).default({}),
  progress: z.array(z.record(z.string(), z.unknown())).default([]),
});

export type ParamInfoRead = z.infer<typeof ParamInfoFile>;
export type MetricInfoRead = z.infer<typeof MetricInfoFile>;
export type CustomPlot = z.infer<typeof CustomPlotFile>;

export interface TrialFailure {
  readonly trialId: string;
  readonly status: string;
  readonly exitCode: number | null;
  readonly params: Params;
  readonly stderrLog: string;
  readonly stdoutLog: string;
}

export interface RunInfo {
  readonly dir: string;
  /** The run directory's name: what users call the run. */
  readonly runId: string;
  readonly experiment: string;
  readonly planHash: string | null;
  readonly definitionPath: string | null;
  readonly seed: number;
  readonly params: readonly ParamInfoRead[];
  readonly metrics: readonly MetricInfoRead[];
  readonly customPlots: readonly CustomPlot[];
  /** Result files the definition declares, resolved against the run directory. */
  readonly resultFiles: readonly string[];
  readonly gitCommit: string | null;
  readonly sweepforgeVersion: string | null;
  /** env.json as captured, for the dashboard. */
  readonly environment: unknown;
  readonly status: Readonly<Record<string, number>>;
  readonly failures: readonly TrialFailure[];
  /** Trial id → params, for result files whose rows name their trial. */
  readonly trialParams: ReadonlyMap<string, Params>;
}

export interface RunIngestOptions {
  /** Called after each trial, for progress bars. */
  readonly onTrial?: () => void;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new UserError({
      code: "results/unreadable-json",
      message: `cannot read JSON (${(error as Error).message})`,
      file,
      fix: "check that the run finished writing this file, or re-run the trial",
    }, { cause: error });
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new UserError(parsed.error.issues.map((issue) => ({
    code: "results/invalid-file",
    message: issue.message,
    file,
    path: issue.path.map((part) => (typeof part === "symbol" ? String(part) : part)),
    fix: "this file should be as sweepforge wrote it; restore it from the run",
  })));
}

/** Checks that `dir` is a run directory and reads its plan and environment. */
export async function openRunDirectory(dir: string): Promise<Omit<RunInfo,
  "status" | "failures" | "trialParams">> {
  const planFile = join(dir, RUN_FILES.plan);
  if (!existsSync(planFile)) {
    throw new UserError({
      code: "results/not-a-run-directory",
      message: `no ${RUN_FILES.plan} here, so this is not a sweepforge run directory`,
      file: dir,
      fix: "pass the directory that `sweepforge run` created (it holds plan.json and trials/)",
    });
  }
  const plan = parseWith(PlanFile, await readJson(planFile), planFile);
  const envFile = join(dir, RUN_FILES.env);
  const environment = existsSync(envFile) ? await readJson(envFile) : null;

  return {
    dir: resolve(dir),
    runId: basename(resolve(dir)),
    experiment: plan.experiment,
    planHash: plan.hash ?? null,
    definitionPath: plan.definition?.path ?? null,
    seed: plan.seed ?? 0,
    params: plan.params,
    metrics: plan.metrics,
    customPlots: plan.plots ?? [],
    resultFiles: (plan.results?.files ?? []).map((file) => resolve(dir, file)),
    gitCommit: findString(environment,
      [["git", "value", "commit"], ["git", "commit"], ["gitCommit"], ["git", "head"]]),
    sweepforgeVersion: plan.generator?.version
      ?? findString(environment, [["sweepforge", "version"], ["sweepforgeVersion"]]),
    environment,
  };
}

function findString(value: unknown, paths: readonly (readonly string[])[]): string | null {
  for (const path of paths) {
    let node: unknown = value;
    for (const key of path) {
      node = typeof node === "object" && node !== null
        ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (typeof node === "string" && node.length > 0) return node;
  }
  return null;
}

/** Streams every finished trial of a run into the aggregate. */
export async function ingestRunDirectory(
  dir: string,
  aggregate: Aggregate,
  options: RunIngestOptions = {},
): Promise<RunInfo> {
  const opened = await openRunDirectory(dir);
  const status: Record<string, number> = {};
  const failures: TrialFailure[] = [];
  const trialParams = new Map<string, Params>();
  const trialsDir = join(dir, RUN_FILES.trials);

  const ids: string[] = [];
  if (existsSync(trialsDir)) {
    for await (const entry of await opendir(trialsDir)) {
      if (entry.isDirectory()) ids.push(entry.name);
    }
  }
  ids.sort();

  for (const id of ids) {
    const outcome = await ingestTrial(dir, id, aggregate);
    status[outcome.status] = (status[outcome.status] ?? 0) + 1;
    if (outcome.params) trialParams.set(id, outcome.params);
    if (outcome.failure) failures.push(outcome.failure);
    options.onTrial?.();
  }

  return { ...opened, status, failures, trialParams };
}

interface TrialOutcome {
  readonly status: string;
  readonly params: Params | null;
  readonly failure: TrialFailure | null;
}

async function ingestTrial(runDir: string, id: string, aggregate: Aggregate)
  : Promise<TrialOutcome> {
  const folder = trialDir(runDir, id);
  const recordFile = join(folder, TRIAL_FILES.record);
  const paramsFile = join(folder, TRIAL_FILES.params);

  if (!existsSync(recordFile)) {
    const params = existsSync(paramsFile)
      ? parseWith(ScalarParams, await readJson(paramsFile), paramsFile) : null;
    return { status: "pending", params, failure: null };
  }

  const record = parseWith(TrialRecordFile, await readJson(recordFile), recordFile);
  const params = record.params;
  if (record.status !== "succeeded") {
    return {
      status: record.status,
      params,
      failure: {
        trialId: id, status: record.status, exitCode: record.exitCode ?? null, params,
        stderrLog: join(folder, TRIAL_FILES.stderr), stdoutLog: join(folder, TRIAL_FILES.stdout),
      },
    };
  }

  const output = trialOutputDir(runDir, id);
  const metricsFile = join(output, TRIAL_FILES.metrics);
  const metrics = existsSync(metricsFile)
    ? parseWith(z.record(z.string(), z.unknown()), await readJson(metricsFile), metricsFile)
    : record.metrics;
  aggregate.addObservation(params, metrics);
  aggregate.addResources(params, {
    runtime_seconds: record.durationSeconds ?? null,
    peak_memory_mib: record.peakMemoryKiB == null ? null : record.peakMemoryKiB / 1024,
  });
  await ingestProgress(join(output, TRIAL_FILES.progress), record.progress, params, aggregate);
  return { status: "succeeded", params, failure: null };
}

// progress.jsonl is streamed when present; the copy inside the record is the
// fallback for runs whose output folders were cleaned.
async function ingestProgress(
  file: string,
  fromRecord: readonly Record<string, unknown>[],
  params: Params,
  aggregate: Aggregate,
): Promise<void> {
  const exists = existsSync(file) && (await stat(file)).size > 0;
  if (!exists) {
    fromRecord.forEach((line, i) => aggregate.addProgress(params, progressStep(line, i), line));
    return;
  }
  let index = 0;
  await forEachLine(file, (text) => {
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      // A torn last line of a killed trial is expected; skip it.
      return;
    }
    if (typeof line === "object" && line !== null && !Array.isArray(line)) {
      const values = line as Record<string, unknown>;
      aggregate.addProgress(params, progressStep(values, index), values);
    }
    index += 1;
  });
}
