import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { uniformCapacity, type Capacity } from "../../src/schedule/capacity.ts";
import { makespanLowerBound } from "../../src/schedule/lower-bound.ts";
import { ALGORITHMS, planSchedule, priorityOrder } from "../../src/schedule/scheduler.ts";
import { workItem, type WorkItem } from "../../src/schedule/workload.ts";
import { scheduleViolations } from "./check-schedule.ts";

const cpus = (count: number, memoryMiB = 1_000_000, gpus = 0): Capacity =>
  uniformCapacity(1, { cpus: count, memoryMiB, gpus });

const ids = (items: readonly WorkItem[], order: ArrayLike<number>): string[] =>
  Array.from(order, (i) => (items[i] as WorkItem).id);

describe("first-in-first-out scheduling", () => {
  it("starts trials strictly in declaration order, even when a later one would fit", () => {
    // x holds one of two cpus for 5 s; y needs both; z could fit beside x but
    // must queue behind y: y runs 5-6 and z 6-7.
    const items = [workItem("x", 5), workItem("y", 1, { cpus: 2 }), workItem("z", 1)];
    const schedule = planSchedule(items, cpus(2), { algorithm: "fifo" });
    expect(ids(items, schedule.simulation.launchOrder)).toEqual(["x", "y", "z"]);
    expect(Array.from(schedule.simulation.start)).toEqual([0, 5, 6]);
    expect(schedule.makespanSeconds).toBe(7);
  });

  it("leaves a long trial declared last to run alone at the end", () => {
    const items = [1, 1, 1, 1, 4].map((seconds, i) => workItem(`t${i}`, seconds));
    const schedule = planSchedule(items, cpus(2), { algorithm: "fifo" });
    expect(schedule.makespanSeconds).toBe(6);
    expect(schedule.utilization).toBeCloseTo(8 / 12);
  });
});

describe("longest-first list scheduling", () => {
  it("starts the long trial first and fills the other cpu with short ones", () => {
    const items = [1, 1, 1, 1, 4].map((seconds, i) => workItem(`t${i}`, seconds));
    const schedule = planSchedule(items, cpus(2), { algorithm: "longest-first" });
    expect(ids(items, schedule.simulation.launchOrder)[0]).toBe("t4");
    expect(schedule.makespanSeconds).toBe(4);
    expect(schedule.lowerBound.seconds).toBe(4);
    expect(schedule.utilization).toBe(1);
  });

  it("lets a narrow trial backfill beside a running one when a wide one cannot start", () => {
    const items = [workItem("x", 5), workItem("y", 1, { cpus: 2 }), workItem("z", 1)];
    const schedule = planSchedule(items, cpus(2), { algorithm: "longest-first" });
    expect(Array.from(schedule.simulation.start)).toEqual([0, 5, 0]);
    expect(schedule.makespanSeconds).toBe(6);
  });

  it("breaks ties by declaration order so plans are reproducible", () => {
    const items = [3, 1, 3, 1].map((seconds, i) => workItem(`t${i}`, seconds));
    expect(ids(items, priorityOrder("longest-first", items))).toEqual([
      "t0",
      "t2",
      "t1",
      "t3",
    ]);
  });
});

describe("critical-path-first scheduling of a step DAG", () => {
  // A four-link chain a→b→c→d of 1 s trials beside two independent 3 s ones,
  // on 2 cpus. Longest-first runs x and y first and the chain after: 7 s.
  // Upward ranks (a 4, x 3, y 3, b 3, …) start the chain at once: 6 s.
  const chain = [
    workItem("a", 1),
    workItem("b", 1, { dependsOn: ["a"] }),
    workItem("c", 1, { dependsOn: ["b"] }),
    workItem("d", 1, { dependsOn: ["c"] }),
  ];
  const items = [workItem("x", 3), workItem("y", 3), ...chain];

  it("finishes sooner than longest-first by starting the longest chain early", () => {
    expect(
      planSchedule(items, cpus(2), { algorithm: "longest-first" }).makespanSeconds,
    ).toBe(7);
    expect(
      planSchedule(items, cpus(2), { algorithm: "critical-path" }).makespanSeconds,
    ).toBe(6);
  });

  it("never starts a trial before the trials it depends on have ended", () => {
    for (const algorithm of ALGORITHMS) {
      const schedule = planSchedule(items, cpus(2), { algorithm });
      expect(scheduleViolations(items, cpus(2), schedule.simulation)).toEqual([]);
    }
  });

  it("rejects a dependency cycle as a user error naming the step", () => {
    const cyclic = [
      workItem("p", 1, { dependsOn: ["q"] }),
      workItem("q", 1, { dependsOn: ["p"] }),
    ];
    expect(() => planSchedule(cyclic, cpus(1))).toThrow(UserError);
    expect(() => planSchedule(cyclic, cpus(1))).toThrow(/dependency cycle/);
  });
});

