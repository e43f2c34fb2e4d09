import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { list } from "tar";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { packRun } from "../../src/repro/pack.ts";
import { exportProvenance } from "../../src/repro/provenance.ts";
import { writeTarGz } from "../../src/repro/tar-writer.ts";
import { unpackArchive } from "../../src/repro/unpack.ts";
import { THREE_TRIALS, sha, tempDir, writeFixtureRun } from "./run-fixture.ts";

describe("packing unusual runs", () => {
  it("streams files too large to hold in memory but under the output limit, intact", async () => {
    const root = await tempDir();
    const big = Buffer.alloc(5 * 1024 * 1024, "q");
    const run = await writeFixtureRun(join(root, "run"), { trials: [THREE_TRIALS[0]!] });
    await writeFile(join(run, "trials", "t-aaa", "output", "field.bin"), big);
    const result = await packRun(run, { cwd: root, probeEnvironment: false });

    expect(result.manifest.files).toContainEqual({
      path: "run/trials/t-aaa/output/field.bin",
      size: big.length,
      sha256: sha(big),
    });
    const out = join(root, "out");
    await unpackArchive(result.file, out);
    expect(sha(await readFile(join(out, "run/trials/t-aaa/output/field.bin")))).toBe(
      sha(big),
    );
  });

  it("warns about symlinks in the run instead of silently following or dropping them", async () => {
    const root = await tempDir();
    const run = await writeFixtureRun(join(root, "run"), { trials: THREE_TRIALS });
    await symlink("/etc/hostname", join(run, "trials", "t-aaa", "output", "host-link"));
    const result = await packRun(run, { cwd: root, probeEnvironment: false });
    expect(result.warnings).toContain(
      "run/trials/t-aaa/output/host-link is not a regular file (symlink or special file) and was not packed",
    );
  });

  it("keeps imports from above an absolute definition's folder under a common source root", async () => {
    const root = await tempDir();
    await mkdir(join(root, "study"));
    await mkdir(join(root, "shared"));
    await writeFile(
      join(root, "study", "experiment.ts"),
      'import "../shared/util.ts";\n',
    );
    await writeFile(join(root, "shared", "util.ts"), "export {};\n");
    const run = await writeFixtureRun(join(root, "run"), {
      trials: THREE_TRIALS,
      definitionPath: join(root, "study", "experiment.ts"),
    });
    const result = await packRun(run, { cwd: "/", probeEnvironment: false });
    expect(result.manifest.definition).toBe("source/study/experiment.ts");
    expect(result.manifest.sourceRoot).toBe("source/study");
    expect(result.manifest.files.map((f) => f.path)).toContain("source/shared/util.ts");
  });

  it("packs a run whose env.json is damaged, without environment files derived from it", async () => {
    const root = await tempDir();
    const run = await writeFixtureRun(join(root, "run"), { trials: THREE_TRIALS });
    await writeFile(join(run, "env.json"), "{torn");
    const result = await packRun(run, { cwd: root, probeEnvironment: false });
    expect(
      result.manifest.files
        .map((f) => f.path)
        .filter((p) => p.startsWith("environment/")),
    ).toEqual([]);
  });

  it("writes paths longer than the tar header holds through a pax record", async () => {
    const dir = await tempDir();
    const long = `${"deep/".repeat(60)}file.txt`;
    await writeTarGz(join(dir, "long.tgz"), [
      { path: long, size: 3, content: { bytes: Buffer.from("abc") } },
    ]);
    const paths: string[] = [];
    await list({
      file: join(dir, "long.tgz"),
      onReadEntry: (e) => void paths.push(e.path),
    });
    expect(paths).toEqual([long]);
  });
});

describe("provenance export", () => {
  it("exports a run directory as RO-Crate or PROV", async () => {
    const root = await tempDir();
    const run = await writeFixtureRun(join(root, "run"), { trials: THREE_TRIALS });
    const crate = (await exportProvenance(run, "ro-crate")) as {
      "@graph": { "@id": string }[];
    };
    expect(crate["@graph"].map((e) => e["@id"])).toContain("#trial-t-bbb");
    const prov = (await exportProvenance(run, "prov")) as {
      activity: Record<string, unknown>;
    };
    expect(Object.keys(prov.activity)).toContain("sf:trial-t-bbb");
  });

  it("uses a package's inlined inputs as entities the sweep used", async () => {
    const root = await tempDir();
    await writeFile(join(root, "experiment.yaml"), "name: fixture\n");
    await writeFile(join(root, "mesh.txt"), "mesh\n");
    const run = await writeFixtureRun(join(root, "run"), {
      trials: THREE_TRIALS,
      definitionPath: "experiment.yaml",
      inputs: [{ name: "mesh", location: "mesh.txt" }],
    });
    const { file } = await packRun(run, { cwd: root, probeEnvironment: false });
    const prov = (await exportProvenance(file, "prov")) as {
      used: Record<string, Record<string, string>>;
    };
    expect(Object.values(prov.used)).toContainEqual({
      "prov:activity": "sf:sweep",
      "prov:entity": "pkg:inputs/mesh/mesh.txt",
    });
  });

  it("says clearly when the source does not exist", async () => {
    const error = await exportProvenance("/nonexistent/run", "prov").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("repro/source-missing");
  });
});
