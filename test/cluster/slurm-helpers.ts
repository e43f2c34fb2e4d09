// Shared pieces of the SLURM integration suites: finding the test cluster,
// running the CLI in-process, waiting for jobs, reading records.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.ts";
import { TrialRecord } from "../../src/record/trial-record.ts";
import { readJobsFile } from "../../src/cluster/jobs-file.ts";

const DEFAULT_CONF = "/tmp/sweepforge-slurm/slurm.conf";

/** SLURM_CONF of a reachable cluster, or why there is none. */
export function findCluster(): { conf?: string; missing?: string } {
  if (spawnSync("sbatch", ["--version"]).status !== 0) return { missing: "sbatch (slurm-client)" };
  const conf = process.env.SLURM_CONF ?? (existsSync(DEFAULT_CONF) ? DEFAULT_CONF : undefined);
  if (!conf) return { missing: "a running cluster (bash .ci/slurm-start.sh)" };

  const probe = spawnSync("sinfo", ["-h", "-o", "%t"], { env: { ...process.env, SLURM_CONF: conf } });
  if (probe.status !== 0) return { missing: `a reachable slurmctld for ${conf}` };
  return { conf };
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => { out += chunk; });
  stderr.on("data", (chunk) => { err += chunk; });
  const code = await main(argv, { stdout, stderr, interactive: false, cwd, env });
  return { code, stdout: out, stderr: err };
}

export function tempRunDir(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `sf-slurm-${name}-`)), "run");
}

/** Polls squeue until no job of the run is pending or running. */
export async function waitForRun(runDir: string, env: NodeJS.ProcessEnv, timeoutMs = 120_000) {
  const ids = (await readJobsFile(runDir)).submissions.flatMap((s) => s.jobs.map((j) => j.id));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const queue = execFileSync("squeue", ["-h", "-t", "PD,R,CG,CF", "-j", ids.join(","), "-o", "%i"],
      { env, encoding: "utf8" });
    if (queue.trim() === "") return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`jobs ${ids.join(",")} still active after ${timeoutMs} ms`);
}

/** Waits until `predicate` holds, polling every half second. */
export async function until(predicate: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export function records(runDir: string): TrialRecord[] {
  const trials = join(runDir, "trials");
  if (!existsSync(trials)) return [];
  return readdirSync(trials)
    .filter((id) => existsSync(join(trials, id, "record.json")))
    .map((id) => TrialRecord.parse(JSON.parse(readFileSync(join(trials, id, "record.json"), "utf8"))));
}

export function recordOf(runDir: string, step: string, x: number): TrialRecord | undefined {
  return records(runDir).find((r) => r.step === step && r.params.x === x);
}
