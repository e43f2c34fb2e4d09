import { describe, expect, it } from "vitest";
import { RuntimeFailure } from "../../src/errors.ts";
import { achievedUtilization } from "../../src/schedule/achieved.ts";
import { parseOffPeakPolicy } from "../../src/schedule/off-peak.ts";
import { formatCountdown, waitForWindow } from "../../src/schedule/wait-for-window.ts";

describe("waiting for an off-peak window", () => {
  it("counts down and resolves when the window opens", async () => {
    // A window opening 1.5 s from now, on the real clock.
    const opens = new Date(Date.now() + 1500);
    const hhmm = (d: Date) =>
      `${String(d.getUTCHours()).padStart(2, "0")}:` +
      `${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const start = new Date(Math.ceil(opens.getTime() / 60_000) * 60_000);
    const policy = parseOffPeakPolicy({
      timeZone: "UTC",
      weekday: `${hhmm(start)}-${hhmm(new Date(start.getTime() + 3_600_000))}`,
      weekend: `${hhmm(start)}-${hhmm(new Date(start.getTime() + 3_600_000))}`,
    });
    // Run the clock as if it were just before that minute starts.
    const offset = start.getTime() - 1500 - Date.now();
    const ticks: number[] = [];
    const began = Date.now();
    const opened = await waitForWindow(policy, {
      now: () => new Date(Date.now() + offset),
      onTick: (secondsLeft) => ticks.push(secondsLeft),
      tickMs: 500,
    });
    expect(opened).toEqual(start);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1400);
    expect(ticks[0]).toBe(2);
    expect(ticks.at(-1)).toBe(1);
  });

  it("returns at once inside a window", async () => {
    const policy = parseOffPeakPolicy({
      timeZone: "UTC",
      weekday: "00:00-24:00",
      weekend: "00:00-24:00",
    });
    const ticks: number[] = [];
    await waitForWindow(policy, { onTick: (s) => ticks.push(s) });
    expect(ticks).toEqual([]);
  });

  it("stops with a runtime failure when aborted", async () => {
    const policy = parseOffPeakPolicy({
      timeZone: "UTC",
      weekday: "03:00-04:00",
      weekend: "03:00-04:00",
    });
    const controller = new AbortController();
    const waiting = waitForWindow(policy, {
      signal: controller.signal,
      now: () => new Date("2026-12-02T12:00:00Z"),
    });
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toThrow(RuntimeFailure);
    await expect(waiting).rejects.toThrow(/off-peak window at 2026-12-03T03:00:00.000Z/);
  });

  it("formats countdowns compactly", () => {
    expect(formatCountdown(7509)).toBe("2h 05m 09s");
    expect(formatCountdown(65)).toBe("1m 05s");
    expect(formatCountdown(9)).toBe("9s");
  });
});

describe("achieved utilization of a run", () => {
  const at = (second: number) =>
    new Date(Date.UTC(2026, 11, 1, 10, 0, second)).toISOString();
  const rec = (
    start: number,
    seconds: number,
    cpus: number,
    cpuSeconds: number | null,
  ) => ({
    startedAt: at(start),
    endedAt: at(start + seconds),
    durationSeconds: seconds,
    resources: { cpus, memoryMiB: 1, gpus: 0, walltimeSeconds: 60 },
    cpuSeconds,
  });

  it("divides busy cpu-seconds by cpus times the wall time of the run", () => {
    // 2 cpus for 10 s: a 1-cpu trial 0-10, a 1-cpu trial 0-5 and a 1-cpu trial 5-10.
    const result = achievedUtilization(
      [rec(0, 10, 1, 9), rec(0, 5, 1, 5), rec(5, 5, 1, null)],
      2,
    );
    expect(result).toEqual({
      trials: 3,
      wallSeconds: 10,
      busyCpuSeconds: 20,
      cpus: 2,
      utilization: 1,
      cpuEfficiency: 14 / 15,
    });
  });

  it("shows idle capacity as lost utilization and is zero without trials", () => {
    expect(achievedUtilization([rec(0, 10, 1, null)], 4).utilization).toBe(0.25);
    expect(achievedUtilization([rec(0, 10, 1, null)], 4).cpuEfficiency).toBeNull();
    expect(achievedUtilization([], 4)).toMatchObject({ trials: 0, utilization: 0 });
  });
});

describe("utilization of a run directory", () => {
  it("uses the runner's worker slots from the journal, or the cpus given", async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runUtilization, describeUtilization } = await import(
      "../../src/schedule/achieved.ts"
    );
    const dir = await mkdtemp(join(tmpdir(), "sweepforge-util-"));
    const base = {
      schemaVersion: 1,
      step: "s",
      index: 0,
      params: {},
      replicate: 0,
      seed: 1,
      argv: ["true"],
      attempt: 1,
      status: "succeeded",
      exitCode: 0,
      signal: null,
      host: "h",
      backend: "local",
      peakMemoryKiB: null,
      cpuSeconds: null,
      outputs: [],
      metrics: {},
      progress: [],
      resources: { cpus: 1, memoryMiB: 1, gpus: 0, walltimeSeconds: 60 },
    };
    for (const [id, start, end] of [
      ["a", 0, 10],
      ["b", 0, 5],
    ] as const) {
      await mkdir(join(dir, "trials", id), { recursive: true });
      await writeFile(
        join(dir, "trials", id, "record.json"),
        JSON.stringify({
          ...base,
          trialId: id,
          startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, start)).toISOString(),
          endedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, end)).toISOString(),
          durationSeconds: end - start,
        }),
      );
    }
    await writeFile(
      join(dir, "journal.jsonl"),
      `${JSON.stringify({ event: "run-started", at: "2026-01-01T00:00:00Z", slots: 4 })}\n`,
    );

    const fromJournal = await runUtilization(dir);
    expect(fromJournal).toMatchObject({
      trials: 2,
      cpus: 4,
      wallSeconds: 10,
      busyCpuSeconds: 15,
    });
    expect(fromJournal.utilization).toBeCloseTo(15 / 40);
    expect(describeUtilization(fromJournal)).toBe(
      "37.5% of 4 cpus over 10.0 s (15.0 busy cpu-seconds)",
    );
    expect((await runUtilization(dir, 2)).utilization).toBeCloseTo(0.75);
    await rm(join(dir, "journal.jsonl"));
    expect((await runUtilization(dir)).cpus).toBe(1);
    expect(
      describeUtilization(await runUtilization(join(dir, "missing"))),
    ).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });
});
