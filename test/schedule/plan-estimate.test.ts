import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import type { Plan, PlanStep } from "../../src/plan/types.ts";
import { uniformCapacity } from "../../src/schedule/capacity.ts";
import { findConflicts } from "../../src/schedule/conflicts.ts";
import { fitEstimates } from "../../src/schedule/estimate/estimates.ts";
import type { Observation } from "../../src/schedule/estimate/observation.ts";
import { parseOffPeakPolicy } from "../../src/schedule/off-peak.ts";
import { estimatePlan } from "../../src/schedule/plan-estimate.ts";
import { workloadFromPlan } from "../../src/schedule/plan-workload.ts";
import { workItem } from "../../src/schedule/workload.ts";
import { DECLARED, param, planStep, trial } from "./fixtures.ts";

function planOf(steps: readonly PlanStep[], params: Plan["params"] = []): Plan {
  return {
    schemaVersion: 1,
    generator: { name: "sweepforge", version: "0.1.0" },
    experiment: "demo",
    definition: { path: "demo.yaml", format: "yaml", hash: "0".repeat(64) },
    seed: 1,
    space: { size: "4", selected: 4, method: "grid", replicates: 1 },
    params,
    metrics: [],
    steps,
    inputs: [],
    cluster: {},
    hash: "1".repeat(64),
  };
}

const minutes = (m: number) => ({ ...DECLARED, walltimeSeconds: m * 60 });

describe("a plan's estimate section", () => {
  // Four 30-minute trials of "sim" on 2 cpus, then one 10-minute "report".
  const sims = [0, 1, 2, 3].map((i) =>
    trial("sim", i, { x: i }, { resources: minutes(30) }),
  );
  const report = trial(
    "report",
    0,
    {},
    {
      resources: minutes(10),
      dependsOn: sims.map((t) => t.id),
    },
  );
  const plan = planOf([planStep("sim", sims), planStep("report", [report])]);
  const twoCpus = uniformCapacity(1, { cpus: 2, memoryMiB: 8192, gpus: 0 });

  it("reports core-hours, makespan, its lower bound and utilization", () => {
    const estimate = estimatePlan(plan, { capacity: twoCpus });
    expect(estimate.coreHours).toBeCloseTo(130 / 60, 4);
    // Two rounds of two 30-minute sims, then the report alone: 70 minutes.
    expect(estimate.makespanSeconds).toBe(4200);
    // Work 130 min over 2 cpus = 65 min; the chain sim → report is 40 min.
    expect(estimate.lowerBoundSeconds).toBe(3900);
    expect(estimate.lowerBoundBinding).toBe("cpu-work");
    expect(estimate.utilization).toBeCloseTo(130 / 140, 4);
    expect(estimate.fifo.makespanSeconds).toBe(4200);
    expect(estimate.capacity).toEqual({
      source: "given",
      nodes: 1,
      cpus: 2,
      memoryMiB: 8192,
      gpus: 0,
    });
  });

  it("lists each step with its cluster request and heaviness", () => {
    const estimate = estimatePlan(plan, {
      capacity: twoCpus,
      heaviness: { coreHours: 1 },
    });
    expect(
      estimate.steps.map((s) => [s.step, s.trials, s.heavy, s.request.slurmTime]),
    ).toEqual([
      ["sim", 4, true, "00:30:00"],
      ["report", 1, false, "00:10:00"],
    ]);
    expect(estimate.steps[0]?.heavyReason).toBe("2.0 core-hours > 1");
  });

  it("predicts the effect of losing a node with the simulator", () => {
    const twoNodes = uniformCapacity(2, { cpus: 1, memoryMiB: 8192, gpus: 0 });
    const estimate = estimatePlan(plan, {
      capacity: twoNodes,
      simulate: { failures: [{ node: "node2", at: 600 }] },
    });
    // node2 dies 10 minutes into its first sim; node1 then runs the other three sims
    // and the report: 30 + 30 + 30 + 30 + 10 = 130 minutes.
    expect(estimate.simulation).toEqual({
      makespanSeconds: 7800,
      utilization: 0.5,
      requeued: 1,
      lostCoreHours: 0.1667,
      strandedTrials: 0,
    });
  });

  it("uses fitted estimates instead of declared walltimes when history exists", () => {
    const history: Observation[] = [0, 1, 2, 3, 4].map((x) => ({
      step: "sim",
      params: { x },
      seconds: 60,
      memoryMiB: 100,
    }));
    const withParams = planOf(plan.steps, [param("x", "numeric")]);
    const estimates = fitEstimates(withParams, history);
    const estimate = estimatePlan(withParams, { capacity: twoCpus, estimates });
    expect(estimate.steps[0]?.request.slurmTime).toBe("00:01:00");
    expect(estimate.makespanSeconds).toBe(120 + 600);
    const first = workloadFromPlan(withParams, estimates)[0];
    expect(first?.seconds).toBeCloseTo(60, 6);
    expect(first?.memoryMiB).toBeCloseTo(100, 6);
  });

  it("refuses a deadline the plan cannot meet, naming the bound", () => {
    expect(() =>
      estimatePlan(plan, { capacity: twoCpus, deadlineSeconds: 3000 }),
    ).toThrow(
      /deadline of 3000 s cannot be met: the plan needs 1.17 h and no schedule can beat 1.08 h/,
    );
    expect(() =>
      estimatePlan(plan, { capacity: twoCpus, deadlineSeconds: 4000 }),
    ).toThrow(/the lower bound is 1.08 h/);
    expect(
      estimatePlan(plan, { capacity: twoCpus, deadlineSeconds: 4200 }).makespanSeconds,
    ).toBe(4200);
  });

  it("refuses a heavy trial longer than the shortest off-peak window", () => {
    const policy = parseOffPeakPolicy({ timeZone: "UTC", weekday: "01:00-01:20" });
    const heavyPlan = planOf([planStep("sim", sims, true)]);
    expect(() =>
      estimatePlan(heavyPlan, {
        capacity: twoCpus,
        offPeak: policy,
        now: new Date("2026-12-02T12:00:00Z"),
      }),
    ).toThrow(/longer than the shortest off-peak window/);
    const roomy = parseOffPeakPolicy({ timeZone: "UTC", weekday: "01:00-05:00" });
    expect(
      estimatePlan(heavyPlan, { capacity: twoCpus, offPeak: roomy }).steps[0]?.heavy,
    ).toBe(true);
  });
});

