// Creating and reopening run directories: runs/<experiment>/<run-id>/ with
// plan.json and env.json, the run id a sortable UTC timestamp plus a short
// random suffix so two runs started in the same second never collide.
import { randomBytes } from "node:crypto";
import { access, mkdir, readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { writePlanJson } from "../plan/json.ts";
import type { Plan } from "../plan/types.ts";
import { writeJsonAtomic } from "../record/atomic.ts";
import { captureEnvironment } from "../record/environment/capture.ts";
import { catalogInputs } from "../record/inputs.ts";
import { RUN_FILES } from "../record/layout.ts";

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

export function experimentRunsDir(cwd: string, experiment: string): string {
  return resolve(cwd, "runs", experiment);
}

/** The most recent run of an experiment (run ids sort by time), if any. */
export async function latestRunDir(cwd: string, experiment: string): Promise<string | undefined> {
  const parent = experimentRunsDir(cwd, experiment);
  const ids = await readdir(parent).catch(() => [] as string[]);
  const latest = ids.sort().at(-1);
  return latest === undefined ? undefined : join(parent, latest);
}

export interface CreateRunOptions {
  readonly runDir?: string;
  readonly cwd?: string;
  /** Base of a relative runDir, runs/ and the definition path; default cwd. */
  readonly baseDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly skipEnvironment?: boolean;
  /** Hash cache for the inputs catalogue (default under $XDG_CACHE_HOME). */
  readonly inputCacheFile?: string;
}

/** Where relative run paths start: baseDir, else cwd, else the process's cwd. */
export function baseDirOf(options: Pick<CreateRunOptions, "baseDir" | "cwd">): string {
  return options.baseDir ?? options.cwd ?? process.cwd();
}

/** Makes a fresh run directory holding plan.json and env.json; returns its path. */
export async function createRunDirectory(
  plan: Plan, options: CreateRunOptions = {},
): Promise<string> {
  const base = baseDirOf(options);
  const runDir = resolve(base, options.runDir
    ?? join(experimentRunsDir(base, plan.experiment), newRunId()));

  if (await exists(join(runDir, RUN_FILES.plan))) {
    throw new UserError({
      code: "run/run-dir-exists",
      message: `${runDir} already holds a run`,
      fix: "pass --resume to continue it, or choose another --run-dir",
    });
  }
  await mkdir(join(runDir, RUN_FILES.trials), { recursive: true });
  await writeRunFiles(plan, runDir, options);
  return runDir;
}

/** plan.json, the inputs catalogue, then env.json captured in the definition's folder. */
export async function writeRunFiles(
  plan: Plan, runDir: string, options: CreateRunOptions,
): Promise<void> {
  const definitionDir = dirname(resolve(baseDirOf(options), plan.definition.path));
  await writePlanJson(plan, join(runDir, RUN_FILES.plan));
  if (plan.inputs.length > 0) {
    const inputs = await catalogInputs(plan.inputs, {
      baseDir: definitionDir, cacheFile: options.inputCacheFile,
    });
    await writeJsonAtomic(join(runDir, RUN_FILES.inputs), { schemaVersion: 1, inputs });
  }
  if (options.skipEnvironment) return;

  const environment = await captureEnvironment({ cwd: definitionDir, env: options.env });
  await writeJsonAtomic(join(runDir, RUN_FILES.env), environment);
}

/** Checks that a directory to resume holds a run; returns its absolute path. */
export async function openRunDirectory(runDir: string): Promise<string> {
  const absolute = resolve(runDir);
  if (!await exists(join(absolute, RUN_FILES.plan))) {
    throw new UserError({
      code: "run/not-a-run-dir",
      message: `${absolute} is not a run directory (no ${RUN_FILES.plan})`,
      file: absolute,
      fix: "pass the folder printed by `sweepforge run` (runs/<experiment>/<run-id>)",
    });
  }
  await mkdir(join(absolute, RUN_FILES.trials), { recursive: true });
  return absolute;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
