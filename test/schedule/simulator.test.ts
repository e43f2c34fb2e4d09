import { describe, expect, it } from "vitest";
import { uniformCapacity } from "../../src/schedule/capacity.ts";
import { priorityOrder } from "../../src/schedule/scheduler.ts";
import { simulate } from "../../src/schedule/simulator.ts";
import { workItem } from "../../src/schedule/workload.ts";
import { scheduleViolations } from "./check-schedule.ts";

const declarationOrder = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe("the discrete-event simulator", () => {
  const twoSingleCpuNodes = uniformCapacity(2, { cpus: 1, memoryMiB: 1024, gpus: 0 });

  it("requeues the trial of a lost node and runs it again on a survivor", () => {
    // a starts on node1, b on node2; node1 dies at t=4, so a reruns after b: 10-20.
    const items = [workItem("a", 10), workItem("b", 10)];
    const result = simulate(items, twoSingleCpuNodes, {
      order: declarationOrder(2),
      failures: [{ node: "node1", at: 4 }],
    });
    expect(result.requeued).toBe(1);
    expect(result.lostCoreSeconds).toBe(4);
    expect(result.busyCoreSeconds).toBe(24);
    expect(Array.from(result.start)).toEqual([10, 0]);
    expect(Array.from(result.node)).toEqual([1, 1]);
    expect(result.makespanSeconds).toBe(20);
    expect(result.stranded).toEqual([]);
  });

  it("counts a trial that ends at the instant its node fails as finished", () => {
    const items = [workItem("a", 5)];
    const result = simulate(items, twoSingleCpuNodes, {
      order: [0],
      failures: [{ node: "node1", at: 5 }],
    });
    expect(result.requeued).toBe(0);
    expect(result.makespanSeconds).toBe(5);
  });

  it("reports trials stranded when no surviving node can hold them", () => {
    const items = [workItem("a", 10), workItem("b", 10, { dependsOn: ["a"] })];
    const oneNode = uniformCapacity(1, { cpus: 1, memoryMiB: 1024, gpus: 0 });
    const result = simulate(items, oneNode, {
      order: [0, 1],
      failures: [{ node: "node1", at: 1 }],
    });
    expect(result.stranded).toEqual([0, 1]);
    expect(Number.isNaN(result.start[0])).toBe(true);
    expect(result.launchOrder.length).toBe(0);
  });

  it("ignores failures of nodes it does not know and a second failure of the same node", () => {
    const items = [workItem("a", 3), workItem("b", 3)];
    const result = simulate(items, twoSingleCpuNodes, {
      order: [0, 1],
      failures: [
        { node: "elsewhere", at: 1 },
        { node: "node2", at: 10 },
        { node: "node2", at: 11 },
      ],
    });
    expect(result.makespanSeconds).toBe(3);
    expect(result.requeued).toBe(0);
  });

  it("runs actual durations when they differ from the estimates", () => {
    // Estimated 1 s each, but the second trial really takes 7 s.
    const items = [workItem("a", 1), workItem("b", 1), workItem("c", 1)];
    const actual = new Map([["b", 7]]);
    const result = simulate(items, twoSingleCpuNodes, {
      order: declarationOrder(3),
      durationOf: (item) => actual.get(item.id) ?? item.seconds,
    });
    expect(result.makespanSeconds).toBe(7);
    expect(Array.from(result.start)).toEqual([0, 0, 1]);
    expect(
      scheduleViolations(
        items,
        twoSingleCpuNodes,
        result,
        (item) => actual.get(item.id) ?? item.seconds,
      ),
    ).toEqual([]);
  });

  it("keeps a mixed workload valid through repeated node losses", () => {
    const capacity = uniformCapacity(4, { cpus: 8, memoryMiB: 16384, gpus: 0 });
    const items = Array.from({ length: 200 }, (_, i) =>
      workItem(`t${i}`, 5 + ((i * 37) % 23), {
        cpus: 1 + (i % 4),
        memoryMiB: 1024 * (i % 3),
      }),
    );
    const result = simulate(items, capacity, {
      order: priorityOrder("longest-first", items),
      failures: [
        { node: "node2", at: 20 },
        { node: "node4", at: 45 },
      ],
    });
    expect(result.requeued).toBeGreaterThan(0);
    expect(result.stranded).toEqual([]);
    expect(result.launchOrder.length).toBe(200);
    expect(Array.from(result.node).filter((k) => k === 1 || k === 3).length).toBeLessThan(
      200,
    );
    expect(scheduleViolations(items, capacity, result)).toEqual([]);
    // Nothing may have finished on a node after it died.
    items.forEach((item, i) => {
      const end = (result.start[i] as number) + item.seconds;
      if (result.node[i] === 1) expect(end).toBeLessThanOrEqual(20);
      if (result.node[i] === 3) expect(end).toBeLessThanOrEqual(45);
    });
  });
});
