// Every CLI command, in the order `--help` lists them. A command module
// exports one `register…` function that adds itself to the program.
import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { registerSummarize } from "./summarize.ts";
import { registerCompare } from "./compare.ts";
import { registerPlot } from "./plot.ts";
import { registerPack } from "./pack.ts";
import { registerProvenance } from "./provenance.ts";
import { registerVerify } from "./verify.ts";
import { registerReproduce } from "./reproduce.ts";
import { registerPlan } from "./plan.ts";
import { registerCompile } from "./compile.ts";
import { registerSubmit } from "./submit.ts";
import { registerCancel } from "./cancel.ts";
import { registerEstimate } from "./estimate.ts";
import { registerRun } from "./run.ts";
import { registerStatus } from "./status.ts";

export interface CommandContext {
  readonly io: CliIO;
  /** Commands report their exit code here rather than calling process.exit. */
  setExitCode(code: number): void;
}

export type CommandRegistrar = (program: Command, context: CommandContext) => void;

// Listed in the order a study goes through them: define and plan, run here or
// on a cluster, look at the results, then pack and check them.
export const COMMANDS: readonly CommandRegistrar[] = [
  registerPlan,
  registerEstimate,
  registerRun,
  registerStatus,
  registerCompile,
  registerSubmit,
  registerCancel,
  registerSummarize,
  registerCompare,
  registerPlot,
  registerPack,
  registerVerify,
  registerReproduce,
  registerProvenance,
];
