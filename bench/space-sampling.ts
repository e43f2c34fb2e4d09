// Benchmark: sample 10,000 trials by Sobol and by Latin hypercube from a
// 10^15-point space (15 dimensions of 10 values), target < 0.2 s each.
// Reference, measured in the same run: scipy.stats.qmc (Sobol, LatinHypercube)
// drawing the same design and building the same parameter dicts; without
// scipy, Python's `random` module drawing the same count.
//
//   npx tsx bench/space-sampling.ts
import { execFileSync } from "node:child_process";
import os from "node:os";
import { createSpace, type SampleMethod } from "../src/space/index.ts";

const COUNT = 10_000;
const DIMENSIONS = 15;
const REPEATS = 5;

// Times one full selection: the design, mapping to values, seeds and keys.
function sweepforgeSeconds(method: SampleMethod, seed: number): number {
  const started = performance.now();
  const space = createSpace({
    seed,
    dimensions: Array.from({ length: DIMENSIONS }, (_, d) => ({
      kind: "intRange" as const,
      name: `x${d}`,
      start: 0,
      stop: 9,
    })),
    sample: { method, count: COUNT },
  });
  if (space.size !== 10n ** 15n) throw new Error(`space has ${space.size} points`);

  let checksum = 0;
  for (const point of space.select()) checksum += point.seed % 2;
  if (checksum < 0) throw new Error("unreachable");
  return (performance.now() - started) / 1000;
}

const PYTHON = String.raw`
import json, sys, time
method, count, dims, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
names = [f"x{d}" for d in range(dims)]
try:
    from scipy.stats import qmc
    import scipy
    tool = f"scipy {scipy.__version__} qmc.{'Sobol' if method == 'sobol' else 'LatinHypercube'}"
    def design(seed):
        engine = (qmc.Sobol(d=dims, scramble=True, seed=seed) if method == "sobol"
                  else qmc.LatinHypercube(d=dims, seed=seed))
        return engine.random(count)
    def trials(seed):
        return [dict(zip(names, (int(u * 10) for u in row))) for row in design(seed)]
except ImportError:
    import random
    tool = "python random (scipy not installed)"
    def trials(seed):
        rng = random.Random(seed)
        return [{n: rng.randrange(10) for n in names} for _ in range(count)]
times = []
for r in range(repeats + 1):
    started = time.perf_counter()
    rows = trials(r)
    times.append(time.perf_counter() - started)
    assert len(rows) == count
print(json.dumps({"tool": tool, "times": times[1:]}))
`;

function referenceSeconds(method: SampleMethod): { tool: string; seconds: number } {
  const output = execFileSync(
    "python3",
    ["-c", PYTHON, method, String(COUNT), String(DIMENSIONS), String(REPEATS)],
    { encoding: "utf8", env: { ...process.env, PYTHONWARNINGS: "ignore" } },
  );
  const { tool, times } = JSON.parse(output) as { tool: string; times: number[] };
  return { tool, seconds: median(times) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function main(): void {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `sampling ${COUNT} trials from a 10^15-point space (${DIMENSIONS} dims × 10 values)`,
  );
  console.log(`median of ${REPEATS} runs after one warm-up\n`);

  for (const method of ["sobol", "lhs"] as const) {
    const cold = sweepforgeSeconds(method, 0);
    const ours = median(
      Array.from({ length: REPEATS }, (_, r) => sweepforgeSeconds(method, r + 1)),
    );
    const reference = referenceSeconds(method);
    const verdict = ours < 0.2 ? "under" : "OVER";

    console.log(
      `${method.padEnd(6)} sweepforge ${ours.toFixed(3)} s (cold ${cold.toFixed(3)} s, ` +
        `${verdict} the 0.2 s target)`,
    );
    console.log(
      `${"".padEnd(6)} reference  ${reference.seconds.toFixed(3)} s  ${reference.tool}`,
    );
    console.log(
      `${"".padEnd(6)} ratio      ${(ours / reference.seconds).toFixed(2)} × the reference\n`,
    );
  }
}

main();
