// `sweepforge provenance <run-dir|package>`: RO-Crate or W3C PROV-JSON on stdout.
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { parseCommandFlags } from "../../repro/flags.ts";
import { PROVENANCE_FORMATS, exportProvenance } from "../../repro/provenance.ts";
import { printJson } from "../io.ts";
import type { CommandContext } from "./index.ts";

const ProvenanceFlags = z.object({
  format: z.enum(PROVENANCE_FORMATS).default("ro-crate"),
});

export function registerProvenance(program: Command, context: CommandContext): void {
  program
    .command("provenance")
    .description("export a run's or package's provenance as RO-Crate or W3C PROV-JSON")
    .argument("<run-dir|package>", "a run directory or a package from `sweepforge pack`")
    .option("--format <format>", `output format: ${PROVENANCE_FORMATS.join(" | ")}`, "ro-crate")
    .addHelpText("after", `
Examples:
  $ sweepforge provenance runs/heat > ro-crate-metadata.json
  $ sweepforge provenance heat.sweepforge.tar.gz --format prov > heat.prov.json`)
    .action(async (source: string, raw: unknown) => {
      const flags = parseCommandFlags(ProvenanceFlags, raw, "provenance");
      printJson(context.io, await exportProvenance(resolve(context.io.cwd, source), flags.format));
      context.setExitCode(0);
    });
}
