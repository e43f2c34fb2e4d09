// Benchmark: plan a 10^6-trial grid (100 × 100 × 100, one step) and report
// wall time and peak RSS, beside Python's itertools.product building the
// same parameter dicts, measured in the same run. Each figure comes from a
// fresh child process so peak RSS belongs to that measurement alone.
//
//   npx tsx bench/plan-grid.ts
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";

const DEFINITION = `name: grid
seed: 1
params:
  a: { intRange: [1, 100] }
  b: { linspace: [0, 1, 100] }
  c: { values: [${Array.from({ length: 100 }, (_, i) => `v${i}`).join(", ")}] }
steps:
  simulate:
    run: [sim, --a, "{a}", --b, "{b}", --c, "{c}", --seed, "{seed}"]
    resources: { cpus: 2, memory: 2GiB, time: 10m }
`;

const PYTHON = `
import itertools, resource, time
started = time.perf_counter()
a = list(range(1, 101))
b = [i / 99 for i in range(100)]
c = [f"v{i}" for i in range(100)]
names = ("a", "b", "c")
trials = [dict(zip(names, combo)) for combo in itertools.product(a, b, c)]
assert len(trials) == 1_000_000
elapsed = time.perf_counter() - started
print(f"{elapsed} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
`;

type Mode = "compile" | "walk";

interface Measurement {
  readonly seconds: number;
  readonly peakMiB: number;
}

// In the child: compile (and optionally build every trial), print the figures.
async function child(mode: Mode): Promise<void> {
  const { loadDataDefinition } = await import("../src/definition/index.ts");
  const { compilePlan, summarizePlan } = await import("../src/plan/index.ts");
  const started = performance.now();

  const plan = compilePlan(loadDataDefinition(DEFINITION, { path: "grid.yaml", format: "yaml", hash: "0" }));
  const summary = summarizePlan(plan);
  if (summary.trials !== 1_000_000) throw new Error(`expected 10^6 trials, got ${summary.trials}`);

  if (mode === "walk") {
    let bytes = 0;
    for (const trial of plan.steps[0]!.trials) bytes += trial.id.length + trial.argv.length;
    if (bytes === 0) throw new Error("no trials walked");
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(`${seconds} ${process.resourceUsage().maxRSS}`);
}

function measure(command: string, args: readonly string[]): Measurement {
  const output = execFileSync(command, args, { encoding: "utf8" }).trim().split("\n").at(-1) ?? "";
  const [seconds, kib] = output.split(" ").map(Number);
  return { seconds: seconds as number, peakMiB: (kib as number) / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function repeat(runs: number, take: () => Measurement): Measurement {
  const results = Array.from({ length: runs }, take);
  return {
    seconds: median(results.map((r) => r.seconds)),
    peakMiB: Math.max(...results.map((r) => r.peakMiB)),
  };
}

function parent(): void {
  const self = fileURLToPath(import.meta.url);
  const node = (mode: Mode) => measure(process.execPath, ["--import", "tsx", self, "--child", mode]);
  const runs = 3;

  const compile = repeat(runs, () => node("compile"));
  const walk = repeat(runs, () => node("walk"));
  const python = repeat(runs, () => measure("python3", ["-c", PYTHON]));

  const row = (label: string, m: Measurement) =>
    `| ${label} | ${m.seconds.toFixed(3)} s | ${m.peakMiB.toFixed(0)} MiB | ${(m.seconds / python.seconds).toFixed(2)} × |`;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`);
  console.log(`median of ${runs} runs, each in a fresh process; peak RSS is the largest seen`);
  console.log("| what | time | peak RSS | time vs Python |");
  console.log("| --- | --- | --- | --- |");
  console.log(row("sweepforge: load + compile + summary (what `plan` does)", compile));
  console.log(row("sweepforge: + build all 10^6 trials (id, seed, argv, resources)", walk));
  console.log(row("Python itertools.product → 10^6 dicts (reference)", python));
}

const modeIndex = process.argv.indexOf("--child");
if (modeIndex >= 0) await child(process.argv[modeIndex + 1] as Mode);
else parent();
