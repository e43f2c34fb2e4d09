import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { experiment, values } from "../../dsl/index.ts";
import { checkedDefinition } from "../../src/definition/index.ts";
import { compilePlan, readPlanJson, writePlanJson } from "../../src/plan/index.ts";
import { tempDir } from "../definition/helpers.ts";
import { planOf, problemsOfPlan, SOURCE } from "./helpers.ts";

const SPEC = { mark: "point", encoding: { x: { field: "n" }, y: { field: "y" } } };

const YAML = `name: declared
params:
  n: [1, 2]
steps:
  run:
    run: [node, trial.mjs]
`;

describe("plots and result files declared by a definition", () => {
  it("reach the plan from the builder's .plot() and .results()", () => {
    const definition = experiment("declared")
      .param("n", values([1, 2] as const))
      .step("run", (s) => s.run(["node", "trial.mjs"]))
      .plot("y-by-n", SPEC)
      .plot("y-by-n", { ...SPEC, mark: "line" })
      .results("observations.jsonl")
      .results("more.csv")
      .build();
    const plan = compilePlan(checkedDefinition(definition, SOURCE));

    expect(plan.plots).toEqual([{ name: "y-by-n", spec: { ...SPEC, mark: "line" } }]);
    expect(plan.results).toEqual({ files: ["observations.jsonl", "more.csv"] });
  });

  it("reach the plan from YAML `plots:` (name → spec) and `results:` in either form", () => {
    const listed = planOf(`${YAML}plots:\n  y-by-n: { mark: point }\n`
      + "results: [observations.jsonl]\n");
    expect(listed.plots).toEqual([{ name: "y-by-n", spec: { mark: "point" } }]);
    expect(listed.results).toEqual({ files: ["observations.jsonl"] });

    const object = planOf(`${YAML}results: { files: [a.jsonl, b.csv] }\n`);
    expect(object.results).toEqual({ files: ["a.jsonl", "b.csv"] });
  });

  it("leave a plan without declarations unchanged: no plots or results members", () => {
    const plan = planOf(YAML);
    expect("plots" in plan).toBe(false);
    expect("results" in plan).toBe(false);
  });

  it("survive plan.json: written, hashed and read back", async () => {
    const plan = planOf(`${YAML}plots:\n  y-by-n: { mark: point }\nresults: [o.jsonl]\n`);
    const file = join(tempDir(), "plan.json");
    await writePlanJson(plan, file);

    const text = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    expect(text.plots).toEqual([{ name: "y-by-n", spec: { mark: "point" } }]);
    const read = await readPlanJson(file);
    expect(read.plots).toEqual(plan.plots);
    expect(read.results).toEqual({ files: ["o.jsonl"] });
    expect(read.hash).toBe(plan.hash);
  });

  it("are checked: a spec that is not a map, or an empty file path, names its field", () => {
    const badSpec = problemsOfPlan(`${YAML}plots:\n  y-by-n: [1, 2]\n`);
    expect(badSpec[0]?.path).toEqual(["plots", "y-by-n"]);
    const badFile = problemsOfPlan(`${YAML}results: [""]\n`);
    expect(badFile[0]?.path?.[0]).toBe("results");
  });

  it("are checked when a TS builder passes a duplicate name or an empty path", () => {
    const definition = experiment("declared")
      .param("n", values([1] as const))
      .step("run", (s) => s.run(["node", "trial.mjs"]))
      .results(" ")
      .build();
    const twice = { ...definition, plots: [{ name: "a", spec: {} }, { name: "a", spec: {} }] };
    const problems = (() => {
      try {
        checkedDefinition(twice, SOURCE);
      } catch (error) {
        return (error as { problems: { path: unknown[] }[] }).problems;
      }
      throw new Error("expected the definition to be refused");
    })();
    expect(problems.map((p) => p.path)).toEqual([["plots", "a"], ["results", "files", 0]]);
  });
});
