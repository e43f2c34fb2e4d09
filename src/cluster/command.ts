// Runs scheduler commands (sbatch, squeue, qsub...) as argv arrays through
// execa, never a shell string. A refusal becomes a RuntimeFailure that quotes
// the scheduler's own words.
import { execa } from "execa";
import { RuntimeFailure } from "../errors.ts";

export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export interface CommandRunner {
  (file: string, args: readonly string[]): Promise<CommandOutput>;
}

/** A runner with the given environment and a timeout per command. */
export function commandRunner(env: NodeJS.ProcessEnv, timeoutMs = 60_000): CommandRunner {
  return async (file, args) => {
    const result = await execa(file, [...args], {
      env, extendEnv: false, reject: false, timeout: timeoutMs, stdin: "ignore",
    });
    if (result.failed && result.exitCode === undefined) {
      throw new RuntimeFailure("cluster/command-failed",
        `could not run ${file}: ${result.shortMessage}`, { file, args });
    }
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? 1 };
  };
}

/** Runs and insists on exit status 0; otherwise quotes what the tool said. */
export async function runChecked(
  run: CommandRunner,
  file: string,
  args: readonly string[],
): Promise<string> {
  const output = await run(file, args);
  if (output.exitCode === 0) return output.stdout;

  const said = [output.stderr.trim(), output.stdout.trim()].filter(Boolean).join("\n");
  throw new RuntimeFailure("cluster/scheduler-refused",
    `${file} refused (exit ${output.exitCode}): ${said || "(no message)"}`,
    { file, args, exitCode: output.exitCode, stderr: output.stderr, stdout: output.stdout });
}

/** True when `file` can be found on PATH (probed, never assumed). */
export async function available(file: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const result = await execa("sh", ["-c", 'command -v "$1"', "sh", file],
    { env, extendEnv: false, reject: false, timeout: 5_000 });
  return result.exitCode === 0;
}
