// `sweepforge cancel <run-dir>`: cancel every job submitted for the run.
import type { Command } from "commander";
import { resolve } from "node:path";
import { z } from "zod";
import { cancelRun } from "../../cluster/cancel.ts";
import { commandRunner } from "../../cluster/command.ts";
import { printJson, say } from "../io.ts";
import { flagError } from "./compile.ts";
import type { CommandContext } from "./index.ts";

const CancelFlags = z.object({ json: z.boolean().default(false) });

export function registerCancel(program: Command, context: CommandContext): void {
  program
    .command("cancel")
    .description("cancel every SLURM/PBS job submitted for a run")
    .argument("<run-dir>", "the run directory (holds jobs.json)")
    .option("--json", "print the cancelled job ids as JSON")
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge cancel runs/heat`,
    )
    .action(async (runDir: string, raw: unknown) => {
      const flags = CancelFlags.safeParse(raw);
      if (!flags.success) throw flagError("cancel", flags.error);

      const report = await cancelRun(
        resolve(context.io.cwd, runDir),
        commandRunner(context.io.env),
      );
      if (flags.data.json) printJson(context.io, report);
      else
        say(
          context.io,
          `cancelled ${report.cancelled.length} job(s): ${report.cancelled.join(" ")}`,
        );
      context.setExitCode(0);
    });
}
