// The local runner: runs every trial of a Plan through a few long-lived sh
// workers, honouring the step DAG and the machine's capacity, retrying with
// backoff, enforcing walltimes on whole process groups, and leaving a record
// per attempt so that a killed run resumes exactly where it stopped.
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { UserError, type Problem } from "../errors.ts";
import type { Plan, TrialSpec } from "../plan/types.ts";
import { JournalWriter } from "../record/journal.ts";
import {
  RUN_FILES,
  TRIAL_FILES,
  trialDir,
  trialOutputDir,
  trialRecordPath,
} from "../record/layout.ts";
import { writePlanJson } from "../plan/json.ts";
import { writeJsonAtomicSync } from "../record/atomic.ts";
import { readTrialRecord } from "../record/read.ts";
import type { TrialRecord } from "../record/trial-record.ts";
import { trialSpecLine } from "../record/trial-spec.ts";
import { detectCapacity, detectGpuIds, type Capacity } from "./capacity.ts";
import {
  attemptStatus,
  buildRecord,
  cpuSecondsBetween,
  finalizeAttempt,
  MARKERS,
  readResultMarker,
  signalName,
  type ResultMarker,
} from "./finalize.ts";
import { BatchedSync } from "./batched-sync.ts";
import { MemorySampler, type SampledTrial } from "./memory-sampler.ts";
import type { FailedTrial, RunOptions, RunSummary } from "./options.ts";
import { ResourcePool, type Grant } from "./resource-pool.ts";
import {
  baseDirOf,
  createRunDirectory,
  latestRunDir,
  openRunDirectory,
} from "./run-dir.ts";
import { removeRunnerInfo, takeOverRun, writeRunnerInfo } from "./runner-lock.ts";
import { checkEnvNames, trialEnvironment } from "./trial-env.ts";
import { ShellWorker, type TrialEnded, type TrialStarted } from "./worker.ts";

type State =
  | "pending"
  | "ready"
  | "running"
  | "succeeded"
  | "failed"
  | "skipped"
  | "interrupted";

interface Trial {
  readonly spec: TrialSpec;
  readonly retries: number;
  readonly dependents: Trial[];
  /** Launch order among ready trials. */
  position: number;
  state: State;
  waitingOn: number;
  attempt: number;
  notBefore: number;
  pid: number | undefined;
  grant: Grant | undefined;
  timedOut: boolean;
  stopRequested: boolean;
  timers: NodeJS.Timeout[];
  /** What the memory sampler watches while the trial runs. */
  sampled: SampledTrial | undefined;
  /** The worker's report that this attempt started. */
  startReport: TrialStarted | undefined;
  last: Pick<TrialRecord, "status" | "exitCode" | "signal"> | undefined;
}

const MAX_BACKOFF_MS = 30_000;
const SCAN_LIMIT = 1000;
/**
 * Trials a worker holds at once: the running one plus one sent ahead, so sh
 * starts the next trial without waiting for the runner to answer.
 */
const WORKER_DEPTH = 2;

export async function runPlan(plan: Plan, options: RunOptions = {}): Promise<RunSummary> {
  const startedAt = performance.now();
  const env = options.env ?? process.env;
  const capacity: Capacity = { ...detectCapacity(env), ...options.capacity };
  const trials = materialize(plan, options);
  checkCapacity(trials, capacity);
  checkWorkingDirectory(options.cwd);
  checkEnvNames(trials.map((t) => t.spec));

  const runDir = await prepareRunDir(plan, options);
  // A fresh run folder holds no trials yet: only a resumed run has anything to recover.
  const alreadyDone = options.resume ? await recover(runDir, trials) : 0;
  const gpuIds = capacity.gpus > 0 ? detectGpuIds(env) : [];
  const runner = new LocalRun(runDir, trials, capacity, gpuIds, options, env);
  const summary = await runner.run();
  return {
    ...summary,
    alreadyDone,
    durationSeconds: (performance.now() - startedAt) / 1000,
  };
}

