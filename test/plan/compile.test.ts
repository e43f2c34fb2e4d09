import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { deriveSeed, trialId } from "../../src/space/index.ts";
import { checkedDefinition, loadDefinition } from "../../src/definition/index.ts";
import { compilePlan, planFromFile, summarizePlan } from "../../src/plan/index.ts";
import { derived, experiment, intRange, sh, values } from "../../dsl/index.ts";
import { planOf, problemsOfPlan, trialsOf } from "./helpers.ts";

const repo = join(import.meta.dirname, "..", "..");

describe("compiling the heat study", () => {
  it("keeps 35 of 40 points and adds one report trial after all of them", async () => {
    const plan = await planFromFile("examples/heat/experiment.yaml", { cwd: repo });

    expect(plan.space).toEqual({ size: "40", selected: 35, method: "grid", replicates: 1 });
    expect(plan.steps.map((s) => [s.name, s.trials.count])).toEqual([["simulate", 35], ["report", 1]]);

    const simulate = trialsOf(plan, "simulate");
    expect(simulate.some((t) => t.params.solver === "jacobi" && t.params.n === 256)).toBe(false);
    expect(simulate.filter((t) => t.params.solver === "cg")).toHaveLength(20);

    const [report] = trialsOf(plan, "report");
    expect(report).toMatchObject({ point: -1, params: {}, replicate: 0, index: 0 });
    expect(report?.dependsOn).toEqual(simulate.map((t) => t.id));
    expect(report?.argv).toEqual(["python3", "examples/heat/report.py"]);
  });

  it("gives each trial a stable id, a derived seed and its resolved command", async () => {
    const plan = await planFromFile("examples/heat/experiment.yaml", { cwd: repo });
    const first = plan.steps[0]?.trials.at(0);
    const params = { alpha: 0.001, n: 32, solver: "jacobi" };

    expect(first).toEqual({
      id: trialId("simulate", params, 0),
      step: "simulate",
      index: 0,
      point: 0,
      params,
      replicate: 0,
      seed: deriveSeed(42, params, 0),
      argv: ["python3", "examples/heat/heat.py", "--alpha", "0.001", "--n", "32",
        "--solver", "jacobi", "--seed", String(deriveSeed(42, params, 0))],
      env: {},
      resources: { cpus: 1, memoryMiB: 256, gpus: 0, walltimeSeconds: 300 },
      dependsOn: [],
    });
    expect(trialsOf(plan, "simulate").find((t) => t.params.n === 256)?.resources.memoryMiB).toBe(512);
  });

  it("describes the parameters and metrics for downstream tools", async () => {
    const plan = await planFromFile("examples/heat/experiment.ts", { cwd: repo });
    expect(plan.params).toEqual([
      { name: "alpha", kind: "numeric", scale: "log", unit: "m^2/s", origin: "swept" },
      { name: "n", kind: "integer", scale: "linear", origin: "swept" },
      { name: "solver", kind: "categorical", scale: "linear", origin: "swept" },
    ]);
    expect(plan.metrics.map((m) => m.name)).toEqual(["l2_error", "iterations", "solve_seconds"]);
    expect(plan.definition).toMatchObject({ path: "examples/heat/experiment.ts", format: "ts" });
  });

  it("totals the resources requested in core-hours", async () => {
    const summary = summarizePlan(await planFromFile(join(repo, "examples/heat/experiment.yaml")));
    // 35 trials × 1 cpu × 5 min, plus one report trial × 1 cpu × 1 min.
    expect(summary.steps.map((s) => s.coreHours)).toEqual([2.92, 0.02]);
    expect(summary.resources).toEqual({ coreHours: 2.94, gpuHours: 0 });
    expect(summary.trials).toBe(36);
    expect(summary.firstTrials).toHaveLength(5);
  });
});

