import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOffPeakPolicy } from "../../src/schedule/off-peak.ts";
import { startHoldCountdown } from "../../src/schedule/local-run.ts";
import { runCli } from "../cli/run-support.ts";

function definition(offPeak: object | undefined): string {
  return JSON.stringify({
    name: "offpeak",
    seed: 1,
    params: { i: [0, 1, 2] },
    ...(offPeak ? { offPeak } : {}),
    steps: {
      light: { run: ["true"], resources: { cpus: 1, memory: "1MiB", time: "1m" } },
      heavy: {
        run: ["true"],
        heavy: true,
        resources: { cpus: 1, memory: "1MiB", time: "1m" },
      },
    },
  });
}

describe("sweepforge run --off-peak", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sweepforge-offpeak-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("runs heavy steps at once while the window is open", async () => {
    const always = { timeZone: "UTC", weekday: "00:00-24:00", weekend: "00:00-24:00" };
    await writeFile(join(dir, "open.json"), definition(always));
    const { code, stderr } = await runCli(
      ["run", "open.json", "--off-peak", "--jobs", "2"],
      dir,
    );
    expect(code).toBe(0);
    expect(stderr).toContain("6/6 succeeded");
    expect(stderr).not.toContain("holding heavy");
  });

  it("reports the run's achieved utilization through status", async () => {
    const ran = await runCli(["run", "open.json", "--jobs", "2", "--json"], dir);
    const runDir = JSON.parse(ran.stdout).runDir as string;
    const human = await runCli(["status", runDir], dir);
    expect(human.stderr).toMatch(/achieved utilization: \d+\.\d% of 2 cpus over/);
    const { utilization } = JSON.parse(
      (await runCli(["status", runDir, "--json"], dir)).stdout,
    );
    expect(utilization.trials).toBe(6);
    expect(utilization.cpus).toBe(2);
    expect(utilization.utilization).toBeGreaterThan(0);
    expect(utilization.utilization).toBeLessThanOrEqual(1);
  });

  it("rejects a definition without a valid policy, naming the field", async () => {
    await writeFile(
      join(dir, "none.json"),
      definition({ timeZone: "Nowhere/Else", weekday: "20:00-07:00" }),
    );
    const { code, stderr } = await runCli(["run", "none.json", "--off-peak"], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("none.json: at offPeak.timeZone: unknown time zone");
  });
});

describe("the hold countdown", () => {
  const policy = parseOffPeakPolicy({
    timeZone: "UTC",
    weekday: "20:00-07:00",
    weekend: "20:00-07:00",
  });

  it("prints when heavy steps will start and how long is left", () => {
    const lines: string[] = [];
    const countdown = startHoldCountdown(
      policy,
      ["crunch"],
      (t) => lines.push(t),
      false,
      () => new Date("2026-12-02T17:54:51Z"),
    );
    countdown.stop();
    expect(lines).toEqual([
      "holding heavy crunch for the off-peak window at 2026-12-02T20:00:00.000Z " +
        "(in 2h 05m 09s)\n",
    ]);
  });

  it("redraws one line on a terminal and announces the opening", async () => {
    const lines: string[] = [];
    let now = new Date("2026-12-02T19:59:59Z").getTime();
    const countdown = startHoldCountdown(
      policy,
      ["crunch"],
      (t) => lines.push(t),
      true,
      () => new Date(now),
    );
    now += 1000;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    countdown.stop();
    expect(lines[0]).toBe(
      "\r\x1b[Kholding heavy crunch for the off-peak window at " +
        "2026-12-02T20:00:00.000Z (in 1s)",
    );
    expect(lines).toContain("\r\x1b[Koff-peak window open: starting crunch\n");
  });

  it("stays silent inside a window or without heavy steps", () => {
    const lines: string[] = [];
    startHoldCountdown(
      policy,
      ["crunch"],
      (t) => lines.push(t),
      false,
      () => new Date("2026-12-02T22:00:00Z"),
    ).stop();
    startHoldCountdown(
      policy,
      [],
      (t) => lines.push(t),
      false,
      () => new Date("2026-12-02T12:00:00Z"),
    ).stop();
    expect(lines).toEqual([]);
  });
});