/** Every trial of every step, linked to its dependents, in launch order. */
function materialize(plan: Plan, options: RunOptions): Trial[] {
  const byId = new Map<string, Trial>();
  const ordered: Trial[] = [];
  for (const step of plan.steps) {
    for (const spec of step.trials) {
      const trial: Trial = {
        spec,
        retries: options.retries ?? step.retries,
        dependents: [],
        position: 0,
        state: "pending",
        waitingOn: 0,
        attempt: 0,
        notBefore: 0,
        pid: undefined,
        grant: undefined,
        timedOut: false,
        stopRequested: false,
        timers: [],
        sampled: undefined,
        startReport: undefined,
        last: undefined,
      };
      byId.set(spec.id, trial);
      ordered.push(trial);
    }
  }

  for (const trial of ordered) {
    for (const parent of new Set(trial.spec.dependsOn)) {
      const found = byId.get(parent);
      if (!found) continue;
      found.dependents.push(trial);
      trial.waitingOn += 1;
    }
  }
  if (options.order) {
    const order = options.order;
    ordered.sort((a, b) => order(a.spec, b.spec));
  }
  ordered.forEach((trial, position) => {
    trial.position = position;
  });
  return ordered;
}

function checkCapacity(trials: readonly Trial[], capacity: Capacity): void {
  const pool = new ResourcePool(capacity, []);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const { spec } of trials) {
    if (seen.has(spec.step) || pool.fitsAtAll(spec.resources)) continue;
    seen.add(spec.step);
    const r = spec.resources;
    problems.push({
      code: "run/exceeds-capacity",
      message:
        `step "${spec.step}" asks for ${r.cpus} cpus, ${r.memoryMiB} MiB, ${r.gpus} gpus ` +
        `per trial but this machine offers ${capacity.cpus} cpus, ` +
        `${capacity.memoryMiB} MiB, ${capacity.gpus} gpus`,
      path: ["steps", spec.step, "resources"],
      fix: "lower the step's resources, or raise the capacity with --cpus, --memory or --gpus",
    });
  }
  if (problems.length > 0) throw new UserError(problems);
}

/** Trials run in `cwd`: it must be an existing folder before anything starts. */
function checkWorkingDirectory(cwd: string | undefined): void {
  if (cwd === undefined) return;

  let isFolder = false;
  try {
    isFolder = statSync(cwd).isDirectory();
  } catch {
    // Reported below.
  }
  if (isFolder) return;
  throw new UserError({
    code: "run/bad-cwd",
    message: `the trials' working directory ${resolve(cwd)} is not an existing folder`,
    file: resolve(cwd),
    path: ["cwd"],
    fix: "create the folder, or pass an existing one with --cwd",
  });
}

async function prepareRunDir(plan: Plan, options: RunOptions): Promise<string> {
  if (!options.resume) return createRunDirectory(plan, options);

  const base = baseDirOf(options);
  const chosen = options.runDir ?? (await latestRunDir(base, plan.experiment));
  if (chosen === undefined) {
    throw new UserError({
      code: "run/nothing-to-resume",
      message: `no earlier run of "${plan.experiment}" under ${join(base, "runs")}`,
      fix: "run without --resume first, or pass --run-dir with the run to continue",
    });
  }
  const runDir = await openRunDirectory(resolve(base, chosen));
  await takeOverRun(runDir);
  await refreshPlanJson(plan, runDir);
  return runDir;
}

/**
 * A resumed run may use a changed definition: plan.json must describe the
 * trials now run (status counts from it), so it is replaced atomically and
 * the change journaled with both plan hashes.
 */
async function refreshPlanJson(plan: Plan, runDir: string): Promise<void> {
  const file = join(runDir, RUN_FILES.plan);
  const previous = await readFile(file, "utf8").then(
    (text) => z.object({ hash: z.string() }).parse(JSON.parse(text)).hash,
    () => null,
  );
  if (previous === plan.hash) return;

  await writePlanJson(plan, file);
  const journal = new JournalWriter(runDir);
  journal.append("plan-changed", { from: previous, to: plan.hash });
  journal.close();
}

/**
 * Reads what earlier invocations left: succeeded records mark trials done,
 * and attempts that ended while no runner listened get their record now.
 */
async function recover(runDir: string, trials: readonly Trial[]): Promise<number> {
  let done = 0;
  await Promise.all(
    trials.map(async (trial) => {
      let record = await readTrialRecord(runDir, trial.spec.id);
      const marker = readResultMarker(trialDir(runDir, trial.spec.id));
      if (marker && (!record || marker.endedAt.getTime() > Date.parse(record.endedAt))) {
        record = await finalizeAttempt(runDir, trialDir(runDir, trial.spec.id), marker, {
          spec: trial.spec,
          attempt: (record?.attempt ?? 0) + 1,
          gpuDevices: [],
          timedOut: false,
          interrupted: false,
        });
      }
      if (!record) return;

      trial.attempt = record.attempt;
      trial.last = record;
      if (record.status === "succeeded") {
        trial.state = "succeeded";
        done += 1;
      }
    }),
  );

  for (const trial of trials) {
    if (trial.state !== "succeeded") continue;
    for (const dependent of trial.dependents) dependent.waitingOn -= 1;
  }
  return done;
}

