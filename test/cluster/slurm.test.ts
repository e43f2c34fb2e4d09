// Against a real single-host SLURM (.ci/slurm-start.sh, MaxArraySize=50):
// submit, wait, and check every trial's record and the scheduler's view.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commandRunner } from "../../src/cluster/command.ts";
import { readJobsFile } from "../../src/cluster/jobs-file.ts";
import { schedulerStatus } from "../../src/cluster/status.ts";
import { cli, findCluster, recordOf, records, tempRunDir, until, waitForRun } from "./slurm-helpers.ts";

const cluster = findCluster();
if (!cluster.conf) console.warn(`SLURM integration tests skipped: missing ${cluster.missing}`);
const env = { ...process.env, SLURM_CONF: cluster.conf ?? "" };
const EXPERIMENTS = "test/cluster/experiments";

describe.skipIf(!cluster.conf)("submitting to a real SLURM", { timeout: 180_000 }, () => {
  beforeAll(() => {
    const config = execFileSync("scontrol", ["show", "config"], { env, encoding: "utf8" });
    expect(config).toMatch(/MaxArraySize\s*=\s*50/);
  });

  it("splits a sweep larger than MaxArraySize and records every trial", async () => {
    const runDir = tempRunDir("wide");
    const submit = await cli(["submit", `${EXPERIMENTS}/wide.yaml`, "--run-dir", runDir,
      "--bundle", "1", "--json"], env);
    expect(submit.code, submit.stderr).toBe(0);

    const report = JSON.parse(submit.stdout);
    expect(report.jobs.map((job: { tasks: number; offset: number }) => [job.offset, job.tasks]))
      .toEqual([[0, 50], [50, 15]]);
    await waitForRun(runDir, env);

    const done = records(runDir);
    expect(done).toHaveLength(65);
    expect(done.every((r) => r.status === "succeeded" && r.backend === "slurm")).toBe(true);
    expect(recordOf(runDir, "square", 57)?.metrics).toEqual({ y: 57 * 57 });
    expect(recordOf(runDir, "square", 57)?.job?.id).toMatch(new RegExp(`^${report.jobs[1].id}_7$`));

    const status = await schedulerStatus(runDir, commandRunner(env));
    expect(status?.jobs.map((job) => job.states)).toEqual([{ COMPLETED: 50 }, { COMPLETED: 15 }]);
    expect(status?.tasks.every((task) => task.succeeded === task.trials && task.trials === 1))
      .toBe(true);

    const shown = await cli(["status", runDir], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toContain("65 trials: 65 done, 0 failed");
    expect(shown.stderr).toContain(`wide-square-p1 (job ${report.jobs[1].id}, 15 tasks): 15 COMPLETED`);
  });

  it("bundles trials and keeps a per-trial chain in order across split arrays", async () => {
    const runDir = tempRunDir("chain");
    const submit = await cli(["submit", `${EXPERIMENTS}/chain.yaml`, "--run-dir", runDir,
      "--bundle", "3", "--array-cap", "3", "--json"], env);
    expect(submit.code, submit.stderr).toBe(0);

    const jobs = JSON.parse(submit.stdout).jobs as { step: string; id: string;
      dependsOn: { id: string; kind: string }[] }[];
    expect(jobs.map((job) => job.step)).toEqual(["sim", "sim", "post", "post", "total"]);
    expect(jobs[2]!.dependsOn).toEqual([{ id: jobs[0]!.id, kind: "aftercorr" }]);
    expect(jobs[4]!.dependsOn.map((d) => d.kind)).toEqual(["afterok", "afterok"]);
    await waitForRun(runDir, env);

    const done = records(runDir);
    expect(done.filter((r) => r.status === "succeeded")).toHaveLength(29);
    for (const post of done.filter((r) => r.step === "post")) {
      const sim = done.find((r) => r.step === "sim" && r.index === post.index)!;
      expect(Date.parse(post.startedAt)).toBeGreaterThanOrEqual(Date.parse(sim.endedAt));
    }
    const simTasks = new Set(done.filter((r) => r.step === "sim").map((r) => r.job?.id));
    expect(simTasks.size).toBe(5);
    const total = done.find((r) => r.step === "total")!;
    const lastPost = Math.max(...done.filter((r) => r.step === "post").map((r) => Date.parse(r.endedAt)));
    expect(Date.parse(total.startedAt)).toBeGreaterThanOrEqual(lastPost);
  });

  it("resubmits only the failed and the cancelled trials with --resume", async () => {
    const runDir = tempRunDir("flaky");
    const submit = await cli(["submit", `${EXPERIMENTS}/flaky.yaml`, "--run-dir", runDir,
      "--bundle", "1", "--json"], env);
    expect(submit.code, submit.stderr).toBe(0);
    const work = JSON.parse(submit.stdout).jobs[0] as { id: string };

    await until(() => recordOf(runDir, "work", 3) !== undefined
      && records(runDir).filter((r) => r.step === "work").length === 6);
    // Trial x=4 sleeps (task 4 with one trial per task); a task that has just
    // written its record may still be listed as running beside it.
    const running = execFileSync("squeue", ["-h", "-t", "R", "-j", work.id, "-o", "%i"],
      { env, encoding: "utf8" }).trim().split("\n");
    const slowTask = `${work.id}_4`;
    expect(running).toContain(slowTask);
    execFileSync("scancel", [slowTask], { env });
    await waitForRun(runDir, env);

    expect(recordOf(runDir, "work", 3)).toMatchObject({ status: "failed", exitCode: 3 });
    expect(recordOf(runDir, "work", 4)?.status ?? "missing").not.toBe("succeeded");
    expect(recordOf(runDir, "report", 3)).toBeUndefined();
    const before = await schedulerStatus(runDir, commandRunner(env));
    const states = before!.tasks.filter((t) => t.jobId === work.id).map((t) => t.state).sort();
    expect(states).toEqual(["CANCELLED", "COMPLETED", "COMPLETED", "COMPLETED", "COMPLETED",
      "COMPLETED", "FAILED"]);

    writeFileSync(join(runDir, "allow"), "");
    writeFileSync(join(runDir, "fast"), "");
    const resume = await cli(["submit", `${EXPERIMENTS}/flaky.yaml`, "--run-dir", runDir,
      "--resume", "--json"], env);
    expect(resume.code, resume.stderr).toBe(0);
    expect(JSON.parse(resume.stdout)).toMatchObject({ trials: 4, skipped: 10 });
    await waitForRun(runDir, env);

    const done = records(runDir);
    expect(done.filter((r) => r.status === "succeeded")).toHaveLength(14);
    expect(recordOf(runDir, "work", 3)?.attempt).toBe(2);
    expect(recordOf(runDir, "work", 0)?.attempt).toBe(1);
    expect((await readJobsFile(runDir)).submissions.map((s) => s.resume)).toEqual([false, true]);
  });

  it("refuses --resume while tasks of the run are still queued", async () => {
    const runDir = tempRunDir("busy");
    const submit = await cli(["submit", `${EXPERIMENTS}/flaky.yaml`, "--run-dir", runDir], env);
    expect(submit.code, submit.stderr).toBe(0);

    const again = await cli(["submit", `${EXPERIMENTS}/flaky.yaml`, "--run-dir", runDir,
      "--resume"], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("still queued or running");

    const cancel = await cli(["cancel", runDir], env);
    expect(cancel.code, cancel.stderr).toBe(0);
    await waitForRun(runDir, env);
    const queue = execFileSync("squeue", ["-h", "-t", "all", "-o", "%i|%T"], { env, encoding: "utf8" });
    const ids = (await readJobsFile(runDir)).submissions[0]!.jobs.map((job) => job.id);
    const states = queue.split("\n").filter((line) => ids.some((id) => line.startsWith(`${id}_`)))
      .map((line) => line.split("|")[1]);
    expect(states).toContain("CANCELLED");
  });

  it("quotes the scheduler's own words when it rejects a submission", async () => {
    const runDir = tempRunDir("rejected");
    const submit = await cli(["submit", `${EXPERIMENTS}/wide.yaml`, "--run-dir", runDir,
      "--partition", "nosuchpartition"], env);
    expect(submit.code).toBe(1);
    expect(submit.stderr).toContain("sbatch refused");
    expect(submit.stderr).toContain("invalid partition specified");
  });
});
