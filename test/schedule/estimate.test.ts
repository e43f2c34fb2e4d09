import { describe, expect, it } from "vitest";
import { estimateTrial, fitEstimates } from "../../src/schedule/estimate/estimates.ts";
import { leastSquares } from "../../src/schedule/estimate/least-squares.ts";
import { declaredModel, fitModel, predict } from "../../src/schedule/estimate/model.ts";
import type { Observation } from "../../src/schedule/estimate/observation.ts";
import { param, planStep, seededNormal, seededRandom, trial } from "./fixtures.ts";

describe("least squares", () => {
  it("recovers an exact line and reports a perfect fit", () => {
    const fit = leastSquares([[1], [2], [3], [4]], [5, 7, 9, 11]);
    expect(fit.coefficients[0]).toBeCloseTo(3);
    expect(fit.coefficients[1]).toBeCloseTo(2);
    expect(fit.rSquared).toBeCloseTo(1);
  });

  it("gives a duplicated feature column a zero coefficient instead of failing", () => {
    const fit = leastSquares(
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      [2, 4, 6],
    );
    expect(
      fit.coefficients[0]! + fit.coefficients[1]! + fit.coefficients[2]!,
    ).toBeCloseTo(2);
    expect(fit.residuals.every((r) => Math.abs(r) < 1e-9)).toBe(true);
  });

  it("calls constant targets a perfect fit and a constant model of varying ones a zero fit", () => {
    expect(leastSquares([[1], [2]], [3, 3]).rSquared).toBe(1);
    expect(leastSquares([[], []], [1, 3]).rSquared).toBe(0);
  });
});

// Runtime = 0.5 × size^1.5 × (3 for solver "direct") × lognormal noise (σ 0.2);
// peak memory = 2 MiB × size × lognormal noise (σ 0.05).
function powerLawHistory(count: number, seed: number): Observation[] {
  const uniform = seededRandom(seed);
  const normal = seededNormal(seed + 1);
  return Array.from({ length: count }, () => {
    const size = Math.round(10 ** (1 + 2 * uniform()));
    const solver = uniform() < 0.5 ? "iterative" : "direct";
    const seconds =
      0.5 * size ** 1.5 * (solver === "direct" ? 3 : 1) * Math.exp(0.2 * normal());
    const memoryMiB = 2 * size * Math.exp(0.05 * normal());
    return { step: "solve", params: { size, solver }, seconds, memoryMiB };
  });
}

describe("runtime models fitted to a power-law history", () => {
  const history = powerLawHistory(400, 7);
  const training = history.slice(0, 200);
  const heldBack = history.slice(200);
  const plan = {
    params: [param("size", "integer", "log"), param("solver", "categorical")],
    steps: [planStep("solve", [])],
  };
  const estimates = fitEstimates(plan, training);

  it("recover the exponent and report fit quality and sample count per group", () => {
    const runtime = estimates.steps[0]!.runtime;
    expect(runtime.map((m) => m.group)).toEqual([
      {},
      { solver: "direct" },
      { solver: "iterative" },
    ]);
    const direct = runtime[1]!;
    expect(direct.kind).toBe("power-law");
    expect(direct.terms[0]).toMatchObject({ param: "size", transform: "log" });
    expect(direct.terms[0]!.coefficient).toBeGreaterThan(1.4);
    expect(direct.terms[0]!.coefficient).toBeLessThan(1.6);
    expect(direct.rSquared).toBeGreaterThan(0.95);
    expect(direct.residualSpread).toBeGreaterThan(0.15);
    expect(direct.residualSpread).toBeLessThan(0.25);
    expect(runtime[1]!.samples + runtime[2]!.samples).toBe(200);
  });

  it("cover at least 90% of held-back trials within the predicted margin", () => {
    let covered = 0;
    for (const observation of heldBack) {
      const estimate = estimateTrial(estimates, trial("solve", 0, observation.params));
      if (observation.seconds <= estimate.walltimeSeconds) covered += 1;
    }
    expect(covered / heldBack.length).toBeGreaterThanOrEqual(0.9);
  });

  it("predict central values close to the truth without noise", () => {
    const estimate = estimateTrial(
      estimates,
      trial("solve", 0, { size: 400, solver: "direct" }),
    );
    const truth = 0.5 * 400 ** 1.5 * 3;
    expect(estimate.expectedSeconds / truth).toBeGreaterThan(0.85);
    expect(estimate.expectedSeconds / truth).toBeLessThan(1.15);
    expect(estimate.walltimeSeconds).toBeGreaterThan(estimate.expectedSeconds);
    expect(estimate.runtimeBasis).toBe("power-law");
  });

  it("fit memory the same way, in MiB", () => {
    const estimate = estimateTrial(
      estimates,
      trial("solve", 0, { size: 1000, solver: "iterative" }),
    );
    expect(estimate.memoryBasis).toBe("power-law");
    expect(estimate.expectedMemoryMiB / 2000).toBeCloseTo(1, 1);
    expect(estimate.memoryMiB).toBeGreaterThan(2000);
    expect(estimate.memoryMiB).toBeLessThan(2000 * 1.25);
  });
});