class LocalRun {
  private readonly pool: ResourcePool;
  private readonly workers: ShellWorker[] = [];
  private readonly idle: ShellWorker[] = [];
  /** Trials sent to each worker and not yet ended; the first one runs. */
  private readonly assigned = new Map<ShellWorker, Trial[]>();
  /** Trials sent ahead that have not inherited a grant yet. */
  private queued = 0;
  private ready: Trial[] = [];
  private readyUnsorted = false;
  private stale = 0;
  private doneBefore = 0;
  private running = 0;
  private unfinished = 0;
  private stopping: "signal" | "fail-fast" | null = null;
  private wakeTimer: NodeJS.Timeout | undefined;
  private readonly writes = new Set<Promise<unknown>>();
  private finish: (() => void) | undefined;
  private readonly failures: FailedTrial[] = [];
  private counts = { succeeded: 0, interrupted: 0, skipped: 0 };
  private readonly started = performance.now();
  private readonly journal: JournalWriter;
  private readonly memory = new MemorySampler();
  private readonly durability: BatchedSync;

  constructor(
    private readonly runDir: string,
    private readonly trials: readonly Trial[],
    capacity: Capacity,
    gpuIds: readonly string[],
    private readonly options: RunOptions,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.pool = new ResourcePool(capacity, gpuIds);
    this.journal = new JournalWriter(runDir);
    this.durability = new BatchedSync();
  }

  async run(): Promise<Omit<RunSummary, "alreadyDone" | "durationSeconds">> {
    for (const trial of this.trials) {
      if (trial.state === "succeeded") {
        this.doneBefore += 1;
        continue;
      }
      this.unfinished += 1;
      if (trial.waitingOn === 0) this.makeReady(trial);
    }

    const slots = Math.max(
      1,
      Math.min(
        this.options.jobs ?? this.pool.capacity.cpus,
        Math.max(1, this.unfinished),
      ),
    );
    if (this.unfinished > 0) await this.startWorkers(slots);
    this.journal.append("run-started", {
      pid: process.pid,
      trials: this.trials.length,
      pending: this.unfinished,
      slots,
    });

    const stopped = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
    const onAbort = (): void => this.stop("signal");
    this.options.signal?.addEventListener("abort", onAbort);
    if (this.options.signal?.aborted) this.stop("signal");
    this.pump();
    await stopped;
    this.options.signal?.removeEventListener("abort", onAbort);
    this.memory.close();

    await Promise.all(this.writes);
    await this.durability.flush();
    for (const worker of this.workers) worker.close();
    await removeRunnerInfo(this.runDir);
    this.journal.append("run-ended", {
      succeeded: this.counts.succeeded,
      failed: this.failures.length,
      interrupted: this.counts.interrupted,
      stoppedBy: this.stopping,
    });
    this.journal.close();

    const notStarted = this.trials.filter(
      (t) => t.state === "ready" || t.state === "pending",
    ).length;
    return {
      runDir: this.runDir,
      total: this.trials.length,
      succeeded: this.counts.succeeded,
      failed: this.failures,
      interrupted: this.counts.interrupted,
      skipped: this.counts.skipped,
      notStarted,
      stoppedBy: this.stopping,
    };
  }