describe("steps and dependencies", () => {
  const yaml = `name: dag
seed: 5
replicates: 2
params:
  n: [1, 2]
steps:
  report: { run: [report], afterAll: analyse }
  simulate: { run: [sim, "{n}"] }
  analyse: { run: [an, "{n}", "{replicate}"], after: simulate }
  publish: { run: [pub], after: report }
`;

  it("orders steps so each comes after what it waits on", () => {
    expect(planOf(yaml).steps.map((s) => s.name)).toEqual(["simulate", "analyse", "report", "publish"]);
  });

  it("links each per-trial step to the same point and replicate of its dependency", () => {
    const plan = planOf(yaml);
    const simulate = trialsOf(plan, "simulate");
    const analyse = trialsOf(plan, "analyse");

    expect(analyse).toHaveLength(4);
    analyse.forEach((trial, i) => {
      expect(trial.dependsOn).toEqual([simulate[i]?.id]);
      expect(trial.params).toEqual(simulate[i]?.params);
      expect(trial.seed).toBe(simulate[i]?.seed);
    });
    expect(analyse.map((t) => t.argv.slice(1))).toEqual([["1", "0"], ["1", "1"], ["2", "0"], ["2", "1"]]);
  });

  it("makes replicates distinct trials with distinct seeds", () => {
    const simulate = trialsOf(planOf(yaml), "simulate");
    expect(new Set(simulate.map((t) => t.seed)).size).toBe(4);
    expect(new Set(simulate.map((t) => t.id)).size).toBe(4);
    expect(simulate.map((t) => [t.point, t.replicate])).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
  });

  it("keeps every existing trial id when a value or a replicate is added", () => {
    const before = trialsOf(planOf(yaml), "analyse");
    const after = trialsOf(planOf(yaml.replace("n: [1, 2]", "n: [0, 1, 2, 3]")
      .replace("replicates: 2", "replicates: 3")), "analyse");

    const afterIds = new Map(after.map((t) => [t.id, t]));
    for (const trial of before) {
      expect(afterIds.get(trial.id)).toMatchObject({ params: trial.params, seed: trial.seed, dependsOn: trial.dependsOn });
    }
    expect(after).toHaveLength(12);
  });

  it("runs an aggregate once, and a step after an aggregate once too", () => {
    const plan = planOf(yaml);
    const [report] = trialsOf(plan, "report");
    const [publish] = trialsOf(plan, "publish");
    expect(report?.dependsOn).toEqual(trialsOf(plan, "analyse").map((t) => t.id));
    expect(publish?.dependsOn).toEqual([report?.id]);
    expect(plan.steps.find((s) => s.name === "publish")?.trials.count).toBe(1);
  });

  it("depends on the sole trial of an aggregate from a per-trial step", () => {
    const definition = experiment("x")
      .param("n", values([1, 2] as const))
      .step("prepare", (s) => s.run(["prep"]))
      .step("index", (s) => s.run(["idx"]).afterAll("prepare"))
      .build();
    const plan = compilePlan(checkedDefinition(definition, { path: "x.ts", format: "ts", hash: "0" }));
    expect(plan.steps.map((s) => s.trials.count)).toEqual([2, 1]);
  });

  it("refuses a parameter placeholder in an aggregate step", () => {
    const [problem] = problemsOfPlan(`name: x\nparams: { n: [1] }\nsteps:\n  a: { run: [a] }\n  b: { run: [b, "{n}"], afterAll: a }\n`);
    expect(problem).toMatchObject({ code: "definition/aggregate-placeholder", path: ["steps", "b", "run"] });
  });
});