describe("conflicts found at plan time", () => {
  const node = uniformCapacity(2, { cpus: 8, memoryMiB: 16384, gpus: 1 });

  it("name every step with a trial no node can hold, with counts and the largest node", () => {
    const problems = findConflicts(
      [
        workItem("a", 1, { step: "wide", cpus: 16 }),
        workItem("b", 1, { step: "wide", cpus: 32 }),
        workItem("c", 1, { step: "fat", memoryMiB: 32768 }),
        workItem("d", 1, { step: "gpu", gpus: 2 }),
        workItem("e", 1, { step: "fine", cpus: 8 }),
      ],
      node,
    );
    expect(problems.map((p) => p.path)).toEqual([
      ["steps", "wide", "resources"],
      ["steps", "fat", "resources"],
      ["steps", "gpu", "resources"],
    ]);
    expect(problems[0]?.message).toBe(
      '2 trial(s) of step "wide" fit no node: trial a needs ' +
        "16 cpus, 0 MiB, 0 gpus; the largest node has 8 cpus, 16384 MiB, 1 gpus",
    );
  });

  it("are thrown together as one user error by the plan estimate", () => {
    const plan = planOf([
      planStep("big", [
        trial(
          "big",
          0,
          {},
          {
            resources: { cpus: 64, memoryMiB: 1024, gpus: 0, walltimeSeconds: 60 },
          },
        ),
      ]),
    ]);
    try {
      estimatePlan(plan, { capacity: node });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems[0]?.code).toBe("schedule/trial-too-large");
    }
  });
});
