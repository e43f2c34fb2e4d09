import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResults } from "../../src/results/load.ts";
import {
  crc32,
  embedPngText,
  embedSvgMetadata,
  readPngText,
} from "../../src/viz/embed-metadata.ts";
import { paretoFront } from "../../src/viz/figures/pareto.ts";
import { plotResults } from "../../src/viz/plot.ts";
import { provenanceOf } from "../../src/viz/provenance.ts";
import { renderSpec } from "../../src/viz/render.ts";
import { standardFigures } from "../../src/viz/standard-set.ts";
import { fillTemplate } from "../../src/viz/templates.ts";
import { writeExampleRun } from "../fixtures/results/example-run.ts";
import { tempDir, writeRun } from "../results/helpers/write-run.ts";

const ENV = { SOURCE_DATE_EPOCH: "1767225600" }; // 2026-01-01

describe("the standard figure set", () => {
  it("is chosen from the shape of the space and the metrics", async () => {
    const results = await loadResults({ runDirs: [writeExampleRun()] });
    const figures = standardFigures(results, provenanceOf(results.runs, ENV));
    expect(figures.map((f) => f.name)).toEqual([
      "accuracy-vs-batch",
      "accuracy-vs-lr",
      "loss-vs-batch",
      "loss-vs-lr",
      "accuracy-heatmap-batch-lr",
      "loss-heatmap-batch-lr",
      "accuracy-across-seeds",
      "loss-across-seeds",
      "loss-convergence",
      "pareto-accuracy-loss",
      "peak-memory-mib-vs-batch",
      "peak-memory-mib-vs-lr",
      "runtime-seconds-vs-batch",
      "runtime-seconds-vs-lr",
      "custom-loss-by-optimizer",
    ]);
  });

  it("uses a log axis for a log-scaled parameter and one line per categorical value", async () => {
    const results = await loadResults({ runDirs: [writeExampleRun()] });
    const figure = standardFigures(results, provenanceOf(results.runs, ENV)).find(
      (f) => f.name === "loss-vs-lr",
    )!;
    const spec = figure.spec as {
      encoding: {
        x: { scale: { type: string }; title: string };
        color: { field: string; title: string };
      };
      data: { values: { series: string }[] };
      layer: { encoding: { y: { title?: string } } }[];
    };
    expect(spec.encoding.x.scale.type).toBe("log");
    expect(spec.encoding.x.title).toBe("lr — log scale");
    expect(spec.encoding.color.title).toBe("optimizer");
    expect(new Set(spec.data.values.map((v) => v.series))).toEqual(
      new Set(["adam", "sgd"]),
    );
    expect(spec.layer[0]!.encoding.y.title).toBe("loss (nats)");
  });

  it("captions every figure with experiment, run, n per point, interval, commit, version and date", async () => {
    const results = await loadResults({ runDirs: [writeExampleRun()] });
    for (const figure of standardFigures(results, provenanceOf(results.runs, ENV))) {
      const caption = (figure.spec.title as { subtitle: string[] }).subtitle.join(" ");
      expect(caption).toContain("lr-sweep");
      expect(caption).toContain("run sweep-1");
      expect(caption).toContain("git 0123456789");
      expect(caption).toContain("sweepforge 0.1.0");
      expect(caption).toContain("2026-01-01");
      if (
        figure.kind !== "custom" &&
        figure.kind !== "heatmap" &&
        figure.kind !== "pareto"
      ) {
        expect(caption).toMatch(/95% CI|quartiles/);
      }
      expect(caption).toMatch(/n = \d/);
    }
  });

  it("says in the caption when raw points are a reservoir sample", async () => {
    const trials = Array.from({ length: 300 }, (_, i) => ({
      params: { x: 1 },
      metrics: { y: i },
    }));
    const results = await loadResults({ runDirs: [writeRun({ trials })] });
    const box = standardFigures(results, provenanceOf(results.runs, ENV)).find(
      (f) => f.kind === "seeds-box",
    )!;
    expect((box.spec.title as { subtitle: string[] }).subtitle[0]).toContain(
      "seeded random sample of ≤ 256 values per configuration",
    );
    expect((box.spec.datasets as { points: unknown[] }).points).toHaveLength(256);
  });

  it("draws at most 2,000 points per box figure, an equal seeded share per box", async () => {
    // 40 configurations of 300 values: 30 boxes shown, 66 points each.
    const file = join(tempDir(), "rows.jsonl");
    const rows = Array.from({ length: 40 * 300 }, (_, i) =>
      JSON.stringify({ x: i % 40, y: (i % 40) * 1000 + Math.floor(i / 40) }),
    );
    writeFileSync(file, `${rows.join("\n")}\n`);
    const results = await loadResults({ runDirs: [], resultFiles: [file], by: ["x"] });
    const draw = () =>
      standardFigures(results, provenanceOf(results.runs, ENV)).find(
        (f) => f.kind === "seeds-box",
      )!;
    const box = draw();

    const points = (box.spec.datasets as { points: { config: string; value: number }[] })
      .points;
    expect(points).toHaveLength(30 * 66);
    const perConfig = new Map<string, number[]>();
    for (const { config, value } of points) {
      perConfig.set(config, [...(perConfig.get(config) ?? []), value]);
    }
    for (const [config, values] of perConfig) {
      expect(values).toHaveLength(66);
      expect(new Set(values).size).toBe(66);
      // Every drawn value belongs to its own configuration's values.
      for (const value of values) expect(String(Math.floor(value / 1000))).toBe(config);
    }
    expect((box.spec.title as { subtitle: string[] }).subtitle[0]).toContain(
      "seeded random sample of ≤ 66 values per configuration",
    );
    expect(draw().spec.datasets).toEqual(box.spec.datasets);
  });

  it("hides sampled points from screen readers but not the boxes", async () => {
    const trials = Array.from({ length: 300 }, (_, i) => ({
      params: { x: 1 },
      metrics: { y: i },
    }));
    const results = await loadResults({ runDirs: [writeRun({ trials })] });
    const box = standardFigures(results, provenanceOf(results.runs, ENV)).find(
      (f) => f.kind === "seeds-box",
    )!;

    const { svg } = await renderSpec(box.spec, ["svg"], {});

    // 256 points, one box: a screen reader hears the box, not 256 points.
    expect(svg).not.toContain('aria-roledescription="point"');
    expect(svg).toContain('aria-roledescription="bar"');
  });

  it("pools convergence curves per categorical value when there are many configurations", async () => {
    const results = await loadResults({ runDirs: [writeExampleRun()] });
    const curve = standardFigures(results, provenanceOf(results.runs, ENV)).find(
      (f) => f.kind === "convergence",
    )!;
    const series = new Set(
      (curve.spec.data as { values: { series: string }[] }).values.map((v) => v.series),
    );
    expect(series).toEqual(new Set(["optimizer=adam", "optimizer=sgd"]));
  });
});

