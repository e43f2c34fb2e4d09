// Submitting and completing a 1,000-trial sweep of trivial trials on the
// local test SLURM (.ci/slurm-start.sh), with and without bundling, beside
// plain `sbatch --array` jobs running `true` for the same 1,000 tasks.
// Run: SLURM_CONF=/tmp/sweepforge-slurm/slurm.conf npx tsx bench/slurm-submit.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commandRunner, prepareCompile, submitPlan } from "../src/cluster/index.ts";

const TRIALS = 1000;
const env = { ...process.env, SLURM_CONF: process.env.SLURM_CONF ?? "/tmp/sweepforge-slurm/slurm.conf" };
const dir = mkdtempSync(join(tmpdir(), "sf-bench-submit-"));
const definition = join(dir, "trivial.yaml");
writeFileSync(definition, `name: trivial\nparams:\n  i: { intRange: [0, ${TRIALS - 1}] }\n`
  + "steps:\n  noop:\n    run: [\"true\"]\n    resources: { cpus: 1, memory: 20M, time: 1m }\n");

function active(ids: readonly string[]): boolean {
  const out = execFileSync("squeue", ["-h", "-t", "PD,R,CG,CF", "-j", ids.join(","), "-o", "%i"],
    { env, encoding: "utf8" });
  return out.trim() !== "";
}

async function waitFor(ids: readonly string[]): Promise<void> {
  while (active(ids)) await new Promise((resolve) => setTimeout(resolve, 500));
}

async function sweepforge(bundle: number): Promise<{ seconds: number; calls: number }> {
  const start = performance.now();
  const runDir = join(dir, `run-bundle-${bundle}`);
  const prepared = await prepareCompile(definition, { backend: "slurm", runDir, bundle }, { cwd: dir, env });
  const report = await submitPlan(prepared.plan, {
    compile: { ...prepared.options, backend: "slurm" }, resume: false, dryRun: false,
    now: new Date(), run: commandRunner(env), env,
  });
  await waitFor(report.jobs.map((job) => job.id));
  const seconds = (performance.now() - start) / 1000;
  const records = readdirSync(join(runDir, "trials")).length;
  if (records !== TRIALS) throw new Error(`only ${records} trials recorded`);
  return { seconds, calls: report.jobs.length };
}

// Reference: the same 1,000 tasks as bare `true` array jobs, 50 per array.
async function plainSbatch(): Promise<{ seconds: number; calls: number }> {
  const start = performance.now();
  const ids: string[] = [];
  for (let offset = 0; offset < TRIALS; offset += 50) {
    ids.push(execFileSync("sbatch", ["--parsable", "--array=0-49", "-c", "1", "--mem=20M",
      "-t", "1", "-o", "/dev/null", "--wrap", "true"], { env, encoding: "utf8" }).trim());
  }
  await waitFor(ids);
  return { seconds: (performance.now() - start) / 1000, calls: ids.length };
}

const cap = /MaxArraySize\s*=\s*(\d+)/.exec(execFileSync("scontrol", ["show", "config"],
  { env, encoding: "utf8" }))?.[1];
console.log(`${TRIALS} trivial trials on the local SLURM (MaxArraySize ${cap}, 8 CPUs)`);
const reference = await plainSbatch();
console.log(`  plain sbatch --array (reference): ${reference.seconds.toFixed(1)} s, ${reference.calls} sbatch calls`);
const unbundled = await sweepforge(1);
console.log(`  sweepforge, 1 trial per task:    ${unbundled.seconds.toFixed(1)} s, ${unbundled.calls} sbatch calls`);
const bundled = await sweepforge(25);
console.log(`  sweepforge, 25 trials per task:  ${bundled.seconds.toFixed(1)} s, ${bundled.calls} sbatch calls`);
console.log(`result: unbundled/reference ${(unbundled.seconds / reference.seconds).toFixed(2)}x, `
  + `bundled/reference ${(bundled.seconds / reference.seconds).toFixed(2)}x`);
