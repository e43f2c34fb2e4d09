import { describe, expect, it } from "vitest";
import {
  clusterRequestForStep,
  clusterRequestForTrial,
  formatPbsWalltime,
  formatSlurmTime,
  roundUpMemory,
  roundUpWalltime,
} from "../../src/schedule/cluster-request.ts";
import { fitEstimates } from "../../src/schedule/estimate/estimates.ts";
import type { Observation } from "../../src/schedule/estimate/observation.ts";
import { classifySteps } from "../../src/schedule/heavy.ts";
import { workItem } from "../../src/schedule/workload.ts";
import { param, planStep, trial } from "./fixtures.ts";

describe("rounding estimates into cluster requests", () => {
  it("rounds walltime up to a minute, five minutes or a quarter hour by size", () => {
    expect(roundUpWalltime(1)).toBe(60);
    expect(roundUpWalltime(61)).toBe(120);
    expect(roundUpWalltime(601)).toBe(900);
    expect(roundUpWalltime(7201)).toBe(8100);
  });

  it("rounds memory up to 128 MiB, 256 MiB or whole GiB steps by size", () => {
    expect(roundUpMemory(1)).toBe(128);
    expect(roundUpMemory(1000)).toBe(1024);
    expect(roundUpMemory(1100)).toBe(1280);
    expect(roundUpMemory(9000)).toBe(9216);
  });

  it("writes SLURM and PBS time formats", () => {
    expect(formatSlurmTime(3661)).toBe("01:01:01");
    expect(formatSlurmTime(90_000)).toBe("1-01:00:00");
    expect(formatPbsWalltime(90_000)).toBe("25:00:00");
  });

  it("shows the margin behind a trial's request", () => {
    const request = clusterRequestForTrial({
      expectedSeconds: 100,
      walltimeSeconds: 150,
      expectedMemoryMiB: 500,
      memoryMiB: 700,
      runtimeBasis: "power-law",
      memoryBasis: "power-law",
    });
    expect(request).toEqual({
      walltimeSeconds: 180,
      memoryMiB: 768,
      slurmTime: "00:03:00",
      pbsWalltime: "00:03:00",
      memory: "768M",
      basis: "power-law estimate × 1.50 margin, rounded up",
    });
  });

  it("covers the slowest trial of a step with one array-job request", () => {
    // Runtime exactly 2 × n: the fit is perfect and the margin is 1.
    const history: Observation[] = Array.from({ length: 10 }, (_, i) => ({
      step: "s",
      params: { n: i + 1 },
      seconds: 2 * (i + 1),
      memoryMiB: 3000,
    }));
    const step = planStep("s", [trial("s", 0, { n: 100 }), trial("s", 1, { n: 400 })]);
    const estimates = fitEstimates(
      { params: [param("n", "numeric")], steps: [step] },
      history,
    );
    const request = clusterRequestForStep(estimates, step);
    expect(request.walltimeSeconds).toBe(900); // 800 s rounded up to 15 min
    expect(request.memory).toBe("3G");
    expect(request.basis).toBe("power-law estimate × 1.00 margin, rounded up");
  });

  it("falls back to the declared figures and says so", () => {
    const step = planStep("s", [trial("s", 0, {})]);
    const request = clusterRequestForStep(
      fitEstimates({ params: [], steps: [step] }, []),
      step,
    );
    expect(request).toMatchObject({
      slurmTime: "01:00:00",
      memory: "1G",
      basis: "declared resources, rounded up",
    });
    const empty = planStep("e", []);
    expect(
      clusterRequestForStep(fitEstimates({ params: [], steps: [empty] }, []), empty)
        .basis,
    ).toBe("empty step");
  });
});

describe("the heaviness rule", () => {
  const steps = [
    { name: "flagged", heavy: true },
    { name: "big", heavy: false },
    { name: "gpu", heavy: false },
    { name: "small", heavy: false },
  ];
  const items = [
    workItem("f", 1, { step: "flagged" }),
    workItem("b", 3600 * 30, { step: "big", cpus: 4 }),
    workItem("g", 3600 * 6, { step: "gpu", gpus: 2 }),
    workItem("s", 60, { step: "small" }),
  ];

  it("marks flagged steps and steps above the core-hour or GPU-hour threshold", () => {
    expect(classifySteps(steps, items)).toEqual([
      { step: "flagged", heavy: true, reason: "flagged heavy" },
      { step: "big", heavy: true, reason: "120.0 core-hours > 100" },
      { step: "gpu", heavy: true, reason: "12.0 GPU-hours > 10" },
      { step: "small", heavy: false, reason: "light" },
    ]);
  });

  it("takes custom thresholds", () => {
    const result = classifySteps(steps, items, { coreHours: 1000, gpuHours: 100 });
    expect(result.map((h) => h.heavy)).toEqual([true, false, false, false]);
  });
});

describe("a plan with estimated requests", () => {
  it("rounds modelled walltime and memory up and keeps declared figures elsewhere", async () => {
    const { applyEstimates } = await import("../../src/schedule/apply-estimates.ts");
    const { planHash } = await import("../../src/plan/index.ts");
    // "fit" has a perfect 2 × n runtime model; "plain" has no history.
    const history: Observation[] = Array.from({ length: 10 }, (_, i) => ({
      step: "fit",
      params: { n: i + 1 },
      seconds: 2 * (i + 1),
      memoryMiB: null,
    }));
    const fit = planStep("fit", [
      trial("fit", 0, { n: 100 }),
      trial("fit", 1, { n: 400 }),
    ]);
    const plain = planStep("plain", [trial("plain", 0, { n: 1 })]);
    const base = {
      schemaVersion: 1 as const,
      generator: { name: "sweepforge" as const, version: "0.1.0" },
      experiment: "e",
      definition: { path: "e.yaml", format: "yaml" as const, hash: "0" },
      seed: 1,
      space: { size: "2", selected: 2, method: "grid" as const, replicates: 1 },
      params: [param("n", "numeric")],
      metrics: [],
      steps: [fit, plain],
      inputs: [],
      cluster: {},
      hash: "old",
    };
    const estimates = fitEstimates(base, history);
    const applied = applyEstimates(base, estimates, planHash);

    expect(applied.steps[0]!.trials.at(0).resources.walltimeSeconds).toBe(240);
    expect([...applied.steps[0]!.trials].map((t) => t.resources.walltimeSeconds)).toEqual(
      [240, 900],
    );
    expect(applied.steps[0]!.trials.at(1).resources.memoryMiB).toBe(1024);
    expect(applied.steps[1]!.trials.at(0).resources.walltimeSeconds).toBe(3600);
    expect(applied.hash).not.toBe("old");
    expect(applied.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