  private async startWorkers(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) this.addWorker();
    await writeRunnerInfo(
      this.runDir,
      this.workers.map((w) => w.pid ?? 0),
    );
  }

  private addWorker(): void {
    const place = { cwd: this.options.cwd ?? process.cwd(), env: this.env };
    const worker = new ShellWorker(this.runDir, place, (job, status, unstarted) => {
      this.workers.splice(this.workers.indexOf(worker), 1);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const sent = this.assigned.get(worker) ?? [];
      const neverRan = sent.splice(sent.length - unstarted.length);
      if (job) job.onEnd(status ?? 255);
      this.assigned.delete(worker);
      for (const trial of neverRan) this.unsend(trial);
      if (neverRan.length > 0) this.pump();
      if (!this.stopping && this.unfinished > 0) {
        this.addWorker();
        void writeRunnerInfo(
          this.runDir,
          this.workers.map((w) => w.pid ?? 0),
        );
        this.pump();
      }
    });
    this.workers.push(worker);
    this.idle.push(worker);
    this.assigned.set(worker, []);
  }

  /** A trial sent ahead to a worker that exited before starting it: ready again. */
  private unsend(trial: Trial): void {
    trial.attempt -= 1;
    this.running -= 1;
    if (trial.grant) this.pool.release(trial.grant);
    else this.queued -= 1;
    trial.grant = undefined;
    this.makeReady(trial);
  }

  private makeReady(trial: Trial): void {
    trial.state = "ready";
    const last = this.ready.at(-1);
    if (last && last.position > trial.position) this.readyUnsorted = true;
    this.ready.push(trial);
  }

  /**
   * Launches every ready trial that fits, in order, while workers are free;
   * then sends trials ahead to busy workers (see sendAhead).
   */
  private pump(): void {
    if (this.stopping) return this.maybeFinish();

    const now = Date.now();
    let wakeAt = Infinity;
    let scanned = 0;
    if (this.readyUnsorted) this.ready.sort((a, b) => a.position - b.position);
    this.readyUnsorted = false;
    let spare: ShellWorker[] | undefined;
    for (const trial of this.ready) {
      if (scanned > SCAN_LIMIT) break;
      if (this.idle.length === 0) {
        spare ??= this.workers.filter((w) => this.canTakeMore(w));
        if (spare.length === 0) break;
      }
      if (trial.state !== "ready") continue;
      scanned += 1;

      const hold = Math.max(
        trial.notBefore,
        this.options.holdUntil?.(trial.spec, new Date(now))?.getTime() ?? 0,
      );
      if (hold > now) {
        wakeAt = Math.min(wakeAt, hold);
        continue;
      }
      if (this.idle.length > 0) {
        const grant = this.pool.tryAcquire(trial.spec.resources);
        if (grant) this.launch(trial, grant, this.idle.pop() as ShellWorker);
        continue;
      }
      const at = (spare ?? []).findIndex((w) => this.inherits(trial, w));
      if (at < 0) continue;
      const [worker] = (spare ?? []).splice(at, 1);
      this.launch(trial, undefined, worker as ShellWorker);
    }

    if (this.stale > 256 || this.stale * 2 > this.ready.length) {
      this.ready = this.ready.filter((t) => t.state === "ready");
      this.stale = 0;
    }
    this.scheduleWake(wakeAt);
    this.report();
    this.maybeFinish();
  }

  private scheduleWake(at: number): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    if (at === Infinity) return;
    this.wakeTimer = setTimeout(() => this.pump(), Math.max(1, at - Date.now()));
  }

  /** A busy worker with room in its queue (WORKER_DEPTH). */
  private canTakeMore(worker: ShellWorker): boolean {
    const sent = this.assigned.get(worker);
    return (
      worker.alive && sent !== undefined && sent.length > 0 && sent.length < WORKER_DEPTH
    );
  }

  /**
   * sendAhead: a trial may queue behind the last trial sent to a worker when
   * it asks for exactly the same resources and no gpus; it then runs on that
   * trial's grant once it ends, so the pool's bounds still hold and no trial
   * waits for the runner between two trials.
   */
  private inherits(trial: Trial, worker: ShellWorker): boolean {
    const last = this.assigned.get(worker)?.at(-1);
    if (!last) return false;
    const a = trial.spec.resources;
    const b = last.spec.resources;
    return (
      a.gpus === 0 && b.gpus === 0 && a.cpus === b.cpus && a.memoryMiB === b.memoryMiB
    );
  }

  /** Sends a trial to a worker: now with `grant`, or queued to inherit one. */
  private launch(trial: Trial, grant: Grant | undefined, worker: ShellWorker): void {
    trial.state = "running";
    trial.attempt += 1;
    trial.grant = grant;
    if (!grant) this.queued += 1;
    this.assigned.get(worker)?.push(trial);
    trial.timedOut = false;
    trial.stopRequested = false;
    trial.pid = undefined;
    this.stale += 1;
    this.running += 1;

    const dir = trialDir(this.runDir, trial.spec.id);
    const output = trialOutputDir(this.runDir, trial.spec.id);
    freshTrialDir(dir, output);
    writeFileSync(join(dir, TRIAL_FILES.params), `${trialSpecLine(trial.spec)}\n`);
    this.journal.append("trial-started", {
      trial: trial.spec.id,
      attempt: trial.attempt,
    });

    const gpus = this.pool.capacity.gpus > 0 ? (grant?.gpuIds ?? []) : null;
    worker.run({
      trialDir: dir,
      env: trialEnvironment(trial.spec, trial.attempt, gpus),
      argv: trial.spec.argv,
      onStart: (started) => this.started_(trial, worker.pid ?? 0, started),
      onEnd: (status, ended) => this.ended(trial, worker, status, ended),
    });
  }

  // Called when the worker started the trial: note the process group to
  // signal (the worker's, which the trial shares), sample its memory and arm
  // the walltime.
  private started_(trial: Trial, group: number, started: TrialStarted): void {
    trial.pid = group;
    trial.startReport = started;
    if (this.stopping) return this.terminate(trial);

    trial.sampled = {
      root: started.pid,
      group,
      leader: group,
      file: join(trialDir(this.runDir, trial.spec.id), MARKERS.memory),
    };
    this.memory.track(trial.sampled);

    const walltime = trial.spec.resources.walltimeSeconds;
    if (walltime > 0) {
      trial.timers.push(
        setTimeout(() => {
          trial.timedOut = true;
          this.terminate(trial);
        }, walltime * 1000),
      );
    }
  }

  /** TERM to the trial's process group now, KILL after the grace period. */
  private terminate(trial: Trial): void {
    const pid = trial.pid;
    if (pid === undefined) return;
    signalGroup(pid, "SIGTERM");
    trial.timers.push(
      setTimeout(() => {
        if (trial.state === "running" && trial.pid === pid) signalGroup(pid, "SIGKILL");
      }, this.options.killGraceMs ?? 5000),
    );
  }

  private ended(
    trial: Trial,
    worker: ShellWorker,
    status: number,
    report: TrialEnded | undefined,
  ): void {
    for (const timer of trial.timers) clearTimeout(timer);
    trial.timers = [];
    const peakMemoryKiB = trial.sampled ? this.memory.release(trial.sampled) : null;
    trial.sampled = undefined;
    const started = trial.startReport;
    trial.startReport = undefined;
    this.running -= 1;
    const sent = this.assigned.get(worker);
    if (sent?.[0] === trial) sent.shift();
    const next = sent?.[0];
    if (next && !next.grant && trial.grant) {
      next.grant = trial.grant;
      this.queued -= 1;
    } else if (trial.grant) {
      this.pool.release(trial.grant);
    }
    trial.grant = undefined;
    if (worker.alive && sent?.length === 0) this.idle.push(worker);

    const outcome = attemptStatus(status, {
      timedOut: trial.timedOut,
      interrupted: trial.stopRequested,
    });
    const reported =
      started && report ? markerFromReports(started, report, peakMemoryKiB) : undefined;
    const write = this.record(trial, status, outcome === "interrupted", reported);
    this.track(write);

    if (outcome === "succeeded") this.succeed(trial);
    else if (outcome === "interrupted") this.interrupt(trial);
    else if (trial.attempt <= trial.retries && !this.stopping) this.retry(trial, write);
    else this.fail(trial, status, outcome);
    this.pump();
  }

  /**
   * Writes the attempt's record: from the worker's answers when it gave both,
   * else (the worker died) from whatever markers the wrapper left.
   */
  private async record(
    trial: Trial,
    status: number,
    interrupted: boolean,
    reported: ResultMarker | undefined,
  ): Promise<void> {
    const dir = trialDir(this.runDir, trial.spec.id);
    const marker: ResultMarker = reported ??
      readResultMarker(dir) ?? {
        status,
        stopped: false,
        cpuSeconds: null,
        peakMemoryKiB: null,
        startedAt: new Date(),
        endedAt: new Date(),
      };
    const record = await buildRecord(dir, marker, {
      spec: trial.spec,
      attempt: trial.attempt,
      gpuDevices: [],
      timedOut: trial.timedOut,
      interrupted,
    });
    const file = trialRecordPath(this.runDir, trial.spec.id);
    writeJsonAtomicSync(file, record, { durable: false });
    this.durability.written(file);
    trial.last = record;
    this.journal.append("trial-ended", {
      trial: trial.spec.id,
      attempt: trial.attempt,
      status: record.status,
    });
  }

  private track(write: Promise<unknown>): void {
    const settled = write.catch((error: unknown) => {
      process.emitWarning(`could not write a trial record: ${(error as Error).message}`);
    });
    this.writes.add(settled);
    void settled.finally(() => {
      this.writes.delete(settled);
      this.maybeFinish();
    });
  }

  private succeed(trial: Trial): void {
    trial.state = "succeeded";
    this.unfinished -= 1;
    this.counts.succeeded += 1;
    for (const dependent of trial.dependents) {
      dependent.waitingOn -= 1;
      if (dependent.waitingOn === 0 && dependent.state === "pending")
        this.makeReady(dependent);
    }
  }

  private interrupt(trial: Trial): void {
    trial.state = "interrupted";
    this.unfinished -= 1;
    this.counts.interrupted += 1;
  }

  private retry(trial: Trial, written: Promise<void>): void {
    trial.state = "pending";
    const delay = Math.min(
      MAX_BACKOFF_MS,
      (this.options.retryBackoffMs ?? 1000) * 2 ** (trial.attempt - 1),
    );
    trial.notBefore = Date.now() + delay;
    void written.finally(() => {
      if (trial.state !== "pending") return;
      this.makeReady(trial);
      this.pump();
    });
  }

  private fail(trial: Trial, status: number, outcome: "failed" | "timeout"): void {
    trial.state = "failed";
    this.unfinished -= 1;
    const killed = status > 128 && status < 128 + 65;
    const dir = trialDir(this.runDir, trial.spec.id);
    this.failures.push({
      trialId: trial.spec.id,
      step: trial.spec.step,
      params: trial.spec.params,
      status: outcome,
      exitCode: killed ? null : status,
      signal: killed ? signalName(status - 128) : null,
      attempts: trial.attempt,
      stdout: join(dir, TRIAL_FILES.stdout),
      stderr: join(dir, TRIAL_FILES.stderr),
    });
    for (const dependent of trial.dependents) this.skip(dependent);
    if (this.options.failFast) this.stop("fail-fast");
  }

  private skip(trial: Trial): void {
    if (trial.state !== "pending" && trial.state !== "ready") return;
    if (trial.state === "ready") this.stale += 1;
    trial.state = "skipped";
    this.unfinished -= 1;
    this.counts.skipped += 1;
    for (const dependent of trial.dependents) this.skip(dependent);
  }

  /** Stop launching; terminate what runs; it will be recorded as interrupted. */
  private stop(reason: "signal" | "fail-fast"): void {
    if (this.stopping) return;
    this.stopping = reason;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    // First (so the stop is pending before any trial dies): workers holding
    // trials sent ahead exit after their current trial instead of starting them.
    for (const worker of this.workers) {
      if ((this.assigned.get(worker)?.length ?? 0) > 1) worker.stop();
    }
    for (const trial of this.trials) {
      if (trial.state !== "running") continue;
      trial.stopRequested = true;
      this.terminate(trial);
    }
    this.maybeFinish();
  }

  private report(): void {
    if (!this.options.onProgress) return;
    this.options.onProgress({
      total: this.trials.length,
      done: this.doneBefore + this.counts.succeeded,
      failed: this.failures.length,
      running: this.running - this.queued,
      pending: this.unfinished - this.running + this.queued,
      elapsedSeconds: (performance.now() - this.started) / 1000,
    });
  }

  private maybeFinish(): void {
    if (this.running > 0 || this.writes.size > 0) return;
    if (!this.stopping && this.unfinished > 0) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.finish?.();
    this.finish = undefined;
  }
}

/** The attempt's facts as the worker reported them over its pipe. */
function markerFromReports(
  started: TrialStarted,
  ended: TrialEnded,
  peakMemoryKiB: number | null,
): ResultMarker {
  return {
    status: ended.status,
    stopped: ended.stopped,
    cpuSeconds: cpuSecondsBetween(started.childCpuSeconds, ended.childCpuSeconds),
    peakMemoryKiB,
    startedAt: started.at,
    endedAt: ended.at,
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * A new trial folder with an empty output/; a rerun's old outputs and the
 * previous attempt's memory samples are removed.
 */
function freshTrialDir(dir: string, output: string): void {
  try {
    mkdirSync(dir);
  } catch {
    rmSync(output, { recursive: true, force: true });
    rmSync(join(dir, MARKERS.memory), { force: true });
  }
  mkdirSync(output);
}
