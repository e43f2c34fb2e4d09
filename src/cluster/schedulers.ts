// What differs between SLURM and PBS at submit, cancel and query time. The
// table is exhaustive over the batch backends.
import type { DependencyKind } from "../../compilers/shared/artifacts.ts";

export type BatchBackend = "slurm" | "pbs";

export interface SubmitRequest {
  readonly script: string;
  /** Where the scheduler's own output of the job goes (PBS writes it to cwd otherwise). */
  readonly logPrefix: string;
  readonly dependencies: readonly { readonly id: string; readonly kind: DependencyKind }[];
  readonly begin?: Date;
  readonly now: Date;
}

export interface SchedulerClient {
  readonly submitCommand: string;
  readonly cancelCommand: string;
  submitArgs(request: SubmitRequest): readonly string[];
  /** The job id in the submit command's stdout. */
  parseJobId(stdout: string): string | undefined;
}

/** "2026-12-03T20:00" as the login node's local time, for PBS -a. */
function pbsBeginTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`
    + `${pad(date.getHours())}${pad(date.getMinutes())}.${pad(date.getSeconds())}`;
}

// SLURM: aftercorr keeps task i behind parent task i; several conditions are
// joined with "," (all must hold). --begin is relative, so no time zone.
const slurm: SchedulerClient = {
  submitCommand: "sbatch",
  cancelCommand: "scancel",
  submitArgs({ script, dependencies, begin, now }) {
    const args = ["--parsable"];
    if (dependencies.length > 0) {
      args.push(`--dependency=${dependencies.map((d) => `${d.kind}:${d.id}`).join(",")}`);
    }
    if (begin) {
      const seconds = Math.max(0, Math.ceil((begin.getTime() - now.getTime()) / 1000));
      args.push(`--begin=now+${seconds}`);
    }
    return [...args, script];
  },
  parseJobId: (stdout) => /^(\d+)/.exec(stdout.trim())?.[1],
};

// PBS has no per-task array dependency: aftercorr degrades to afterok on the
// corresponding parent part (see the PBS compiler's notes).
const pbs: SchedulerClient = {
  submitCommand: "qsub",
  cancelCommand: "qdel",
  submitArgs({ script, dependencies, begin, logPrefix }) {
    const args = ["-o", `${logPrefix}.scheduler.out`, "-e", `${logPrefix}.scheduler.err`];
    if (dependencies.length > 0) {
      args.push("-W", `depend=afterok:${dependencies.map((d) => d.id).join(":")}`);
    }
    if (begin) args.push("-a", pbsBeginTime(begin));
    return [...args, script];
  },
  parseJobId: (stdout) => /^(\S+)/.exec(stdout.trim())?.[1],
};

export const SCHEDULERS: Readonly<Record<BatchBackend, SchedulerClient>> = { slurm, pbs };
