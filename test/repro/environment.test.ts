import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureEnvironmentFiles, findLockfile } from "../../src/repro/environment.ts";
import { packRun } from "../../src/repro/pack.ts";
import { unpackArchive } from "../../src/repro/unpack.ts";
import { THREE_TRIALS, tempDir, writeFixtureRun } from "./run-fixture.ts";

describe("environment files in a package", () => {
  it("writes requirements, modules and container images from the run's env.json, and the project lockfile", async () => {
    const root = await tempDir();
    await writeFile(join(root, "experiment.yaml"), "name: fixture\n");
    await writeFile(join(root, "package-lock.json"), '{"lockfileVersion":3}\n');
    const run = await writeFixtureRun(join(root, "run"), {
      trials: THREE_TRIALS,
      definitionPath: "experiment.yaml",
    });
    const result = await packRun(run, { cwd: root, probeEnvironment: false });
    const out = join(root, "x");
    await unpackArchive(result.file, out);

    const read = (name: string) => readFile(join(out, "environment", name), "utf8");
    expect(await read("requirements.txt")).toBe("Jinja2==3.1.2\nnumpy==1.26.4\n");
    expect(await read("modules.txt")).toBe("gcc/12.2\nopenmpi/4.1\n");
    expect(JSON.parse(await read("containers.json"))).toEqual([
      { source: "env.json", runtime: "apptainer", image: "docker://python:3.11-slim" },
    ]);
    expect(await read("package-lock.json")).toBe('{"lockfileVersion":3}\n');
  });

  it("probes pip and conda, and reads modules and containers from the environment, when env.json lacks them", async () => {
    const bin = await tempDir();
    const conda = join(bin, "conda");
    await writeFile(conda, "#!/bin/sh\necho 'name: base'\necho \"args: $*\"\n");
    await chmod(conda, 0o755);
    const files = await captureEnvironmentFiles({
      captured: { python: { available: false, reason: "none" } },
      env: {
        ...process.env,
        CONDA_PREFIX: "/opt/conda",
        CONDA_EXE: conda,
        LOADEDMODULES: "gcc/13:cuda/12",
        APPTAINER_CONTAINER: "/images/sim.sif",
      },
    });
    const byName = Object.fromEntries(files.map((f) => [f.name, f.text]));

    expect(byName["conda-environment.yml"]).toBe(
      "name: base\nargs: env export --no-builds\n",
    );
    expect(byName["modules.txt"]).toBe("gcc/13\ncuda/12\n");
    expect(JSON.parse(byName["containers.json"]!)).toEqual([
      { source: "$APPTAINER_CONTAINER", image: "/images/sim.sif" },
    ]);
    expect(byName["requirements.txt"]).toMatch(/^pip==/m);
  });

  it("contributes no file for tools that are absent", async () => {
    const files = await captureEnvironmentFiles({
      captured: undefined,
      env: { PATH: "/nonexistent", SWEEPFORGE_PYTHON: "/nonexistent/python3" },
    });
    expect(files).toEqual([]);
  });

  it("finds the nearest lockfile upwards, or none", async () => {
    const root = await tempDir();
    expect(findLockfile(root)).toBeUndefined();
    await writeFile(join(root, "package-lock.json"), "{}");
    expect(findLockfile(join(root, "a", "b"))).toBe(join(root, "package-lock.json"));
  });
});
