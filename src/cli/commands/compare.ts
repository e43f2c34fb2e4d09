// `sweepforge compare <run-A> <run-B> [...]`: configuration by configuration,
// the difference of means against the first run, Welch's t-test, configurations
// present in only some runs, and overlay plots with --out.
import type { Command } from "commander";
import { z } from "zod";
import { compareResults, loadForComparison, type Comparison } from "../../results/compare.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";
import { collect, fmt, formatParams, NameList, parseFlags } from "./summarize.ts";

const CompareFlags = z.object({
  metric: NameList.optional(),
  by: NameList.optional(),
  out: z.string().optional(),
  format: z.enum(["svg", "png", "both"]).default("svg"),
  json: z.boolean().default(false),
});

export function registerCompare(program: Command, context: CommandContext): void {
  program
    .command("compare")
    .description("compare runs: differences of means, Welch's t-test, unmatched configurations")
    .argument("<run-dirs...>", "two or more run directories; the first is the baseline")
    .option("--by <params>", "align on these parameters only (comma-separated)", collect)
    .option("--metric <names>", "only these metrics (comma-separated)", collect)
    .option("--out <dir>", "also draw overlay figures into this folder")
    .option("--format <format>", "figure format with --out: svg, png or both", "svg")
    .option("--json", "print the comparison as JSON on stdout")
    .addHelpText("after", `
Examples:
  $ sweepforge compare runs/sweep-1 runs/sweep-1-repro
  $ sweepforge compare runs/a runs/b --metric loss --out figures/compare --json`)
    .action(async (runDirs: string[], raw: unknown) => {
      const flags = parseFlags(CompareFlags, raw, "compare");
      const sets = await loadForComparison({
        runDirs, by: flags.by ?? null, metrics: flags.metric ?? null,
      });
      const comparison = compareResults(sets);

      if (flags.out) {
        const { drawComparison } = await import("../../viz/compare-figures.ts");
        const written = await drawComparison(sets, comparison,
          { out: flags.out, format: flags.format });
        say(context.io, `wrote ${written.length} overlay figures to ${flags.out}`);
      }
      if (flags.json) printJson(context.io, comparison);
      else printComparison(context.io, comparison);
      context.setExitCode(0);
    });
}

export function printComparison(io: CliIO, comparison: Comparison): void {
  say(io, `baseline ${comparison.baseline}; compared: ${comparison.runs.slice(1).join(", ")}`);
  for (const config of comparison.configurations) {
    const flag = config.missingFrom.length > 0 ? `  ONLY IN ${config.presentIn.join(", ")}` : "";
    say(io, `${formatParams(config.params)}${flag}`);
    for (const against of config.against) {
      for (const m of against.metrics) {
        const ci = m.ci95 ? `[${fmt(m.ci95[0])}, ${fmt(m.ci95[1])}]` : "(n < 2)";
        const p = m.pValue === null ? "p n/a" : `p=${m.pValue.toPrecision(3)}`;
        say(io, `  ${against.runId} ${m.metric}: Δmean ${fmt(m.difference)} 95% CI ${ci} ${p}`);
      }
    }
  }
  if (comparison.unmatched > 0) {
    say(io, `${comparison.unmatched} configurations are not present in every run`);
  }
}
