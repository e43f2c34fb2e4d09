// A long-lived POSIX sh process that runs one trial at a time through the
// shared wrapper. One per slot: the runner never pays a Node spawn per trial,
// only the worker's fork and exec of the trial itself.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { constants } from "node:os";
import { childCpuSeconds } from "./finalize.ts";
import { shQuote } from "./shell-quote.ts";
import { WRAPPER_PATH } from "./wrapper-path.ts";

/** The worker's "S" answer: the trial's process is running. */
export interface TrialStarted {
  readonly pid: number;
  /** CPU seconds of the worker's reaped children so far (`times`). */
  readonly childCpuSeconds: number | null;
  /** When the runner heard it. */
  readonly at: Date;
}

/** The worker's "E" answer: the trial's process has been waited for. */
export interface TrialEnded {
  /** The wait status as sh reports it: the exit code, or 128 + signal number. */
  readonly status: number;
  /** The worker was asked to stop (USR1/HUP) while the trial ran. */
  readonly stopped: boolean;
  readonly childCpuSeconds: number | null;
  readonly at: Date;
}

export interface WorkerJob {
  readonly trialDir: string;
  /** NAME=VALUE assignments exported for the trial only. */
  readonly env: readonly (readonly [string, string])[];
  readonly argv: readonly string[];
  /** The trial's process id, as soon as it is known. */
  readonly onStart: (started: TrialStarted) => void;
  /**
   * The wait status (exit code, or 128 + signal number); `ended` is absent
   * when the worker died instead of answering.
   */
  readonly onEnd: (status: number, ended?: TrialEnded) => void;
}

/** An "S" or "E" line waiting for the two lines of `times` that follow it. */
interface PendingAnswer {
  readonly kind: "S" | "E";
  readonly fields: readonly string[];
  readonly times: string[];
}

/**
 * The worker died (killed, or sh failed, or stopped by USR1), possibly while
 * running a job; status is 128 + the signal that killed it, else its exit
 * code. `unstarted` are the jobs queued behind it that never began.
 */
export type WorkerLost = (
  job: WorkerJob | undefined,
  status: number | null,
  unstarted: readonly WorkerJob[],
) => void;

export class ShellWorker {
  readonly process: ChildProcessWithoutNullStreams;
  /** Jobs sent and not yet ended, in order: the first runs, the rest wait in sh's input. */
  private readonly jobs: WorkerJob[] = [];
  private headStarted = false;
  private exited = false;
  private pending: PendingAnswer | undefined;

  constructor(
    runDir: string,
    place: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
    onLost: WorkerLost,
  ) {
    this.process = spawn("/bin/sh", ["-s", "sweepforge-worker", runDir], {
      stdio: ["pipe", "pipe", "pipe"],
      cwd: place.cwd,
      env: place.env,
      // Its own process group: trials share it, so TERM to the group ends a
      // trial's whole tree (the worker ignores TERM) without a setsid per trial.
      detached: true,
    });
    this.process.stdin.on("error", () => {
      /* reported through "exit" */
    });
    this.process.stderr.resume();
    this.process.stdin.write(
      `SWEEPFORGE_WRAPPER_LIBRARY=1; . ${shQuote(WRAPPER_PATH)}; sf_worker_init\n`,
    );

    // Answers are short ASCII lines; splitting them here costs less than readline.
    let partial = "";
    this.process.stdout.setEncoding("latin1");
    this.process.stdout.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) this.answer(line);
    });
    // "close", not "exit": every answer line has been read by then.
    this.process.on("close", (code, signal) => {
      this.exited = true;
      const lost = this.jobs.splice(0);
      const status = signal ? 128 + (constants.signals[signal] ?? 0) : code;
      // A clean exit before "S" is a stop between trials: the head never ran.
      // A killed worker may have forked its head before answering: lost.
      const neverRan = code === 0 && !this.headStarted;
      onLost(neverRan ? undefined : lost[0], status, neverRan ? lost : lost.slice(1));
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get idle(): boolean {
    return !this.exited && this.jobs.length === 0;
  }

  /** Jobs sent and not yet ended, the running one included. */
  get queued(): number {
    return this.jobs.length;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** Sends a job; sh starts it as soon as the jobs before it have ended. */
  run(job: WorkerJob): void {
    this.jobs.push(job);
    const words = [
      "sf_work",
      shQuote(job.trialDir),
      ...job.env.map(([name, value]) => shQuote(`${name}=${value}`)),
      "--",
      ...job.argv.map(shQuote),
    ];
    this.process.stdin.write(`${words.join(" ")}\n`);
  }

  /** Asks sh to stop its trial and exit without starting the queued ones. */
  stop(): void {
    if (this.exited || this.process.pid === undefined) return;
    try {
      process.kill(this.process.pid, "SIGUSR1");
    } catch {
      // Already gone: "close" reports it.
    }
  }

  /** Ends the worker after its current job (end of its command stream). */
  close(): void {
    this.process.stdin.end();
  }

  /** Collects an "S" or "E" line and the two `times` lines after it. */
  private answer(line: string): void {
    if (this.pending) {
      this.pending.times.push(line);
      if (this.pending.times.length === 2) this.deliver(this.pending);
      return;
    }
    if (line.startsWith("S ") || line.startsWith("E ")) {
      this.pending = {
        kind: line[0] as "S" | "E",
        fields: line.slice(2).split(" "),
        times: [],
      };
    }
  }

  private deliver(answer: PendingAnswer): void {
    this.pending = undefined;
    const job = this.jobs[0];
    if (!job) return;

    const at = new Date();
    const cpu = childCpuSeconds(answer.times.join("\n"));
    const value = Number.parseInt(answer.fields[0] ?? "", 10);
    if (answer.kind === "S") {
      this.headStarted = true;
      job.onStart({ pid: value, childCpuSeconds: cpu, at });
      return;
    }
    this.jobs.shift();
    this.headStarted = false;
    job.onEnd(value, {
      status: value,
      stopped: answer.fields[1] === "1",
      childCpuSeconds: cpu,
      at,
    });
  }
}
