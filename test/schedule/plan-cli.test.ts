import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  parseDuration,
  parseFailure,
  resolveCapacity,
} from "../../src/schedule/plan-command.ts";
import { UserError } from "../../src/errors.ts";
import { runCli } from "../cli/run-support.ts";

// Six 10-minute trials of "sim" (1 cpu, 1 GiB), then one 5-minute "report".
const DEFINITION = JSON.stringify({
  name: "plancli",
  seed: 1,
  params: { i: [0, 1, 2, 3, 4, 5] },
  offPeak: { timeZone: "UTC", weekday: "01:00-01:05", weekend: "01:00-01:05" },
  steps: {
    sim: {
      run: ["true"],
      heavy: true,
      resources: { cpus: 1, memory: "1GiB", time: "10m" },
    },
    report: {
      run: ["true"],
      afterAll: "sim",
      resources: { cpus: 1, memory: "1GiB", time: "5m" },
    },
  },
});

describe("sweepforge plan with scheduling flags", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sweepforge-plancli-"));
    await writeFile(join(dir, "p.json"), DEFINITION);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("adds the estimate section to --json on the given capacity", async () => {
    const { code, stdout } = await runCli(
      ["plan", "p.json", "--json", "--capacity", "nodes=1,cpus=4,memory=8GiB"],
      dir,
    );
    expect(code).toBe(0);
    const { estimate } = JSON.parse(stdout);
    // Two rounds of four cpus for the sims (20 min), then the report: 25 min.
    // The bound is 65 cpu-minutes over 4 cpus: 975 s (the chain is only 900 s).
    expect(estimate.coreHours).toBeCloseTo(65 / 60, 4);
    expect(estimate).toMatchObject({
      makespanSeconds: 1500,
      lowerBoundSeconds: 975,
      lowerBoundBinding: "cpu-work",
      capacity: { source: "flag", nodes: 1, cpus: 4, memoryMiB: 8192, gpus: 0 },
    });
    expect(estimate.utilization).toBeCloseTo(3900 / 6000, 4);
  });

  it("includes an estimate for this machine with --json alone", async () => {
    const { stdout } = await runCli(["plan", "p.json", "--json"], dir);
    expect(JSON.parse(stdout).estimate.capacity.source).toBe("detected");
  });

  it("prints the estimate and the simulated effect of a node failure", async () => {
    const { code, stderr } = await runCli(
      [
        "plan",
        "p.json",
        "--capacity",
        "nodes=2,cpus=2,memory=8GiB",
        "--simulate",
        "--fail",
        "node2@5m",
      ],
      dir,
    );
    expect(code).toBe(0);
    expect(stderr).toContain("estimate on 2 node(s), 4 cpus (flag): 1.08 core-hours");
    expect(stderr).toContain(
      "sim: --time=00:10:00 --mem=1G (declared resources, rounded up)",
    );
    // node2 dies 5 minutes in, killing two sims; node1 runs the rest two at a time:
    // sims at 0-10, 10-20, 20-30, then the report: 35 minutes.
    expect(stderr).toContain(
      "simulated: makespan 0.58 h, utilization 46.4%, 2 requeued, " +
        "0.1667 core-hours lost, 0 stranded",
    );
  });

  it("fails with exit 2 when the deadline cannot be met or a window is too short", async () => {
    const late = await runCli(
      ["plan", "p.json", "--capacity", "cpus=1,memory=8G", "--deadline", "30m"],
      dir,
    );
    expect(late.code).toBe(2);
    expect(late.stderr).toContain("the deadline of 1800 s cannot be met");
    const offPeak = await runCli(
      ["plan", "p.json", "--capacity", "cpus=4,memory=8G", "--off-peak"],
      dir,
    );
    expect(offPeak.code).toBe(2);
    expect(offPeak.stderr).toContain('heavy step "sim"');
    expect(offPeak.stderr).toContain("longer than the shortest off-peak window (300 s)");
  });

  it("names the flag when the capacity or a failure is malformed", async () => {
    const bad = await runCli(
      ["plan", "p.json", "--capacity", "cpus=four,memory=8G"],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--capacity.cpus: cpus must be a whole number");
    expect(() => parseFailure("node2")).toThrow(UserError);
    expect(parseFailure("rack1-node2@1.5h")).toEqual({ node: "rack1-node2", at: 5400 });
    expect(parseDuration("90", "--x")).toBe(90);
    expect(parseDuration("2d", "--x")).toBe(172_800);
    expect(() => parseDuration("soon", "--deadline")).toThrow(/not a duration/);
  });

  it("reads the capacity from sinfo only where a controller answers", async () => {
    const local = await resolveCapacity("local");
    expect(local.source).toBe("detected");
    const live = await resolveCapacity("sinfo").catch((error: unknown) => error);
    if (live instanceof UserError) {
      console.log("sinfo capacity check: no SLURM controller reachable here");
      expect(live.problems[0]?.fix).toContain("--capacity nodes=4");
    } else {
      expect((live as { source: string }).source).toBe("sinfo");
    }
  });
});
