import { describe, expect, it } from "vitest";
import { UserError, type Problem } from "../../src/errors.ts";
import {
  createSpace,
  type DimensionSpec,
  type SelectOptions,
  type SpaceOrigin,
  type SpaceSpec,
} from "../../src/space/index.ts";

// The single problem a UserError thrown by `run` carries.
function problemOf(run: () => unknown): Problem {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const problems = (error as UserError).problems;
    expect(problems).toHaveLength(1);
    return problems[0]!;
  }
  throw new Error("expected a UserError, but nothing was thrown");
}

const one = (dimension: DimensionSpec, origin?: SpaceOrigin): Problem =>
  problemOf(() => createSpace({ seed: 0, dimensions: [dimension] }, origin));

const select = (spec: SpaceSpec, options?: SelectOptions): Problem =>
  problemOf(() => createSpace(spec).select(options));

describe("invalid dimensions are user errors naming the parameter, field and a fix", () => {
  const cases: [string, DimensionSpec, string[], RegExp][] = [
    [
      "an empty list",
      { kind: "list", name: "n", values: [] },
      ["n", "values"],
      /no values/,
    ],
    [
      "a value listed twice",
      { kind: "list", name: "n", values: [1, 1.0] },
      ["n", "values"],
      /listed twice/,
    ],
    [
      "a non-finite value",
      { kind: "list", name: "n", values: [Number.NaN] },
      ["n", "values"],
      /value 0 is NaN/,
    ],
    [
      "a nested value",
      { kind: "list", name: "n", values: [{ a: 1 } as never] },
      ["n", "values"],
      /value 0 is \{"a":1\}/,
    ],
    [
      "a missing zip value",
      { kind: "zip", names: ["a", "b"], rows: [[1, undefined as never]] },
      ["a+b", "rows"],
      /missing for "b"/,
    ],
    [
      "an empty categorical",
      { kind: "categorical", name: "c", values: [] },
      ["c", "values"],
      /no values/,
    ],
    [
      "a zip without names",
      { kind: "zip", names: [], rows: [] },
      ["zip 0", "names"],
      /at least one name/,
    ],
    [
      "a zip without rows",
      { kind: "zip", names: ["a"], rows: [] },
      ["a", "rows"],
      /no rows/,
    ],
    [
      "a ragged zip row",
      { kind: "zip", names: ["a", "b"], rows: [[1]] },
      ["a+b", "rows"],
      /1 values for 2/,
    ],
    [
      "a zip row given twice",
      { kind: "zip", names: ["a"], rows: [[1], [1]] },
      ["a", "rows"],
      /twice/,
    ],
    [
      "a fractional integer start",
      { kind: "intRange", name: "k", start: 0.5, stop: 3 },
      ["k", "start"],
      /not an integer/,
    ],
    [
      "a zero step",
      { kind: "intRange", name: "k", start: 0, stop: 3, step: 0 },
      ["k", "step"],
      /step is 0/,
    ],
    [
      "a step away from stop",
      { kind: "floatRange", name: "x", start: 0, stop: 1, step: -0.1 },
      ["x", "step"],
      /moves away/,
    ],
    [
      "a range too long to index",
      { kind: "floatRange", name: "x", start: 0, stop: 1e300, step: 1 },
      ["x", "step"],
      /too many/,
    ],
    [
      "an infinite float start",
      { kind: "floatRange", name: "x", start: -Infinity, stop: 1, step: 1 },
      ["x", "start"],
      /not a finite/,
    ],
    [
      "a zero linspace count",
      { kind: "linspace", name: "t", start: 0, stop: 1, count: 0 },
      ["t", "count"],
      /positive integer/,
    ],
    [
      "a logspace from 0",
      { kind: "logspace", name: "a", start: 0, stop: 1, count: 3 },
      ["a", "start"],
      /above 0/,
    ],
    [
      "an integer uniform upside down",
      { kind: "intUniform", name: "k", low: 3, high: 1 },
      ["k", "high"],
      /below low/,
    ],
    [
      "a uniform of zero width",
      { kind: "uniform", name: "u", low: 1, high: 1 },
      ["u", "high"],
      /above low/,
    ],
    [
      "a log-uniform from a negative value",
      { kind: "logUniform", name: "u", low: -1, high: 1 },
      ["u", "low"],
      /above 0/,
    ],
  ];

  it.each(cases)("%s", (_, dimension, where, message) => {
    const problem = one(dimension);
    expect(problem.code).toBe("space/invalid-dimension");
    expect(problem.path).toEqual(["params", ...where]);
    expect(problem.message).toMatch(message);
    expect(problem.fix).toBeTruthy();
  });

  it("reports the definition file and path the caller names", () => {
    const problem = one(
      { kind: "list", name: "n", values: [] },
      { file: "heat.yaml", path: ["space", "params"] },
    );
    expect(problem.file).toBe("heat.yaml");
    expect(problem.path).toEqual(["space", "params", "n", "values"]);
  });
});

