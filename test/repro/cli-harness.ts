// Runs the real CLI in-process with captured streams.
import { PassThrough } from "node:stream";
import { main } from "../../src/cli/main.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  const out = capture();
  const err = capture();
  const code = await main(argv, {
    stdout: out.stream,
    stderr: err.stream,
    interactive: false,
    cwd,
    env: process.env,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
