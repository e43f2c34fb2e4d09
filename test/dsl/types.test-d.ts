import { describe, expectTypeOf, it } from "vitest";
import {
  derived,
  experiment,
  intRange,
  logspace,
  sh,
  values,
  when,
  zip,
} from "../../dsl/index.ts";

describe("parameter types flow through the builder", () => {
  it("gives step callbacks the literal union, numbers, seed and replicate", () => {
    experiment("heat")
      .param("alpha", logspace(1e-3, 1e-1, 5))
      .param("n", values([64, 128, 256] as const))
      .param("solver", values(["jacobi", "cg"] as const))
      .step("simulate", (s) =>
        s.run((p) => {
          expectTypeOf(p.solver).toEqualTypeOf<"jacobi" | "cg">();
          expectTypeOf(p.n).toEqualTypeOf<64 | 128 | 256>();
          expectTypeOf(p.alpha).toEqualTypeOf<number>();
          expectTypeOf(p.seed).toEqualTypeOf<number>();
          expectTypeOf(p.replicate).toEqualTypeOf<number>();
          // @ts-expect-error a misspelt parameter name does not compile
          void p.solvr;
          return ["python3", "sim.py", p.alpha, p.solver];
        }),
      );
  });

  it("types derived, zipped and conditional parameters", () => {
    experiment("mesh")
      .param("n", intRange(1, 4))
      .param(
        "n2",
        derived((p) => p.n * 2),
      )
      .param("mesh", zip({ nx: [10, 20], label: ["a", "b"] }))
      .param("solver", values(["jacobi", "cg"] as const))
      .param("tol", when("solver", "cg", values([1e-6, 1e-8])))
      .where((p) => p.n2 < 8 && p.label !== "b")
      .step("run", (s) =>
        s.shell((p) => {
          expectTypeOf(p.n2).toEqualTypeOf<number>();
          expectTypeOf(p.nx).toEqualTypeOf<number>();
          expectTypeOf(p.label).toEqualTypeOf<"a" | "b">();
          expectTypeOf(p.tol).toEqualTypeOf<1e-6 | 1e-8 | undefined>();
          return sh`./solve --nx ${p.nx}`;
        }),
      );
  });

  it("rejects a duplicate parameter name and a reserved one", () => {
    const base = experiment("x").param("n", intRange(1, 3));
    // @ts-expect-error n is already declared
    base.param("n", intRange(1, 3));
    // @ts-expect-error seed is reserved for every trial
    base.param("seed", intRange(1, 3));
  });

  it("rejects a conditional on an undeclared parameter", () => {
    // @ts-expect-error solver has not been declared yet
    experiment("x").param("tol", when("solver", "cg", values([1])));
  });

  it("only lets a step wait on steps declared before it", () => {
    experiment("x")
      .param("n", intRange(1, 3))
      .step("simulate", (s) => s.run(["sim"]))
      .step("analyse", (s) => s.run(["an"]).after("simulate"))
      // @ts-expect-error "simulat" is not a declared step
      .step("report", (s) => s.run(["r"]).afterAll("simulat"));
  });

  it("types resource functions with the trial's params", () => {
    experiment("x")
      .param("n", values([64, 128] as const))
      .step("simulate", (s) =>
        s.run(["sim"]).resources({
          cpus: (p) => (p.n > 64 ? 4 : 2),
          memory: "2GiB",
          // @ts-expect-error nn is not a parameter
          time: (p) => (p.nn > 1 ? "1h" : "10m"),
        }),
      );
  });
});
