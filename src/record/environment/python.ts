// Python, when python3 exists: its version and installed distributions.
// `pip freeze` takes around a second, so the dist-info folders it reads are
// listed directly instead, giving the same name==version lines.
import { readdir } from "node:fs/promises";
import { runTool, type ToolOptions } from "./probe.ts";
import { pythonCommand } from "./pyenv.ts";

export interface PythonFacts {
  readonly version: string;
  readonly executable: string;
  /** "name==version", sorted, as `pip freeze` prints them. */
  readonly packages: string[];
}

// -S -I skip the site module (a third of python's start-up): the standard
// site-packages folders are derived from the prefix and version instead.
// The answer is NUL-separated fields (version, executable, then folders):
// importing json would cost more than the rest of the start-up.
const QUERY = [
  "import os, sys",
  "v = 'python%d.%d' % sys.version_info[:2]",
  "paths = [os.path.join(p, 'lib', v, 'site-packages') for p in {sys.prefix, sys.base_prefix}]",
  "paths.append(os.path.join(os.path.expanduser('~'), '.local', 'lib', v, 'site-packages'))",
  "sys.stdout.write('\\0'.join([sys.version.split()[0], sys.executable] + sorted(paths)))",
].join("\n");

export async function pythonFacts(options: ToolOptions): Promise<PythonFacts> {
  const python = pythonCommand(options.env, options.cwd ?? process.cwd());
  const output = await runTool(python, ["-S", "-I", "-c", QUERY], options);
  const [version = "", executable = "", ...paths] = output.split("\0");
  if (!/^\d+\.\d+/.test(version) || executable === "") {
    throw new Error(`python3 answered ${JSON.stringify(output.slice(0, 80))}`);
  }

  const lists = await Promise.all(paths.map(distributionsIn));
  const packages = [...new Set(lists.flat())].sort((a, b) => a.localeCompare(b));
  return { version, executable, packages };
}

/** name==version for every *.dist-info / *.egg-info folder in one site dir. */
export async function distributionsIn(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }

  const found: string[] = [];
  for (const name of names) {
    const match = /^(.+?)-([^-]+?)\.(dist|egg)-info$/.exec(name);
    if (match) found.push(`${match[1]}==${match[2]}`);
  }
  return found;
}
