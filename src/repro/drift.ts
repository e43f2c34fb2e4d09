// Environment drift: how the machine verifying a package differs from the
// one that produced it (Node, Python, OS, CPU, package versions). Drift is a
// warning by default and a failure under --strict.
import { readFile } from "node:fs/promises";
import { arch, cpus, platform, release } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

export interface EnvironmentFacts {
  readonly node: string | null;
  readonly python: string | null;
  readonly os: string | null;
  readonly cpu: string | null;
}

export interface DriftRow {
  readonly aspect: string;
  readonly packaged: string | null;
  readonly current: string | null;
  readonly drifted: boolean;
}

export interface DependencyDrift {
  readonly ecosystem: "npm" | "pypi";
  readonly name: string;
  readonly packaged: string;
  /** The version installed here, or null when the package is missing. */
  readonly installed: string | null;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
  typeof value === "object" && value !== null;

/** First string found along any of the dotted paths, tolerating other writers' shapes. */
function pick(source: unknown, paths: readonly string[]): string | null {
  for (const path of paths) {
    let at: unknown = source;
    for (const key of path.split(".")) at = isObject(at) ? at[key] : undefined;
    if (typeof at === "string" && at !== "") return at;
    if (typeof at === "number") return String(at);
  }
  return null;
}

/** The facts drift is judged on, read from a packaged env.json. */
export function packagedFacts(env: unknown): EnvironmentFacts {
  const platformName = pick(env, ["os.platform", "platform"]);
  const releaseName = pick(env, ["os.kernel", "os.release", "osRelease"]);
  const archName = pick(env, ["os.arch", "arch"]);
  const os = platformName
    ? [platformName, releaseName, archName].filter(Boolean).join(" ")
    : null;
  return {
    node: pick(env, ["node.version", "nodeVersion", "versions.node"]),
    python: pick(env, ["python.value.version", "python.version", "pythonVersion"]),
    os,
    cpu: pick(env, ["cpu.model", "cpuModel"]),
  };
}

async function pythonVersion(env: NodeJS.ProcessEnv): Promise<string | null> {
  const python = env.SWEEPFORGE_PYTHON ?? "python3";
  const result = await execa(
    python,
    ["-c", "import platform; print(platform.python_version())"],
    { env, reject: false, timeout: 10_000, stdin: "ignore" },
  );
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The same facts for the machine running now. */
export async function currentFacts(
  env: NodeJS.ProcessEnv = process.env,
): Promise<EnvironmentFacts> {
  return {
    node: process.version,
    python: await pythonVersion(env),
    os: `${platform()} ${release()} ${arch()}`,
    cpu: cpus()[0]?.model.trim() ?? null,
  };
}

const normalizeVersion = (v: string | null): string | null =>
  v?.replace(/^v/, "") ?? null;

/** One row per aspect; an aspect unknown on the packaged side is not drift. */
export function compareFacts(
  packaged: EnvironmentFacts,
  current: EnvironmentFacts,
): DriftRow[] {
  return (["node", "python", "os", "cpu"] as const).map((aspect) => {
    const was = packaged[aspect];
    const now = current[aspect];
    const drifted = was !== null && normalizeVersion(was) !== normalizeVersion(now);
    return { aspect, packaged: was, current: now, drifted };
  });
}

/** name → version for the root project's direct dependencies in a package-lock.json. */
export function lockedNpmVersions(lockText: string): Map<string, string> {
  const lock = JSON.parse(lockText) as { packages?: Record<string, Loose> };
  const packages = lock.packages ?? {};
  const root = packages[""] ?? {};
  const direct = new Set([
    ...Object.keys(isObject(root.dependencies) ? root.dependencies : {}),
    ...Object.keys(isObject(root.devDependencies) ? root.devDependencies : {}),
  ]);
  const versions = new Map<string, string>();
  for (const name of [...direct].sort()) {
    const version = packages[`node_modules/${name}`]?.version;
    if (typeof version === "string") versions.set(name, version);
  }
  return versions;
}

/**
 * name → version from `pip freeze` lines ("name==1.2.3"); other lines are skipped.
 * Names are normalised as PEP 503 says (case, and runs of "-", "_", "."), because
 * different tools spell one distribution `typing_extensions` or `typing-extensions`.
 */
export function frozenPythonVersions(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z0-9_.-]+)==([^\s;]+)/.exec(line.trim());
    if (match) versions.set(normalisePythonName(match[1] as string), match[2] as string);
  }
  return versions;
}

function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

async function installedNpmVersion(
  projectDir: string,
  name: string,
): Promise<string | null> {
  const text = await readFile(
    join(projectDir, "node_modules", name, "package.json"),
    "utf8",
  ).catch(() => undefined);
  if (text === undefined) return null;
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === "string" ? version : null;
}

/** Packaged npm dependencies that are missing or at another version in `projectDir`. */
export async function npmDependencyDrift(
  lockText: string,
  projectDir: string,
): Promise<DependencyDrift[]> {
  const drift: DependencyDrift[] = [];
  for (const [name, packaged] of lockedNpmVersions(lockText)) {
    const installed = await installedNpmVersion(projectDir, name);
    if (installed !== packaged)
      drift.push({ ecosystem: "npm", name, packaged, installed });
  }
  return drift;
}

/** Packaged Python requirements that are missing or at another version here. */
export async function pythonDependencyDrift(
  requirements: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DependencyDrift[]> {
  const python = env.SWEEPFORGE_PYTHON ?? "python3";
  const result = await execa(python, ["-m", "pip", "freeze", "--all"], {
    env,
    reject: false,
    timeout: 20_000,
    stdin: "ignore",
  });
  const installed = frozenPythonVersions(result.exitCode === 0 ? result.stdout : "");

  const drift: DependencyDrift[] = [];
  for (const [name, packaged] of frozenPythonVersions(requirements)) {
    const here = installed.get(name) ?? null;
    if (here !== packaged)
      drift.push({ ecosystem: "pypi", name, packaged, installed: here });
  }
  return drift;
}
