// A runner in its own process, for tests that SIGKILL it: runs the
// 200-trial plan described by argv with the real runPlan.
//   node --import tsx child-runner.ts <run-dir> <log> <count> <resume 0|1>
import { existsSync } from "node:fs";
import { join } from "node:path";
import { runPlan } from "../../../src/run/runner.ts";
import { handPlan } from "./plan.ts";

const [runDir = "", log = "", count = "200"] = process.argv.slice(2);
const plan = handPlan("killed", [
  {
    name: "work",
    count: Number(count),
    argv: (p) => [
      "/bin/sh",
      "-c",
      `sleep 0.03; echo "$1" >> '${log}'`,
      "sh",
      String(p.i),
    ],
  },
]);

const summary = await runPlan(plan, {
  runDir,
  jobs: 2,
  resume: existsSync(join(runDir, "plan.json")),
  skipEnvironment: true,
});
process.exitCode = summary.failed.length > 0 ? 1 : 0;
