import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { loadResults } from "../../src/results/load.ts";
import { summarize } from "../../src/results/summary.ts";
import { tempDir, writeRun } from "./helpers/write-run.ts";

function jsonl(rows: readonly Record<string, unknown>[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
}

// 2 configurations × 4 observations: x = 1, 2, 3, 4 for "a"; 10, 20, 30, 40 for "b".
const ROWS = ["a", "b"].flatMap((kind, k) => [1, 2, 3, 4].map((i) =>
  ({ kind, size: 8, seed: i, score: i * (k === 0 ? 1 : 10) })));

describe("external result files", () => {
  it("reads JSON Lines: text columns are parameters, numbers are metrics, ids are neither",
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, "r.jsonl"), jsonl(ROWS));
      const summary = summarize(await loadResults({ runDirs: [], resultFiles: [join(dir, "r.jsonl")] }));
      expect(summary.groups.map((g) => g.params)).toEqual([{ kind: "a" }, { kind: "b" }]);
      expect(summary.groups[1]!.metrics.score!.mean).toBe(25);
      expect(Object.keys(summary.groups[0]!.metrics)).toEqual(["score", "size"]);
    });

  it("reads CSV with a header row the same way", async () => {
    const dir = tempDir();
    const csv = ["kind,size,seed,score", ...ROWS.map((r) => `${r.kind},${r.size},${r.seed},${r.score}`)];
    writeFileSync(join(dir, "r.csv"), `${csv.join("\n")}\n`);
    const summary = summarize(await loadResults({ runDirs: [], resultFiles: [join(dir, "r.csv")],
      by: ["kind", "size"] }));
    expect(summary.groups.map((g) => g.params)).toEqual([{ kind: "a", size: 8 }, { kind: "b", size: 8 }]);
    expect(summary.groups[0]!.metrics.score!.median).toBe(2.5);
  });

  it("joins rows that name their trial to that trial's parameters in the run", async () => {
    const dir = writeRun({
      params: [{ name: "lr", kind: "numeric", scale: "linear" }],
      trials: [{ params: { lr: 0.1 }, metrics: { loss: 1 } }, { params: { lr: 0.2 }, metrics: { loss: 2 } }],
    });
    const file = join(dir, "extra.jsonl");
    writeFileSync(file, jsonl([
      { trialId: "t00000", energy: 5 }, { trialId: "t00000", energy: 7 }, { trialId: "t00001", energy: 1 },
    ]));
    const summary = summarize(await loadResults({ runDirs: [dir], resultFiles: [file] }));
    expect(summary.groups[0]!.params).toEqual({ lr: 0.1 });
    expect(summary.groups[0]!.metrics.energy!.mean).toBe(6);
    expect(summary.groups[1]!.metrics.energy!.n).toBe(1);
  });

  it("reads result files the definition declares in plan.json", async () => {
    const parent = tempDir();
    writeFileSync(join(parent, "declared.jsonl"), jsonl([{ kind: "z", score: 3 }]));
    const dir = writeRun({ parent, trials: [], resultFiles: ["../declared.jsonl"] });
    const results = await loadResults({ runDirs: [dir] });
    expect(results.resultFiles).toEqual([join(parent, "declared.jsonl")]);
    expect(results.aggregate.sortedGroups()[0]!.params).toEqual({ kind: "z" });
  });

  it("gives the same summary from worker threads as from one thread", async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 6000 }, (_, i) => ({
      kind: ["a", "b", "c"][i % 3], seed: i, score: (i * 7919) % 1000, aux: i % 13,
    }));
    writeFileSync(join(dir, "big.jsonl"), jsonl(rows));
    const csv = ["kind,seed,score,aux", ...rows.map((r) => `${r.kind},${r.seed},${r.score},${r.aux}`)];
    writeFileSync(join(dir, "big.csv"), `${csv.join("\n")}\n`);

    for (const file of ["big.jsonl", "big.csv"]) {
      const single = summarize(await loadResults({ runDirs: [], resultFiles: [join(dir, file)], jobs: 1 }));
      const parallel = summarize(await loadResults({
        runDirs: [], resultFiles: [join(dir, file)], jobs: 2, parallelMinBytes: 0,
      }));
      expect(parallel.groups.map((g) => g.n)).toEqual([2000, 2000, 2000]);
      parallel.groups.forEach((group, i) => {
        const other = single.groups[i]!;
        expect(group.params).toEqual(other.params);
        expect(group.metrics.score!.mean).toBeCloseTo(other.metrics.score!.mean, 9);
        expect(group.metrics.score!.sd!).toBeCloseTo(other.metrics.score!.sd!, 9);
        expect(group.metrics.score!.median).toBe(other.metrics.score!.median);
      });
    }
  });

  it("reports a bad line with its number, also from a worker thread", async () => {
    const dir = tempDir();
    const good = jsonl(Array.from({ length: 3000 }, (_, i) => ({ kind: "a", score: i })));
    writeFileSync(join(dir, "bad.jsonl"), `${good}{"kind": "a", "score": \n`);
    for (const jobs of [1, 2]) {
      const error = await loadResults({ runDirs: [], resultFiles: [join(dir, "bad.jsonl")], jobs,
        parallelMinBytes: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems[0]).toMatchObject({ code: "results/bad-json-line",
        file: join(dir, "bad.jsonl") });
    }
  });

  it("rejects a line that is not an object, a ragged CSV row, an unknown extension and a missing file",
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, "arr.jsonl"), "[1, 2]\n");
      writeFileSync(join(dir, "ragged.csv"), "a,b\n1,2\n3\n");
      writeFileSync(join(dir, "r.txt"), "a\n");
      const codes: string[] = [];
      for (const file of ["arr.jsonl", "ragged.csv", "r.txt", "missing.jsonl"]) {
        const error = await loadResults({ runDirs: [], resultFiles: [join(dir, file)] })
          .catch((e: unknown) => e) as UserError;
        codes.push(error.problems[0]!.code);
      }
      expect(codes).toEqual(["results/not-an-object", "results/csv-width", "results/unknown-format",
        "results/missing-file"]);
    });

  it("reports progress in bytes for progress bars", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "r.jsonl"), jsonl(ROWS));
    const seen: number[] = [];
    await loadResults({ runDirs: [], resultFiles: [join(dir, "r.jsonl")],
      onProgress: (p) => seen.push(p.bytes / p.totalBytes) });
    expect(seen.at(-1)).toBe(1);
  });
});
