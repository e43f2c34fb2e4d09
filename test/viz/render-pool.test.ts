import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadResults } from "../../src/results/load.ts";
import { plotResults } from "../../src/viz/plot.ts";
import {
  answer,
  closeRenderWorkers,
  renderAll,
  type RenderTask,
} from "../../src/viz/render-pool.ts";
import { renderSpec } from "../../src/viz/render.ts";
import { writeExampleRun } from "../fixtures/results/example-run.ts";
import { tempDir } from "../results/helpers/write-run.ts";

const ENV = { SOURCE_DATE_EPOCH: "1767225600" }; // 2026-01-01

const LINE = {
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
};

afterAll(closeRenderWorkers);

describe("drawing figures on several threads", () => {
  it("writes the same files, byte for byte, on two threads as on one", async () => {
    const results = await loadResults({
      runDirs: [writeExampleRun()],
      metrics: ["loss"],
    });
    const out = tempDir();
    const one = await plotResults(results, {
      out: join(out, "one"),
      format: "both",
      env: ENV,
      threads: 1,
    });
    const two = await plotResults(results, {
      out: join(out, "two"),
      format: "both",
      env: ENV,
      threads: 2,
    });

    expect(two.figures.map((f) => f.name)).toEqual(one.figures.map((f) => f.name));
    const files = readdirSync(join(out, "one")).sort();
    expect(readdirSync(join(out, "two")).sort()).toEqual(files);
    expect(files.filter((f) => f.endsWith(".png")).length).toBe(one.figures.length);
    for (const file of files) {
      const first = readFileSync(join(out, "one", file));
      expect(readFileSync(join(out, "two", file)).equals(first), file).toBe(true);
    }
  });

  it("reports each written figure once, in the figures' order", async () => {
    const results = await loadResults({
      runDirs: [writeExampleRun()],
      metrics: ["loss"],
    });
    const reported: string[] = [];
    const report = await plotResults(results, {
      out: join(tempDir(), "plots"),
      format: "svg",
      env: ENV,
      dashboard: false,
      threads: 2,
      onFigure: (f) => reported.push(f.name),
    });
    expect(reported).toEqual(report.figures.map((f) => f.name));
  });

  it("hands a figure a worker thread could not draw back to the caller as an error", async () => {
    // The calling thread takes the first figure and the worker the second.
    const tasks: RenderTask[] = [
      { spec: LINE, formats: ["svg"], metadata: {} },
      {
        spec: { ...LINE, transform: [{ filter: "nosuchfunction(datum.x)" }] },
        formats: ["svg"],
        metadata: {},
      },
    ];
    await expect(renderAll(tasks, { threads: 2 })).rejects.toThrow(/nosuchfunction/);
  });

  it("starts the costliest figures first and still returns them in the tasks' order", async () => {
    const tasks: RenderTask[] = [1, 3, 2].map((cost) => ({
      spec: { ...LINE, title: `cost ${cost}` },
      formats: ["svg"],
      metadata: {},
      cost,
    }));
    const started: number[] = [];
    const figures = await renderAll(tasks, {
      threads: 1,
      onRendered: (index) => {
        started.push(index);
      },
    });
    expect(started).toEqual([1, 2, 0]);
    expect(figures.map((f) => /cost \d/.exec(f.svg!)?.[0])).toEqual([
      "cost 1",
      "cost 3",
      "cost 2",
    ]);
  });

  it("starts fresh workers after they were closed", async () => {
    await closeRenderWorkers();
    const tasks: RenderTask[] = [1, 2, 3].map(() => ({
      spec: LINE,
      formats: ["svg", "png"],
      metadata: { Title: "t" },
    }));
    const figures = await renderAll(tasks, { threads: 2 });
    expect(figures).toHaveLength(3);
    for (const figure of figures) {
      expect(figure.svg).toBe(figures[0]!.svg);
      expect(Buffer.isBuffer(figure.png)).toBe(true);
      expect(figure.png!.equals(figures[0]!.png!)).toBe(true);
    }
  });
});

describe("a worker's answer", () => {
  it("carries the drawn figure, or the error instead of throwing it", async () => {
    const drawn = await answer({ id: 7, spec: LINE, formats: ["svg"], metadata: {} });
    expect(drawn).toMatchObject({
      id: 7,
      figure: { svg: expect.stringMatching(/^<svg/) },
    });

    const spec = { ...LINE, transform: [{ filter: "nosuchfunction(datum.x)" }] };
    const failed = await answer({ id: 8, spec, formats: ["svg"], metadata: {} });
    expect(failed).toMatchObject({ id: 8, error: expect.any(Error) });
  });
});

describe("one figure's bytes", () => {
  it("do not depend on what the thread drew before (clip ids start again)", async () => {
    const clipped = { ...LINE, mark: { type: "line", clip: true } };
    const first = await renderSpec(clipped, ["svg"], {});
    await renderSpec({ ...LINE, mark: { type: "area", clip: true } }, ["svg"], {});
    const again = await renderSpec(clipped, ["svg"], {});
    expect(first.svg).toContain('id="clip1"');
    expect(again.svg).toBe(first.svg);
  });
});
