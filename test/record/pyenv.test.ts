import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureEnvironment } from "../../src/record/environment/capture.ts";
import { pythonCommand } from "../../src/record/environment/pyenv.ts";
import { tempDir } from "../run/support/temp.ts";

function executable(file: string, body: string): string {
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/**
 * A pyenv root laid out as pyenv lays it out: a shim that fails loudly if it
 * is ever started, the pyenv program, and interpreters under versions/.
 */
function pyenvRoot(versions: readonly string[]): string {
  const root = tempDir("sweepforge-pyenv-");
  executable(join(root, "shims", "python3"), "echo 'the shim ran' >&2; exit 97");
  executable(join(root, "libexec", "pyenv"), "exit 97");
  for (const version of versions) {
    executable(join(root, "versions", version, "bin", "python3"), "exit 0");
  }
  return root;
}

describe("finding the interpreter behind pyenv's python3 shim", () => {
  it("leaves python3 alone when no pyenv shim comes first on PATH", () => {
    const plain = tempDir();
    executable(join(plain, "python3"), "exit 0");
    const notPyenv = join(tempDir(), "shims");
    executable(join(notPyenv, "python3"), "exit 0");

    expect(pythonCommand({ PATH: plain }, plain)).toBe("python3");
    expect(pythonCommand({ PATH: notPyenv }, plain)).toBe("python3");
    expect(pythonCommand({}, plain)).toBe("python3");
  });

  it("takes PYENV_VERSION first, then the nearest .python-version, then the global file", () => {
    const root = pyenvRoot(["3.12.1", "3.10.4", "3.11.7"]);
    const PATH = join(root, "shims");
    const project = tempDir();
    const nested = join(project, "a", "b");
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(project, ".python-version"), "3.10.4\n3.12.1\n");
    writeFileSync(join(root, "version"), "3.11.7\n");

    expect(pythonCommand({ PATH, PYENV_VERSION: "3.12.1:3.10.4" }, nested)).toBe(
      join(root, "versions", "3.12.1", "bin", "python3"),
    );
    expect(pythonCommand({ PATH }, nested)).toBe(
      join(root, "versions", "3.10.4", "bin", "python3"),
    );
    expect(pythonCommand({ PATH }, tempDir())).toBe(
      join(root, "versions", "3.11.7", "bin", "python3"),
    );
  });

  it("skips an empty .python-version, and leaves a version it cannot find to the shim", () => {
    const root = pyenvRoot([]);
    const project = tempDir();
    writeFileSync(join(project, ".python-version"), "\n");
    writeFileSync(join(root, "version"), "3.9.0\n");

    expect(pythonCommand({ PATH: join(root, "shims") }, project)).toBe("python3");
  });

  it("uses the next python3 on PATH for the system version", () => {
    const root = pyenvRoot([]);
    const system = tempDir();
    executable(join(system, "python3"), "exit 0");
    const PATH = [join(root, "shims"), tempDir(), system].join(":");

    expect(pythonCommand({ PATH }, tempDir())).toBe(join(system, "python3"));
    expect(pythonCommand({ PATH: join(root, "shims") }, tempDir())).toBe("python3");
  });

  it("records the version's interpreter without starting the shim", async () => {
    const root = pyenvRoot([]);
    const site = tempDir();
    mkdirSync(join(site, "numpy-1.26.4.dist-info"));
    const interpreter = join(root, "versions", "3.11.7", "bin", "python3");
    executable(interpreter, `printf '3.11.7\\0%s\\0%s' '${interpreter}' '${site}'`);
    const cwd = tempDir();

    const record = await captureEnvironment({
      cwd,
      env: { PATH: `${join(root, "shims")}:/usr/bin:/bin`, PYENV_VERSION: "3.11.7" },
    });

    expect(record.python).toEqual({
      available: true,
      value: {
        version: "3.11.7",
        executable: join(root, "versions", "3.11.7", "bin", "python3"),
        packages: ["numpy==1.26.4"],
      },
    });
  });
});