describe("invalid spaces", () => {
  it("rejects a space with no parameters", () => {
    expect(problemOf(() => createSpace({ seed: 0, dimensions: [] })).code).toBe(
      "space/empty",
    );
  });

  it("rejects a name that cannot become an environment variable", () => {
    const problem = one({ kind: "list", name: "learning-rate", values: [1] });
    expect(problem.code).toBe("space/invalid-name");
    expect(problem.message).toContain('"learning-rate"');
  });

  it("rejects a name declared twice, counting derived names", () => {
    const problem = problemOf(() =>
      createSpace({
        seed: 0,
        dimensions: [{ kind: "list", name: "n", values: [1] }],
        derived: [{ name: "n", compute: () => 1 }],
      }),
    );
    expect(problem.code).toBe("space/duplicate-name");
    expect(problem.path).toEqual(["params", "n"]);
  });

  it("rejects replicates and seeds that are not whole numbers", () => {
    const dimensions: DimensionSpec[] = [{ kind: "list", name: "n", values: [1] }];
    const replicates = problemOf(() =>
      createSpace({ seed: 0, dimensions, replicates: 0 }),
    );
    expect(replicates).toMatchObject({
      code: "space/invalid-replicates",
      path: ["replicates"],
    });
    const seed = problemOf(() => createSpace({ seed: -1, dimensions }));
    expect(seed).toMatchObject({ code: "space/invalid-seed", path: ["seed"] });
  });

  it("rejects a condition on an unknown parameter and lists the known ones", () => {
    const problem = problemOf(() =>
      createSpace({
        seed: 0,
        dimensions: [
          { kind: "list", name: "solver", values: ["cg"] },
          {
            kind: "list",
            name: "tol",
            values: [1],
            when: { param: "solvr", in: ["cg"] },
          },
        ],
      }),
    );
    expect(problem.code).toBe("space/unknown-condition");
    expect(problem.path).toEqual(["params", "tol", "when", "param"]);
    expect(problem.fix).toContain("solver");
  });

  it("rejects a dimension conditional on itself", () => {
    const problem = one({
      kind: "list",
      name: "a",
      values: [1],
      when: { param: "a", in: [1] },
    });
    expect(problem.code).toBe("space/unknown-condition");
    expect(problem.fix).toContain("(no other dimensions)");
  });

  it("rejects conditions that form a cycle", () => {
    const problem = problemOf(() =>
      createSpace({
        seed: 0,
        dimensions: [
          { kind: "list", name: "n", values: [1] },
          { kind: "list", name: "a", values: [1], when: { param: "b", in: [1] } },
          { kind: "list", name: "b", values: [1], when: { param: "a", in: [1] } },
        ],
      }),
    );
    expect(problem.code).toBe("space/circular-condition");
    expect(problem.message).toContain("cycle");
  });

  it("rejects a condition on a continuous dimension", () => {
    const problem = problemOf(() =>
      createSpace({
        seed: 0,
        dimensions: [
          { kind: "uniform", name: "x", low: 0, high: 1 },
          { kind: "list", name: "a", values: [1], when: { param: "x", in: [0.5] } },
        ],
      }),
    );
    expect(problem.code).toBe("space/condition-parent");
  });
});

