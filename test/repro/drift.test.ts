import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareFacts,
  currentFacts,
  frozenPythonVersions,
  lockedNpmVersions,
  npmDependencyDrift,
  packagedFacts,
  pythonDependencyDrift,
} from "../../src/repro/drift.ts";
import { tempDir } from "./run-fixture.ts";

const lock = JSON.stringify({
  packages: {
    "": { dependencies: { zod: "^4" }, devDependencies: { vitest: "4", ghost: "1" } },
    "node_modules/zod": { version: "4.6.7" },
    "node_modules/vitest": { version: "4.1.12" },
    "node_modules/left-pad": { version: "1.0.0" },
  },
});

describe("environment drift", () => {
  it("reads node, python, OS and CPU from a packaged env.json", () => {
    expect(
      packagedFacts({
        node: { version: "v18.0.0" },
        python: { version: "3.9.1" },
        os: { platform: "linux", release: "5.4", arch: "x64" },
        cpu: { model: "Old CPU" },
      }),
    ).toEqual({ node: "v18.0.0", python: "3.9.1", os: "linux 5.4 x64", cpu: "Old CPU" });
    expect(packagedFacts({ nodeVersion: 20, platform: "darwin" })).toEqual({
      node: "20",
      python: null,
      os: "darwin",
      cpu: null,
    });
    expect(packagedFacts("nonsense")).toEqual({
      node: null,
      python: null,
      os: null,
      cpu: null,
    });
  });

  it("flags aspects that changed, ignoring a leading v and unknown packaged values", () => {
    const rows = compareFacts(
      { node: "v20.1.0", python: "3.9.1", os: null, cpu: "A" },
      { node: "20.1.0", python: "3.11.7", os: "linux", cpu: "B" },
    );
    expect(rows.map((r) => [r.aspect, r.drifted])).toEqual([
      ["node", false],
      ["python", true],
      ["os", false],
      ["cpu", true],
    ]);
  });

  it("describes the current machine", async () => {
    const facts = await currentFacts();
    expect(facts.node).toBe(process.version);
    expect(facts.os).toContain(process.platform);
    const noPython = await currentFacts({
      ...process.env,
      SWEEPFORGE_PYTHON: "/nonexistent/python",
    });
    expect(noPython.python).toBeNull();
  });

  it("lists direct npm dependencies from a lockfile", () => {
    expect([...lockedNpmVersions(lock)]).toEqual([
      ["vitest", "4.1.12"],
      ["zod", "4.6.7"],
    ]);
    expect(lockedNpmVersions("{}").size).toBe(0);
  });

  it("reports npm packages that are missing or at another version, never crashing", async () => {
    const project = await tempDir();
    await mkdir(join(project, "node_modules", "zod"), { recursive: true });
    await writeFile(
      join(project, "node_modules", "zod", "package.json"),
      '{"version":"3.22.0"}',
    );
    await mkdir(join(project, "node_modules", "vitest"), { recursive: true });
    await writeFile(join(project, "node_modules", "vitest", "package.json"), "{}");

    expect(await npmDependencyDrift(lock, project)).toEqual([
      { ecosystem: "npm", name: "vitest", packaged: "4.1.12", installed: null },
      { ecosystem: "npm", name: "zod", packaged: "4.6.7", installed: "3.22.0" },
    ]);
  });

  it("reads pip freeze lines, skipping editable and URL requirements", () => {
    const parsed = frozenPythonVersions(
      "NumPy==1.26.4\n-e git+https://x#egg=y\npkg @ file:///tmp/p\nscipy==1.11.0 ; python_version>'3'\n",
    );
    expect([...parsed]).toEqual([
      ["numpy", "1.26.4"],
      ["scipy", "1.11.0"],
    ]);
  });

  it("matches one Python distribution however its name is spelt", () => {
    const packaged = frozenPythonVersions(
      "typing_extensions==4.12.2\nZope.Interface==7.0\n",
    );
    const installed = frozenPythonVersions(
      "typing-extensions==4.12.2\nzope-interface==7.0\n",
    );
    expect([...packaged]).toEqual([...installed]);
  });

  it("reports a pinned Python package that can no longer be had as missing, and the installed version of a changed one", async () => {
    const drift = await pythonDependencyDrift(
      "pip==0.0.1\nsweepforge-surely-absent==9.9.9\n",
    );
    expect(drift).toContainEqual({
      ecosystem: "pypi",
      name: "sweepforge-surely-absent",
      packaged: "9.9.9",
      installed: null,
    });
    const pip = drift.find((d) => d.name === "pip");
    expect(pip?.installed).toMatch(/^\d+\.\d+/);
  });

  it("treats every pinned Python package as missing when no Python is available", async () => {
    const drift = await pythonDependencyDrift("numpy==1.0\n", {
      ...process.env,
      SWEEPFORGE_PYTHON: "/nonexistent/py",
    });
    expect(drift).toEqual([
      { ecosystem: "pypi", name: "numpy", packaged: "1.0", installed: null },
    ]);
  });
});
