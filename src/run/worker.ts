// A long-lived POSIX sh process that runs one trial at a time through the
// shared wrapper. One per slot: the runner never pays a Node spawn per trial,
// only the worker's fork and exec of the trial itself.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { constants } from "node:os";
import { createInterface } from "node:readline";
import { shQuote } from "./shell-quote.ts";
import { WRAPPER_PATH } from "./wrapper-path.ts";

export interface WorkerJob {
  readonly trialDir: string;
  /** NAME=VALUE assignments exported for the trial only. */
  readonly env: readonly (readonly [string, string])[];
  readonly argv: readonly string[];
  /** The trial's process id, as soon as it is known. */
  readonly onStart: (pid: number) => void;
  /** The wait status as sh reports it: the exit code, or 128 + signal number. */
  readonly onEnd: (status: number) => void;
}

/**
 * The worker died (killed, or sh failed), possibly while running a job;
 * status is 128 + the signal that killed it, else its exit code.
 */
export type WorkerLost = (job: WorkerJob | undefined, status: number | null) => void;

export class ShellWorker {
  readonly process: ChildProcessWithoutNullStreams;
  private job: WorkerJob | undefined;
  private exited = false;

  constructor(
    runDir: string, place: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
    onLost: WorkerLost,
  ) {
    this.process = spawn("/bin/sh", ["-s", "sweepforge-worker", runDir], {
      stdio: ["pipe", "pipe", "pipe"], cwd: place.cwd, env: place.env,
      // Its own process group: trials share it, so TERM to the group ends a
      // trial's whole tree (the worker ignores TERM) without a setsid per trial.
      detached: true,
    });
    this.process.stdin.on("error", () => { /* reported through "exit" */ });
    this.process.stderr.resume();
    this.process.stdin.write(
      `SWEEPFORGE_WRAPPER_LIBRARY=1; . ${shQuote(WRAPPER_PATH)}; sf_worker_init\n`);

    createInterface({ input: this.process.stdout }).on("line", (line) => this.answer(line));
    this.process.on("exit", (code, signal) => {
      this.exited = true;
      const lost = this.job;
      this.job = undefined;
      onLost(lost, signal ? 128 + (constants.signals[signal] ?? 0) : code);
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get idle(): boolean {
    return !this.exited && this.job === undefined;
  }

  get alive(): boolean {
    return !this.exited;
  }

  run(job: WorkerJob): void {
    this.job = job;
    const words = [
      "sf_work",
      shQuote(job.trialDir),
      ...job.env.map(([name, value]) => shQuote(`${name}=${value}`)),
      "--",
      ...job.argv.map(shQuote),
    ];
    this.process.stdin.write(`${words.join(" ")}\n`);
  }

  /** Ends the worker after its current job (end of its command stream). */
  close(): void {
    this.process.stdin.end();
  }

  private answer(line: string): void {
    const job = this.job;
    if (!job) return;
    const value = Number.parseInt(line.slice(2), 10);
    if (line.startsWith("S ")) {
      job.onStart(value);
    } else if (line.startsWith("E ")) {
      this.job = undefined;
      job.onEnd(value);
    }
  }
}
