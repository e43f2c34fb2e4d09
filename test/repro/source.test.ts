import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packRun } from "../../src/repro/pack.ts";
import {
  experimentSourceFiles,
  resolveLocalModule,
} from "../../src/repro/source-graph.ts";
import { THREE_TRIALS, tempDir, writeFixtureRun } from "./run-fixture.ts";

async function tsProject(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, "study", "lib", "deep"), { recursive: true });
  await mkdir(join(root, "shared"), { recursive: true });
  await writeFile(
    join(root, "study", "experiment.ts"),
    [
      'import { experiment } from "sweepforge/dsl";',
      'import { grid } from "./lib/grid.js";',
      'import type { Knobs } from "./lib/types.ts";',
      'export { helper } from "./lib/deep";',
      'import units from "../shared/units.json" with { type: "json" };',
      'const later = await import("./lib/lazy.ts");',
      "export default experiment('x');",
    ].join("\n"),
  );
  await writeFile(
    join(root, "study", "lib", "grid.ts"),
    'import "./types.ts"; export const grid = 1;',
  );
  await writeFile(join(root, "study", "lib", "types.ts"), "export type Knobs = number;");
  await writeFile(
    join(root, "study", "lib", "deep", "index.ts"),
    'export * from "../grid.ts"; export const helper = 2;',
  );
  await writeFile(join(root, "study", "lib", "lazy.ts"), "export const lazy = 3;");
  await writeFile(join(root, "study", "lib", "unused.ts"), "export const unused = 4;");
  await writeFile(join(root, "shared", "units.json"), "{}");
  return root;
}

describe("experiment source graph", () => {
  it("follows static imports, re-exports, folder indexes, .js-to-.ts and literal dynamic imports, but not packages", async () => {
    const root = await tsProject();
    const files = await experimentSourceFiles(join(root, "study", "experiment.ts"));
    expect(files.map((f) => f.slice(root.length + 1))).toEqual([
      "shared/units.json",
      "study/experiment.ts",
      "study/lib/deep/index.ts",
      "study/lib/grid.ts",
      "study/lib/lazy.ts",
      "study/lib/types.ts",
    ]);
  });

  it("treats a YAML or JSON definition as one file", async () => {
    const root = await tempDir();
    await writeFile(join(root, "e.yaml"), "name: e\n");
    expect(await experimentSourceFiles(join(root, "e.yaml"))).toEqual([
      join(root, "e.yaml"),
    ]);
  });

  it("leaves unresolvable specifiers out instead of failing", async () => {
    const root = await tempDir();
    expect(resolveLocalModule(join(root, "a.ts"), "./missing.js")).toBeUndefined();
    await writeFile(join(root, "m.mts"), "");
    expect(resolveLocalModule(join(root, "a.ts"), "./m.mjs")).toBe(join(root, "m.mts"));
  });

  it("packs the source tree mirrored from the plan's working directory (even given with a trailing slash), with files named on the command line", async () => {
    const root = await tsProject();
    await mkdir(join(root, "study", "bin"));
    await writeFile(join(root, "study", "bin", "sim.py"), "print(1)\n");
    const run = await writeFixtureRun(join(root, "runs", "r"), {
      trials: THREE_TRIALS,
      definitionPath: "study/experiment.ts",
      argv: [
        "python3",
        "study/bin/sim.py",
        "--out=study/lib/grid.ts",
        "/etc/hostname",
        "-v",
      ],
    });
    const result = await packRun(run, { cwd: `${root}/`, probeEnvironment: false });
    const paths = result.manifest.files
      .map((f) => f.path)
      .filter((p) => p.startsWith("source/"));

    expect(result.manifest.definition).toBe("source/study/experiment.ts");
    expect(result.manifest.sourceRoot).toBe("source");
    expect(paths).toEqual([
      "source/shared/units.json",
      "source/study/bin/sim.py",
      "source/study/experiment.ts",
      "source/study/lib/deep/index.ts",
      "source/study/lib/grid.ts",
      "source/study/lib/lazy.ts",
      "source/study/lib/types.ts",
    ]);
  });

  it("finds a definition given with --definition and keeps the planned layout", async () => {
    const root = await tsProject();
    const elsewhere = await tempDir();
    const run = await writeFixtureRun(join(elsewhere, "r"), {
      trials: THREE_TRIALS,
      definitionPath: "study/experiment.ts",
    });
    const result = await packRun(run, {
      cwd: elsewhere,
      probeEnvironment: false,
      definitionPath: join(root, "study", "experiment.ts"),
    });
    expect(result.manifest.definition).toBe("source/study/experiment.ts");

    const other = await packRun(run, {
      cwd: elsewhere,
      probeEnvironment: false,
      output: join(elsewhere, "o.tgz"),
      definitionPath: join(root, "shared", "units.json"),
    });
    expect(other.manifest.definition).toBe("source/units.json");
    const missing = await packRun(run, {
      cwd: elsewhere,
      probeEnvironment: false,
      output: join(elsewhere, "m.tgz"),
      definitionPath: join(root, "nope.ts"),
    });
    expect(missing.manifest.definition).toBeNull();
  });
});
