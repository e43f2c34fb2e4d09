// Benchmark: the reproducibility workflow on examples/heat. Runs the heat
// study, packs it, and verifies a sample of 20 trials by re-execution. The
// reference is the bare cost of re-running the same 20 trial commands with
// GNU parallel (no packaging, no isolation, no comparison), in the same
// process on the same machine.
//
//   npx tsx bench/repro-heat.ts
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { planFromFile } from "../src/plan/index.ts";
import { packRun } from "../src/repro/pack.ts";
import { verifyPackage } from "../src/repro/verify.ts";
import { runPlan } from "../src/run/index.ts";

const SAMPLE = 20;
const repo = new URL("..", import.meta.url).pathname;
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - start) / 1e9];
};

const scratch = await mkdtemp(join(tmpdir(), "sweepforge-bench-heat-"));
const plan = await planFromFile("examples/heat/experiment.yaml", { cwd: repo });
const runDir = join(scratch, "run");
const [, runSeconds] = await timed(() => runPlan(plan, { runDir, cwd: repo, jobs: 2, retries: 0 }));

const archive = join(scratch, "heat.sweepforge.tar.gz");
const [packed, packSeconds] = await timed(() => packRun(runDir, { cwd: repo, output: archive }));
const [report, verifySeconds] = await timed(() =>
  verifyPackage(archive, { trials: SAMPLE, jobs: 2, projectDir: repo }));

// The same trials, re-run bare: one argv per line for GNU parallel, quoted by it.
const chosen = new Set(report.trials.map((t) => t.trialId));
const lines = plan.steps.flatMap((step) => [...step.trials])
  .filter((trial) => chosen.has(trial.id))
  .map((trial) => {
    const out = join(scratch, "bare", "trials", trial.id, "output");
    return [`mkdir -p ${out} && SWEEPFORGE_OUTPUT_DIR=${out} SWEEPFORGE_SEED=${trial.seed}`,
      ...trial.argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`)].join(" ");
  });
await writeFile(join(scratch, "bare.txt"), `${lines.join("\n")}\n`);
const [, bareSeconds] = await timed(async () =>
  execFileSync("parallel", ["-j", "2", "--will-cite", "-a", join(scratch, "bare.txt")],
    { cwd: repo, stdio: "ignore" }));

const counts = report.trials.reduce<Record<string, number>>((acc, t) =>
  ({ ...acc, [t.status]: (acc[t.status] ?? 0) + 1 }), {});
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model.trim()}, Node ${process.version}`);
console.log(`heat run: ${report.trialCount} trials in ${runSeconds.toFixed(2)} s (jobs 2)`);
console.log(`pack: ${packSeconds.toFixed(2)} s, ${packed.manifest.files.length} files, ${packed.bytes} bytes`);
console.log(`verify --trials ${SAMPLE}: ${verifySeconds.toFixed(2)} s, verdicts ${JSON.stringify(counts)}`);
for (const t of report.trials.filter((v) => v.status !== "reproduced").slice(0, 3)) {
  console.log(`  ${t.trialId} ${t.status}: ${t.reason}`);
}
console.log(`pack + verify: ${(packSeconds + verifySeconds).toFixed(2)} s (target: under 120 s)`);
console.log(`reference: the same ${lines.length} commands with GNU parallel -j 2: ${bareSeconds.toFixed(2)} s`);
console.log(`ratio (verify / bare re-execution): ${(verifySeconds / bareSeconds).toFixed(2)}`);
await rm(scratch, { recursive: true, force: true });
