// External tools are optional: each is run with a deadline and its failure
// becomes a recorded reason, never a crash of the run.
import { execFile } from "node:child_process";

export type Probe<T> =
  | { readonly available: true; readonly value: T }
  | { readonly available: false; readonly reason: string };

export interface ToolOptions {
  readonly timeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Runs a tool and resolves to its stdout; rejects with a one-line reason. */
export function runTool(
  command: string, args: readonly string[], options: ToolOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, {
      timeout: options.timeoutMs,
      killSignal: "SIGKILL",
      env: options.env,
      cwd: options.cwd,
      maxBuffer: 64 * 1024 * 1024,
      encoding: "utf8",
    }, (error, stdout) => {
      if (error) reject(new Error(toolFailure(command, error, options.timeoutMs)));
      else resolve(stdout);
    });
  });
}

function toolFailure(
  command: string, error: { code?: unknown; killed?: boolean; message: string }, timeoutMs: number,
): string {
  if (error.code === "ENOENT") return `${command} not found on PATH`;
  if (error.killed) return `${command} timed out after ${timeoutMs} ms`;
  return `${command} failed: ${error.message.split("\n")[0]}`;
}

/** Turns a probe function's outcome into a recorded value or reason. */
export async function probe<T>(work: () => Promise<T>): Promise<Probe<T>> {
  try {
    return { available: true, value: await work() };
  } catch (error) {
    return { available: false, reason: (error as Error).message };
  }
}