describe("spaces that cannot be selected", () => {
  const digits = (count: number): DimensionSpec[] =>
    Array.from({ length: count }, (_, d) => ({
      kind: "intRange",
      name: `x${d}`,
      start: 0,
      stop: 9,
    }));

  it("asks for a sample when a dimension is continuous", () => {
    const problem = select({
      seed: 0,
      dimensions: [{ kind: "uniform", name: "lr", low: 0, high: 1 }],
    });
    expect(problem.code).toBe("space/continuous-without-sample");
    expect(problem.path).toEqual(["params", "lr"]);
    expect(problem.fix).toContain("sample");
  });

  it("names every continuous dimension in one message", () => {
    const problem = select({
      seed: 0,
      dimensions: [
        { kind: "uniform", name: "a", low: 0, high: 1 },
        { kind: "logUniform", name: "b", low: 1, high: 2 },
      ],
    });
    expect(problem.message).toBe(
      '"a", "b" are continuous, so the space has no grid to enumerate',
    );
  });

  it("asks for a sample when the grid is too large to run", () => {
    const problem = select({ seed: 0, dimensions: digits(15) });
    expect(problem.code).toBe("space/grid-too-large");
    expect(problem.message).toContain("1000000000000000 points");
    expect(problem.fix).toContain("sample");
  });

  it("counts replicates and honours a lower limit given by the caller", () => {
    const problem = select(
      { seed: 0, dimensions: digits(2), replicates: 3 },
      { maxGridPoints: 200 },
    );
    expect(problem.message).toContain("100 points × 3 replicates");
  });

  it("limits how large a grid is enumerated to apply constraints", () => {
    const problem = select(
      {
        seed: 0,
        dimensions: digits(3),
        constraints: [{ describe: "x0 > 1", test: (p) => (p.x0 as number) > 1 }],
      },
      { maxEnumerated: 999 },
    );
    expect(problem.message).toContain("enumerated to apply constraints");
  });

  it("names the constraint that drops every point of a grid", () => {
    const problem = select({
      seed: 0,
      dimensions: digits(1),
      constraints: [{ describe: "x0 > 100", test: (p) => (p.x0 as number) > 100 }],
    });
    expect(problem.code).toBe("space/constraint-drops-everything");
    expect(problem.message).toContain("x0 > 100 drops all 10 points");
  });

  it("says what fraction a sampling constraint accepted when it is too few", () => {
    const problem = select({
      seed: 0,
      dimensions: [{ kind: "uniform", name: "x", low: 0, high: 1 }],
      constraints: [{ describe: "x < 0.001", test: (p) => (p.x as number) < 0.001 }],
      sample: { method: "random", count: 100 },
    });
    expect(problem.code).toBe("space/acceptance-too-low");
    expect(problem.message).toMatch(/accepted \d+ of 10000 sampled points \(0\.\d+%\)/);
    expect(problem.fix).toContain("relax the constraint");
  });

  it("refuses to sample more distinct points than a discrete space has", () => {
    const problem = select({
      seed: 0,
      dimensions: digits(2),
      sample: { method: "random", count: 101 },
    });
    expect(problem.code).toBe("space/sample-larger-than-space");
    expect(problem.message).toBe(
      "the sample asks for 101 distinct points, but the space has only 100",
    );
    expect(problem.fix).toContain("at most 100");
  });

  it("says when repeated draws, not constraints, kept a sample from its count", () => {
    const problem = select(
      { seed: 0, dimensions: digits(2), sample: { method: "random", count: 95 } },
      { minAcceptance: 0.9 },
    );
    expect(problem.code).toBe("space/sample-repeats");
    expect(problem.message).toMatch(/only \d+ of 106 sampled points \(\d+%\) were new/);
  });

  it("rejects a sample count that is not a positive integer", () => {
    const problem = select({
      seed: 0,
      dimensions: [{ kind: "uniform", name: "x", low: 0, high: 1 }],
      sample: { method: "lhs", count: 0 },
    });
    expect(problem).toMatchObject({
      code: "space/invalid-sample-count",
      path: ["sample", "count"],
    });
  });

  it("suggests another method when Sobol has too few direction numbers", () => {
    const problem = select({
      seed: 0,
      dimensions: digits(1001),
      sample: { method: "sobol", count: 4 },
    });
    expect(problem.code).toBe("space/too-many-dimensions");
    expect(problem.fix).toContain("lhs");
  });
});

