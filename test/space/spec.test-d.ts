import { describe, expectTypeOf, it } from "vitest";
import type {
  DimensionSpec,
  ParamValues,
  Point,
  SpaceSpec,
} from "../../src/space/index.ts";
import type { ParamValues as PlanParamValues } from "../../src/plan/types.ts";

describe("the space spec types", () => {
  it("share the Plan's parameter value types", () => {
    expectTypeOf<ParamValues>().toEqualTypeOf<PlanParamValues>();
    expectTypeOf<Point["params"]>().toEqualTypeOf<PlanParamValues>();
  });

  it("require the fields of each dimension kind and reject unknown kinds", () => {
    expectTypeOf({
      kind: "logspace",
      name: "a",
      start: 1e-3,
      stop: 1e-1,
      count: 5,
    } as const).toExtend<DimensionSpec>();
    // @ts-expect-error a float range needs a step
    const noStep: DimensionSpec = { kind: "floatRange", name: "x", start: 0, stop: 1 };
    // @ts-expect-error there is no "logrange" kind
    const unknownKind: DimensionSpec = { kind: "logrange", name: "x", start: 1, stop: 2 };
    // @ts-expect-error categorical values are labels, not numbers
    const numbers: DimensionSpec = { kind: "categorical", name: "c", values: [1, 2] };
    void [noStep, unknownKind, numbers];
  });

  it("accept only the three sampling methods", () => {
    expectTypeOf<NonNullable<SpaceSpec["sample"]>["method"]>().toEqualTypeOf<
      "random" | "lhs" | "sobol"
    >();
  });
});
