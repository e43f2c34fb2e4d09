// `sweepforge reproduce <package>`: unpack, rerun everything as a new run
// linked to the package, compare as verify does.
import type { Command } from "commander";
import { z } from "zod";
import { parseCommandFlags } from "../../repro/flags.ts";
import { reproducePackage } from "../../repro/reproduce.ts";
import { ToleranceFlags } from "../../repro/tolerance-flags.ts";
import { say } from "../io.ts";
import type { CommandContext } from "./index.ts";
import { collectValues, finishReport } from "./verify.ts";

const ReproduceFlags = z.object({
  out: z.string().optional(),
  tolerance: ToleranceFlags.default({}),
  strict: z.boolean().default(false),
  jobs: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive()).optional(),
  json: z.boolean().default(false),
});

export function registerReproduce(program: Command, context: CommandContext): void {
  program
    .command("reproduce")
    .description("unpack a package and rerun the whole experiment as a new, linked run")
    .argument("<package>", "an archive written by `sweepforge pack`")
    .option("--out <dir>", "new folder to unpack and rerun in (default <name>-reproduced)")
    .option("--tolerance <spec>", "metric tolerance, e.g. y=abs:1e-6 (repeatable)", collectValues)
    .option("--strict", "treat environment drift as a failure")
    .option("--jobs <n>", "trials to run at once")
    .option("--json", "print the report as JSON on stdout")
    .addHelpText("after", `
Examples:
  $ sweepforge reproduce heat.sweepforge.tar.gz --out heat-check`)
    .action(async (archive: string, raw: unknown) => {
      const flags = parseCommandFlags(ReproduceFlags, raw, "reproduce");
      const { io } = context;
      const report = await reproducePackage(archive, {
        cwd: io.cwd, env: io.env, projectDir: io.cwd, tolerances: flags.tolerance,
        strict: flags.strict,
        ...(flags.out ? { out: flags.out } : {}),
        ...(flags.jobs ? { jobs: flags.jobs } : {}),
      });
      say(io, `new run: ${report.runDir}`);
      context.setExitCode(finishReport(io, report, flags.json));
    });
}
