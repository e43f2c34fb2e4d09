import { describe, expect, it } from "vitest";
import { checkedDefinition } from "../../src/definition/index.ts";
import { compilePlan } from "../../src/plan/index.ts";
import { experiment, values } from "../../dsl/index.ts";
import { planOf, problemsOfPlan, SOURCE } from "./helpers.ts";

// Plots draw a parameter on a log axis when its ParamInfo says "log"; a list of
// decades is only known to be log-spaced when the definition says so.
describe("declaring a parameter's axis scale", () => {
  it("marks a listed parameter as log-scaled from YAML, keeping others linear", () => {
    const plan = planOf(`
name: scaled
seed: 1
params:
  samples: { values: [1000, 10000, 100000], scale: log, unit: darts }
  k: [1, 2]
steps:
  s: { run: [echo, "{samples}"] }
`);
    const scales = plan.params.map((p) => [p.name, p.scale, p.unit]);
    expect(scales).toEqual([["samples", "log", "darts"], ["k", "linear", undefined]]);
  });

  it("marks it the same way from the typed builder", () => {
    const built = experiment("scaled")
      .param("samples", values([1000, 10000] as const), { scale: "log" })
      .step("s", (s) => s.run((p) => ["echo", p.samples]));
    const plan = compilePlan(checkedDefinition(built.build(), SOURCE));
    expect(plan.params[0]?.scale).toBe("log");
  });

  it("refuses a scale that is neither linear nor log, naming the field", () => {
    const problems = problemsOfPlan(`
name: scaled
params:
  samples: { values: [1, 10], scale: logarithmic }
steps:
  s: { run: [echo, "{samples}"] }
`);
    expect(problems[0]?.path).toEqual(["params", "samples", "scale"]);
  });
});
