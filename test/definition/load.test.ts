import { join } from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDataDefinition, loadDefinition } from "../../src/definition/index.ts";
import { MINIMAL_YAML, problemsOf, tempDir, writeFiles } from "./helpers.ts";

const repo = join(import.meta.dirname, "..", "..");
const heatYaml = join(repo, "examples", "heat", "experiment.yaml");

describe("loading definitions", () => {
  it("reads the YAML form of the heat study into a Definition", async () => {
    const { definition, source } = await loadDefinition("examples/heat/experiment.yaml", {
      cwd: repo,
    });

    expect(source).toMatchObject({
      path: "examples/heat/experiment.yaml",
      format: "yaml",
    });
    expect(source.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(definition).toMatchObject({ name: "heat", seed: 42, replicates: 1 });
    expect(definition.params.map((p) => p.name)).toEqual(["alpha", "n", "solver"]);
    expect(definition.params[0]).toEqual({
      name: "alpha",
      unit: "m^2/s",
      dimension: { kind: "logspace", start: 0.001, stop: 0.1, count: 5 },
    });
    expect(definition.where[0]?.describe).toBe("!(solver == 'jacobi' && n > 128)");
    expect(definition.steps.map((s) => [s.name, s.after])).toEqual([
      ["simulate", []],
      ["report", [{ step: "simulate", mode: "all" }]],
    ]);
    expect(definition.steps[0]?.resources).toEqual({
      cpus: 1,
      memory: { kind: "expression", source: "n > 128 ? '512MiB' : '256MiB'" },
      time: "5m",
    });
    expect(definition.metrics[0]).toEqual({
      name: "l2_error",
      goal: "min",
      tolerance: { relative: 1e-9 },
    });
  });

  it("reads the same study written as JSON into an equal Definition", async () => {
    const dir = tempDir();
    const yaml = await loadDefinition(heatYaml);
    const { parse } = await import("yaml");
    writeFiles(dir, {
      "heat.json": JSON.stringify(parse(readFileSync(heatYaml, "utf8")), null, 2),
    });

    const json = await loadDefinition(join(dir, "heat.json"));
    expect(json.source.format).toBe("json");
    expect(json.definition).toEqual(yaml.definition);
  });

  it("runs experiment.ts and takes the builder it default-exports", async () => {
    const { definition, source } = await loadDefinition(
      join(repo, "examples/heat/experiment.ts"),
    );
    expect(source.format).toBe("ts");
    expect(definition.name).toBe("heat");
    expect(definition.steps.map((s) => s.command.kind)).toEqual([
      "argv-function",
      "argv",
    ]);
  });

  it("accepts a TS file that default-exports a built Definition", async () => {
    const dir = tempDir();
    const dsl = join(repo, "dsl", "index.ts");
    writeFiles(dir, {
      "built.ts": `import { experiment, values } from ${JSON.stringify(dsl)};
export default experiment("built").param("n", values([1])).step("a", (s) => s.run(["a"])).build();`,
    });
    expect((await loadDefinition(join(dir, "built.ts"))).definition.name).toBe("built");
  });

  it("explains a TS file that exports no experiment, or fails to import", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      "none.ts": "export const x = 1;\n",
      "broken.ts": "throw new Error('boom at import');\n",
    });

    const [none] = await problemsOf(loadDefinition(join(dir, "none.ts"), { cwd: dir }));
    expect(none).toMatchObject({ code: "definition/no-default-export", file: "none.ts" });
    expect(none?.fix).toMatch(/export default experiment/);

    const [broken] = await problemsOf(
      loadDefinition(join(dir, "broken.ts"), { cwd: dir }),
    );
    expect(broken).toMatchObject({ code: "definition/import-failed" });
    expect(broken?.message).toMatch(/boom at import/);
  });

  it("names a missing file and an unknown extension", async () => {
    const dir = tempDir();
    writeFiles(dir, { "exp.toml": "name = 'x'" });
    const [missing] = await problemsOf(loadDefinition("nope.yaml", { cwd: dir }));
    expect(missing).toMatchObject({ code: "definition/not-found", file: "nope.yaml" });

    const [format] = await problemsOf(loadDefinition("exp.toml", { cwd: dir }));
    expect(format).toMatchObject({ code: "definition/unknown-format", file: "exp.toml" });

    const [unreadable] = await problemsOf(
      loadDefinition(dir + "/../" + dir.split("/").pop() + ".yaml/x.yaml"),
    );
    expect(unreadable?.code).toMatch(/definition\/(not-found|unreadable)/);
  });

  it("shows an absolute path for a file outside the working directory", async () => {
    const dir = tempDir();
    writeFiles(dir, { "tiny.yaml": MINIMAL_YAML });
    const { source } = await loadDefinition(join(dir, "tiny.yaml"), { cwd: repo });
    expect(source.path).toBe(join(dir, "tiny.yaml"));
  });

  it("accepts constants, string/list forms of after and every param kind in YAML", () => {
    const { definition } = loadDataDefinition(
      `name: forms
seed: 1
replicates: 2
params:
  c: 5
  r: { range: [0, 1, 0.25] }
  i: { intRange: [1, 3] }
  j: { intRange: [0, 10, 5] }
  l: { linspace: [0, 1, 3] }
  u: { uniform: [0, 1] }
  lu: { loguniform: [1.0e-5, 1.0e-1] }
  k: { randint: [1, 4] }
  ch: { choice: [a, b] }
  v: { values: [x, y] }
  z: { zip: { nx: [1, 2], ny: [3, 4] } }
  d: { derived: "i * 2" }
  t: { values: [1, 2], when: { ch: [a] } }
sample: { method: lhs, count: 8 }
where: ["i > 0", "c == 5"]
inputs: { mesh: data/mesh.msh }
cluster: { partition: short, extraDirectives: ["--exclusive"] }
offPeak: { windows: ["22:00-06:00"] }
steps:
  a: { shell: "echo {i} > out.txt", env: { X: "1" }, retries: 1, requeue: true, heavy: true }
  b: { run: [b], after: a, resources: { cpus: { expr: "i" }, gpus: 1, memory: 512, time: 60 } }
  c: { run: [c], afterAll: [a, b] }
`,
      { path: "forms.yaml", format: "yaml", hash: "0" },
    );

    expect(definition.params.map((p) => p.dimension.kind)).toEqual([
      "values",
      "range",
      "range",
      "range",
      "linspace",
      "uniform",
      "loguniform",
      "randint",
      "choice",
      "values",
      "zip",
      "derived",
      "when",
    ]);
    expect(definition.params[0]?.dimension).toEqual({ kind: "values", values: [5] });
    expect(definition.params[3]?.dimension).toEqual({
      kind: "range",
      start: 0,
      stop: 10,
      step: 5,
      integer: true,
    });
    expect(definition.params[12]?.dimension).toEqual({
      kind: "when",
      param: "ch",
      equals: ["a"],
      dimension: { kind: "values", values: [1, 2] },
    });
    expect(definition.where.map((w) => w.describe)).toEqual(["i > 0", "c == 5"]);
    expect(definition.steps[0]).toMatchObject({
      command: { kind: "shell", script: "echo {i} > out.txt" },
      env: { X: "1" },
      retries: 1,
      requeue: true,
      heavy: true,
    });
    expect(definition.steps[1]?.after).toEqual([{ step: "a", mode: "each" }]);
    expect(definition.steps[1]?.resources).toEqual({
      cpus: { kind: "expression", source: "i" },
      gpus: 1,
      memory: 512,
      time: 60,
    });
    expect(definition.steps[2]?.after).toEqual([
      { step: "a", mode: "all" },
      { step: "b", mode: "all" },
    ]);
    expect(definition).toMatchObject({
      sample: { method: "lhs", count: 8 },
      inputs: [{ name: "mesh", location: "data/mesh.msh" }],
      cluster: { partition: "short", extraDirectives: ["--exclusive"] },
      offPeak: { windows: ["22:00-06:00"] },
    });
  });
});
