import { describe, expect, it } from "vitest";
import { checkedDefinition, loadDataDefinition } from "../../src/definition/index.ts";
import { experiment, values } from "../../dsl/index.ts";
import { UserError, type Problem } from "../../src/errors.ts";

const source = { path: "exp.yaml", format: "yaml" as const, hash: "0" };

function problemsIn(yaml: string): readonly Problem[] {
  try {
    loadDataDefinition(yaml, source);
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error("expected the definition to be rejected");
}

const steps = 'steps:\n  run:\n    run: [echo, "{n}"]\n';

describe("definition errors", () => {
  it("names an unknown key with its line and the nearest valid key", () => {
    const [problem] = problemsIn(`name: x\nreplicats: 3\nparams:\n  n: [1]\n${steps}`);
    expect(problem).toEqual({
      code: "definition/unknown-key",
      file: "exp.yaml:2:12",
      path: ["replicats"],
      message: 'unknown key "replicats"',
      fix: 'did you mean "replicates"?',
    });
  });

  it("suggests keys inside steps, resources and params too", () => {
    const problems = problemsIn(`name: x
params:
  n: { values: [1], unti: m }
steps:
  run:
    rn: [echo]
    resources: { memroy: 2GiB }
`);
    expect(problems.map((p) => [p.path, p.fix])).toEqual([
      [["params", "n", "unti"], 'did you mean "unit"?'],
      [["steps", "run", "rn"], 'did you mean "run"?'],
      [["steps", "run", "resources", "memroy"], 'did you mean "memory"?'],
    ]);
  });

  it("reports unknown keys together with the problems in the rest of the file", () => {
    const problems = problemsIn(`name: x
replicats: 2
params:
  n: { values: [1, 2], unti: m }
steps:
  run: { rn: [a] }
  report: { run: [b, "{m}"] }
`);
    expect(problems.map((p) => `${p.file} ${p.code}`)).toEqual([
      "exp.yaml:2:12 definition/unknown-key",
      "exp.yaml:4:30 definition/unknown-key",
      "exp.yaml:6:14 definition/unknown-key",
      "exp.yaml:7:22 definition/unknown-param",
    ]);
  });

  it("lists the valid keys when nothing is close", () => {
    const [problem] = problemsIn(
      `name: x\nparams: { n: [1] }\nsample: { method: sobol, count: 4, zzzzzz: 1 }\n${steps}`,
    );
    expect(problem?.fix).toBe("use one of the valid keys: method, count");
  });

  it("reports a wrong type with the expected type", () => {
    const problems = problemsIn(
      `name: x\nseed: "42"\nparams: { n: [1] }\nsteps:\n  run:\n    run: echo\n    resources: { cpus: two }\n`,
    );
    expect(problems.map((p) => [p.code, p.path, p.message])).toEqual([
      ["definition/wrong-type", ["seed"], "expected number, received string"],
      [
        "definition/wrong-type",
        ["steps", "run", "run"],
        "expected array, received string",
      ],
      [
        "definition/wrong-type",
        ["steps", "run", "resources", "cpus"],
        "expected number or object",
      ],
    ]);
    expect(problems[2]?.fix).toMatch(/\{ expr: /);
  });

  it("rejects an empty dimension and an empty zip, at their lines", () => {
    const problems = problemsIn(`name: x
params:
  n: []
  m: { zip: { a: [], b: [] } }
  k: { zip: { p: [1, 2], q: [1] } }
  c: { choice: [] }
${steps}`);
    expect(problems.map((p) => [p.code, p.file])).toEqual([
      ["definition/empty-dimension", "exp.yaml:3:6"],
      ["definition/empty-dimension", "exp.yaml:4:13"],
      ["definition/zip-length", "exp.yaml:5:13"],
      ["definition/empty-dimension", "exp.yaml:6:6"],
    ]);
    expect(problems[2]?.message).toBe("zipped columns differ in length (p: 2, q: 1)");
  });

  it("prints a step cycle as a chain", () => {
    const [problem] = problemsIn(`name: x
params: { n: [1] }
steps:
  a: { run: [a], after: c }
  b: { run: [b], after: a }
  c: { run: [c], afterAll: b }
`);
    expect(problem).toMatchObject({
      code: "definition/step-cycle",
      message: "the steps wait on each other in a cycle: a -> c -> b -> a",
    });
  });

  it("names an unknown step in after with the nearest step", () => {
    const [problem] = problemsIn(
      `name: x\nparams: { n: [1] }\nsteps:\n  simulate: { run: [a] }\n  report: { run: [b], afterAll: simulat }\n`,
    );
    expect(problem).toMatchObject({
      code: "definition/unknown-step",
      path: ["steps", "report", "afterAll"],
      message: 'step "simulat" does not exist',
      fix: 'did you mean "simulate"?',
    });
  });

  it("names unknown params in expressions, placeholders, resources and conditions", () => {
    const problems = problemsIn(`name: x
params:
  alpha: [1]
  beta: { derived: "alpah * 2" }
  tol: { values: [1], when: { solvr: cg } }
where: "alpa > 0"
steps:
  run:
    shell: "sim --a {alpah} --s {seed}"
    resources: { cpus: { expr: "nn" } }
`);
    expect(problems.map((p) => [p.path, p.message, p.fix])).toEqual([
      [
        ["params", "beta", "derived"],
        'expression "alpah * 2" reads unknown name "alpah"',
        'did you mean "alpha"?',
      ],
      [
        ["params", "tol", "when"],
        '"when" refers to "solvr", which is not declared before it',
        "use one of the parameters: alpha, beta",
      ],
      [
        ["where"],
        'expression "alpa > 0" reads unknown name "alpa"',
        'did you mean "alpha"?',
      ],
      [
        ["steps", "run", "shell"],
        'placeholder "{alpah}" names no parameter',
        'did you mean "alpha"?',
      ],
      [
        ["steps", "run", "resources", "cpus"],
        'expression "nn" reads unknown name "nn"',
        "use one of the parameters: alpha, beta, tol, seed, replicate",
      ],
    ]);
  });

  it("reports syntax errors in expressions and placeholders", () => {
    const problems = problemsIn(
      `name: x\nparams: { n: [1] }\nwhere: ["n >", "n > 0"]\nsteps:\n  a: { run: [a, "{n"] }\n  b: { run: [b, "n}"] }\n`,
    );
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["definition/bad-expression", ["where", 0]],
      ["definition/bad-placeholder", ["steps", "a", "run", 1]],
      ["definition/bad-placeholder", ["steps", "b", "run", 1]],
    ]);
    expect(problems[0]?.message).toBe(
      'cannot parse "n >": expected a value but found end of expression at character 4',
    );
  });

  it("rejects a parameter with no kind or two kinds", () => {
    const problems = problemsIn(
      `name: x\nparams:\n  a: { unit: m }\n  b: { values: [1], linspace: [0, 1, 2] }\n${steps}`,
    );
    expect(problems.map((p) => p.message)).toEqual([
      "the parameter does not say what kind of dimension it is",
      "the parameter has several kinds at once (values, linspace)",
    ]);
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    const [syntax] = problemsIn("name: x\nparams: [\n");
    expect(syntax?.code).toBe("definition/syntax");
    expect(syntax?.message).toMatch(/line \d+, column \d+/);

    const [duplicate] = problemsIn("name: x\nname: y\n");
    expect(duplicate?.message).toMatch(/unique/i);
  });

  it("rejects reserved, duplicate and unusable names, missing steps and commands", () => {
    const problems = problemsIn(`name: "bad name"
params:
  seed: [1]
  "2x": [1]
  z: { zip: { a: [1], b: [2] } }
  a: [3]
steps: {}
`);
    expect(problems.map((p) => p.code)).toEqual([
      "definition/invalid-name",
      "definition/reserved-name",
      "definition/invalid-name",
      "definition/duplicate-name",
      "definition/no-steps",
    ]);
  });

  it("rejects bad constant resources with the unit forms in the fix", () => {
    const problems = problemsIn(`name: x
params: { n: [1] }
steps:
  run:
    run: [a]
    resources: { cpus: 0, gpus: 1.5, memory: lots, time: soon }
`);
    expect(problems.map((p) => p.path?.at(-1))).toEqual([
      "cpus",
      "gpus",
      "memory",
      "time",
    ]);
    expect(problems[2]?.fix).toMatch(/"2GiB"/);
    expect(problems[3]?.fix).toMatch(/"10m"/);
  });

  it("validates DSL definitions the same way, reporting everything at once", () => {
    const definition = experiment("dsl")
      .seed(-1)
      .replicates(0)
      .sample({ method: "random", count: 0 })
      .param("n", values([1] as const))
      .step("a", (s) => s.retries(-1))
      // @ts-expect-error the builder's types reject a second step "a"; validation still must
      .step("a", (s) => s.run(["x"]))
      .build();

    try {
      checkedDefinition(definition, { path: "exp.ts", format: "ts", hash: "0" });
      throw new Error("expected a UserError");
    } catch (error) {
      const codes = (error as UserError).problems.map(
        (p) => `${p.code} ${p.path?.join(".")}`,
      );
      expect(codes).toEqual([
        "definition/invalid-value seed",
        "definition/invalid-value replicates",
        "definition/invalid-value sample.count",
        "definition/no-command steps.a",
        "definition/invalid-value steps.a.retries",
        "definition/duplicate-name steps.a",
      ]);
      expect((error as UserError).problems[0]?.file).toBe("exp.ts");
    }
  });
});
