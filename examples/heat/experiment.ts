// The heat study with the typed builder (experiment.yaml is the same study
// in YAML). A small implicit finite-difference solver swept over diffusivity,
// grid size and linear solver; Jacobi is dropped on the finest grids, where
// it needs too many iterations. A final step gathers every result.
//
//   npx sweepforge plan examples/heat/experiment.ts
import { experiment, logspace, values } from "../../dsl/index.ts";

export default experiment("heat")
  .describe("Implicit 1-D heat equation, Jacobi vs conjugate gradients")
  .seed(42)
  .param("alpha", logspace(0.001, 0.1, 5), { unit: "m^2/s" })
  .param("n", values([32, 64, 128, 256] as const))
  .param("solver", values(["jacobi", "cg"] as const))
  .where((p) => !(p.solver === "jacobi" && p.n > 128), "!(solver == 'jacobi' && n > 128)")
  .metrics({
    l2_error: { goal: "min", tolerance: { relative: 1e-9 } },
    iterations: { goal: "min" },
    solve_seconds: { unit: "s", goal: "min", tolerance: { relative: 10 } },
  })
  .step("simulate", (s) => s
    .run((p) => ["python3", "examples/heat/heat.py", "--alpha", p.alpha, "--n", p.n,
      "--solver", p.solver, "--seed", p.seed])
    .resources({ cpus: 1, memory: (p) => (p.n > 128 ? "512MiB" : "256MiB"), time: "5m" })
    .outputs(["field.csv", "metrics.json", "progress.jsonl"]))
  .step("report", (s) => s
    .run(["python3", "examples/heat/report.py"])
    .afterAll("simulate")
    .resources({ cpus: 1, memory: "256MiB", time: "1m" })
    .outputs(["summary.csv"]));
