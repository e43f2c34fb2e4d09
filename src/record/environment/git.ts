// The experiment repository's state: commit, branch, dirty flag, and a hash
// of the uncommitted changes so "dirty" runs can still be told apart.
import { createHash } from "node:crypto";
import { runTool, type ToolOptions } from "./probe.ts";

export interface GitState {
  readonly commit: string;
  readonly branch: string;
  readonly dirty: boolean;
  /** sha256 of `git diff HEAD` plus the list of untracked files; null when clean. */
  readonly diffSha256: string | null;
}

export async function gitState(dir: string, options: ToolOptions): Promise<GitState> {
  const [status, diff] = await Promise.all([
    runTool("git", ["-C", dir, "status", "--porcelain=v2", "--branch"], options),
    runTool("git", ["-C", dir, "diff", "HEAD", "--binary"], options),
  ]);

  const lines = status.split("\n").filter(Boolean);
  const header = (key: string): string =>
    lines.find((l) => l.startsWith(`# branch.${key} `))?.slice(`# branch.${key} `.length) ?? "";
  const changes = lines.filter((l) => !l.startsWith("#"));
  const dirty = changes.length > 0;

  return {
    commit: header("oid"),
    branch: header("head"),
    dirty,
    diffSha256: dirty
      ? createHash("sha256").update(diff).update(changes.join("\n")).digest("hex")
      : null,
  };
}
