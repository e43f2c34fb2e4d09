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
    stdout: withClosedPipeIgnored(process.stdout),
    stderr: withClosedPipeIgnored(process.stderr),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    cwd: process.cwd(),
    env: process.env,
  };
}

const guarded = new WeakSet<NodeJS.WriteStream>();

// A reader that stops early (`sweepforge summarize --csv | head`) closes the
// pipe. What it chose not to read is no failure: the command finishes as usual
// instead of dying on EPIPE with a stack trace.
function withClosedPipeIgnored(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (guarded.has(stream)) return stream;
  guarded.add(stream);
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  return stream;
}

/** Writes one JSON document to stdout (machine output for --json). */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Human output goes to stderr so stdout stays clean for pipes. */
export function say(io: CliIO, line = ""): void {
  io.stderr.write(`${line}\n`);
}
