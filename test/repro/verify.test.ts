import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planFromFile } from "../../src/plan/index.ts";
import { packRun } from "../../src/repro/pack.ts";
import { withDependencies } from "../../src/repro/reexecute.ts";
import { formatVerifyReport } from "../../src/repro/report.ts";
import { REPRODUCED_FROM_FILE, reproducePackage } from "../../src/repro/reproduce.ts";
import { writeTarGz } from "../../src/repro/tar-writer.ts";
import { unpackArchive } from "../../src/repro/unpack.ts";
import { verifyPackage } from "../../src/repro/verify.ts";
import { walkFiles } from "../../src/repro/walk.ts";
import { makeRealRun, TINY_EXPERIMENT } from "./real-run.ts";
import { tempDir } from "./run-fixture.ts";

async function packedRealRun(
  definition?: string,
  beforePack?: (run: string) => Promise<void>,
) {
  const root = await tempDir();
  const run = await makeRealRun(root, definition);
  await beforePack?.(run);
  const packed = await packRun(run, { cwd: root, probeEnvironment: false });
  return { root, run, archive: packed.file };
}

/** Unpacks, lets `edit` change the files, and re-archives them as they are. */
async function tampered(
  archive: string,
  edit: (dir: string) => Promise<void>,
): Promise<string> {
  const dir = `${archive}.edit`;
  await unpackArchive(archive, dir);
  await edit(dir);
  const { files } = await walkFiles(dir);
  const out = `${archive}.tampered.tgz`;
  const entries = await Promise.all(
    files.map(async (path) => {
      const bytes = await readFile(join(dir, path));
      return { path, size: bytes.length, content: { bytes } };
    }),
  );
  await writeTarGz(out, entries);
  return out;
}

const RANDOM_METRIC = TINY_EXPERIMENT.replace(
  "$(( {x} * 2 ))",
  "$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')",
);

describe("verify", () => {
  it("re-executes every trial from the package alone and finds that all reproduce", async () => {
    const { root, archive } = await packedRealRun();
    const report = await verifyPackage(archive, { projectDir: root });

    expect(report.integrity.ok).toBe(true);
    expect(report.trials.map((t) => t.status)).toEqual([
      "reproduced",
      "reproduced",
      "reproduced",
    ]);
    expect(report.trials[0]?.metrics.map((m) => m.name)).toEqual(["label", "y"]);
    expect(report.trials[0]?.outputs.map((o) => o.path)).toEqual(["result.txt"]);
    expect(report.ok).toBe(true);
    expect(formatVerifyReport(report).at(-1)).toBe(
      "reproduced: all 3 re-executed trials match",
    );
  });

  it("re-executes only a seeded sample when asked for N trials", async () => {
    const { root, archive } = await packedRealRun();
    const first = await verifyPackage(archive, {
      trials: 2,
      sampleSeed: 5,
      projectDir: root,
    });
    const again = await verifyPackage(archive, {
      trials: 2,
      sampleSeed: 5,
      projectDir: root,
    });
    expect(first.trials).toHaveLength(2);
    expect(first.trialCount).toBe(3);
    expect(again.trials.map((t) => t.trialId)).toEqual(
      first.trials.map((t) => t.trialId),
    );
  });

  it("fails naming the metric when a trial gives another value, and passes within a tolerance", async () => {
    const { root, archive } = await packedRealRun(RANDOM_METRIC);
    const report = await verifyPackage(archive, { projectDir: root });
    expect(report.ok).toBe(false);
    expect(report.trials.every((t) => t.status === "differs")).toBe(true);
    expect(report.trials[0]?.reason).toMatch(/^y: \d+ → \d+$/);
    expect(formatVerifyReport(report).at(-1)).toBe(
      "not reproduced: 3 of 3 trials differ",
    );

    const loose = await verifyPackage(archive, {
      projectDir: root,
      tolerances: { y: { absolute: 2 ** 32 } },
    });
    expect(loose.ok).toBe(true);
  });

  it("fails a trial whose re-execution fails, saying how", async () => {
    const marker = join(await tempDir(), "marker");
    await writeFile(marker, "");
    const needsMarker = TINY_EXPERIMENT.replace(
      'echo "x={x}',
      `test -f '${marker}' || exit 3; echo "x={x}`,
    );
    const { root, archive } = await packedRealRun(needsMarker);
    await rm(marker);

    const report = await verifyPackage(archive, { projectDir: root, trials: 1 });
    expect(report.trials[0]).toMatchObject({
      status: "failed",
      reason: "originally succeeded, re-executed: failed (exit 3)",
    });
    expect(report.ok).toBe(false);
  });

  it("checks integrity first and names altered, missing and extra files without re-executing", async () => {
    const { root, archive } = await packedRealRun();
    const bad = await tampered(archive, async (dir) => {
      const { files } = await walkFiles(dir);
      const result = files.find((p) => p.endsWith("result.txt"))!;
      await writeFile(join(dir, result), "forged\n");
      await rm(join(dir, "source", "experiment.yaml"));
      await writeFile(join(dir, "run", "smuggled.sh"), "rm -rf ~\n");
    });
    const report = await verifyPackage(bad, { projectDir: root });

    expect(report.integrity.ok).toBe(false);
    expect(report.integrity.altered).toEqual([
      expect.stringMatching(/output\/result\.txt$/),
    ]);
    expect(report.integrity.missing).toEqual(["source/experiment.yaml"]);
    expect(report.integrity.extra).toEqual(["run/smuggled.sh"]);
    expect(report.trials).toEqual([]);
    const text = formatVerifyReport(report).join("\n");
    expect(text).toMatch(
      /integrity: FAILED\n {2}missing: source\/experiment\.yaml\n {2}altered: .*result\.txt\n {2}extra: {3}run\/smuggled\.sh/,
    );
  });

  it("refuses a package without a manifest", async () => {
    const { root, archive } = await packedRealRun();
    const bad = await tampered(archive, (dir) => rm(join(dir, "manifest.json")));
    await expect(verifyPackage(bad, { projectDir: root })).rejects.toMatchObject({
      code: "repro/manifest-missing",
    });
  });

  it("reports environment drift as warnings, and as failure under --strict", async () => {
    const { root, archive } = await packedRealRun(undefined, (run) =>
      writeFile(
        join(run, "env.json"),
        JSON.stringify({
          node: { version: "v0.10.48" },
          os: { platform: "sunos", kernel: "5.11", arch: "sparc" },
          cpu: { model: "UltraSPARC T2" },
        }),
      ),
    );
    const relaxed = await verifyPackage(archive, { projectDir: root });
    expect(relaxed.ok).toBe(true);
    expect(relaxed.drift.filter((d) => d.drifted).map((d) => d.aspect)).toEqual([
      "node",
      "os",
      "cpu",
    ]);
    expect(formatVerifyReport(relaxed).join("\n")).toMatch(
      /environment drift \(warning\):\naspect +packaged +here\n[- ]+\nnode +v0\.10\.48 +v20/,
    );

    const strict = await verifyPackage(archive, { projectDir: root, strict: true });
    expect(strict.reproduced).toBe(true);
    expect(strict.ok).toBe(false);
    expect(formatVerifyReport(strict).at(-1)).toMatch(
      /but the environment drifted \(--strict\)/,
    );
  });

  it("lists a packaged dependency that is no longer installed as missing, as a warning", async () => {
    const lockRoot = await tempDir();
    await writeFile(
      join(lockRoot, "package-lock.json"),
      JSON.stringify({
        packages: {
          "": { dependencies: { "left-pad-from-2016": "1.0.0" } },
          "node_modules/left-pad-from-2016": { version: "1.0.0" },
        },
      }),
    );
    const run = await makeRealRun(lockRoot);
    const packed = await packRun(run, { cwd: lockRoot, probeEnvironment: false });
    const report = await verifyPackage(packed.file, { projectDir: lockRoot });
    expect(report.dependencies).toEqual([
      {
        ecosystem: "npm",
        name: "left-pad-from-2016",
        packaged: "1.0.0",
        installed: null,
      },
    ]);
    expect(report.ok).toBe(true);
    expect(formatVerifyReport(report).join("\n")).toMatch(
      /npm +left-pad-from-2016 +1\.0\.0 +MISSING/,
    );
  });
});

