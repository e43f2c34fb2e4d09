// `sweepforge plot <run-dir...>`: the standard figure set, each with its
// Vega-Lite spec, and a self-contained dashboard.html.
import type { Command } from "commander";
import { join } from "node:path";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { loadResults } from "../../results/load.ts";
import { progressBar } from "../../results/progress-bar.ts";
import { printJson, say } from "../io.ts";
import type { CommandContext } from "./index.ts";
import { collect, NameList, parseFlags, requireSomeInput } from "./summarize.ts";

const PlotFlags = z.object({
  out: z.string().optional(),
  format: z.enum(["svg", "png", "both"]).default("svg"),
  by: NameList.optional(),
  metric: NameList.optional(),
  results: z.array(z.string()).default([]),
  jobs: z.coerce.number().int().positive().optional(),
  json: z.boolean().default(false),
});

export function registerPlot(program: Command, context: CommandContext): void {
  program
    .command("plot")
    .description("draw the standard figures and dashboard.html for one or more runs")
    .argument("[run-dir...]", "run directories (pooled by configuration)")
    .option(
      "--out <dir>",
      "output folder (default: <first run>/plots; required without a run)",
    )
    .option("--format <format>", "svg, png or both", "svg")
    .option("--by <params>", "group by these parameters (comma-separated)", collect)
    .option("--metric <names>", "only these metrics (comma-separated)", collect)
    .option(
      "--results <file>",
      "extra result file, JSON Lines or CSV (repeatable)",
      collect,
    )
    .option("--jobs <n>", "worker threads for large result files")
    .option("--json", "print the list of written files as JSON on stdout")
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge plot runs/sweep-1
  $ sweepforge plot runs/sweep-1 --out figures --format both
  $ sweepforge plot --results sweep.jsonl --by lr,batch --out figures`,
    )
    .action(async (runDirs: string[], raw: unknown) => {
      const flags = parseFlags(PlotFlags, raw, "plot");
      requireSomeInput("plot", runDirs, flags.results);
      const out = flags.out ?? defaultOut(runDirs);

      const bar = progressBar(context.io.stderr, context.io.interactive);
      const results = await loadResults({
        runDirs,
        resultFiles: flags.results,
        by: flags.by ?? null,
        metrics: flags.metric ?? null,
        onProgress: (p) => bar.update(p),
        ...(flags.jobs ? { jobs: flags.jobs } : {}),
      });
      bar.done();

      // The renderer (vega, the canvas, fonts) loads once the results are in,
      // so reading a large file does not carry its memory as well.
      const { plotResults } = await import("../../viz/plot.ts");
      const report = await plotResults(results, {
        out,
        format: flags.format,
        env: context.io.env,
      });
      if (flags.json) printJson(context.io, report);
      say(
        context.io,
        `wrote ${report.figures.length} figures and ${report.dashboard} to ${out}`,
      );
      context.setExitCode(0);
    });
}

// Figures go beside the first run; result files alone give no such place.
function defaultOut(runDirs: readonly string[]): string {
  const first = runDirs[0];
  if (first !== undefined) return join(first, "plots");
  throw new UserError({
    code: "plot/no-out",
    message: "plotting result files without a run directory needs an output folder",
    path: ["--out"],
    fix: "add --out DIR, e.g. --out figures",
  });
}
