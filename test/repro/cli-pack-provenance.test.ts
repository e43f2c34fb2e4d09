import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.ts";
import { THREE_TRIALS, sha, tempDir, writeFixtureRun } from "./run-fixture.ts";

async function project(): Promise<string> {
  const root = await tempDir();
  await writeFile(join(root, "experiment.yaml"), "name: fixture\n");
  await writeFixtureRun(join(root, "run"), {
    trials: THREE_TRIALS,
    definitionPath: "experiment.yaml",
    definitionHash: sha("name: fixture\n"),
  });
  return root;
}

describe("sweepforge pack and provenance on the command line", () => {
  it("packs a run directory and reports the archive and its hash", async () => {
    const root = await project();
    const result = await runCli(
      ["pack", "run", "-o", "out.tgz", "--no-probe", "--inline-outputs", "1KiB"],
      root,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/packed \d+ files \(3 trials\) into .*out\.tgz/);
    expect(result.stderr).toMatch(/sha256 [0-9a-f]{64}/);
    expect(existsSync(join(root, "out.tgz"))).toBe(true);
  });

  it("prints the pack result as JSON with --json", async () => {
    const root = await project();
    const result = await runCli(["pack", "run", "--no-probe", "--json"], root);
    const doc = JSON.parse(result.stdout) as {
      file: string;
      sha256: string;
      warnings: string[];
    };
    expect(doc.file).toBe(join(root, "run.sweepforge.tar.gz"));
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.warnings).toEqual([]);
  });

  it("rejects a malformed size flag with exit 2, naming the flag", async () => {
    const root = await project();
    const result = await runCli(["pack", "run", "--inline-outputs", "lots"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--inline-outputs: 'lots' is not a size/);
  });

  it("exits 2 naming plan.json when the directory is not a run", async () => {
    const root = await tempDir();
    const result = await runCli(["pack", "."], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/plan\.json.*no readable plan\.json/);
  });

  it("exports PROV-JSON of a package and the packed RO-Crate", async () => {
    const root = await project();
    await runCli(["pack", "run", "-o", "p.tgz", "--no-probe"], root);

    const prov = await runCli(["provenance", "p.tgz", "--format", "prov"], root);
    expect(prov.code).toBe(0);
    const doc = JSON.parse(prov.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(doc.activity ?? {})).toContain("sf:trial-t-aaa");

    const crate = await runCli(["provenance", "p.tgz"], root);
    expect(JSON.parse(crate.stdout)["@context"]).toBeDefined();
  });

  it("rejects an unknown provenance format with exit 2", async () => {
    const root = await project();
    const result = await runCli(["provenance", "run", "--format", "rdf"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--format/);
  });
});
