// Compiling a 100,000-trial sweep to SLURM scripts (target < 2 s), beside a
// reference that writes the same number of table lines with Python, in the
// same run. Run: npx tsx bench/compile-slurm.ts
import { execFileSync } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { compilePlanFor, writeArtifacts } from "../compilers/index.ts";
import { COMPILE_DEFAULTS } from "../compilers/shared/options.ts";
import { prepareCompile } from "../src/cluster/prepare.ts";

const TRIALS = 100_000;
const dir = mkdtempSync(join(tmpdir(), "sf-bench-compile-"));
const definition = join(dir, "sweep.yaml");
writeFileSync(definition, [
  "name: bench",
  "params:",
  "  a: { intRange: [0, 999] }",
  "  b: { linspace: [0, 1, 100] }",
  "steps:",
  "  sim:",
  "    run: [python3, sim.py, --a, '{a}', --b, '{b}']",
  "    resources: { cpus: 1, memory: 1G, time: 10m }",
  "",
].join("\n"));

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// What `sweepforge compile sweep.yaml --backend slurm --bundle 1 --array-cap 1001`
// does: load, plan, hash, lay out, render and write (no history, so no estimates).
async function ours(): Promise<number> {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const runDir = join(dir, `run-${Math.random().toString(36).slice(2)}`);
  const { plan, options } = await prepareCompile(definition, {
    backend: "slurm", runDir, bundle: 1, arrayCap: COMPILE_DEFAULTS.arrayCap,
  }, { cwd: dir, env: process.env });
  const result = compilePlanFor(plan, options);
  await writeArtifacts(result, options.outDir);
  const elapsed = seconds(start);
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const table = statSync(`${runDir}/scripts/sim.trials`).size;
  if (result.jobs.length !== Math.ceil(TRIALS / COMPILE_DEFAULTS.arrayCap)) throw new Error("arrays?");
  console.log(`  sweepforge: ${elapsed.toFixed(3)} s wall, ${cpuSeconds.toFixed(3)} s cpu, `
    + `${result.jobs.length} sbatch scripts, `
    + `table ${(table / 1e6).toFixed(1)} MB`);
  return elapsed;
}

// The same line count and similar line content, with no planning at all.
function python(): number {
  const start = process.hrtime.bigint();
  execFileSync("python3", ["-c", `
import json, sys
with open(sys.argv[1], "w") as out:
    for i in range(${TRIALS}):
        a, b = i // 100, (i % 100) / 99
        params = json.dumps({"a": a, "b": b})
        out.write(f"{i}\\t{i:016x} {i} 0 {i} 600 '{params}' -- python3 sim.py --a {a} --b {b}\\n")
`, join(dir, "reference.trials")]);
  return seconds(start);
}

console.log(`compile ${TRIALS} trials to SLURM (best of 3), load average `
  + loadavg().map((load) => load.toFixed(2)).join(" "));
const oursBest = Math.min(await ours(), await ours(), await ours());
const pythonBest = Math.min(python(), python(), python());
console.log(`  python3 table writer (reference): ${pythonBest.toFixed(3)} s`);
console.log(`result: sweepforge ${oursBest.toFixed(3)} s, python ${pythonBest.toFixed(3)} s, `
  + `ratio ${(oursBest / pythonBest).toFixed(2)}x; target < 2 s: ${oursBest < 2 ? "met" : "missed"}`);
