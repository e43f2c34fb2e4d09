// What a caller can ask of the local runner, and what it reports back.
import type { TrialSpec } from "../plan/types.ts";
import type { Capacity } from "./capacity.ts";

export interface RunProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
  readonly pending: number;
  /** Seconds since the runner started. */
  readonly elapsedSeconds: number;
}

export interface RunOptions {
  /** The run directory; default runs/<experiment>/<run-id> under `baseDir`. */
  readonly runDir?: string;
  /** Working directory of every trial (all workers run there); default process.cwd(). */
  readonly cwd?: string;
  /**
   * Folder a relative `runDir`, the default runs/ folder and the plan's
   * definition path are resolved against; default `cwd`.
   */
  readonly baseDir?: string;
  /** Most trials at once; default the capacity's cpus. */
  readonly jobs?: number;
  /** Overrides of the detected capacity. */
  readonly capacity?: Partial<Capacity>;
  /** Continue an existing run directory: only trials without a succeeded record run. */
  readonly resume?: boolean;
  /** Retries after a failure; default each step's own `retries`. */
  readonly retries?: number;
  /** First retry delay, doubled per attempt (capped at 30 s); default 1000 ms. */
  readonly retryBackoffMs?: number;
  /** Stop launching and interrupt running trials after the first final failure. */
  readonly failFast?: boolean;
  /** Delay between TERM and KILL of a trial's process group; default 5000 ms. */
  readonly killGraceMs?: number;
  /** Aborting stops launching, terminates running trials and records them interrupted. */
  readonly signal?: AbortSignal;
  /** Launch order among ready trials (the scheduling hook, see issue #5). */
  readonly order?: (a: TrialSpec, b: TrialSpec) => number;
  /**
   * Off-peak holding hook (issue #5): a future date defers the trial until
   * then; null or a past date lets it start now.
   */
  readonly holdUntil?: (trial: TrialSpec, now: Date) => Date | null;
  /** Called whenever counts change. */
  readonly onProgress?: (progress: RunProgress) => void;
  /** Environment the trials inherit; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Skip the environment capture (env.json); default false. */
  readonly skipEnvironment?: boolean;
  /** Hash cache for the inputs catalogue (default under $XDG_CACHE_HOME). */
  readonly inputCacheFile?: string;
}

export interface FailedTrial {
  readonly trialId: string;
  readonly step: string;
  readonly params: TrialSpec["params"];
  readonly status: "failed" | "timeout";
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly attempts: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunSummary {
  readonly runDir: string;
  readonly total: number;
  readonly succeeded: number;
  /** Trials that had already succeeded before this invocation (resume). */
  readonly alreadyDone: number;
  readonly failed: readonly FailedTrial[];
  /** Trials stopped by an interruption or --fail-fast, to be rerun by --resume. */
  readonly interrupted: number;
  /** Trials never started because a trial they depend on failed. */
  readonly skipped: number;
  /** Trials not started because the run was stopped. */
  readonly notStarted: number;
  readonly stoppedBy: "signal" | "fail-fast" | null;
  readonly durationSeconds: number;
}
