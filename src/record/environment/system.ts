// What the machine is: read from the OS without spawning anything.
import os from "node:os";
import { readFile } from "node:fs/promises";

export interface SystemFacts {
  readonly os: {
    readonly platform: string;
    readonly kernel: string;
    readonly arch: string;
    readonly distribution: string | null;
  };
  readonly cpu: { readonly model: string; readonly count: number };
  readonly memory: { readonly totalMiB: number };
  readonly hostname: string;
  readonly user: string;
  readonly node: { readonly version: string };
}

/** PRETTY_NAME from an os-release file, or null. */
export async function distribution(file = "/etc/os-release"): Promise<string | null> {
  try {
    const text = await readFile(file, "utf8");
    const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

export function userName(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    /* v8 ignore next -- only on a uid without a passwd entry (some containers) */
    return env.USER ?? env.LOGNAME ?? "unknown";
  }
}

export async function systemFacts(env: NodeJS.ProcessEnv): Promise<SystemFacts> {
  const cpus = os.cpus();
  return {
    os: {
      platform: os.platform(),
      kernel: os.release(),
      arch: os.arch(),
      distribution: await distribution(),
    },
    cpu: { model: cpus[0]?.model.trim() ?? "unknown", count: os.availableParallelism() },
    memory: { totalMiB: Math.round(os.totalmem() / 1024 / 1024) },
    hostname: os.hostname(),
    user: userName(env),
    node: { version: process.version },
  };
}
