import { availableParallelism } from "node:os";
import { afterAll, describe, expect, it } from "vitest";
import {
  closeRenderWorkers,
  FIGURES_BEFORE_WORKERS,
  renderAll,
  renderWorkerCount,
  type RenderTask,
} from "../../src/viz/render-pool.ts";

const POINT: RenderTask = {
  spec: { data: { values: [{ x: 1 }] }, mark: "point", encoding: { x: { field: "x" } } },
  formats: ["svg"],
  metadata: {},
};

afterAll(closeRenderWorkers);

// Its own file: the count of figures asked for is per process (per test file).
describe("threads by default", () => {
  it("draws a process's first few figures on the calling thread alone", async () => {
    const figures = await renderAll([POINT, POINT, POINT]);
    expect(figures).toHaveLength(3);
    expect(renderWorkerCount()).toBe(0);
  });

  it("starts one worker per further core once many figures were asked for", async () => {
    const many = Array.from({ length: FIGURES_BEFORE_WORKERS }, () => POINT);
    const figures = await renderAll(many);
    expect(figures.every((figure) => figure.svg === figures[0]!.svg)).toBe(true);
    expect(renderWorkerCount()).toBe(availableParallelism() - 1);
  });
});
