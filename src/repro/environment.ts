// The software environment around a run as separate, tool-readable files:
// a Python requirements freeze, a conda export, loaded environment modules and
// container images. What the run captured in env.json (at run time) is
// preferred; only what it lacks is probed now, bounded by a timeout, and a
// missing tool simply contributes no file.
import { existsSync } from "node:fs";
import { dirname, join, parse } from "node:path";
import { execa } from "execa";

/** One generated environment file: its name under environment/ and its text. */
export interface EnvironmentFile {
  readonly name: string;
  readonly text: string;
}

export interface EnvironmentProbeOptions {
  /** The run's env.json, parsed, when it has one. */
  readonly captured?: unknown;
  readonly env: NodeJS.ProcessEnv;
  /** Run pip / conda when env.json lacks what they would tell (default true). */
  readonly probe?: boolean;
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
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<string | undefined> {
  const result = await execa(command, args, {
    env,
    timeout,
    reject: false,
    stdin: "ignore",
  });
  return result.exitCode === 0 ? result.stdout : undefined;
}

function withNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/** Python packages as `pip freeze` prints them, sorted case-insensitively. */
async function pythonFreeze(
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<string | undefined> {
  const python = env.SWEEPFORGE_PYTHON ?? "python3";
  const out = await probe(python, ["-m", "pip", "freeze", "--all"], env, timeout);
  return out === undefined ? undefined : sortedLines(out.split("\n"));
}

function containerRefs(env: NodeJS.ProcessEnv): { source: string; image: string }[] {
  return ["APPTAINER_CONTAINER", "SINGULARITY_CONTAINER", "SWEEPFORGE_CONTAINER_IMAGE"]
    .filter((name) => env[name])
    .map((name) => ({ source: `$${name}`, image: env[name] as string }));
}

type Loose = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>(
    (v, key) => (typeof v === "object" && v !== null ? (v as Loose)[key] : undefined),
    value,
  );
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;

/** What env.json (src/record's EnvironmentRecord) already knows. */
function fromCaptured(captured: unknown): {
  packages?: string[];
  modules?: string[];
  container?: { runtime: unknown; image: string };
} {
  const packages =
    at(captured, "python", "available") === true
      ? strings(at(captured, "python", "value", "packages"))
      : undefined;
  const modules = strings(at(captured, "modules", "loaded"));
  const image = at(captured, "container", "image");
  return {
    ...(packages ? { packages } : {}),
    ...(modules ? { modules } : {}),
    ...(typeof image === "string"
      ? { container: { runtime: at(captured, "container", "runtime"), image } }
      : {}),
  };
}

const sortedLines = (lines: readonly string[]): string =>
  withNewline(
    [...lines]
      .filter((line) => line.trim() !== "")
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))
      .join("\n"),
  );

/** Captures the environment files; absent tools give no file. */
export async function captureEnvironmentFiles(
  options: EnvironmentProbeOptions,
): Promise<readonly EnvironmentFile[]> {
  const timeout = options.timeoutMs ?? 20_000;
  const { env } = options;

  const known = fromCaptured(options.captured);
  const probing = options.probe ?? true;
  const [freeze, conda] = await Promise.all([
    known.packages
      ? Promise.resolve(sortedLines(known.packages))
      : probing
        ? pythonFreeze(env, timeout)
        : Promise.resolve(undefined),
    probing && env.CONDA_PREFIX
      ? probe(env.CONDA_EXE ?? "conda", ["env", "export", "--no-builds"], env, timeout)
      : Promise.resolve(undefined),
  ]);
  const modules = known.modules ?? (env.LOADEDMODULES ?? "").split(":").filter(Boolean);
  const containers = known.container
    ? [{ source: "env.json", ...known.container }]
    : containerRefs(env);

  const files: EnvironmentFile[] = [];
  if (conda !== undefined)
    files.push({ name: "conda-environment.yml", text: withNewline(conda) });
  if (containers.length) {
    files.push({
      name: "containers.json",
      text: `${JSON.stringify(containers, null, 2)}\n`,
    });
  }
  if (modules.length)
    files.push({ name: "modules.txt", text: withNewline(modules.join("\n")) });
  if (freeze !== undefined) files.push({ name: "requirements.txt", text: freeze });
  return files;
}
