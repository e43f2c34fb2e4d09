import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { writeExampleRun } from "../fixtures/results/example-run.ts";
import { tempDir } from "./helpers/write-run.ts";

async function run(
  argv: readonly string[],
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += String(chunk);
  });
  stderr.on("data", (chunk) => {
    err += String(chunk);
  });
  const io: CliIO = {
    stdout,
    stderr,
    interactive: false,
    cwd: process.cwd(),
    env: { SOURCE_DATE_EPOCH: "1767225600" },
  };
  const code = await main(argv, io);
  return { code, out, err };
}

// A result file on its own: two learning rates, three seeds each.
function writeResultFile(): string {
  const file = join(tempDir(), "sweep.jsonl");
  const rows = [0.1, 0.01].flatMap((lr) =>
    [1, 2, 3].map((seed) => JSON.stringify({ lr, seed, loss: lr * 10 + seed })),
  );
  writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

describe("sweepforge summarize", () => {
  it("summarizes a result file given without any run directory", async () => {
    const file = writeResultFile();

    const { code, out } = await run([
      "summarize",
      "--results",
      file,
      "--by",
      "lr",
      "--json",
    ]);

    expect(code).toBe(0);
    const doc = JSON.parse(out) as {
      groups: {
        params: { lr: number };
        n: number;
        metrics: { loss: { mean: number } };
      }[];
    };
    const means = doc.groups.map((g) => [g.params.lr, g.n, g.metrics.loss.mean]);
    // lr 0.01: losses 1.1, 2.1, 3.1; lr 0.1: 2, 3, 4.
    expect(means).toEqual(
      expect.arrayContaining([
        [0.01, 3, expect.closeTo(2.1, 12)],
        [0.1, 3, expect.closeTo(3, 12)],
      ]),
    );
  });

  it("exits 2 naming both ways to give input when given neither a run nor --results", async () => {
    const { code, err } = await run(["summarize", "--json"]);

    expect(code).toBe(2);
    expect(err).toContain("no run directory and no --results file");
    expect(err).toContain("--results sweep.jsonl");
    expect(err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it("prints the issue's --json shape: groups with params, n and metric statistics, and effects", async () => {
    const dir = writeExampleRun();
    const { code, out } = await run(["summarize", dir, "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as {
      groups: {
        params: object;
        n: number;
        metrics: Record<string, Record<string, unknown>>;
      }[];
      effects: object;
    };
    expect(doc.groups).toHaveLength(18);
    expect(doc.groups[0]!.n).toBe(3);
    expect(Object.keys(doc.groups[0]!.metrics.loss!)).toEqual(
      expect.arrayContaining([
        "mean",
        "sd",
        "sem",
        "ci95",
        "median",
        "min",
        "max",
        "iqr",
      ]),
    );
    expect(doc.effects).toHaveProperty("loss.ranking");
  });

  it("prints a readable table on stderr by default", async () => {
    const dir = writeExampleRun();
    const { code, out, err } = await run([
      "summarize",
      dir,
      "--by",
      "optimizer",
      "--metric",
      "loss",
    ]);
    expect(code).toBe(0);
    expect(out).toBe("");
    expect(err).toContain("optimizer=adam");
    expect(err).toContain("95% CI");
    expect(err).toContain("best (min)");
  });

  it("prints CSV with --csv and refuses --json with --csv (exit 2)", async () => {
    const dir = writeExampleRun();
    const csv = await run(["summarize", dir, "--csv", "--metric", "loss"]);
    expect(csv.out.split("\n")[0]).toBe(
      "batch,lr,optimizer,metric,n,mean,sd,sem,ci95_lo,ci95_hi,median,q1,q3,iqr,min,max",
    );
    const both = await run(["summarize", dir, "--csv", "--json"]);
    expect(both.code).toBe(2);
    expect(both.err).toContain("--csv");
  });

  it("exits 2 with the file and a fix for a folder that is not a run", async () => {
    const dir = tempDir();
    const { code, err } = await run(["summarize", dir]);
    expect(code).toBe(2);
    expect(err).toContain(dir);
    expect(err).toContain("fix:");
    expect(err).not.toContain("    at ");
  });
});

describe("sweepforge compare", () => {
  it("prints differences with p-values and flags unmatched configurations, and draws overlays", async () => {
    const parent = tempDir();
    const a = writeExampleRun(parent, "a");
    const b = writeExampleRun(parent, "b", 0.05);
    const out = join(parent, "cmp");
    const human = await run(["compare", a, b, "--metric", "loss", "--out", out]);
    expect(human.code).toBe(0);
    expect(human.err).toContain("Δmean");
    expect(human.err).toMatch(/p=\d/);
    expect(existsSync(join(out, "compare-loss.svg"))).toBe(true);
    expect(existsSync(join(out, "compare-loss-vs-lr.vl.json"))).toBe(true);

    const json = JSON.parse((await run(["compare", a, b, "--json"])).out) as {
      runs: string[];
    };
    expect(json.runs).toEqual(["a", "b"]);
  });
});

describe("sweepforge plot", () => {
  it("writes figures, their specs and the dashboard into <run>/plots by default", async () => {
    const dir = writeExampleRun();
    const { code, out, err } = await run(["plot", dir, "--metric", "loss", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      figures: { name: string; svg: string }[];
      dashboard: string;
    };
    expect(report.dashboard).toBe(join(dir, "plots", "dashboard.html"));
    expect(report.figures.map((f) => f.name)).toContain("loss-vs-lr");
    expect(readFileSync(join(dir, "plots", "loss-vs-lr.svg"), "utf8")).toContain(
      "<metadata>",
    );
    expect(err).toContain("wrote");
  });

  it("draws a result file without a run directory into the --out folder", async () => {
    const file = writeResultFile();
    const out = join(tempDir(), "figures");

    const { code } = await run(["plot", "--results", file, "--by", "lr", "--out", out]);

    expect(code).toBe(0);
    expect(existsSync(join(out, "dashboard.html"))).toBe(true);
    const svg = readFileSync(join(out, "loss-vs-lr.svg"), "utf8");
    // With no run to name, the caption and the metadata name the file read.
    expect(svg).toContain("results sweep.jsonl · sweepforge");
    expect(svg).not.toContain("no git commit");
    expect(svg).toMatch(/<metadata>[\s\S]*sweepforge:result-files[\s\S]*sweep\.jsonl/);
  });

  it("asks for --out when there is no run to put the figures beside (exit 2)", async () => {
    const file = writeResultFile();

    const { code, err } = await run(["plot", "--results", file, "--by", "lr"]);

    expect(code).toBe(2);
    expect(err).toContain("--out");
    expect(err).toContain("add --out DIR");
  });

  it("rejects an unknown --format with exit 2", async () => {
    const dir = writeExampleRun();
    const { code, err } = await run(["plot", dir, "--format", "gif"]);
    expect(code).toBe(2);
    expect(err).toContain("--format");
  });
});
