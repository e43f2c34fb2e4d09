// `sweepforge pack <run-dir>`: one deterministic archive holding the run,
// its source, environment, inputs and an RO-Crate.
import type { Command } from "commander";
import { z } from "zod";
import { ByteSize } from "../../repro/byte-size.ts";
import { parseCommandFlags } from "../../repro/flags.ts";
import { packRun } from "../../repro/pack.ts";
import { printJson, say } from "../io.ts";
import type { CommandContext } from "./index.ts";

const PackFlags = z.object({
  output: z.string().optional(),
  definition: z.string().optional(),
  inlineInputs: ByteSize.optional(),
  inlineOutputs: ByteSize.optional(),
  probe: z.boolean().default(true),
  json: z.boolean().default(false),
});

export function registerPack(program: Command, context: CommandContext): void {
  program
    .command("pack")
    .description("pack a finished run into one reproducible, verifiable archive")
    .argument("<run-dir>", "the run directory to pack")
    .option("-o, --output <file>", "archive to write (default <run-dir>.sweepforge.tar.gz)")
    .option("--definition <file>", "the experiment file, when plan.json's path does not resolve")
    .option("--inline-inputs <size>", "copy inputs up to this size, reference larger (16MiB)")
    .option("--inline-outputs <size>", "copy outputs and logs up to this size, hash larger (64MiB)")
    .option("--no-probe", "skip pip / conda probes of the environment")
    .option("--json", "print the result as JSON on stdout")
    .addHelpText("after", `
Examples:
  $ sweepforge pack runs/heat-2026-03-01
  $ sweepforge pack runs/heat -o heat.tar.gz --inline-outputs 8MiB`)
    .action(async (runDir: string, raw: unknown) => {
      const flags = parseCommandFlags(PackFlags, raw, "pack");
      const { io } = context;
      const result = await packRun(runDir, {
        cwd: io.cwd, env: io.env, probeEnvironment: flags.probe,
        ...(flags.output ? { output: flags.output } : {}),
        ...(flags.definition ? { definitionPath: flags.definition } : {}),
        ...(flags.inlineInputs !== undefined ? { inlineInputBytes: flags.inlineInputs } : {}),
        ...(flags.inlineOutputs !== undefined ? { inlineOutputBytes: flags.inlineOutputs } : {}),
      });

      for (const warning of result.warnings) say(io, `warning: ${warning}`);
      if (flags.json) {
        printJson(io, { file: result.file, sha256: result.sha256, bytes: result.bytes,
          files: result.manifest.files.length, references: result.manifest.references,
          warnings: result.warnings });
      } else {
        say(io, `packed ${result.manifest.files.length} files (${result.manifest.trials} trials) `
          + `into ${result.file}`);
        say(io, `  sha256 ${result.sha256}, ${result.bytes} bytes`);
        if (result.manifest.references.length) {
          say(io, `  ${result.manifest.references.length} large or remote files referenced `
            + "by hash (see manifest.json)");
        }
      }
      context.setExitCode(0);
    });
}
