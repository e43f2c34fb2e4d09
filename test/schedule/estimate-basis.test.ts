// The line a compiled script carries per step, and the basis plan --json
// shows: which model, fitted on how many samples, with what margin.
import { describe, expect, it } from "vitest";
import {
  describeEstimateBasis,
  estimateBasis,
  type StepEstimateBasis,
} from "../../src/schedule/estimate-basis.ts";
import type { Estimates } from "../../src/schedule/estimate/estimates.ts";
import type { ResourceModel } from "../../src/schedule/estimate/model.ts";

function model(
  kind: ResourceModel["kind"],
  samples: number,
  marginFactor: number,
  group: ResourceModel["group"] = {},
): ResourceModel {
  return {
    kind,
    group,
    samples,
    intercept: 0,
    terms: [],
    rSquared: null,
    residualSpread: null,
    marginFactor,
  };
}

describe("the estimate basis of a step", () => {
  const estimates: Estimates = {
    quantile: 0.9,
    steps: [
      {
        step: "sim",
        samples: 40,
        runtime: [
          model("power-law", 40, 1.3216),
          model("power-law", 12, 1.5, { solver: "cg" }),
        ],
        memory: [model("constant", 40, 1.1)],
      },
      { step: "report", samples: 0, runtime: [], memory: [] },
    ],
  };

  it("names the step-wide model, its samples and the widest margin", () => {
    const [sim] = estimateBasis(estimates);

    expect(sim).toEqual({
      step: "sim",
      quantile: 0.9,
      samples: 40,
      runtime: { kind: "power-law", samples: 40, models: 2, marginFactor: 1.5 },
      memory: { kind: "constant", samples: 40, models: 1, marginFactor: 1.1 },
    });
  });

  it("says declared when nothing was fitted", () => {
    const report = estimateBasis(estimates)[1] as StepEstimateBasis;

    expect(report.runtime).toBeNull();
    expect(describeEstimateBasis(report)).toBe(
      "estimate (90th percentile margin, 0 past " +
        "trials): runtime declared (no usable history); memory declared (no usable history)",
    );
  });

  it("words it as one comment-ready line", () => {
    const sim = estimateBasis(estimates)[0] as StepEstimateBasis;

    expect(describeEstimateBasis(sim)).toBe(
      "estimate (90th percentile margin, 40 past " +
        "trials): runtime power-law (+1 group models), 40 samples, margin x1.50; " +
        "memory constant, 40 samples, margin x1.10",
    );
  });
});
