// The command line: a thin layer over the library. Parses flags, runs one
// command, and turns errors into exit codes: 0 ok, 1 runtime failure,
// 2 user error (bad definition, flag or file).
import { Command, CommanderError } from "commander";
import { RuntimeFailure, UserError, formatProblem } from "../errors.ts";
import { COMMANDS, commandsToLoad } from "./commands/index.ts";
import { processIO, type CliIO } from "./io.ts";
import { VERSION } from "../version.ts";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The action of a command resolves to its exit code. */
export type CommandResult = Promise<number>;

/**
 * The program with every command named and the ones `argv` needs registered in
 * full (see commandsToLoad); the others are bare names, enough for commander
 * to reject or suggest them.
 */
export async function buildProgram(
  io: CliIO,
  setExitCode: (code: number) => void,
  argv: readonly string[],
): Promise<Command> {
  const program = new Command("sweepforge")
    .description(
      "Typed parameter sweeps: plan, run locally or on SLURM/PBS/Kubernetes, " +
        "record, summarise, plot and reproduce.",
    )
    .version(VERSION, "-V, --version")
    .option("--debug", "print stack traces for errors")
    .showHelpAfterError("(run with --help for usage and examples)")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  program.addHelpText(
    "after",
    `
Examples:
  $ sweepforge plan examples/quickstart/experiment.ts
  $ sweepforge run examples/quickstart/experiment.ts --jobs 2
  $ sweepforge <command> --help`,
  );

  const needed = commandsToLoad(argv);
  const registrars = await Promise.all(needed.map((command) => command.load()));
  for (const command of COMMANDS) {
    const full = needed.indexOf(command);
    if (full >= 0) registrars[full]!(program, { io, setExitCode });
    else program.command(command.name);
  }
  return program;
}

export async function main(
  argv: readonly string[],
  io: CliIO = processIO(),
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = await buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    argv,
  );
  const debug = argv.includes("--debug");

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug, argv.includes("--json"));
  }
}

/** Maps any thrown value to an exit code, printing it the way its kind deserves. */
export function reportError(
  error: unknown,
  io: CliIO,
  debug: boolean,
  json: boolean,
): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" are commander's way of stopping early.
    if (error.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }

  if (error instanceof UserError) {
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ error: { code: error.code, problems: error.problems } }, null, 2)}\n`,
      );
    }
    for (const problem of error.problems)
      io.stderr.write(`error: ${formatProblem(problem)}\n`);
    if (debug) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  }

  if (error instanceof RuntimeFailure) {
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }, null, 2)}\n`,
      );
    }
    io.stderr.write(`failed: ${error.message}\n`);
    if (debug) io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }

  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`internal error: ${message}\n`);
  io.stderr.write(
    debug && error instanceof Error
      ? `${error.stack}\n`
      : "(this is a bug in sweepforge; rerun with --debug for a stack trace)\n",
  );
  return EXIT.failure;
}
