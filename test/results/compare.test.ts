import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { compareResults, loadForComparison } from "../../src/results/compare.ts";
import { tempDir, writeRun, type TrialInput } from "./helpers/write-run.ts";

const PARAMS = [{ name: "n", kind: "integer", scale: "linear" }];

function trials(values: Record<number, readonly number[]>): TrialInput[] {
  return Object.entries(values).flatMap(([n, losses]) =>
    losses.map((loss, r) => ({ params: { n: Number(n) }, replicate: r, metrics: { loss } })));
}

describe("comparing runs", () => {
  it("aligns configurations by parameters and tests each difference with Welch's t-test",
    async () => {
      const parent = tempDir();
      // The same samples as the scipy reference in moments.test.ts, for n = 1.
      const a = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
      const b = [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6,
        18.0, 23.9, 21.6, 24.3, 20.4, 23.9, 13.3];
      const runA = writeRun({ parent, name: "baseline", params: PARAMS, trials: trials({ 1: a, 2: [1, 2] }) });
      const runB = writeRun({ parent, name: "repro", params: PARAMS, trials: trials({ 1: b, 3: [5, 6] }) });

      const comparison = compareResults(await loadForComparison({ runDirs: [runA, runB] }));
      expect(comparison.baseline).toBe("baseline");
      expect(comparison.runs).toEqual(["baseline", "repro"]);

      const shared = comparison.configurations.find((c) => c.params.n === 1)!;
      expect(shared.missingFrom).toEqual([]);
      const loss = shared.against[0]!.metrics[0]!;
      expect(loss.metric).toBe("loss");
      expect(loss.difference).toBeCloseTo(2.22, 10);
      expect(loss.pValue).toBeCloseTo(0.035484530830010394, 7);
      expect(loss.baseline.n).toBe(10);
      expect(loss.other.n).toBe(20);

      const onlyA = comparison.configurations.find((c) => c.params.n === 2)!;
      const onlyB = comparison.configurations.find((c) => c.params.n === 3)!;
      expect([onlyA.presentIn, onlyA.missingFrom]).toEqual([["baseline"], ["repro"]]);
      expect([onlyB.presentIn, onlyB.missingFrom, onlyB.against]).toEqual([["repro"], ["baseline"], []]);
      expect(comparison.unmatched).toBe(2);
    });

  it("compares three runs, each against the first, and keeps same-named runs apart", async () => {
    const runs = [0, 1, 2].map((i) => writeRun({ params: PARAMS, name: "run",
      trials: trials({ 1: [i, i + 1, i + 2] }) }));
    const comparison = compareResults(await loadForComparison({ runDirs: runs }));
    expect(comparison.runs).toEqual(["run#1", "run#2", "run#3"]);
    expect(comparison.configurations[0]!.against.map((x) => x.metrics[0]!.difference))
      .toEqual([1, 2]);
  });

  it("needs at least two runs", async () => {
    const error = await loadForComparison({ runDirs: [tempDir()] }).catch((e: unknown) => e);
    expect((error as UserError).problems[0]!.code).toBe("results/compare-needs-two");
  });
});
