import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrialRecord } from "../../src/record/read.ts";
import { runPlan } from "../../src/run/runner.ts";
import { handPlan } from "./support/plan.ts";
import { tempDir } from "./support/temp.ts";

const PYTHON_HELPERS = fileURLToPath(new URL("../../helpers/python", import.meta.url));
const NODE_HELPER = fileURLToPath(
  new URL("../../helpers/node/trial.mjs", import.meta.url),
);

const PYTHON_TRIAL = `
from sweepforge_trial import params, seed, trial_id, log_progress, write_metrics
p = params()
for epoch in range(2):
    log_progress({"epoch": epoch, "lr": p["lr"]})
write_metrics({"loss": 0.25, "name": p["name"], "seed": seed(), "id": trial_id()})
`;

const NODE_TRIAL = `
import { params, seed, trialId, logProgress, writeMetrics } from ${JSON.stringify(NODE_HELPER)};
const p = params();
logProgress({ epoch: 0, lr: p.lr });
logProgress({ epoch: 1, lr: p.lr });
writeMetrics({ loss: 0.25, name: p.name, seed: seed(), id: trialId() });
`;

const python = spawnSync("python3", ["-c", "pass"]).status === 0;

describe("the trial helpers", () => {
  it.runIf(python)(
    "let a Python trial read its parameters and report metrics and progress",
    async () => {
      const dir = tempDir();
      const plan = handPlan("py", [
        {
          name: "t",
          params: [{ lr: 0.5, name: "it's" }],
          env: { PYTHONPATH: PYTHON_HELPERS },
          argv: () => ["python3", "-c", PYTHON_TRIAL],
        },
      ]);

      await runPlan(plan, { runDir: join(dir, "run"), skipEnvironment: true });

      expect(await readTrialRecord(join(dir, "run"), "t-00000")).toMatchObject({
        status: "succeeded",
        metrics: { loss: 0.25, name: "it's", seed: 1000, id: "t-00000" },
        progress: [
          { epoch: 0, lr: 0.5 },
          { epoch: 1, lr: 0.5 },
        ],
      });
    },
  );

  it("let a Node trial read its parameters and report metrics and progress", async () => {
    const dir = tempDir();
    const plan = handPlan("node", [
      {
        name: "t",
        params: [{ lr: 0.5, name: "it's" }],
        argv: () => [process.execPath, "--input-type=module", "-e", NODE_TRIAL],
      },
    ]);

    await runPlan(plan, { runDir: join(dir, "run"), skipEnvironment: true });

    expect(await readTrialRecord(join(dir, "run"), "t-00000")).toMatchObject({
      status: "succeeded",
      metrics: { loss: 0.25, name: "it's", seed: 1000, id: "t-00000" },
      progress: [
        { epoch: 0, lr: 0.5 },
        { epoch: 1, lr: 0.5 },
      ],
    });
  });
});

if (!python) console.warn("python3 is not on PATH: the Python helper test did not run");
