// submit's ordering, dry runs and off-peak deferral, through the library API
// against the real test cluster (skipped with a message when it is absent).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cancelRun, commandRunner, readJobsFile, submitPlan } from "../../src/cluster/index.ts";
import { parseOffPeakPolicy } from "../../src/schedule/off-peak.ts";
import { UserError } from "../../src/errors.ts";
import { optionsFor, planOf, stepOf } from "../compilers/plan-fixtures.ts";
import { findCluster } from "./slurm-helpers.ts";

const cluster = findCluster();
if (!cluster.conf) console.warn(`submit tests against SLURM skipped: missing ${cluster.missing}`);
const env = { ...process.env, SLURM_CONF: cluster.conf ?? "" };

const plan = planOf("offline", [
  stepOf({ name: "a", count: 5, argv: () => ["true"], heavy: true }),
  stepOf({ name: "b", count: 5, argv: () => ["true"], dependsOn: [{ step: "a", mode: "each" }] }),
]);

function submitOptions(runDir: string, extra = {}) {
  return {
    compile: { ...optionsFor("slurm", runDir, { bundle: 2, arrayCap: 2 }), backend: "slurm" as const },
    resume: false,
    dryRun: false,
    now: new Date(),
    run: commandRunner(env),
    env,
    ...extra,
  };
}

function newRunDir(): string {
  return join(mkdtempSync(join(tmpdir(), "sf-submit-")), "run");
}

describe("a dry run", () => {
  it("prints placeholders for job ids and records nothing", async () => {
    const runDir = newRunDir();
    const report = await submitPlan(plan, submitOptions(runDir, { dryRun: true }));

    expect(report.commands[2]).toEqual(["sbatch", "--parsable",
      "--dependency=aftercorr:<offline-a-p0>", `${runDir}/scripts/b.p0.sbatch`]);
    expect(report.jobs.map((job) => job.id)).toEqual(["<offline-a-p0>", "<offline-a-p1>",
      "<offline-b-p0>", "<offline-b-p1>"]);
    expect((await readJobsFile(runDir)).submissions).toEqual([]);
  });
});

describe("jobs.json and cancel", () => {
  it("refuses to cancel a run that was never submitted", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "sf-none-"));
    await expect(cancelRun(runDir, commandRunner(env))).rejects.toBeInstanceOf(UserError);
  });

  it("reports a corrupt jobs.json with its path and a fix", async () => {
    const runDir = mkdtempSync(join(tmpdir(), "sf-corrupt-"));
    writeFileSync(join(runDir, "jobs.json"), JSON.stringify({ schemaVersion: 1, submissions: [{}] }));
    await expect(readJobsFile(runDir)).rejects.toThrow("jobs.json does not match its schema");
  });
});

describe.skipIf(!cluster.conf)("submitting to the test cluster", { timeout: 60_000 }, () => {
  it("submits parts in order, pointing each aftercorr at the id just returned", async () => {
    const runDir = newRunDir();
    const report = await submitPlan(plan, submitOptions(runDir));

    const [a0, a1, b0, b1] = report.jobs;
    expect([b0!.dependsOn, b1!.dependsOn]).toEqual([
      [{ id: a0!.id, kind: "aftercorr" }], [{ id: a1!.id, kind: "aftercorr" }]]);
    const shown = execFileSync("scontrol", ["-o", "show", "job", b0!.id], { env, encoding: "utf8" });
    expect(shown).toContain(`Dependency=aftercorr:${a0!.id}_*`);
    expect((await readJobsFile(runDir)).submissions[0]!.jobs).toEqual(report.jobs);
    expect(readFileSync(join(runDir, "plan.json"), "utf8")).toContain('"experiment"');
    await cancelRun(runDir, commandRunner(env));
  });

  it("defers only the heavy step to the next off-peak window", async () => {
    const runDir = newRunDir();
    const now = new Date();
    const start = new Date(now.getTime() + 3 * 3600_000);
    const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:`
      + `${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const window = `${hhmm(start)}-${hhmm(new Date(start.getTime() + 3600_000))}`;
    const offPeak = parseOffPeakPolicy({ timeZone: "UTC", weekday: [window], weekend: [window] });

    const report = await submitPlan(plan, submitOptions(runDir, { offPeak, now }));

    expect(report.jobs.filter((job) => job.begin).map((job) => job.step)).toEqual(["a", "a"]);
    const shown = execFileSync("scontrol", ["-o", "show", "job", report.jobs[0]!.id],
      { env, encoding: "utf8" });
    const eligible = /EligibleTime=(\S+)/.exec(shown)?.[1] ?? "";
    expect(shown).toContain("JobState=PENDING");
    // scontrol prints the controller's local time, which is this machine's.
    expect(Math.abs(Date.parse(eligible) - start.getTime())).toBeLessThan(120_000);
    const cancelled = await cancelRun(runDir, commandRunner(env));
    expect(cancelled.cancelled).toHaveLength(4);
  });
});
