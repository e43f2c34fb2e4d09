import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { loadResults } from "../../src/results/load.ts";
import { summarize, summaryToCsv } from "../../src/results/summary.ts";
import { tempDir, writeRun, type TrialInput } from "./helpers/write-run.ts";

const PARAMS = [
  { name: "lr", kind: "numeric", scale: "log", unit: "1/step" },
  { name: "opt", kind: "categorical", scale: "linear" },
];

// loss = lr·10 + (sgd ? 1 : 0) + replicate/10 → per-config means are hand-computable.
function grid(): TrialInput[] {
  const trials: TrialInput[] = [];
  for (const lr of [0.01, 0.1]) {
    for (const opt of ["adam", "sgd"]) {
      for (let r = 0; r < 3; r += 1) {
        trials.push({
          params: { lr, opt }, replicate: r,
          metrics: { loss: lr * 10 + (opt === "sgd" ? 1 : 0) + r / 10, note: "text" },
          progress: [0, 1, 2].map((step) => ({ step, loss: 3 - step + r })),
          durationSeconds: 10 + r, peakMemoryKiB: 1024 * (100 + r),
        });
      }
    }
  }
  return trials;
}

describe("summarising a run directory", () => {
  it("groups trials by configuration, pooling seeds, with hand-checked statistics", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS, metrics: [{ name: "loss", goal: "min" }] });
    const summary = summarize(await loadResults({ runDirs: [dir] }));

    expect(summary.groups.map((g) => g.params)).toEqual([
      { lr: 0.01, opt: "adam" }, { lr: 0.01, opt: "sgd" },
      { lr: 0.1, opt: "adam" }, { lr: 0.1, opt: "sgd" },
    ]);
    const first = summary.groups[0]!;
    // loss values 0.1, 0.2, 0.3: mean 0.2, sd 0.1, CI 0.2 ± 4.303·0.1/√3.
    expect(first.n).toBe(3);
    expect(first.metrics.loss!.mean).toBeCloseTo(0.2, 12);
    expect(first.metrics.loss!.sd).toBeCloseTo(0.1, 12);
    expect(first.metrics.loss!.ci95![1]).toBeCloseTo(0.2 + 4.303 * 0.1 / Math.sqrt(3), 3);
    expect(first.metrics.loss!.median).toBeCloseTo(0.2, 12);
    expect(first.metrics).not.toHaveProperty("note");
    expect(first.resources.runtime_seconds!.mean).toBe(11);
    expect(first.resources.peak_memory_mib!.max).toBe(102);
    expect(summary.runs[0]!.status).toEqual({ succeeded: 12 });
  });

  it("ranks parameters by effect size and reports marginal means (hand-computed η²)", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS });
    const summary = summarize(await loadResults({ runDirs: [dir] }));
    const effects = summary.effects.loss!;

    // Marginal means: opt adam 0.65, sgd 1.65; lr 0.01 0.7, 0.1 1.6; grand mean 1.15.
    expect(effects.marginals.opt!.map((m) => [m.value, m.mean]))
      .toEqual([["adam", expect.closeTo(0.65, 10)], ["sgd", expect.closeTo(1.65, 10)]]);
    expect(effects.ranking.map((e) => e.param)).toEqual(["opt", "lr"]);
    // SS_total = Σ(x − 1.15)² = 5.5 (configs) + 0.08·... computed by hand below.
    const values = grid().map((t) => t.metrics!.loss as number);
    const grand = values.reduce((a, b) => a + b, 0) / values.length;
    const total = values.reduce((a, v) => a + (v - grand) ** 2, 0);
    expect(effects.ranking[0]!.etaSquared).toBeCloseTo((6 * 0.5 ** 2 * 2) / total, 10);
    expect(effects.ranking[0]!.range).toBeCloseTo(1, 10);
  });

  it("names the best configurations under the declared goal, with their intervals", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS, metrics: [{ name: "loss", goal: "max" }] });
    const summary = summarize(await loadResults({ runDirs: [dir] }));
    expect(summary.best.loss!.goal).toBe("max");
    expect(summary.best.loss!.goalDeclared).toBe(true);
    expect(summary.best.loss!.configurations[0]!.params).toEqual({ lr: 0.1, opt: "sgd" });
    expect(summary.best.loss!.configurations[0]!.ci95).toHaveLength(2);
  });

  it("assumes a goal of min when none is declared, and says so", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS });
    const summary = summarize(await loadResults({ runDirs: [dir] }));
    expect(summary.best.loss).toMatchObject({ goal: "min", goalDeclared: false });
    expect(summary.best.loss!.configurations[0]!.params).toEqual({ lr: 0.01, opt: "adam" });
  });

  it("groups by --by parameters and keeps only --metric metrics", async () => {
    const trials = grid().map((t) => ({ ...t, metrics: { ...t.metrics, acc: 1 } }));
    const dir = writeRun({ trials, params: PARAMS });
    const summary = summarize(await loadResults({ runDirs: [dir], by: ["opt"], metrics: ["loss"] }));
    expect(summary.groups.map((g) => [g.params, g.n])).toEqual([[{ opt: "adam" }, 6], [{ opt: "sgd" }, 6]]);
    expect(Object.keys(summary.groups[0]!.metrics)).toEqual(["loss"]);
    expect(summary.groups[0]!.metrics.loss!.mean).toBeCloseTo(0.65, 10);
  });

  it("rejects unknown --by and --metric names, listing the valid ones", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS });
    const error = await loadResults({ runDirs: [dir], by: ["learning_rate"], metrics: ["acc"] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const problems = (error as UserError).problems;
    expect(problems.map((p) => p.code)).toEqual(["results/unknown-param", "results/unknown-metric"]);
    expect(problems[0]!.fix).toContain("lr, opt");
    expect(problems[1]!.fix).toContain("loss");
  });

  it("lists failed trials with their log paths and counts pending ones", async () => {
    const trials: TrialInput[] = [...grid(),
      { params: { lr: 1, opt: "sgd" }, status: "failed" },
      { params: { lr: 1, opt: "adam" }, status: "pending" }];
    const dir = writeRun({ trials, params: PARAMS });
    const results = await loadResults({ runDirs: [dir] });
    const run = results.runs[0]!;
    expect(run.status).toEqual({ succeeded: 12, failed: 1, pending: 1 });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]!.stderrLog).toBe(join(dir, "trials", "t00012", "stderr.log"));
    expect(run.failures[0]!.exitCode).toBe(3);
    // Failed trials do not count towards the statistics.
    expect(results.aggregate.sortedGroups().every((g) => g.params.lr !== 1)).toBe(true);
  });

  it("reads metrics and progress from record.json when output files are absent", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS, metricsInRecordOnly: true });
    const results = await loadResults({ runDirs: [dir] });
    const group = results.aggregate.sortedGroups()[0]!;
    expect(group.metrics.get("loss")!.moments.n).toBe(3);
    // progress: step s has loss 3 − s + r over r = 0, 1, 2 → mean 4 − s.
    expect(group.progress.get("loss")!.get(2)!.mean).toBeCloseTo(2, 12);
  });

  it("streams progress.jsonl, skipping a torn last line", async () => {
    const dir = writeRun({ trials: grid().slice(0, 1), params: PARAMS });
    const file = join(dir, "trials", "t00000", "output", "progress.jsonl");
    writeFileSync(file, '{"epoch": 0, "loss": 5}\n{"loss": 4}\n{"epoch": 2, "lo');
    const group = (await loadResults({ runDirs: [dir] })).aggregate.sortedGroups()[0]!;
    expect([...group.progress.get("loss")!.keys()]).toEqual([0, 1]);
  });

  it("pools several run directories by configuration", async () => {
    const parent = tempDir();
    const a = writeRun({ trials: grid(), params: PARAMS, parent, name: "a" });
    const b = writeRun({ trials: grid(), params: PARAMS, parent, name: "b" });
    const summary = summarize(await loadResults({ runDirs: [a, b] }));
    expect(summary.groups).toHaveLength(4);
    expect(summary.groups[0]!.n).toBe(6);
    expect(summary.runs.map((r) => r.runId)).toEqual(["a", "b"]);
  });

  it("prints a flat CSV table with one row per configuration and metric", async () => {
    const dir = writeRun({ trials: grid(), params: PARAMS });
    const csv = summaryToCsv(summarize(await loadResults({ runDirs: [dir], metrics: ["loss"] })));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("lr,opt,metric,n,mean,sd,sem,ci95_lo,ci95_hi,median,q1,q3,iqr,min,max");
    expect(lines).toHaveLength(1 + 4 * 3);
    expect(lines[1]!.startsWith("0.01,adam,loss,3,0.2")).toBe(true);
  });
});