describe("user functions that misbehave", () => {
  const base: SpaceSpec = {
    seed: 0,
    dimensions: [{ kind: "list", name: "n", values: [0, 1] }],
  };

  it("reports a derived parameter that throws, with the point it failed on", () => {
    const problem = problemOf(() =>
      createSpace({
        ...base,
        derived: [
          {
            name: "inv",
            compute: (p) => {
              if (p.n === 0) throw new Error("division by zero");
              return 1;
            },
          },
        ],
      }).paramsAt(0n),
    );
    expect(problem.code).toBe("space/derived-failed");
    expect(problem.message).toContain('{"n":0}');
    expect(problem.message).toContain("division by zero");
  });

  it("reports a derived parameter that is not a scalar", () => {
    const problem = problemOf(() =>
      createSpace({
        ...base,
        derived: [{ name: "inv", compute: (p) => 1 / (p.n as number) }],
      }).paramsAt(0n),
    );
    expect(problem.code).toBe("space/derived-not-scalar");
    expect(problem.message).toContain("Infinity");
  });

  it("reports a constraint that gives something other than true or false", () => {
    const problem = problemOf(() =>
      createSpace({
        ...base,
        constraints: [{ describe: "n", test: (p) => p.n as unknown as boolean }],
      }).select(),
    );
    expect(problem.code).toBe("space/constraint-not-boolean");
    expect(problem.message).toContain("gave 0");
  });

  it("passes on a user error that a derived value or constraint raises itself", () => {
    const own = new UserError({
      code: "definition/expression-failed",
      message: "bad",
      path: ["where"],
    });
    const throwing = () => {
      throw own;
    };
    expect(() =>
      createSpace({ ...base, derived: [{ name: "d", compute: throwing }] }).paramsAt(0n),
    ).toThrow(own);
    expect(() =>
      createSpace({ ...base, constraints: [{ describe: "c", test: throwing }] }).select(),
    ).toThrow(own);
  });

  it("reports a constraint that throws, with its description", () => {
    const problem = problemOf(() =>
      createSpace({
        ...base,
        constraints: [
          { describe: "tol < 1", test: (p) => (p.tol as unknown as { x: number }).x < 1 },
        ],
      }).select(),
    );
    expect(problem.code).toBe("space/constraint-failed");
    expect(problem.path).toEqual(["where", 0]);
    expect(problem.message).toContain("tol < 1");
  });
});

describe("specs of the wrong shape (built in user code)", () => {
  // Every problem of a UserError thrown by createSpace.
  const problemsOf = (spec: unknown, origin?: SpaceOrigin): readonly Problem[] => {
    try {
      createSpace(spec as SpaceSpec, origin);
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return (error as UserError).problems;
    }
    throw new Error("expected a UserError");
  };

  it("names an unknown dimension kind and lists the known ones", () => {
    const [problem] = problemsOf({
      seed: 0,
      dimensions: [{ kind: "logrange", name: "a" }],
    });
    expect(problem).toMatchObject({
      code: "space/invalid-spec",
      path: ["params", "a", "kind"],
    });
    expect(problem!.fix).toContain("logspace");
  });

  it("reports every misplaced field at once, under the dimension's name", () => {
    const problems = problemsOf(
      {
        seed: "42",
        dimensions: [
          { kind: "linspace", name: "t", start: "0", stop: 1, count: 3 },
          { kind: "zip", names: ["a", "b"], rows: "none" },
          { kind: "list", values: [1] },
        ],
      },
      { file: "exp.ts" },
    );
    expect(problems.map((p) => p.path)).toEqual([
      ["params", "t", "start"],
      ["params", "a+b", "rows"],
      ["params", 2, "name"],
      ["seed"],
    ]);
    expect(problems.every((p) => p.file === "exp.ts" && p.fix)).toBe(true);
  });

  it("requires functions for derived values and constraints", () => {
    const problems = problemsOf({
      seed: 0,
      dimensions: [{ kind: "list", name: "n", values: [1] }],
      derived: [{ name: "h", compute: "1 / n" }],
      constraints: [{ describe: "n > 0", test: true }],
    });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [["derived", 0, "compute"], "expected a function"],
      [["constraints", 0, "test"], "expected a function"],
    ]);
  });

  it("lists the sampling methods when given another", () => {
    const [problem] = problemsOf({
      seed: 0,
      dimensions: [{ kind: "uniform", name: "x", low: 0, high: 1 }],
      sample: { method: "halton", count: 8 },
    });
    expect(problem!.path).toEqual(["sample", "method"]);
    expect(problem!.fix).toBe("use one of: random, lhs, sobol");
  });
});
