// The plan behind the golden files: a per-trial chain and an aggregate, with
// values that need quoting, bundled two per task and split over arrays of 3.
import type { CompileOptions } from "../../compilers/shared/options.ts";
import { FIXED_PROVENANCE, optionsFor, planOf, stepOf } from "./plan-fixtures.ts";

const LABELS = ["plain", "two words", "it's", "$HOME", "a\nb", "back\\slash", "`id`"];

export function goldenPlan() {
  return planOf("golden", [
    stepOf({
      name: "sim",
      count: 7,
      params: (i) => ({ label: LABELS[i] as string, rate: i / 10, fast: i % 2 === 0 }),
      argv: (i) => ["python3", "sim.py", "--label", LABELS[i] as string],
      resources: { cpus: 2, memoryMiB: 1536, gpus: 1, walltimeSeconds: 5400 },
      heavy: true,
    }),
    stepOf({
      name: "post",
      count: 7,
      dependsOn: [{ step: "sim", mode: "each" }],
      argv: () => ["sh", "-c", 'cat "$SWEEPFORGE_OUTPUT_DIR/../../x" | wc -l'],
      requeue: false,
    }),
    stepOf({
      name: "total",
      count: 1,
      dependsOn: [{ step: "post", mode: "all" }],
      argv: () => ["python3", "total.py"],
    }),
  ]);
}

export function goldenOptions(backend: CompileOptions["backend"]): CompileOptions {
  return optionsFor(backend, "/scratch/sweeps/golden", {
    bundle: 2,
    arrayCap: 3,
    maxParallel: 4,
    partition: "gpu",
    account: "proj-42",
    extraDirectives: backend === "pbs" ? ["-m n"] : ["--exclusive"],
    ...(backend === "slurm" ? { qos: "normal", constraint: "v100" } : {}),
    kubernetes: { image: "python:3.11-slim", namespace: "sweeps", volumeClaim: "runs" },
    provenance: {
      ...FIXED_PROVENANCE,
      command: `sweepforge compile experiments/demo.ts --backend ${backend}`,
    },
  });
}
