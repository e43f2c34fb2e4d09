import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planFromFile } from "../../src/plan/index.ts";
import { listTrialRecords } from "../../src/record/index.ts";
import { runPlan } from "../../src/run/index.ts";
import { uniformCapacity } from "../../src/schedule/capacity.ts";
import { parseOffPeakPolicy } from "../../src/schedule/off-peak.ts";
import { offPeakHold, plannedLaunchOrder } from "../../src/schedule/runner-hooks.ts";

// Four short naps declared before one long one, and a heavy step.
const DEFINITION = `name: hooks
seed: 3
params:
  t: [0.1, 0.11, 0.12, 0.13, 0.6]
steps:
  nap:
    run: [sleep, "{t}"]
    resources: { cpus: 1, memory: 16MiB, time: { expr: "t * 10" } }
  crunch:
    run: [sleep, "0.05"]
    heavy: true
    resources: { cpus: 1, memory: 16MiB, time: 1s }
`;

describe("the runner following the planned schedule", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sweepforge-hooks-"));
    await writeFile(join(dir, "hooks.yaml"), DEFINITION);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("starts the long trial first when the plan says so, on two cpus", async () => {
    const plan = await planFromFile(join(dir, "hooks.yaml"), { cwd: dir });
    const twoCpus = uniformCapacity(1, { cpus: 2, memoryMiB: 4096, gpus: 0 });
    const { compare, schedule } = plannedLaunchOrder(
      { steps: [plan.steps[0]!] },
      twoCpus,
    );
    expect(schedule.algorithm).toBe("critical-path");

    const napsOnly = { ...plan, steps: [plan.steps[0]!] };
    const summary = await runPlan(napsOnly, {
      cwd: dir,
      jobs: 2,
      order: compare,
      skipEnvironment: true,
      capacity: { cpus: 2, memoryMiB: 4096, gpus: 0 },
    });
    expect(summary.succeeded).toBe(5);

    const records = [];
    for await (const record of listTrialRecords(summary.runDir)) records.push(record);
    const byStart = records.sort(
      (a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt),
    );
    expect(byStart.slice(0, 2).map((r) => r.params.t)).toContain(0.6);
  });

  it("holds a heavy step outside the window and lets light steps run", async () => {
    const plan = await planFromFile(join(dir, "hooks.yaml"), { cwd: dir });
    // A window two to three hours from now, every day: closed for this test.
    const hour = (offset: number) =>
      `${String((new Date().getUTCHours() + offset) % 24).padStart(2, "0")}:00`;
    const window = `${hour(2)}-${hour(3)}`;
    const closed = parseOffPeakPolicy({
      timeZone: "UTC",
      weekday: window,
      weekend: window,
    });
    const hold = offPeakHold(plan, closed);
    expect(hold.heavySteps).toEqual(["crunch"]);

    const controller = new AbortController();
    const running = runPlan(plan, {
      cwd: dir,
      jobs: 2,
      skipEnvironment: true,
      signal: controller.signal,
      holdUntil: hold.holdUntil,
      onProgress: (progress) => {
        if (progress.done === 5 && progress.running === 0) controller.abort();
      },
    });
    const summary = await running;
    expect(summary.succeeded).toBe(5);
    const steps = [];
    for await (const record of listTrialRecords(summary.runDir)) steps.push(record.step);
    expect(steps).not.toContain("crunch");
  });

  it("returns the next window start for heavy trials only, and nothing inside a window", () => {
    const policy = parseOffPeakPolicy({
      timeZone: "Europe/Berlin",
      weekday: "20:00-07:00",
    });
    const trials = {
      steps: [
        {
          name: "light",
          heavy: false,
          trials: {
            count: 0,
            at: () => {
              throw new Error();
            },
            [Symbol.iterator]: () => [][Symbol.iterator](),
          },
        },
        {
          name: "heavy",
          heavy: true,
          trials: {
            count: 0,
            at: () => {
              throw new Error();
            },
            [Symbol.iterator]: () => [][Symbol.iterator](),
          },
        },
      ],
    } as unknown as Parameters<typeof offPeakHold>[0];
    const hold = offPeakHold(trials, policy);
    const heavyTrial = { step: "heavy" } as Parameters<typeof hold.holdUntil>[0];
    const lightTrial = { step: "light" } as Parameters<typeof hold.holdUntil>[0];
    // Wednesday 2026-12-02 12:00 UTC is 13:00 in Berlin; the window opens 19:00 UTC.
    expect(hold.holdUntil(heavyTrial, new Date("2026-12-02T12:00:00Z"))).toEqual(
      new Date("2026-12-02T19:00:00Z"),
    );
    expect(hold.holdUntil(heavyTrial, new Date("2026-12-02T22:00:00Z"))).toBeNull();
    expect(hold.holdUntil(lightTrial, new Date("2026-12-02T12:00:00Z"))).toBeNull();
  });
});