describe("multi-resource packing onto nodes", () => {
  const twoNodes = uniformCapacity(2, { cpus: 4, memoryMiB: 8192, gpus: 0 });

  it("runs no more trials on a node than its memory holds, even with cpus idle", () => {
    // Each trial needs 6 GiB of a node's 8: one per node at a time.
    const items = [0, 1, 2, 3].map((i) => workItem(`m${i}`, 10, { memoryMiB: 6144 }));
    const schedule = planSchedule(items, twoNodes);
    expect(schedule.makespanSeconds).toBe(20);
    expect(scheduleViolations(items, twoNodes, schedule.simulation)).toEqual([]);
    // 4 × 6144 MiB × 10 s over 16384 MiB: memory work bounds the makespan at 15 s.
    expect(schedule.lowerBound).toEqual({ seconds: 15, binding: "memory-work" });
  });

  it("places a gpu trial only on a node that has a gpu", () => {
    const mixed: Capacity = {
      source: "given",
      nodes: [
        { name: "cpu-node", cpus: 8, memoryMiB: 8192, gpus: 0 },
        { name: "gpu-node", cpus: 8, memoryMiB: 8192, gpus: 1 },
      ],
    };
    const items = [workItem("train", 5, { gpus: 1 }), workItem("train2", 5, { gpus: 1 })];
    const schedule = planSchedule(items, mixed);
    expect(Array.from(schedule.simulation.node)).toEqual([1, 1]);
    expect(schedule.makespanSeconds).toBe(10);
    expect(schedule.lowerBound).toEqual({ seconds: 10, binding: "gpu-work" });
  });

  it("puts a trial on the fullest node it fits, keeping a whole node free for a wide one", () => {
    const uneven: Capacity = {
      source: "given",
      nodes: [
        { name: "big", cpus: 4, memoryMiB: 8192, gpus: 0 },
        { name: "small", cpus: 2, memoryMiB: 8192, gpus: 0 },
      ],
    };
    const items = [workItem("pair", 10, { cpus: 2 }), workItem("wide", 9, { cpus: 4 })];
    const schedule = planSchedule(items, uneven, { algorithm: "fifo" });
    expect(Array.from(schedule.simulation.node)).toEqual([1, 0]);
    expect(Array.from(schedule.simulation.start)).toEqual([0, 0]);
  });
});

describe("the makespan lower bound", () => {
  it("is the total cpu work spread over all cpus when that dominates", () => {
    const items = Array.from({ length: 10 }, (_, i) => workItem(`t${i}`, 3, { cpus: 2 }));
    expect(makespanLowerBound(items, cpus(4))).toEqual({
      seconds: 15,
      binding: "cpu-work",
    });
  });

  it("is the longest single trial when capacity is plentiful", () => {
    const items = [workItem("long", 100), workItem("short", 1)];
    expect(makespanLowerBound(items, cpus(64))).toEqual({
      seconds: 100,
      binding: "trial",
    });
  });

  it("is the longest dependency chain when steps wait on each other", () => {
    const items = [
      workItem("a", 5),
      workItem("b", 5, { dependsOn: ["a"] }),
      workItem("c", 6),
    ];
    expect(makespanLowerBound(items, cpus(64))).toEqual({
      seconds: 10,
      binding: "chain",
    });
  });
});

describe("automatic algorithm choice", () => {
  it("keeps the shortest of its candidate schedules", () => {
    const items = [
      workItem("w1", 2, { cpus: 4 }),
      workItem("n1", 3),
      workItem("n2", 3),
      workItem("n3", 3),
      workItem("n4", 3),
      workItem("w2", 2, { cpus: 4 }),
    ];
    const auto = planSchedule(items, cpus(4));
    for (const algorithm of ["critical-path", "largest-area", "widest-first"] as const) {
      expect(auto.makespanSeconds).toBeLessThanOrEqual(
        planSchedule(items, cpus(4), { algorithm }).makespanSeconds,
      );
    }
    expect(auto.makespanSeconds).toBe(7);
  });
});

describe("any schedule of any small workload", () => {
  const workload = fc
    .array(
      fc.record({
        seconds: fc.integer({ min: 1, max: 50 }),
        cpus: fc.integer({ min: 1, max: 4 }),
        memoryMiB: fc.constantFrom(0, 512, 2048),
        dependOnPrevious: fc.boolean(),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((specs) =>
      specs.map((spec, i) =>
        workItem(`t${i}`, spec.seconds, {
          cpus: spec.cpus,
          memoryMiB: spec.memoryMiB,
          dependsOn: spec.dependOnPrevious && i > 0 ? [`t${i - 1}`] : [],
        }),
      ),
    );
  const capacity = uniformCapacity(2, { cpus: 4, memoryMiB: 4096, gpus: 0 });

  it("respects capacity and dependencies, runs everything once and beats no bound", () => {
    fc.assert(
      fc.property(workload, fc.constantFrom(...ALGORITHMS), (items, algorithm) => {
        const schedule = planSchedule(items, capacity, { algorithm });
        expect(scheduleViolations(items, capacity, schedule.simulation)).toEqual([]);
        expect(schedule.simulation.launchOrder.length).toBe(items.length);
        expect(schedule.makespanSeconds).toBeGreaterThanOrEqual(
          schedule.lowerBound.seconds,
        );
        expect(schedule.utilization).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 150 },
    );
  });

  it("stays within twice the bound for independent one-cpu trials (Graham's bound)", () => {
    const independent = fc
      .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 60 })
      .map((lengths) => lengths.map((seconds, i) => workItem(`t${i}`, seconds)));
    fc.assert(
      fc.property(independent, fc.integer({ min: 1, max: 8 }), (items, width) => {
        const schedule = planSchedule(items, cpus(width), { algorithm: "longest-first" });
        expect(schedule.makespanSeconds).toBeLessThanOrEqual(
          2 * schedule.lowerBound.seconds,
        );
      }),
      { numRuns: 150 },
    );
  });
});
