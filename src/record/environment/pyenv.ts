// pyenv puts a bash shim named python3 first on PATH; starting it costs
// several hundred milliseconds before Python itself starts, most of the
// environment capture's budget. The shim's choice is cheap to repeat from
// files: PYENV_VERSION, else the nearest .python-version, else the global
// version file; "system" means the next python3 on PATH.
import { accessSync, constants, readFileSync } from "node:fs";
import { basename, delimiter, dirname, join } from "node:path";

const PROGRAM = "python3";

/**
 * The interpreter a `python3` command would start, with pyenv's shim
 * resolved; "python3" itself when no shim is in front (or it cannot be
 * resolved, so that running it reports the problem as pyenv would).
 */
export function pythonCommand(env: NodeJS.ProcessEnv, cwd: string): string {
  const dirs = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  const first = dirs.findIndex((dir) => isExecutable(join(dir, PROGRAM)));
  const shims = dirs[first];
  if (shims === undefined || !isPyenvShims(shims)) return PROGRAM;

  const root = dirname(shims);
  const version = selectedVersion(env, cwd, root);
  if (version === "system") {
    const next = dirs.slice(first + 1).find((dir) => isExecutable(join(dir, PROGRAM)));
    return next === undefined ? PROGRAM : join(next, PROGRAM);
  }

  const interpreter = join(root, "versions", version, "bin", PROGRAM);
  return isExecutable(interpreter) ? interpreter : PROGRAM;
}

function isPyenvShims(dir: string): boolean {
  return (
    basename(dir) === "shims" && isExecutable(join(dirname(dir), "libexec", "pyenv"))
  );
}

/** The first version pyenv would use; the rest of a "a:b" list are fallbacks. */
function selectedVersion(env: NodeJS.ProcessEnv, cwd: string, root: string): string {
  const fromEnv = env.PYENV_VERSION?.split(":")[0]?.trim();
  if (fromEnv) return fromEnv;

  for (let dir = cwd; ; dir = dirname(dir)) {
    const local = firstWord(join(dir, ".python-version"));
    if (local !== undefined) return local;
    if (dirname(dir) === dir) break;
  }
  return firstWord(join(root, "version")) ?? "system";
}

function firstWord(file: string): string | undefined {
  try {
    const word = readFileSync(file, "utf8").trim().split(/\s+/)[0];
    return word === "" ? undefined : word;
  } catch {
    return undefined;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
