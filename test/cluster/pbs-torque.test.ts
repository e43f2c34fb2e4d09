// The Torque flavour through Debian's slurm-wlm-torque qsub, over the same
// test cluster: the #PBS -t arrays, -l resources and -W depend=afterok are
// accepted and every trial leaves its record. What these wrappers cannot
// show about a real PBS server is listed in docs/cluster.md.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandRunner } from "../../src/cluster/command.ts";
import { schedulerStatus } from "../../src/cluster/status.ts";
import { cli, findCluster, records, tempRunDir, waitForRun } from "./slurm-helpers.ts";

const cluster = findCluster();
const qsub = spawnSync("sh", ["-c", "command -v qsub"]).status === 0;
const missing = cluster.missing ?? (qsub ? undefined : "qsub (slurm-wlm-torque)");
if (missing) console.warn(`PBS/Torque tests skipped: missing ${missing}`);
const env = { ...process.env, SLURM_CONF: cluster.conf ?? "" };

describe.skipIf(missing !== undefined)("submitting the Torque flavour with qsub", { timeout: 120_000 }, () => {
  it("runs a bundled chain to completion and writes scheduler logs into the run", async () => {
    const runDir = tempRunDir("torque");
    const submit = await cli(["submit", "test/cluster/experiments/chain.yaml", "--backend", "pbs",
      "--pbs-flavor", "torque", "--run-dir", runDir, "--bundle", "4", "--max-parallel", "3",
      "--json"], env);
    expect(submit.code, submit.stderr).toBe(0);

    const report = JSON.parse(submit.stdout);
    expect(report.notes).toEqual([
      'step "post" waits for all of step "sim" (PBS has no per-task array dependency)',
    ]);
    expect(report.commands[1]).toEqual(expect.arrayContaining(["-W",
      `depend=afterok:${report.jobs[0].id}`]));
    await waitForRun(runDir, env);

    const done = records(runDir);
    expect(done.filter((r) => r.status === "succeeded" && r.backend === "pbs")).toHaveLength(29);
    expect(readdirSync(`${runDir}/cluster-logs`)).toContain("sim.p0.scheduler.out");
    expect(existsSync("sim.p0.pbs.o" + report.jobs[0].id)).toBe(false);

    const status = await schedulerStatus(runDir, commandRunner(env));
    expect(status?.backend).toBe("pbs");
    expect(status?.jobs.map((job) => Object.keys(job.states))).toEqual([["COMPLETED"],
      ["COMPLETED"], ["COMPLETED"]]);
  });
});
