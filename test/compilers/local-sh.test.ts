// The local sh backend and the shared task driver, run for real with /bin/sh:
// values that need quoting reach the trial unchanged, records land in the run
// directory, finished trials are not run again, failures stop dependants.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileLocalSh, writeArtifacts } from "../../compilers/index.ts";
import { TrialRecord } from "../../src/record/trial-record.ts";
import { optionsFor, planOf, stepOf } from "./plan-fixtures.ts";

const AWKWARD = ["plain", "two  words", "it's", "$HOME", "a\nb", "back\\slash", "`id`",
  "\"dq\"", "tab\there", "*", "-n", "", "ünï"];

function tempRun(): string {
  return mkdtempSync(join(tmpdir(), "sf-local-"));
}

function record(runDir: string, id: string): TrialRecord {
  return TrialRecord.parse(JSON.parse(readFileSync(join(runDir, "trials", id, "record.json"), "utf8")));
}

async function compileTo(runDir: string, plan: ReturnType<typeof planOf>, extra = {}) {
  const options = optionsFor("local", runDir, { bundle: 3, ...extra });
  await writeArtifacts(compileLocalSh(plan, options), options.outDir);
  return options;
}

describe("the local sh backend", () => {
  it("hands every parameter value to the trial byte for byte", async () => {
    const runDir = tempRun();
    const plan = planOf("quoting", [stepOf({
      name: "echo",
      count: AWKWARD.length,
      params: (i) => ({ text: AWKWARD[i] as string }),
      argv: (i) => ["/bin/sh", "-c",
        'printf %s "$1" > "$SWEEPFORGE_OUTPUT_DIR/argv"; '
        + 'printf %s "$SWEEPFORGE_PARAM_TEXT" > "$SWEEPFORGE_OUTPUT_DIR/env"',
        "sh", AWKWARD[i] as string],
    })]);
    const options = await compileTo(runDir, plan);

    const run = spawnSync("/bin/sh", [join(options.outDir, "run.sh"), "3"], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);

    AWKWARD.forEach((text, i) => {
      const output = join(runDir, "trials", `echo-${String(i).padStart(5, "0")}`, "output");
      expect(readFileSync(join(output, "argv"), "utf8")).toBe(text);
      expect(readFileSync(join(output, "env"), "utf8")).toBe(text);
    });
  });

  it("writes a valid succeeded record per trial carrying the plan's identity", async () => {
    const runDir = tempRun();
    const plan = planOf("records", [stepOf({
      name: "sim", count: 4, argv: (i) => ["/bin/sh", "-c", `echo '{"y": ${i * 2}}' > "$SWEEPFORGE_OUTPUT_DIR/metrics.json"`],
    })]);
    const options = await compileTo(runDir, plan);

    execFileSync("/bin/sh", [join(options.outDir, "run.sh")]);

    const third = record(runDir, "sim-00002");
    expect(third).toMatchObject({
      trialId: "sim-00002", step: "sim", index: 2, seed: 1002, status: "succeeded",
      exitCode: 0, attempt: 1, backend: "sh", metrics: { y: 4 },
    });
  });

  it("skips trials that already succeeded and counts attempts of the others", async () => {
    const runDir = tempRun();
    const flag = join(runDir, "fail-once");
    writeFileSync(flag, "");
    const plan = planOf("retry", [stepOf({
      name: "sim", count: 2,
      argv: (i) => ["/bin/sh", "-c", i === 1
        ? `if [ -f '${flag}' ]; then rm '${flag}'; exit 3; fi; date +%s%N >> "$SWEEPFORGE_OUTPUT_DIR/runs"`
        : 'date +%s%N >> "$SWEEPFORGE_OUTPUT_DIR/runs"'],
    })]);
    const options = await compileTo(runDir, plan);
    const script = join(options.outDir, "run.sh");

    expect(spawnSync("/bin/sh", [script]).status).toBe(1);
    expect(record(runDir, "sim-00001")).toMatchObject({ status: "failed", exitCode: 3, attempt: 1 });

    expect(spawnSync("/bin/sh", [script]).status).toBe(0);
    expect(record(runDir, "sim-00001")).toMatchObject({ status: "succeeded", attempt: 2 });
    const firstRuns = readFileSync(join(runDir, "trials", "sim-00000", "output", "runs"), "utf8");
    expect(firstRuns.trim().split("\n")).toHaveLength(1);
  });

  it("does not run a dependent task whose parent task failed, nor an aggregate", async () => {
    const runDir = tempRun();
    const plan = planOf("chain", [
      stepOf({ name: "a", count: 4, argv: (i) => ["/bin/sh", "-c", `exit ${i === 3 ? 1 : 0}`] }),
      stepOf({ name: "b", count: 4, argv: () => ["true"], dependsOn: [{ step: "a", mode: "each" }] }),
      stepOf({ name: "c", count: 1, argv: () => ["true"], dependsOn: [{ step: "b", mode: "all" }] }),
    ]);
    const options = await compileTo(runDir, plan, { bundle: 2 });

    const run = spawnSync("/bin/sh", [join(options.outDir, "run.sh")], { encoding: "utf8" });

    expect(run.status).toBe(1);
    expect(["b-00000", "b-00001"].map((id) => record(runDir, id).status))
      .toEqual(["succeeded", "succeeded"]);
    expect(existsSync(join(runDir, "trials", "b-00002"))).toBe(false);
    expect(existsSync(join(runDir, "trials", "c-00000"))).toBe(false);
    expect(run.stderr).toContain("skipping step c");
  });

  it("runs the trials of one bundle in parallel lanes when asked", async () => {
    const runDir = tempRun();
    const plan = planOf("lanes", [stepOf({
      name: "s", count: 4, argv: () => ["/bin/sh", "-c", "sleep 1"],
    })]);
    const options = await compileTo(runDir, plan, { bundle: 4, bundleParallel: 4 });

    execFileSync("/bin/sh", [join(options.outDir, "run.sh"), "1"]);

    const spans = [0, 1, 2, 3].map((i) => record(runDir, `s-0000${i}`))
      .map((r) => [Date.parse(r.startedAt), Date.parse(r.endedAt)] as const);
    const latestStart = Math.max(...spans.map(([start]) => start));
    const earliestEnd = Math.min(...spans.map(([, end]) => end));
    expect(latestStart).toBeLessThan(earliestEnd);
  });
});
