import { describe, expect, it } from "vitest";
import { choosePilot } from "../../src/schedule/estimate/pilot.ts";
import { param, planStep, trial } from "./fixtures.ts";

describe("choosing pilot trials", () => {
  // A 5 × 5 grid of size (log-scaled, 1..10,000) × threads (1..16).
  const sizes = [1, 10, 100, 1000, 10000];
  const threads = [1, 2, 4, 8, 16];
  const grid = sizes.flatMap((size, i) =>
    threads.map((t, j) => trial("run", i * 5 + j, { size, threads: t })),
  );
  const params = [param("size", "numeric", "log"), param("threads", "integer")];
  const step = planStep("run", grid);

  it("starts at the first trial and reaches the far corners of the space", () => {
    const chosen = choosePilot(step.trials, params, 4);
    const points = chosen.map((i) => grid[i]!.params);
    expect(points).toEqual(
      expect.arrayContaining([
        { size: 1, threads: 1 },
        { size: 10000, threads: 16 },
        { size: 1, threads: 16 },
        { size: 10000, threads: 1 },
      ]),
    );
  });

  it("spreads over categories as well as numbers", () => {
    const trials = ["a", "b", "c"].flatMap((kind, k) =>
      [1, 2].map((n, j) => trial("run", k * 2 + j, { kind, n })),
    );
    const chosen = choosePilot(
      planStep("run", trials).trials,
      [param("kind", "categorical"), param("n", "integer")],
      3,
    );
    expect(new Set(chosen.map((i) => trials[i]!.params.kind)).size).toBe(3);
  });

  it("never asks for more trials than the step has, nor for none", () => {
    expect(choosePilot(step.trials, params, 100)).toHaveLength(25);
    expect(choosePilot(step.trials, params, 0)).toEqual([]);
    expect(choosePilot(planStep("empty", []).trials, params, 3)).toEqual([]);
  });
});
