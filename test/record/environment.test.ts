import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureEnvironment } from "../../src/record/environment/capture.ts";
import { parseGpuLine } from "../../src/record/environment/gpus.ts";
import { distributionsIn } from "../../src/record/environment/python.ts";
import { EnvironmentRecord } from "../../src/record/environment/schema.ts";
import {
  condaFacts,
  containerFacts,
  lockedVersions,
  moduleFacts,
} from "../../src/record/environment/software.ts";
import { distribution } from "../../src/record/environment/system.ts";
import { isSecretName, splitVariables } from "../../src/record/environment/variables.ts";
import { tempDir } from "../run/support/temp.ts";

/** A folder of executable scripts standing in for tools on PATH. */
function toolDir(tools: Record<string, string>): string {
  const dir = tempDir("sweepforge-tools-");
  for (const [name, body] of Object.entries(tools)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

function git(dir: string, ...args: string[]): void {
  execFileSync("git", ["-C", dir, ...args], {
    stdio: "ignore",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  });
}

describe("environment capture", () => {
  it("records every tool missing from PATH as unavailable instead of failing", async () => {
    const cwd = tempDir();
    const env = { PATH: toolDir({}), HOME: cwd };

    const record = await captureEnvironment({ cwd, env });

    expect(EnvironmentRecord.safeParse(record).success).toBe(true);
    expect(record.python).toEqual({
      available: false,
      reason: "python3 not found on PATH",
    });
    expect(record.gpus).toEqual({
      available: false,
      reason: "nvidia-smi not found on PATH",
    });
    expect(record.git).toEqual({ available: false, reason: "git not found on PATH" });
    expect(record.dependencies).toEqual({
      available: false,
      reason: `no package-lock.json at or above ${cwd}`,
    });
    expect(record.node.version).toBe(process.version);
    expect(record.cpu.count).toBeGreaterThan(0);
  });

  it("gives up on a tool that hangs after its deadline and on one that fails", async () => {
    const cwd = tempDir();
    const tools = toolDir({
      "nvidia-smi": "exec /bin/sleep 10",
      python3: "echo broken >&2; exit 3",
      git: "exit 128",
    });

    const started = Date.now();
    const record = await captureEnvironment({
      cwd,
      env: { PATH: tools },
      timeoutMs: 300,
    });

    expect(Date.now() - started).toBeLessThan(5000);
    expect(record.gpus).toEqual({
      available: false,
      reason: "nvidia-smi timed out after 300 ms",
    });
    expect(record.python.available).toBe(false);
    expect(record.python).toMatchObject({
      reason: expect.stringMatching(/^python3 failed: /),
    });
    expect(record.git).toMatchObject({ reason: expect.stringMatching(/^git failed: /) });
  });

  it("records a python3 that answers the query with something else as unavailable", async () => {
    const cwd = tempDir();
    const tools = toolDir({ python3: "echo 'this is not python'" });

    const record = await captureEnvironment({ cwd, env: { PATH: tools } });

    expect(record.python).toEqual({
      available: false,
      reason: 'python3 answered "this is not python\\n"',
    });
  });

  it("reads GPUs, python packages, the git state and the lockfile when they exist", async () => {
    const repo = tempDir();
    const site = join(repo, "site");
    mkdirSync(join(site, "numpy-2.1.0.dist-info"), { recursive: true });
    mkdirSync(join(site, "old_pkg-0.3.egg-info"));
    writeFileSync(
      join(repo, "package-lock.json"),
      JSON.stringify({
        packages: {
          "": { version: "1.0.0" },
          "node_modules/a/node_modules/zod": { version: "3.0.0" },
          "node_modules/zod": { version: "4.0.0" },
          "node_modules/@scope/pkg": { version: "2.0.0" },
        },
      }),
    );
    writeFileSync(join(repo, "experiment.txt"), "v1\n");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "first");
    const tools = toolDir({
      "nvidia-smi": `echo "0, NVIDIA A100, 40960, 550.54, GPU-aaa"; echo "1, NVIDIA A100, n/a, 550.54, GPU-bbb"`,
      // What the query prints: version, executable, site folders, NUL-separated.
      python3: `printf '3.11.7\\0/usr/bin/python3\\0%s\\0/no/such' '${site}'`,
    });
    const env = { PATH: `${tools}:${process.env.PATH}` };

    const clean = await captureEnvironment({ cwd: repo, env });
    writeFileSync(join(repo, "experiment.txt"), "v2\n");
    const dirty = await captureEnvironment({ cwd: repo, env });

    expect(clean.gpus).toEqual({
      available: true,
      value: [
        {
          index: "0",
          name: "NVIDIA A100",
          memoryMiB: 40960,
          driver: "550.54",
          uuid: "GPU-aaa",
        },
        {
          index: "1",
          name: "NVIDIA A100",
          memoryMiB: null,
          driver: "550.54",
          uuid: "GPU-bbb",
        },
      ],
    });
    expect(clean.python).toEqual({
      available: true,
      value: {
        version: "3.11.7",
        executable: "/usr/bin/python3",
        packages: ["numpy==2.1.0", "old_pkg==0.3"],
      },
    });
    expect(clean.dependencies).toEqual({
      available: true,
      value: {
        lockfile: join(repo, "package-lock.json"),
        versions: { "@scope/pkg": "2.0.0", zod: "4.0.0" },
      },
    });
    expect(clean.git).toMatchObject({
      available: true,
      value: {
        branch: "main",
        dirty: false,
        diffSha256: null,
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      },
    });
    expect(dirty.git).toMatchObject({
      available: true,
      value: {
        dirty: true,
        diffSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it("redacts secret-looking variables so their values never reach the record", async () => {
    const env = {
      PATH: "/nonexistent",
      GITHUB_TOKEN: "ghp_secret1",
      AWS_SECRET_ACCESS_KEY: "secret2",
      DB_PASSWORD: "secret3",
      SSH_PRIVATE: "secret4",
      MY_API_KEY: "secret5",
      CREDENTIALS_FILE: "secret6",
      HTTP_AUTH: "secret7",
      SLURM_JOB_ID: "42",
      PBS_JOBID: "7.server",
      SLURM_SECRET: "secret8",
      HOME: "/home/u",
    };

    const record = await captureEnvironment({ cwd: tempDir(), env });
    const text = JSON.stringify(record);

    for (let i = 1; i <= 8; i += 1) expect(text).not.toContain(`secret${i}`);
    expect(record.scheduler).toEqual({
      PBS_JOBID: "7.server",
      SLURM_JOB_ID: "42",
      SLURM_SECRET: "[redacted]",
    });
    expect(record.variables.GITHUB_TOKEN).toBe("[redacted]");
    expect(record.variables.HOME).toBe("/home/u");
    expect(Object.keys(record.variables)).toEqual(
      [...Object.keys(record.variables)].sort(),
    );
    expect(isSecretName("PATH")).toBe(false);
    expect(splitVariables({ A: undefined })).toEqual({ scheduler: {}, variables: {} });
  });

  it("recognises conda, environment modules and container runtimes", async () => {
    const root = tempDir();
    const docker = tempDir();
    writeFileSync(join(docker, ".dockerenv"), "");
    const podman = tempDir();
    mkdirSync(join(podman, "run"));
    writeFileSync(join(podman, "run", ".containerenv"), "");

    expect(
      condaFacts({ CONDA_DEFAULT_ENV: "ml", CONDA_PREFIX: "/opt/conda/envs/ml" }),
    ).toEqual({ env: "ml", prefix: "/opt/conda/envs/ml" });
    expect(condaFacts({})).toEqual({ env: null, prefix: null });
    expect(
      moduleFacts({ LMOD_VERSION: "8.7", LOADEDMODULES: "gcc/12:openmpi/4.1" }),
    ).toEqual({ system: "lmod", loaded: ["gcc/12", "openmpi/4.1"] });
    expect(moduleFacts({ MODULESHOME: "/usr/share/modules" })).toEqual({
      system: "environment-modules",
      loaded: [],
    });
    expect(moduleFacts({})).toEqual({ system: null, loaded: [] });
    expect(await containerFacts({ APPTAINER_CONTAINER: "/img.sif" }, root)).toEqual({
      runtime: "apptainer",
      image: "/img.sif",
    });
    expect(await containerFacts({ SINGULARITY_CONTAINER: "/old.sif" }, root)).toEqual({
      runtime: "singularity",
      image: "/old.sif",
    });
    expect(await containerFacts({ KUBERNETES_SERVICE_HOST: "10.0.0.1" }, root)).toEqual({
      runtime: "kubernetes",
      image: null,
    });
    expect(await containerFacts({}, docker)).toEqual({ runtime: "docker", image: null });
    expect(await containerFacts({}, podman)).toEqual({ runtime: "podman", image: null });
    expect(await containerFacts({}, root)).toEqual({ runtime: null, image: null });
  });

  it("reads the distribution name, and copes without one", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a"), `NAME="X"\nPRETTY_NAME="Example Linux 1"\n`);
    writeFileSync(join(dir, "b"), `NAME=X\n`);

    expect(await distribution(join(dir, "a"))).toBe("Example Linux 1");
    expect(await distribution(join(dir, "b"))).toBeNull();
    expect(await distribution(join(dir, "missing"))).toBeNull();
  });

  it("parses partial tool output without inventing values", async () => {
    expect(parseGpuLine("")).toEqual({
      index: "",
      name: "",
      memoryMiB: null,
      driver: "",
      uuid: "",
    });
    expect(await distributionsIn(join(tempDir(), "none"))).toEqual([]);
    const lock = join(tempDir(), "package-lock.json");
    writeFileSync(lock, "{}");
    expect(await lockedVersions(lock)).toEqual({});
  });
});
