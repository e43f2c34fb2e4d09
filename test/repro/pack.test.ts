import { readFile, writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { list } from "tar";
import { describe, expect, it } from "vitest";
import { packRun } from "../../src/repro/pack.ts";
import { unpackArchive } from "../../src/repro/unpack.ts";
import { THREE_TRIALS, sha, tempDir, writeFixtureRun } from "./run-fixture.ts";

async function entriesOf(
  archive: string,
): Promise<{ path: string; mode?: number; uid?: number; mtime?: Date }[]> {
  const seen: { path: string; mode?: number; uid?: number; mtime?: Date }[] = [];
  await list({
    file: archive,
    onReadEntry: (e) =>
      void seen.push({ path: e.path, mode: e.mode, uid: e.uid, mtime: e.mtime }),
  });
  return seen;
}

async function projectWithRun(): Promise<{ root: string; run: string }> {
  const root = await tempDir();
  await writeFile(join(root, "experiment.yaml"), "name: fixture\n");
  const run = await writeFixtureRun(join(root, "runs", "r1"), {
    trials: THREE_TRIALS,
    definitionPath: "experiment.yaml",
    definitionHash: sha("name: fixture\n"),
  });
  return { root, run };
}

describe("pack", () => {
  it("writes manifest.json first, then every file in path order, each listed with size and sha256", async () => {
    const { root, run } = await projectWithRun();
    const result = await packRun(run, { cwd: root, probeEnvironment: false });

    const paths = (await entriesOf(result.file)).map((e) => e.path);
    expect(paths[0]).toBe("manifest.json");
    expect(paths.slice(1)).toEqual([...paths.slice(1)].sort());
    expect(paths).toContain("run/plan.json");
    expect(paths).toContain("run/trials/t-aaa/output/result.txt");
    expect(paths).toContain("source/experiment.yaml");
    expect(paths).toContain("ro-crate-metadata.json");

    const listed = result.manifest.files.map((f) => f.path);
    expect(listed).toEqual(paths.slice(1));
    const result_txt = result.manifest.files.find(
      (f) => f.path === "run/trials/t-aaa/output/result.txt",
    );
    expect(result_txt).toEqual({
      path: "run/trials/t-aaa/output/result.txt",
      size: 2,
      sha256: sha("2\n"),
    });
    expect(result.manifest.definition).toBe("source/experiment.yaml");
    expect(result.warnings).toEqual([]);
  });

  it("packs the same run to byte-identical archives with fixed owners, modes and times", async () => {
    const { root, run } = await projectWithRun();
    const first = await packRun(run, {
      cwd: root,
      probeEnvironment: false,
      output: join(root, "a.tgz"),
    });
    const second = await packRun(run, {
      cwd: root,
      probeEnvironment: false,
      output: join(root, "b.tgz"),
    });

    expect(second.sha256).toBe(first.sha256);
    expect(await readFile(join(root, "b.tgz"))).toEqual(
      await readFile(join(root, "a.tgz")),
    );
    for (const entry of await entriesOf(first.file)) {
      expect(entry.mode).toBe(0o644);
      expect(entry.uid).toBe(0);
      expect(entry.mtime?.toISOString()).toBe("2000-01-01T00:00:00.000Z");
    }
  });

  it("references outputs above the size policy by hash instead of dropping or including them", async () => {
    const big = "z".repeat(5000);
    const root = await tempDir();
    const run = await writeFixtureRun(join(root, "run"), {
      trials: [
        {
          id: "t-big",
          params: { x: 1 },
          seed: 1,
          metrics: { y: 1 },
          outputs: { "field.bin": big },
        },
      ],
    });
    const result = await packRun(run, {
      cwd: root,
      probeEnvironment: false,
      inlineOutputBytes: 1000,
    });

    const paths = result.manifest.files.map((f) => f.path);
    expect(paths).not.toContain("run/trials/t-big/output/field.bin");
    expect(paths).toContain("run/trials/t-big/output/metrics.json");
    expect(result.manifest.references).toContainEqual(
      expect.objectContaining({
        path: "run/trials/t-big/output/field.bin",
        size: 5000,
        sha256: sha(big),
      }),
    );
  });

  it("inlines small inputs and references large and remote ones with their size and hash", async () => {
    const root = await tempDir();
    await writeFile(join(root, "experiment.yaml"), "name: fixture\n");
    await writeFile(join(root, "mesh.txt"), "small mesh\n");
    await writeFile(join(root, "atlas.bin"), "A".repeat(3000));
    await mkdir(join(root, "tables"));
    await writeFile(join(root, "tables", "k.csv"), "k\n1\n");
    const run = await writeFixtureRun(join(root, "run"), {
      trials: THREE_TRIALS,
      definitionPath: "experiment.yaml",
      inputs: [
        { name: "mesh", location: "mesh.txt" },
        { name: "atlas", location: "atlas.bin" },
        { name: "tables", location: "tables" },
        { name: "era5", location: "s3://bucket/era5.nc" },
        { name: "gone", location: "missing.dat" },
      ],
    });
    const result = await packRun(run, {
      cwd: root,
      probeEnvironment: false,
      inlineInputBytes: 1000,
    });

    const paths = result.manifest.files.map((f) => f.path);
    expect(paths).toContain("inputs/mesh/mesh.txt");
    expect(paths).toContain("inputs/tables/k.csv");
    const refs = Object.fromEntries(result.manifest.references.map((r) => [r.path, r]));
    expect(refs["inputs/atlas/atlas.bin"]).toMatchObject({
      size: 3000,
      sha256: sha("A".repeat(3000)),
    });
    expect(refs["inputs/era5"]).toMatchObject({
      location: "s3://bucket/era5.nc",
      sha256: null,
    });
    expect(refs["inputs/gone"]?.reason).toMatch(/missing/);
  });

  it("warns when the definition on disk is not the one the run was planned from", async () => {
    const root = await tempDir();
    await writeFile(join(root, "experiment.yaml"), "name: edited\n");
    const run = await writeFixtureRun(join(root, "run"), {
      trials: THREE_TRIALS,
      definitionPath: "experiment.yaml",
      definitionHash: sha("name: fixture\n"),
    });
    const result = await packRun(run, { cwd: root, probeEnvironment: false });
    expect(result.warnings.join("\n")).toMatch(
      /differs from the one the run was planned from/,
    );
  });

  it("warns that the source is missing when the definition cannot be found", async () => {
    const root = await tempDir();
    const run = await writeFixtureRun(join(root, "run"), {
      trials: THREE_TRIALS,
      definitionPath: "nowhere.yaml",
    });
    const result = await packRun(run, { cwd: root, probeEnvironment: false });
    expect(result.manifest.definition).toBeNull();
    expect(result.warnings.join("\n")).toMatch(
      /nowhere\.yaml' was not found.*--definition/s,
    );
  });

  it("round-trips: unpacking gives back every packed file with its recorded hash", async () => {
    const { root, run } = await projectWithRun();
    const result = await packRun(run, { cwd: root, probeEnvironment: false });
    const out = join(root, "unpacked");
    await unpackArchive(result.file, out);
    for (const file of result.manifest.files) {
      expect(sha(await readFile(join(out, file.path)))).toBe(file.sha256);
    }
  });
});
