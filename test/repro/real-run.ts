// Makes a real run: a YAML experiment compiled by src/plan and executed by
// src/run's local runner, with POSIX sh trials that re-execute anywhere.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { planFromFile } from "../../src/plan/index.ts";
import { runPlan } from "../../src/run/index.ts";

/** Deterministic trials: y = 2x, a result file, one progress line; `noise` adds jitter. */
export const TINY_EXPERIMENT = `name: tiny
seed: 7
params:
  x: [1, 2, 3]
steps:
  sim:
    shell: >-
      echo "x={x} seed=$SWEEPFORGE_SEED" > "$SWEEPFORGE_OUTPUT_DIR/result.txt";
      echo '{{"step": 1}}' > "$SWEEPFORGE_OUTPUT_DIR/progress.jsonl";
      echo "{{\\"y\\": $(( {x} * 2 )), \\"label\\": \\"x{x}\\"}}" > "$SWEEPFORGE_OUTPUT_DIR/metrics.json"
    outputs: [result.txt]
metrics:
  y: {}
`;

export async function makeRealRun(
  root: string,
  definition = TINY_EXPERIMENT,
): Promise<string> {
  const file = join(root, "experiment.yaml");
  await writeFile(file, definition);
  const plan = await planFromFile(file);
  const runDir = join(root, "runs", "r1");
  const summary = await runPlan(plan, {
    runDir,
    cwd: root,
    jobs: 2,
    retries: 0,
    skipEnvironment: true,
  });
  if (summary.failed.length)
    throw new Error(`fixture run failed: ${JSON.stringify(summary.failed)}`);
  return runDir;
}