describe("commands", () => {
  it("fills argv placeholders inside words and keeps escaped braces", () => {
    const [trial] = trialsOf(planOf(`name: x\nparams: { n: [64], tag: [a b] }\nsteps:\n  s: { run: [sim, "out-{n}.csv", "{{raw}}", "{tag}"] }\n`), "s");
    expect(trial?.argv).toEqual(["sim", "out-64.csv", "{raw}", "a b"]);
  });

  it("quotes shell placeholders so values reach the program as single words", () => {
    const plan = planOf(`name: x\nparams:\n  label: ["it's; rm -rf /", "$(id)"]\nsteps:\n  s: { shell: "printf '%s|' {label} done" }\n`);
    const outputs = trialsOf(plan, "s").map((t) => {
      expect(t.argv.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
      return execFileSync(t.argv[0] as string, t.argv.slice(1), { encoding: "utf8" });
    });
    expect(outputs).toEqual(["it's; rm -rf /|done|", "$(id)|done|"]);
  });

  it("applies DSL argv and shell callbacks per trial", () => {
    const definition = experiment("x")
      .param("n", intRange(1, 2))
      .param("double", derived((p) => p.n * 2))
      .step("a", (s) => s.run((p) => ["sim", "--n", p.n, "--d", p.double, "--ok", true]))
      .step("b", (s) => s.shell((p) => sh`echo ${`n=${p.n}`} > out`).after("a"))
      .build();
    const plan = compilePlan(checkedDefinition(definition, { path: "x.ts", format: "ts", hash: "0" }));

    expect(trialsOf(plan, "a").map((t) => t.argv)).toEqual([
      ["sim", "--n", "1", "--d", "2", "--ok", "true"], ["sim", "--n", "2", "--d", "4", "--ok", "true"],
    ]);
    expect(trialsOf(plan, "b")[1]?.argv).toEqual(["/bin/sh", "-c", "echo n=2 > out"]);
  });

  it("passes step env through to every trial", () => {
    const [trial] = trialsOf(planOf(`name: x\nparams: { n: [1] }\nsteps:\n  s: { run: [a], env: { OMP_NUM_THREADS: "4" } }\n`), "s");
    expect(trial?.env).toEqual({ OMP_NUM_THREADS: "4" });
  });
});

describe("parameters", () => {
  it("computes derived values and leaves conditional ones out where they do not apply", () => {
    const plan = planOf(`name: x
params:
  n: [2, 3]
  solver: [jacobi, cg]
  cells: { derived: "n ** 2" }
  tol: { values: [0.1], when: { solver: cg } }
steps:
  s: { run: [a] }
`);
    expect(trialsOf(plan, "s").map((t) => t.params)).toContainEqual({ n: 2, solver: "jacobi", cells: 4 });
    expect(trialsOf(plan, "s").map((t) => t.params)).toContainEqual({ n: 3, solver: "cg", tol: 0.1, cells: 9 });
    expect(plan.params.find((p) => p.name === "tol")?.origin).toBe("conditional");
  });

  it("varies zipped columns together, one trial per row, with their unit", () => {
    const plan = planOf(`name: x\nparams:\n  mesh: { zip: { nx: [10, 20], ny: [1, 2] }, unit: cells }\nsteps:\n  s: { run: [a, "{nx}x{ny}"] }\n`);
    expect(trialsOf(plan, "s").map((t) => t.argv[1])).toEqual(["10x1", "20x2"]);
    expect(plan.params.map((p) => [p.name, p.unit])).toEqual([["nx", "cells"], ["ny", "cells"]]);
  });

  it("reports a derived value that is undefined for some point", () => {
    expect(() => trialsOf(planOf(`name: x
params:
  solver: [cg, jacobi]
  tol: { values: [0.1], when: { solver: cg } }
  scaled: { derived: "tol" }
steps:
  s: { run: [a] }
`), "s")).toThrow(/derived value is undefined for \{"solver":"jacobi"\}/);
  });

  it("samples a continuous space with the requested count, inside the bounds", () => {
    const plan = planOf(`name: x
seed: 9
params:
  lr: { loguniform: [1.0e-5, 1.0e-1] }
  layers: { randint: [1, 4] }
  opt: { choice: [sgd, adam] }
sample: { method: sobol, count: 16 }
steps:
  train: { run: [train, "{lr}", "{layers}", "{opt}"] }
`);
    const trials = trialsOf(plan, "train");
    expect(plan.space).toMatchObject({ size: "infinite", selected: 16, method: "sobol" });
    expect(trials).toHaveLength(16);
    for (const { params } of trials) {
      expect(params.lr).toBeGreaterThanOrEqual(1e-5);
      expect(params.lr).toBeLessThan(1e-1);
      expect([1, 2, 3, 4]).toContain(params.layers);
      expect(["sgd", "adam"]).toContain(params.opt);
    }
  });

  it("keeps a million-trial grid lazy: counting and indexing need no enumeration", () => {
    const plan = planOf(`name: big\nparams:\n  a: { intRange: [1, 1000] }\n  b: { intRange: [1, 1000] }\nsteps:\n  s: { run: [s, "{a}", "{b}"] }\n`);
    const table = plan.steps[0]?.trials;
    expect(table?.count).toBe(1_000_000);
    expect(table?.at(999_999).argv).toEqual(["s", "1000", "1000"]);
    expect(() => table?.at(1_000_000)).toThrow(RangeError);
    expect(summarizePlan(plan).resources.coreHours).toBe(1_000_000);
  });
});

describe("resources", () => {
  it("defaults to 1 cpu, 1 GiB, no GPU and one hour", () => {
    const [trial] = trialsOf(planOf(`name: x\nparams: { n: [1] }\nsteps:\n  s: { run: [a] }\n`), "s");
    expect(trial?.resources).toEqual({ cpus: 1, memoryMiB: 1024, gpus: 0, walltimeSeconds: 3600 });
  });

  it("evaluates resource expressions per trial and sums GPU-hours", () => {
    const plan = planOf(`name: x
params: { n: [1, 2, 3] }
steps:
  s:
    run: [a]
    resources: { cpus: { expr: "n * 2" }, gpus: { expr: "n" }, time: { expr: "n * 1800" }, memory: { expr: "n > 2 ? '2GiB' : '1GiB'" } }
`);
    expect(trialsOf(plan, "s").map((t) => t.resources)).toEqual([
      { cpus: 2, gpus: 1, walltimeSeconds: 1800, memoryMiB: 1024 },
      { cpus: 4, gpus: 2, walltimeSeconds: 3600, memoryMiB: 1024 },
      { cpus: 6, gpus: 3, walltimeSeconds: 5400, memoryMiB: 2048 },
    ]);
    // cpu-hours 1 + 4 + 9, gpu-hours 0.5 + 2 + 4.5
    expect(summarizePlan(plan).resources).toEqual({ coreHours: 14, gpuHours: 7 });
  });

  it("reports a resource that is invalid for some trial, naming the trial", () => {
    const plan = planOf(`name: x\nparams: { n: [1, 0] }\nsteps:\n  s: { run: [a], resources: { cpus: { expr: "n" } } }\n`);
    expect(() => plan.steps[0]?.trials.at(1)).toThrow(/cpus must be a whole number >= 1, got 0 \(for \{"n":0/);
  });

  it("reports an expression that fails for some trial", () => {
    const plan = planOf(`name: x\nparams: { n: [1, "a"] }\nsteps:\n  s: { run: [a], resources: { cpus: { expr: "n * 2" } } }\n`);
    expect(() => plan.steps[0]?.trials.at(1)).toThrow(/"n \* 2" failed for .*"\*" needs a number/);
  });
});

describe("compile errors", () => {
  it("reports a constraint that drops every point", () => {
    const [problem] = problemsOfPlan(`name: x\nparams: { n: [1, 2] }\nwhere: "n > 5"\nsteps:\n  s: { run: [a] }\n`);
    expect(problem).toMatchObject({
      code: "space/constraint-drops-everything", file: "exp.yaml", path: ["where"],
      message: "the constraint n > 5 drops all 2 points of the grid",
    });
  });

  it("reports a constraint that is not true or false", () => {
    expect(() => planOf(`name: x\nparams: { n: [1] }\nwhere: "n + 1"\nsteps:\n  s: { run: [a] }\n`))
      .toThrow(/not true or false/);
  });

  it("passes space errors through with the file they came from", async () => {
    const problems = problemsOfPlan(`name: x\nparams: { x: { uniform: [0, 1] } }\nsteps:\n  s: { run: [a] }\n`);
    expect(problems[0]).toMatchObject({ code: "space/continuous-without-sample", file: "exp.yaml" });
  });

  it("refuses a derived parameter that is also conditional", () => {
    const definition = {
      ...experiment("x").param("n", values([1] as const)).step("s", (s) => s.run(["a"])).build(),
    };
    const withBad = {
      ...definition,
      params: [...definition.params, {
        name: "d",
        dimension: { kind: "when" as const, param: "n", equals: [1], dimension: { kind: "derived" as const, compute: () => 1 } },
      }],
    };
    expect(() => compilePlan(checkedDefinition(withBad, { path: "x.ts", format: "ts", hash: "0" })))
      .toThrow(/cannot also be conditional/);
  });

  it("loads and compiles the TS quickstart: 3 sample sizes × 3 seeds", async () => {
    const plan = compilePlan(await loadDefinition(join(repo, "examples/quickstart/experiment.ts")));
    expect(plan.steps[0]?.trials.count).toBe(9);
    expect(plan.steps[0]?.trials.at(0).argv.slice(0, 4)).toEqual(["node", "examples/quickstart/estimate-pi.mjs", "--samples", "1000"]);
  });
});
