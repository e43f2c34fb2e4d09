// Quick start: estimate pi by Monte Carlo for three sample sizes, three
// seeds each. Nine trials, each a few milliseconds of plain Node.
//
//   npx sweepforge plan examples/quickstart/experiment.ts
//   npx sweepforge run examples/quickstart/experiment.ts
//
// Commands run from the directory sweepforge is started in (the repository
// root in these examples).
import { experiment, values } from "../../dsl/index.ts";

export default experiment("quickstart")
  .describe("Monte Carlo estimate of pi over sample sizes and seeds")
  .seed(2024)
  .replicates(3)
  .param("samples", values([1_000, 10_000, 100_000] as const), { scale: "log" })
  .metrics({
    pi: { unit: "1" },
    abs_error: { unit: "1", goal: "min", tolerance: { absolute: 0 } },
  })
  .step("estimate", (s) => s
    .run((p) => ["node", "examples/quickstart/estimate-pi.mjs",
      "--samples", p.samples, "--seed", p.seed])
    .resources({ cpus: 1, memory: "256MiB", time: "1m" })
    .outputs(["metrics.json", "progress.jsonl"]));