describe("errors in run directories", () => {
  it("says a folder without plan.json is not a run directory", async () => {
    const error = await loadResults({ runDirs: [tempDir()] }).catch((e: unknown) => e);
    expect((error as UserError).problems[0]).toMatchObject({ code: "results/not-a-run-directory" });
  });

  it("names the file and field of an invalid plan.json", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "plan.json"), JSON.stringify({ experiment: 3 }));
    const error = await loadResults({ runDirs: [dir] }).catch((e: unknown) => e) as UserError;
    expect(error.problems[0]).toMatchObject({ file: join(dir, "plan.json"), path: ["experiment"] });
  });

  it("names the file of unreadable JSON", async () => {
    const dir = writeRun({ trials: grid().slice(0, 1), params: PARAMS });
    writeFileSync(join(dir, "trials", "t00000", "record.json"), "{ not json");
    const error = await loadResults({ runDirs: [dir] }).catch((e: unknown) => e) as UserError;
    expect(error.problems[0]).toMatchObject({ code: "results/unreadable-json",
      file: join(dir, "trials", "t00000", "record.json") });
  });

  it("treats a trial folder with only params.json as pending and ignores stray files", async () => {
    const dir = writeRun({ trials: [], params: PARAMS });
    mkdirSync(join(dir, "trials", "x1"));
    writeFileSync(join(dir, "trials", "x1", "params.json"), JSON.stringify({ lr: 1 }));
    mkdirSync(join(dir, "trials", "x2"));
    writeFileSync(join(dir, "trials", "README"), "");
    const results = await loadResults({ runDirs: [dir] });
    expect(results.runs[0]!.status).toEqual({ pending: 2 });
  });
});
