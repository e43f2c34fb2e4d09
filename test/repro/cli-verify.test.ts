import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packRun } from "../../src/repro/pack.ts";
import { runCli } from "./cli-harness.ts";
import { makeRealRun, TINY_EXPERIMENT } from "./real-run.ts";
import { tempDir } from "./run-fixture.ts";

async function packed(definition?: string): Promise<string> {
  const root = await tempDir();
  const run = await makeRealRun(root, definition);
  await packRun(run, { cwd: root, probeEnvironment: false, output: join(root, "p.tgz") });
  return root;
}

describe("sweepforge verify and reproduce on the command line", () => {
  it("exits 0 and prints the verdict table when the package reproduces", async () => {
    const root = await packed();
    const result = await runCli(
      ["verify", "p.tgz", "--trials", "2", "--seed", "3"],
      root,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /re-executed 2 of 3 trials:\ntrial +params +verdict +detail/,
    );
    expect(result.stderr).toMatch(/reproduced: all 2 re-executed trials match/);
  });

  it("prints one JSON document and exits 1 when trials do not reproduce", async () => {
    const root = await packed(
      TINY_EXPERIMENT.replace(
        "$(( {x} * 2 ))",
        "$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')",
      ),
    );
    const result = await runCli(["verify", "p.tgz", "--json"], root);
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as {
      error: { code: string; details: { ok: boolean; trials: unknown[] } };
    };
    expect(doc.error.code).toBe("repro/not-reproduced");
    expect(doc.error.details.ok).toBe(false);
    expect(doc.error.details.trials).toHaveLength(3);

    const tolerant = await runCli(
      ["verify", "p.tgz", "--json", "--tolerance", "y=abs:5e9"],
      root,
    );
    expect(tolerant.code).toBe(0);
    expect(JSON.parse(tolerant.stdout).ok).toBe(true);
  });

  it("rejects bad flags with exit 2 naming the flag", async () => {
    const root = await tempDir();
    expect((await runCli(["verify", "p.tgz", "--trials", "some"], root)).stderr).toMatch(
      /--trials/,
    );
    const bad = await runCli(["verify", "p.tgz", "--tolerance", "y=5"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tolerance: 'y=5' is not a tolerance/);
  });

  it("exits 2 for a package that does not exist", async () => {
    const root = await tempDir();
    const result = await runCli(["verify", "missing.tgz"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read package/);
  });

  it("reproduces into --out and names the new run", async () => {
    const root = await packed();
    const result = await runCli(
      ["reproduce", "p.tgz", "--out", "again", "--jobs", "2"],
      root,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`new run: ${join(root, "again", "reproduction")}`);
    expect(result.stderr).toMatch(/reproduced: all 3 re-executed trials match/);
  });
});
