// Properties of bundling and chunking: every trial lands in exactly one task,
// arrays respect the cap, and a per-trial dependent step keeps the index
// correspondence its aftercorr dependency relies on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseBundleSize, chunk, layoutPlan, taskResources } from "../../compilers/shared/task-layout.ts";
import { optionsFor, planOf, stepOf } from "./plan-fixtures.ts";

const sizes = fc.record({
  count: fc.integer({ min: 1, max: 300 }),
  bundle: fc.integer({ min: 1, max: 9 }),
  cap: fc.integer({ min: 1, max: 40 }),
});

describe("task layout", () => {
  it("puts every trial in exactly one task of at most the bundle size", () => {
    fc.assert(fc.property(sizes, ({ count, bundle, cap }) => {
      const plan = planOf("p", [stepOf({ name: "a", count, argv: () => ["true"] })]);
      const [layout] = layoutPlan(plan, optionsFor("slurm", "/r", { bundle, arrayCap: cap }));

      expect(layout!.rows.map((row) => row.trial.index)).toEqual([...Array(count).keys()]);
      const perTask = new Map<number, number>();
      for (const row of layout!.rows) perTask.set(row.task, (perTask.get(row.task) ?? 0) + 1);
      expect(Math.max(...perTask.values())).toBeLessThanOrEqual(bundle);
      expect(perTask.size).toBe(Math.ceil(count / bundle));
    }));
  });

  it("splits tasks into arrays no larger than the cap, with contiguous offsets", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 1001 }),
      (count, cap) => {
        const parts = chunk(0, count, cap);
        let next = 0;
        for (const part of parts) {
          expect(part.offset).toBe(next);
          expect(part.count).toBeGreaterThan(0);
          expect(part.count - 1).toBeLessThan(cap);
          next += part.count;
        }
        expect(next).toBe(count);
      }));
  });

  it("gives a per-trial dependent trial the same task as its parent", () => {
    fc.assert(fc.property(sizes, ({ count, bundle, cap }) => {
      const plan = planOf("p", [
        stepOf({ name: "a", count, argv: () => ["true"] }),
        stepOf({ name: "b", count, argv: () => ["true"], dependsOn: [{ step: "a", mode: "each" }] }),
      ]);
      const [parent, child] = layoutPlan(plan, optionsFor("slurm", "/r", { bundle, arrayCap: cap }));

      const parentTask = new Map(parent!.rows.map((row) => [row.trial.index, row.task]));
      for (const row of child!.rows) expect(row.task).toBe(parentTask.get(row.trial.index));
      expect(child!.parts.map((part) => [part.offset, part.count]))
        .toEqual(parent!.parts.map((part) => [part.offset, part.count]));
      expect(child!.parts.every((part, i) => part.correspondsTo === i)).toBe(true);
    }));
  });

  it("runs children of already finished parents in their own tasks without a dependency", () => {
    const plan = planOf("p", [
      stepOf({ name: "a", count: 6, argv: () => ["true"] }),
      stepOf({ name: "b", count: 6, argv: () => ["true"], dependsOn: [{ step: "a", mode: "each" }] }),
    ]);
    const only = new Set(["a-00004", "a-00005", ...[0, 1, 2, 3, 4, 5].map((i) => `b-0000${i}`)]);
    const [parent, child] = layoutPlan(plan,
      optionsFor("slurm", "/r", { bundle: 2, arrayCap: 10, onlyTrials: only }));

    expect(parent!.rows.map((row) => row.trial.id)).toEqual(["a-00004", "a-00005"]);
    const linked = child!.rows.filter((row) => row.task === 0).map((row) => row.trial.id);
    expect(linked).toEqual(["b-00004", "b-00005"]);
    expect(child!.parts).toEqual([
      { part: 0, offset: 0, count: 1, correspondsTo: 0 },
      { part: 1, offset: 1, count: 2 },
    ]);
  });

  it("drops the dependency when every parent trial already finished", () => {
    const plan = planOf("p", [
      stepOf({ name: "a", count: 3, argv: () => ["true"] }),
      stepOf({ name: "b", count: 3, argv: () => ["true"], dependsOn: [{ step: "a", mode: "each" }] }),
      stepOf({ name: "c", count: 1, argv: () => ["true"], dependsOn: [{ step: "a", mode: "all" }] }),
    ]);
    const only = new Set(["b-00000", "c-00000"]);
    const [, child, aggregate] = layoutPlan(plan, optionsFor("slurm", "/r", { bundle: 1, onlyTrials: only }));

    expect(child!.correspondsToStep).toBeUndefined();
    expect(child!.parts).toEqual([{ part: 0, offset: 0, count: 1 }]);
    expect(aggregate!.waitsForAll).toEqual([]);
  });

  it("sizes auto bundles to fill the target task length", () => {
    const options = optionsFor("slurm", "/r", { bundle: "auto", taskLengthSeconds: 1800 });
    expect(chooseBundleSize(60, options)).toBe(30);
    expect(chooseBundleSize(7200, options)).toBe(1);
    expect(chooseBundleSize(0, options)).toBe(1800);
    expect(chooseBundleSize(60, { ...options, bundleParallel: 4 })).toBe(120);
  });

  it("asks for a bundle's worth of resources when its trials run in parallel", () => {
    const plan = planOf("p", [stepOf({
      name: "a", count: 8, argv: () => ["true"],
      resources: { cpus: 2, memoryMiB: 500, gpus: 1, walltimeSeconds: 100 },
    })]);
    const [layout] = layoutPlan(plan, optionsFor("slurm", "/r", { bundle: 8 }));

    expect(taskResources(layout!, 4)).toEqual({
      cpus: 8, memoryMiB: 2000, gpus: 4, walltimeSeconds: 2 * 100 + 60,
    });
    expect(taskResources(layout!, 1).walltimeSeconds).toBe(8 * 100 + 60);
  });
});