describe("the Pareto front", () => {
  it("keeps the points no other point beats on both goals", () => {
    const points = [
      { x: 1, y: 5 },
      { x: 2, y: 2 },
      { x: 3, y: 3 },
      { x: 4, y: 1 },
      { x: 1, y: 6 },
    ];
    expect([...paretoFront(points, "min", "min")].sort()).toEqual([0, 1, 3]);
    // Maximising both: (3, 3) is beaten by neither (4, 1) nor (1, 6).
    expect([...paretoFront(points, "max", "max")].sort()).toEqual([2, 3, 4]);
  });
});

describe("templates", () => {
  it("substitutes whole-string bindings by value and inline bindings by text", () => {
    const filled = fillTemplate(
      { a: "{{data}}", b: "x {{name}} y", c: ["{{gone}}", 1] },
      { data: [1, 2], name: "loss", gone: null },
    );
    expect(filled).toEqual({ a: [1, 2], b: "x loss y", c: [null, 1] });
    expect(fillTemplate({ keep: 1, drop: "{{u}}" }, { u: undefined })).toEqual({
      keep: 1,
    });
  });

  it("fails loudly on a missing binding (a bug, not a user error)", () => {
    expect(() => fillTemplate("{{nope}}", {})).toThrow(/nope/);
  });
});

describe("provenance inside figure files", () => {
  it("writes PNG tEXt chunks with valid CRCs that read back", async () => {
    const rendered = await renderSpec(
      {
        data: {
          values: [
            { x: 1, y: 2 },
            { x: 2, y: 3 },
          ],
        },
        mark: "line",
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
        },
      },
      ["png", "svg"],
      { Title: "t", "sweepforge:git-commit": "abc" },
    );
    const png = rendered.png!;
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(readPngText(png)).toMatchObject({
      Title: "t",
      "sweepforge:git-commit": "abc",
    });

    // Every chunk's CRC covers its type and data.
    let offset = 8;
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const crc = png.readUInt32BE(offset + 8 + length);
      expect(crc32(png.subarray(offset + 4, offset + 8 + length))).toBe(crc);
      offset += 12 + length;
    }
    expect(rendered.svg).toMatch(/^<svg[^>]*><metadata>.*sweepforge:git-commit">abc</);
  });

  it("computes the standard CRC-32 check value", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("escapes XML in SVG metadata and refuses a PNG without image data", () => {
    expect(embedSvgMetadata("<svg a='1'></svg>", { k: '<&">' })).toBe(
      "<svg a='1'><metadata><sf:provenance xmlns:sf=\"https://sweepforge.dev/ns/provenance\">" +
        '<sf:field name="k">&lt;&amp;&quot;&gt;</sf:field></sf:provenance></metadata></svg>',
    );
    expect(() => embedPngText(Buffer.from("not a png"), {})).toThrow(/PNG/);
  });
});

describe("plotting a run", () => {
  it("saves each spec beside its SVG and PNG, with measured text in the bundled font", async () => {
    const out = join(tempDir(), "plots");
    const results = await loadResults({
      runDirs: [writeExampleRun()],
      metrics: ["loss"],
    });
    const report = await plotResults(results, {
      out,
      format: "both",
      env: ENV,
      dashboard: false,
    });
    expect(report.dashboard).toBeNull();
    const lossVsLr = report.figures.find((f) => f.name === "loss-vs-lr")!;
    const spec = JSON.parse(readFileSync(lossVsLr.spec, "utf8")) as {
      config: { font: string };
    };
    expect(spec.config.font).toContain("SweepforgeSans");
    expect(readFileSync(lossVsLr.svg!, "utf8")).toContain('font-family="SweepforgeSans');
    expect(readPngText(readFileSync(lossVsLr.png!))["sweepforge:runs"]).toBe("sweep-1");
  });
});
