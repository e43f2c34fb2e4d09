// Parsing what squeue and qstat print, and the argv each scheduler is given.
import { describe, expect, it } from "vitest";
import {
  expandArrayIds, parseQstat, parseSqueue, queueStates,
} from "../../src/cluster/queue-state.ts";
import type { CommandRunner } from "../../src/cluster/command.ts";
import { SCHEDULERS } from "../../src/cluster/schedulers.ts";
import { parseMaxArraySize } from "../../src/cluster/probe.ts";

describe("squeue output", () => {
  it("expands pending array ranges into one state per task", () => {
    expect(parseSqueue("503_[3-5,7%4]|PENDING|Dependency\n503_2|FAILED|NonZeroExitCode\n"))
      .toEqual([
        { jobId: "503", arrayIndex: 3, state: "PENDING", reason: "Dependency" },
        { jobId: "503", arrayIndex: 4, state: "PENDING", reason: "Dependency" },
        { jobId: "503", arrayIndex: 5, state: "PENDING", reason: "Dependency" },
        { jobId: "503", arrayIndex: 7, state: "PENDING", reason: "Dependency" },
        { jobId: "503", arrayIndex: 2, state: "FAILED", reason: "NonZeroExitCode" },
      ]);
  });

  it("keeps plain job ids as whole-job states", () => {
    expect(parseSqueue("77|RUNNING|None\n\n")).toEqual([
      { jobId: "77", state: "RUNNING", reason: "None" }]);
    expect(expandArrayIds("77")).toBeUndefined();
  });
});

describe("qstat output", () => {
  it("maps PBS state letters to scheduler states, ignoring headers", () => {
    const output = [
      "Job id              Name             User            Time Use S Queue",
      "------------------- ---------------- --------------- -------- - -----",
      "124.server          chain-post-p0    root            00:00:00 C debug",
      "125                 chain-total-p0   root            00:00:00 Q debug",
      "126                 other            root            00:00:00 Z debug",
    ].join("\n");
    expect(parseQstat(output)).toEqual([
      { jobId: "124", state: "COMPLETED", reason: "" },
      { jobId: "125", state: "PENDING", reason: "" },
      { jobId: "126", state: "Z", reason: "" },
    ]);
  });
});

describe("qstat -t output (PBS Pro, OpenPBS, Torque)", () => {
  // Rows as PBS Pro prints an array job and its subjobs with `qstat -t`.
  const subjobs = [
    "Job id            Name             User              Time Use S Queue",
    "----------------  ---------------- ----------------  -------- - -----",
    "4821[].pbs01      simulate-p0      ana                      0 B workq",
    "4821[0].pbs01     simulate-p0      ana               00:00:03 X workq",
    "4821[1].pbs01     simulate-p0      ana               00:00:01 R workq",
    "4821[2].pbs01     simulate-p0      ana                      0 Q workq",
    "4822.pbs01        total-p0         ana                      0 H workq",
  ].join("\n");

  it("reads one state per subjob, and the array's own row as the whole job's", () => {
    expect(parseQstat(subjobs)).toEqual([
      { jobId: "4821", state: "RUNNING", reason: "" },
      { jobId: "4821", arrayIndex: 0, state: "COMPLETED", reason: "" },
      { jobId: "4821", arrayIndex: 1, state: "RUNNING", reason: "" },
      { jobId: "4821", arrayIndex: 2, state: "PENDING", reason: "" },
      { jobId: "4822", state: "PENDING", reason: "" },
    ]);
  });

  it("files states under the ids qsub gave, and falls back to plain qstat without -t", async () => {
    const calls: string[][] = [];
    const pbsPro: CommandRunner = async (file, args) => {
      calls.push([file, ...args]);
      return { stdout: subjobs, stderr: "", exitCode: 0 };
    };
    const states = await queueStates(pbsPro, "pbs", ["4821[].pbs01", "4822.pbs01"]);
    expect(calls).toEqual([["qstat", "-t", "4821[].pbs01", "4822.pbs01"]]);
    expect(states.map((s) => [s.jobId, s.arrayIndex, s.state])).toEqual([
      ["4821[].pbs01", undefined, "RUNNING"],
      ["4821[].pbs01", 0, "COMPLETED"],
      ["4821[].pbs01", 1, "RUNNING"],
      ["4821[].pbs01", 2, "PENDING"],
      ["4822.pbs01", undefined, "PENDING"],
    ]);

    // A qstat that knows no -t (the slurm-wlm-torque wrapper) answers with usage.
    const wrapper: CommandRunner = async (file, args) =>
      args[0] === "-t"
        ? { stdout: "", stderr: "Unknown option: t", exitCode: 2 }
        : { stdout: "77.host  job  ana  0 C debug", stderr: "", exitCode: 0 };
    expect(await queueStates(wrapper, "pbs", ["77"])).toEqual([
      { jobId: "77", state: "COMPLETED", reason: "" },
    ]);
  });
});

describe("submission argv", () => {
  const now = new Date("2026-01-05T12:00:00Z");

  it("chains SLURM arrays with aftercorr and afterok and defers with a relative begin", () => {
    const args = SCHEDULERS.slurm.submitArgs({
      script: "/r/scripts/b.p0.sbatch", logPrefix: "/r/cluster-logs/b.p0", now,
      dependencies: [{ id: "10", kind: "aftercorr" }, { id: "11", kind: "afterok" }],
      begin: new Date("2026-01-05T20:00:00Z"),
    });
    expect(args).toEqual(["--parsable", "--dependency=aftercorr:10,afterok:11",
      "--begin=now+28800", "/r/scripts/b.p0.sbatch"]);
    expect(SCHEDULERS.slurm.parseJobId("1234;cluster\n")).toBe("1234");
    expect(SCHEDULERS.slurm.parseJobId("sbatch: nonsense")).toBeUndefined();
  });

  it("gives PBS one afterok list, output paths in the run and an -a start time", () => {
    const begin = new Date(2026, 0, 5, 20, 30, 5);
    const args = SCHEDULERS.pbs.submitArgs({
      script: "s.pbs", logPrefix: "/r/cluster-logs/s.p0", now,
      dependencies: [{ id: "7.srv", kind: "aftercorr" }, { id: "8.srv", kind: "afterok" }],
      begin,
    });
    expect(args).toEqual(["-o", "/r/cluster-logs/s.p0.scheduler.out",
      "-e", "/r/cluster-logs/s.p0.scheduler.err",
      "-W", "depend=afterok:7.srv:8.srv", "-a", "202601052030.05", "s.pbs"]);
    expect(SCHEDULERS.pbs.parseJobId("123[].pbs01\n")).toBe("123[].pbs01");
  });
});

describe("scontrol show config", () => {
  it("finds MaxArraySize, or nothing", () => {
    expect(parseMaxArraySize("MaxArraySize            = 50\nMaxJobCount = 10000\n")).toBe(50);
    expect(parseMaxArraySize("MaxJobCount = 10000\n")).toBeUndefined();
  });
});
