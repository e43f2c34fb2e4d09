// The software environment around a run, captured when it is packed: the
// Node lockfile, a Python requirements freeze, a conda export, loaded
// environment modules and container images. Probes are bounded by a timeout
// and a missing tool simply contributes no file.
import { existsSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { execa } from "execa";

/** One generated environment file: its name under environment/ and its text. */
export interface EnvironmentFile {
  readonly name: string;
  readonly text: string;
}

export interface EnvironmentProbeOptions {
  /** Folder to search upwards from for package-lock.json. */
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** The nearest package-lock.json at or above `start`, if any. */
export function findLockfile(start: string): string | undefined {
  const { root } = parse(start);
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, "package-lock.json");
    if (existsSync(candidate)) return candidate;
    if (dir === root) return undefined;
  }
}

async function probe(
  command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeout: number,
): Promise<string | undefined> {
  const result = await execa(command, args, { env, timeout, reject: false, stdin: "ignore" });
  return result.exitCode === 0 ? result.stdout : undefined;
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** Python packages as `pip freeze` prints them, sorted case-insensitively. */
async function pythonFreeze(env: NodeJS.ProcessEnv, timeout: number): Promise<string | undefined> {
  const python = env.SWEEPFORGE_PYTHON ?? "python3";
  const out = await probe(python, ["-m", "pip", "freeze", "--all"], env, timeout);
  if (out === undefined) return undefined;
  const lines = out.split("\n").filter((line) => line.trim() !== "");
  return withNewline(lines.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).join("\n"));
}

function containerRefs(env: NodeJS.ProcessEnv): string | undefined {
  const refs = ["APPTAINER_CONTAINER", "SINGULARITY_CONTAINER", "SWEEPFORGE_CONTAINER_IMAGE"]
    .filter((name) => env[name])
    .map((name) => ({ variable: name, image: env[name] as string }));
  return refs.length ? `${JSON.stringify(refs, null, 2)}\n` : undefined;
}

/** Captures the environment files; absent tools give no file. */
export async function captureEnvironmentFiles(
  options: EnvironmentProbeOptions,
): Promise<readonly EnvironmentFile[]> {
  const timeout = options.timeoutMs ?? 20_000;
  const { env } = options;

  const [freeze, conda] = await Promise.all([
    pythonFreeze(env, timeout),
    env.CONDA_PREFIX
      ? probe(env.CONDA_EXE ?? "conda", ["env", "export", "--no-builds"], env, timeout)
      : Promise.resolve(undefined),
  ]);
  const modules = (env.LOADEDMODULES ?? "").split(":").filter(Boolean);

  const files: EnvironmentFile[] = [];
  if (conda !== undefined) files.push({ name: "conda-environment.yml", text: withNewline(conda) });
  const containers = containerRefs(env);
  if (containers) files.push({ name: "containers.json", text: containers });
  if (modules.length) files.push({ name: "modules.txt", text: withNewline(modules.join("\n")) });
  if (freeze !== undefined) files.push({ name: "requirements.txt", text: freeze });
  return files;
}
