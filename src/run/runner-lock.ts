// runner.json: which process runs this directory and which sh workers it
// started. A second runner refuses to start while the first lives; a resumed
// run first stops the workers a killed runner left behind, so that no trial
// of the old run can finish after the new one has started it again.
import { readdir, readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { UserError } from "../errors.ts";
import { writeJsonAtomic } from "../record/atomic.ts";

export const RUNNER_FILE = "runner.json";

const RunnerInfo = z.object({
  pid: z.number().int(),
  host: z.string(),
  startedAt: z.string(),
  workers: z.array(z.number().int()),
});
type RunnerInfo = z.infer<typeof RunnerInfo>;

export async function readRunnerInfo(runDir: string): Promise<RunnerInfo | undefined> {
  try {
    const parsed = RunnerInfo.safeParse(
      JSON.parse(await readFile(join(runDir, RUNNER_FILE), "utf8")),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Whether a pid is still one of this run's workers (guards against pid reuse). */
async function isOurWorker(pid: number, runDir: string): Promise<boolean> {
  try {
    const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    return argv[1] === "-s" && argv[2] === "sweepforge-worker" && argv[3] === runDir;
  } catch {
    return false;
  }
}

/**
 * This run's live workers, found in /proc rather than taken from runner.json,
 * which cannot yet list a replacement started just before the runner was killed.
 */
async function leftoverWorkers(runDir: string): Promise<number[]> {
  const entries = await readdir("/proc").catch(() => [] as string[]);
  const found: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    if (await isOurWorker(pid, runDir)) found.push(pid);
  }
  return found;
}

/** Refuses a live runner; stops a dead runner's workers and waits for them to record. */
export async function takeOverRun(runDir: string, waitMs = 15_000): Promise<void> {
  const previous = await readRunnerInfo(runDir);
  if (
    previous?.host === hostname() &&
    previous.pid !== process.pid &&
    isAlive(previous.pid)
  ) {
    throw new UserError({
      code: "run/already-running",
      message: `${runDir} is being run by process ${previous.pid}`,
      fix: "wait for it to finish, or stop it (Ctrl-C / kill) and then --resume",
    });
  }

  const leftovers = await leftoverWorkers(runDir);
  // USR1 asks a worker to stop its trial, record it interrupted and exit.
  for (const pid of leftovers) process.kill(pid, "SIGUSR1");

  const deadline = Date.now() + waitMs;
  while (leftovers.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const pid of leftovers.filter(isAlive)) killGroup(pid);

  // Claimed at once, not when workers start: a second --resume now refuses.
  await writeRunnerInfo(runDir, []);
}

export async function writeRunnerInfo(
  runDir: string,
  workers: readonly number[],
): Promise<void> {
  const info: RunnerInfo = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    workers: [...workers],
  };
  await writeJsonAtomic(join(runDir, RUNNER_FILE), info);
}

export async function removeRunnerInfo(runDir: string): Promise<void> {
  await rm(join(runDir, RUNNER_FILE), { force: true });
}

/** The worker and the trial in its process group, or the worker alone. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    process.kill(pid, "SIGKILL");
  }
}
