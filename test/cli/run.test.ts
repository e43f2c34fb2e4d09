import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../run/support/temp.ts";
import { runCli, writeDefinition } from "./run-support.ts";

describe("sweepforge run", () => {
  it("exits 0 and prints the run directory when every trial succeeds", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "ok", 3, `echo "$1"`);

    const result = await runCli(
      ["run", definition, "--run-dir", "r", "--jobs", "2"],
      dir,
    );

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`run ${join(dir, "r")}`);
    expect(result.stderr).toContain("3/3 succeeded, 0 failed");
    expect(
      JSON.parse(readFileSync(join(dir, "r", "env.json"), "utf8")).schemaVersion,
    ).toBe(1);
  }, 60_000);

  it("exits 1 naming each failed trial with its parameters and log paths", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "bad", 3, `[ "$1" != 2 ] || exit 9`);

    const result = await runCli(
      ["run", definition, "--run-dir", "r", "--retries", "0", "--quiet"],
      dir,
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /failed: \S+ \(work\) \{"i":2\}: exit code 9 after 1 attempt/,
    );
    expect(result.stderr).toContain(join(dir, "r", "trials"));
    expect(result.stderr).toMatch(/stderr: .*stderr\.log/);
  }, 60_000);

  it("prints a JSON summary on stdout with --json", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "js", 2, "true");

    const result = await runCli(["run", definition, "--run-dir", "r", "--json"], dir);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      runDir: join(dir, "r"),
      total: 2,
      succeeded: 2,
      failed: [],
    });
  }, 60_000);

  it("exits 2 with the flag named when a flag is malformed", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "flags", 1, "true");

    const memory = await runCli(["run", definition, "--memory", "lots"], dir);
    const jobs = await runCli(["run", definition, "--jobs", "0"], dir);

    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain(`--memory: "lots" is not a size such as 512M or 16G`);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain("--jobs");
  }, 60_000);

  it("exits 2 when --resume finds no run to continue", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "never", 1, "true");

    const result = await runCli(["run", definition, "--resume"], dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`no earlier run of "never"`);
  }, 60_000);

  it("resumes the latest run of the experiment when no --run-dir is given", async () => {
    const dir = tempDir();
    const definition = writeDefinition(dir, "latest", 2, "true");
    await runCli(["run", definition, "--quiet"], dir);

    const result = await runCli(["run", definition, "--resume", "--json"], dir);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ alreadyDone: 2, succeeded: 0 });
    expect(JSON.parse(result.stdout).runDir).toContain(join(dir, "runs", "latest"));
  }, 60_000);
});
