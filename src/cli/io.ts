// The streams and switches every command writes through. Injectable so tests
// can run commands in-process and read what they printed.
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  readonly interactive: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Writes one JSON document to stdout (machine output for --json). */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Human output goes to stderr so stdout stays clean for pipes. */
export function say(io: CliIO, line = ""): void {
  io.stderr.write(`${line}\n`);
}
