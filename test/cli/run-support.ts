// Shared by the run/status CLI tests: a JSON definition on disk, the CLI run
// in-process with captured streams, and the real CLI as a child process.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.ts";

export const BIN = fileURLToPath(new URL("../../bin/sweepforge.js", import.meta.url));

/** A definition with one step running `script` under sh with the value of `i` as $1. */
export function writeDefinition(
  dir: string,
  name: string,
  count: number,
  script: string,
  extra: object = {},
): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      seed: 7,
      params: { i: Array.from({ length: count }, (_, i) => i) },
      steps: {
        work: {
          run: ["/bin/sh", "-c", script, "sh", "{i}"],
          resources: { cpus: 1, memory: "1MiB", time: "1m" },
          ...extra,
        },
      },
    }),
  );
  return file;
}

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[], cwd: string): Promise<Captured> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  stderr.on("data", (c: Buffer) => {
    err += c.toString();
  });
  const code = await main(argv, {
    stdout,
    stderr,
    interactive: false,
    cwd,
    env: process.env,
  });
  return { code, stdout: out, stderr: err };
}

export function spawnCli(argv: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [BIN, ...argv], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
  });
}
