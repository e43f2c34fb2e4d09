// Software context read from files and variables: the lockfile's resolved
// versions, conda, environment modules and container runtime hints.
import { access, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** The nearest package-lock.json at or above `dir`, or null. */
export async function findLockfile(dir: string): Promise<string | null> {
  let current = dir;
  for (;;) {
    const candidate = join(current, "package-lock.json");
    try {
      await access(candidate);
      return candidate;
    } catch {
      const parent = dirname(current);
      if (parent === current) return null;
      current = parent;
    }
  }
}

/** name → resolved version for every installed package in a v2/v3 lockfile. */
export async function lockedVersions(lockfile: string): Promise<Record<string, string>> {
  const lock = JSON.parse(await readFile(lockfile, "utf8")) as {
    packages?: Record<string, { version?: string }>;
  };
  const versions: Record<string, string> = {};
  // A package nested under another is a second copy: the shallowest path is
  // the version the project itself resolves, so it wins.
  const entries = Object.entries(lock.packages ?? {})
    .filter(([path, info]) => path.includes("node_modules/") && info.version)
    .map(([path, info]) => ({
      name: path.slice(path.lastIndexOf("node_modules/") + 13),
      depth: path.length,
      version: info.version as string,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.depth - b.depth);
  for (const { name, version } of entries) versions[name] ??= version;
  return versions;
}

export interface CondaFacts {
  readonly env: string | null;
  readonly prefix: string | null;
}

export function condaFacts(env: NodeJS.ProcessEnv): CondaFacts {
  return { env: env.CONDA_DEFAULT_ENV ?? null, prefix: env.CONDA_PREFIX ?? null };
}

export interface ModuleFacts {
  readonly system: "lmod" | "environment-modules" | null;
  readonly loaded: string[];
}

export function moduleFacts(env: NodeJS.ProcessEnv): ModuleFacts {
  const system = env.LMOD_VERSION || env.LMOD_CMD
    ? "lmod"
    : env.MODULESHOME ? "environment-modules" : null;
  const loaded = (env.LOADEDMODULES ?? "").split(":").filter(Boolean);
  return { system, loaded };
}

export interface ContainerFacts {
  readonly runtime: "apptainer" | "singularity" | "docker" | "podman" | "kubernetes" | null;
  readonly image: string | null;
}

/** Hints a container leaves: variables it sets and marker files. */
export async function containerFacts(
  env: NodeJS.ProcessEnv, root = "/",
): Promise<ContainerFacts> {
  if (env.APPTAINER_CONTAINER) return { runtime: "apptainer", image: env.APPTAINER_CONTAINER };
  if (env.SINGULARITY_CONTAINER) {
    return { runtime: "singularity", image: env.SINGULARITY_CONTAINER };
  }
  if (env.KUBERNETES_SERVICE_HOST) return { runtime: "kubernetes", image: null };
  if (await exists(join(root, ".dockerenv"))) return { runtime: "docker", image: null };
  if (await exists(join(root, "run/.containerenv"))) return { runtime: "podman", image: null };
  return { runtime: null, image: null };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