describe("reproduce", () => {
  it("unpacks into a new folder, reruns everything as a new run linked to the package, and compares", async () => {
    const { root, archive } = await packedRealRun();
    const out = join(root, "again");
    const report = await reproducePackage(archive, { out, projectDir: root });

    expect(report.ok).toBe(true);
    expect(report.trials).toHaveLength(3);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
    const link = JSON.parse(
      await readFile(join(report.runDir, REPRODUCED_FROM_FILE), "utf8"),
    );
    expect(link).toMatchObject({
      package: archive,
      packageSha256: report.sha256,
      experiment: "tiny",
    });
    expect(existsSync(join(report.runDir, "env.json"))).toBe(true);
  });

  it("stops at integrity when the package was altered", async () => {
    const { root, archive } = await packedRealRun();
    const bad = await tampered(archive, (dir) =>
      writeFile(join(dir, "run", "plan.json"), "{}"),
    );
    const report = await reproducePackage(bad, { cwd: root });
    expect(report.integrity.altered).toEqual(["run/plan.json"]);
    expect(report.directory).toBe(join(root, "r1.tampered-reproduced"));
    expect(report.ok).toBe(false);
  });
});

describe("dependency closure of a sample", () => {
  it("adds every trial a chosen trial waits for", async () => {
    const root = await tempDir();
    await writeFile(
      join(root, "e.yaml"),
      `name: two
params: { x: [1, 2] }
steps:
  a: { run: [echo, "{x}"] }
  b: { run: [echo, "{x}"], after: a }
  total: { run: [echo, done], afterAll: b }
`,
    );
    const plan = await planFromFile(join(root, "e.yaml"));
    const total = [...plan.steps[2]!.trials][0]!;
    expect(withDependencies(plan, new Set([total.id])).size).toBe(5);
    const firstB = [...plan.steps[1]!.trials][0]!;
    expect([...withDependencies(plan, new Set([firstB.id]))].sort()).toEqual(
      [firstB.id, ...firstB.dependsOn].sort(),
    );
  });
});
