// Facts read from the environment at compile time: the cluster's array cap
// and the definition's git state. Each probe has a timeout and an answer for
// "unavailable", so compiling never needs a cluster or a repository.
import { dirname } from "node:path";
import { execa } from "execa";
import type { GitState } from "../../compilers/shared/provenance.ts";

/** MaxArraySize from `scontrol show config`, or undefined when not reachable. */
export async function readArrayCap(env: NodeJS.ProcessEnv): Promise<number | undefined> {
  const result = await execa("scontrol", ["show", "config"],
    { env, extendEnv: false, reject: false, timeout: 10_000 });
  if (result.exitCode !== 0) return undefined;

  return parseMaxArraySize(String(result.stdout));
}

export function parseMaxArraySize(config: string): number | undefined {
  const match = /^MaxArraySize\s*=\s*(\d+)\s*$/m.exec(config);
  return match ? Number(match[1]) : undefined;
}

// Dirty means tracked files changed: generated scripts (untracked) written
// into the tree must not change the header of the next compile.
export async function readGitState(file: string): Promise<GitState | undefined> {
  const cwd = dirname(file);
  const head = await execa("git", ["rev-parse", "HEAD"], { cwd, reject: false, timeout: 5_000 });
  if (head.exitCode !== 0) return undefined;

  const status = await execa("git", ["status", "--porcelain", "--untracked-files=no"],
    { cwd, reject: false, timeout: 10_000 });
  return { commit: String(head.stdout).trim(), dirty: String(status.stdout).trim() !== "" };
}
