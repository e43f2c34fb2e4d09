import { describe, expect, it } from "vitest";
import {
  choice,
  derived,
  experiment,
  intRange,
  linspace,
  logUniform,
  logspace,
  randInt,
  range,
  sh,
  uniform,
  values,
  when,
  zip,
  Duration,
  MemorySize,
} from "../../dsl/index.ts";
import type { TrialContext } from "../../src/definition/index.ts";

const trial = (params: Record<string, string | number | boolean>): TrialContext => ({
  ...params,
  seed: 7,
  replicate: 0,
});

describe("experiment builder", () => {
  it("produces a plain Definition with every parameter kind", () => {
    const definition = experiment("kinds")
      .seed(3)
      .replicates(2)
      .describe("all kinds")
      .param("a", values([1, 2] as const), { unit: "m" })
      .param("b", range(0, 1, 0.5))
      .param("c", intRange(1, 9, 2))
      .param("d", linspace(0, 1, 3))
      .param("e", logspace(1e-3, 1e-1, 3))
      .param("f", zip({ nx: [10, 20], ny: [1, 2] }))
      .param(
        "g",
        derived((p) => p.a * 2),
      )
      .param("h", when("a", [1], values(["x"] as const)))
      .step("run", (s) => s.run(["echo"]))
      .build();

    expect(definition).toMatchObject({
      name: "kinds",
      seed: 3,
      replicates: 2,
      description: "all kinds",
    });
    expect(definition.params.map((p) => [p.name, p.dimension.kind])).toEqual([
      ["a", "values"],
      ["b", "range"],
      ["c", "range"],
      ["d", "linspace"],
      ["e", "logspace"],
      ["f", "zip"],
      ["g", "derived"],
      ["h", "when"],
    ]);
    expect(definition.params[0]).toEqual({
      name: "a",
      unit: "m",
      dimension: { kind: "values", values: [1, 2] },
    });
    expect(definition.params[2]?.dimension).toEqual({
      kind: "range",
      start: 1,
      stop: 9,
      step: 2,
      integer: true,
    });
    expect(definition.params[5]?.dimension).toEqual({
      kind: "zip",
      columns: { nx: [10, 20], ny: [1, 2] },
    });
    expect(definition.params[7]?.dimension).toEqual({
      kind: "when",
      param: "a",
      equals: [1],
      dimension: { kind: "values", values: ["x"] },
    });
  });

  it("records sampled dimensions and the sampling request", () => {
    const definition = experiment("s")
      .param("lr", logUniform(1e-5, 1e-1))
      .param("x", uniform(0, 1))
      .param("k", randInt(1, 5))
      .param("opt", choice(["sgd", "adam"] as const))
      .sample({ method: "sobol", count: 64 })
      .step("train", (s) => s.run(["train"]))
      .build();

    expect(definition.sample).toEqual({ method: "sobol", count: 64 });
    expect(definition.params.map((p) => p.dimension)).toEqual([
      { kind: "loguniform", low: 1e-5, high: 1e-1 },
      { kind: "uniform", low: 0, high: 1 },
      { kind: "randint", low: 1, high: 5 },
      { kind: "choice", values: ["sgd", "adam"] },
    ]);
  });

  it("never changes a builder once made, so a base experiment can be forked", () => {
    const base = experiment("base").param("n", values([1, 2] as const));
    const small = base.replicates(1).step("a", (s) => s.run(["a"]));
    const large = base.replicates(5).step("b", (s) => s.run(["b"]));

    expect(base.build().steps).toEqual([]);
    expect(base.build().replicates).toBe(1);
    expect(small.build().steps.map((s) => s.name)).toEqual(["a"]);
    expect(large.build().steps.map((s) => s.name)).toEqual(["b"]);
    expect(large.build().replicates).toBe(5);
  });

  it("stores argv callbacks, shell callbacks and placeholder argv as commands", () => {
    const definition = experiment("cmd")
      .param("solver", values(["cg", "it's"] as const))
      .step("argv", (s) => s.run((p) => ["sim", "--solver", p.solver, "--seed", p.seed]))
      .step("shell", (s) => s.shell((p) => sh`sim --solver ${p.solver} > out.txt`))
      .step("tagged", (s) => s.shell((p, tag) => tag`echo ${p.solver}`))
      .step("template", (s) => s.run(["sim", "{solver}"]))
      .build();

    const [argv, shell, tagged, template] = definition.steps;
    if (argv?.command.kind !== "argv-function")
      throw new Error("expected an argv function");
    expect(argv.command.build(trial({ solver: "cg" }))).toEqual([
      "sim",
      "--solver",
      "cg",
      "--seed",
      7,
    ]);
    if (shell?.command.kind !== "shell-function")
      throw new Error("expected a shell function");
    expect(shell.command.build(trial({ solver: "it's" })).text).toBe(
      `sim --solver 'it'"'"'s' > out.txt`,
    );
    if (tagged?.command.kind !== "shell-function")
      throw new Error("expected a shell function");
    expect(tagged.command.build(trial({ solver: "a b" })).text).toBe("echo 'a b'");
    expect(template?.command).toEqual({ kind: "argv", argv: ["sim", "{solver}"] });
  });

  it("records dependencies, outputs, retries, requeue, heavy and env", () => {
    const definition = experiment("dag")
      .param("n", values([1] as const))
      .step("simulate", (s) =>
        s
          .run(["sim"])
          .outputs(["a.csv"])
          .outputs(["b.csv"])
          .retries(2)
          .requeue()
          .heavy()
          .env({ OMP_NUM_THREADS: "2" }),
      )
      .step("analyse", (s) => s.run(["an"]).after("simulate"))
      .step("report", (s) => s.run(["rep"]).afterAll("simulate", "analyse"))
      .build();

    const [simulate, analyse, report] = definition.steps;
    expect(simulate).toMatchObject({
      outputs: ["a.csv", "b.csv"],
      retries: 2,
      requeue: true,
      heavy: true,
      env: { OMP_NUM_THREADS: "2" },
      after: [],
    });
    expect(analyse?.after).toEqual([{ step: "simulate", mode: "each" }]);
    expect(report?.after).toEqual([
      { step: "simulate", mode: "all" },
      { step: "analyse", mode: "all" },
    ]);
  });

  it("turns memory and time value types into MiB and seconds, also inside functions", () => {
    const definition = experiment("res")
      .param("n", values([64, 256] as const))
      .step("a", (s) =>
        s.run(["a"]).resources({
          cpus: 2,
          gpus: 1,
          memory: MemorySize.parse("2GiB"),
          time: Duration.parse("10m"),
        }),
      )
      .step("b", (s) =>
        s.run(["b"]).resources({
          memory: (p) => (p.n > 128 ? MemorySize.parse("4GiB") : "1GiB"),
          time: () => Duration.parse("1h"),
        }),
      )
      .build();

    expect(definition.steps[0]?.resources).toEqual({
      cpus: 2,
      gpus: 1,
      memory: 2048,
      time: 600,
    });
    const { memory, time } = definition.steps[1]?.resources ?? {};
    if (typeof memory !== "function" || typeof time !== "function")
      throw new Error("expected functions");
    expect(memory(trial({ n: 256 }))).toBe(4096);
    expect(memory(trial({ n: 64 }))).toBe("1GiB");
    expect(time(trial({ n: 64 }))).toBe(3600);
  });

  it("records constraints, metrics, inputs, cluster options and an off-peak policy", () => {
    const definition = experiment("meta")
      .param("n", values([1, 2, 3] as const))
      .where((p) => p.n !== 2, "n != 2")
      .where((p) => p.n < 10)
      .metrics({ loss: { goal: "min", unit: "nats", tolerance: { relative: 0.01 } } })
      .inputs({ mesh: "data/mesh.msh" })
      .cluster({ partition: "short" })
      .cluster({ account: "proj1" })
      .offPeak({ windows: ["22:00-06:00"] })
      .step("a", (s) => s.run(["a"]))
      .build();

    expect(definition.where.map((c) => c.describe)[0]).toBe("n != 2");
    expect(definition.where[1]?.describe).toContain("p.n < 10");
    const test = definition.where[0]?.test;
    if (typeof test !== "function") throw new Error("expected a function");
    expect([1, 2, 3].map((n) => test(trial({ n })))).toEqual([true, false, true]);
    expect(definition.metrics).toEqual([
      { name: "loss", goal: "min", unit: "nats", tolerance: { relative: 0.01 } },
    ]);
    expect(definition.inputs).toEqual([{ name: "mesh", location: "data/mesh.msh" }]);
    expect(definition.cluster).toEqual({ partition: "short", account: "proj1" });
    expect(definition.offPeak).toEqual({ windows: ["22:00-06:00"] });
  });

  it("gives a step without a command an empty argv, which validation reports", () => {
    const definition = experiment("x")
      .param("n", values([1] as const))
      .step("a", (s) => s)
      .build();
    expect(definition.steps[0]?.command).toEqual({ kind: "argv", argv: [] });
  });
});