describe("thin or missing data", () => {
  const plan = { params: [param("n", "numeric")], steps: [planStep("run", [])] };

  it("falls back to a constant model with a margin when samples are few", () => {
    const few: Observation[] = [10, 12, 11, 13].map((seconds, n) => ({
      step: "run",
      params: { n },
      seconds,
      memoryMiB: null,
    }));
    const estimates = fitEstimates(plan, few);
    const model = estimates.steps[0]!.runtime[0]!;
    expect(model.kind).toBe("constant");
    expect(model.samples).toBe(4);
    expect(model.rSquared).toBeNull();
    const estimate = estimateTrial(estimates, trial("run", 0, { n: 100 }));
    // Geometric mean of 10..13 is about 11.4; the margin lifts it past the largest.
    expect(estimate.expectedSeconds).toBeCloseTo(
      Math.exp(Math.log(10 * 12 * 11 * 13) / 4),
      5,
    );
    expect(estimate.walltimeSeconds).toBeGreaterThan(13);
    expect(estimate.memoryBasis).toBe("declared");
    expect(estimate.memoryMiB).toBe(1024);
  });

  it("uses the declared resources when a step has fewer than three samples", () => {
    const two: Observation[] = [
      { step: "run", params: { n: 1 }, seconds: 5, memoryMiB: 10 },
      { step: "run", params: { n: 2 }, seconds: 6, memoryMiB: 10 },
    ];
    const estimate = estimateTrial(fitEstimates(plan, two), trial("run", 0, { n: 3 }));
    expect(estimate).toEqual({
      expectedSeconds: 3600,
      walltimeSeconds: 3600,
      expectedMemoryMiB: 1024,
      memoryMiB: 1024,
      runtimeBasis: "declared",
      memoryBasis: "declared",
    });
  });

  it("uses the step-wide model for a category the history never saw", () => {
    const seen: Observation[] = Array.from({ length: 10 }, (_, i) => ({
      step: "run",
      params: { n: i + 1, kind: "a" },
      seconds: 10 * (i + 1),
      memoryMiB: null,
    }));
    const grouped = {
      params: [param("n", "numeric"), param("kind", "categorical")],
      steps: [planStep("run", [])],
    };
    const estimate = estimateTrial(
      fitEstimates(grouped, seen),
      trial("run", 0, { n: 5, kind: "b" }),
    );
    expect(estimate.runtimeBasis).toBe("power-law");
    expect(estimate.expectedSeconds).toBeCloseTo(50, 5);
  });

  it("enters parameters with zero or negative values linearly rather than in logs", () => {
    const samples = Array.from({ length: 12 }, (_, i) => ({
      params: { shift: i - 3 },
      value: Math.exp(0.1 * (i - 3)),
    }));
    const model = fitModel(samples, ["shift"], {})!;
    expect(model.terms[0]).toMatchObject({ param: "shift", transform: "linear" });
    expect(model.terms[0]!.coefficient).toBeCloseTo(0.1, 6);
    expect(predict(model, { shift: 20 }).expected).toBeCloseTo(Math.exp(2), 4);
  });

  it("makes a declared model that predicts the declared figure with no margin", () => {
    const model = declaredModel(120);
    const prediction = predict(model, {});
    expect(prediction.expected).toBeCloseTo(120, 9);
    expect(prediction.upper).toBe(prediction.expected);
    expect(model.samples).toBe(0);
  });
});
