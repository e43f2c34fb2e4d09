// Every CLI command, in the order `--help` lists them. A command module
// exports one `register…` function that adds itself to the program. Modules
// load on demand: a command pulls in only what it needs (the whole set takes
// about a second to load through the TypeScript loader).
import type { Command } from "commander";
import type { CliIO } from "../io.ts";

export interface CommandContext {
  readonly io: CliIO;
  /** Commands report their exit code here rather than calling process.exit. */
  setExitCode(code: number): void;
}

export type CommandRegistrar = (program: Command, context: CommandContext) => void;

export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<CommandRegistrar>;
}

// Listed in the order a study goes through them: define and plan, run here or
// on a cluster, look at the results, then pack and check them.
export const COMMANDS: readonly CommandEntry[] = [
  { name: "plan", load: async () => (await import("./plan.ts")).registerPlan },
  {
    name: "estimate",
    load: async () => (await import("./estimate.ts")).registerEstimate,
  },
  { name: "run", load: async () => (await import("./run.ts")).registerRun },
  { name: "status", load: async () => (await import("./status.ts")).registerStatus },
  { name: "compile", load: async () => (await import("./compile.ts")).registerCompile },
  { name: "submit", load: async () => (await import("./submit.ts")).registerSubmit },
  { name: "cancel", load: async () => (await import("./cancel.ts")).registerCancel },
  {
    name: "summarize",
    load: async () => (await import("./summarize.ts")).registerSummarize,
  },
  { name: "compare", load: async () => (await import("./compare.ts")).registerCompare },
  { name: "plot", load: async () => (await import("./plot.ts")).registerPlot },
  { name: "pack", load: async () => (await import("./pack.ts")).registerPack },
  { name: "verify", load: async () => (await import("./verify.ts")).registerVerify },
  {
    name: "reproduce",
    load: async () => (await import("./reproduce.ts")).registerReproduce,
  },
  {
    name: "provenance",
    load: async () => (await import("./provenance.ts")).registerProvenance,
  },
];

/**
 * The commands an invocation needs registered in full: the one it names (also
 * in `help <command>`); all of them when it may print the command list; none
 * for `--version` or an unknown name, which need the names alone.
 */
export function commandsToLoad(argv: readonly string[]): readonly CommandEntry[] {
  const words = argv.filter((arg) => !arg.startsWith("-"));
  const named = words[0] === "help" ? words[1] : words[0];
  const entry = COMMANDS.find((command) => command.name === named);
  if (entry !== undefined) return [entry];

  const versionOnly = argv.includes("-V") || argv.includes("--version");
  if (named !== undefined || versionOnly) return [];
  return COMMANDS;
}
