// Captures the environment once per run. Every probe runs concurrently and
// has a deadline; whatever is missing or slow is recorded as unavailable.
import { VERSION } from "../../version.ts";
import { gitState } from "./git.ts";
import { gpuFacts } from "./gpus.ts";
import { probe, type ToolOptions } from "./probe.ts";
import { pythonFacts } from "./python.ts";
import {
  EnvironmentRecord, ENVIRONMENT_SCHEMA_VERSION,
} from "./schema.ts";
import {
  condaFacts, containerFacts, findLockfile, lockedVersions, moduleFacts,
} from "./software.ts";
import { systemFacts } from "./system.ts";
import { splitVariables } from "./variables.ts";

export interface CaptureOptions {
  /** The experiment's folder: its git repository and lockfile are recorded. */
  readonly cwd?: string;
  /** Variables to record and to run the probes with; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Deadline for each external tool, default 2000 ms. */
  readonly timeoutMs?: number;
  /** Root for container marker files (tests point it elsewhere); default "/". */
  readonly root?: string;
}

export async function captureEnvironment(
  options: CaptureOptions = {},
): Promise<EnvironmentRecord> {
  const started = performance.now();
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const tools: ToolOptions = { timeoutMs: options.timeoutMs ?? 2000, env, cwd };

  const [system, dependencies, python, gpus, git, container] = await Promise.all([
    systemFacts(env),
    probe(async () => {
      const lockfile = await findLockfile(cwd);
      if (!lockfile) throw new Error(`no package-lock.json at or above ${cwd}`);
      return { lockfile, versions: await lockedVersions(lockfile) };
    }),
    probe(() => pythonFacts(tools)),
    probe(() => gpuFacts(tools)),
    probe(() => gitState(cwd, tools)),
    containerFacts(env, options.root),
  ]);

  const record: EnvironmentRecord = {
    schemaVersion: ENVIRONMENT_SCHEMA_VERSION,
    capturedAt: new Date().toISOString(),
    captureMilliseconds: Math.round(performance.now() - started),
    ...system,
    sweepforge: { version: VERSION },
    dependencies,
    python,
    conda: condaFacts(env),
    modules: moduleFacts(env),
    container,
    gpus,
    git,
    ...splitVariables(env),
  };
  return EnvironmentRecord.parse(record);
}
