// `sweepforge summarize <run-dir...>`: statistics per configuration across
// seeds, main effects and the best configurations.
import type { Command } from "commander";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { loadResults } from "../../results/load.ts";
import { progressBar } from "../../results/progress-bar.ts";
import { summarize, summaryToCsv, type Summary } from "../../results/summary.ts";
import { printJson, say, type CliIO } from "../io.ts";
import type { CommandContext } from "./index.ts";

/** A comma-separated flag, repeatable: "--by a,b --by c" → ["a", "b", "c"]. */
export const NameList = z.array(z.string()).transform((values) =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean),
);

const SummarizeFlags = z
  .object({
    by: NameList.optional(),
    metric: NameList.optional(),
    results: z.array(z.string()).default([]),
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
    jobs: z.coerce.number().int().positive().optional(),
  })
  .refine((flags) => !(flags.json && flags.csv), {
    message: "--json and --csv both print to stdout; choose one",
    path: ["csv"],
  });

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * Commands that read results take run directories, result files, or both;
 * with neither there is nothing to read.
 */
export function requireSomeInput(
  command: string,
  runDirs: readonly string[],
  resultFiles: readonly string[],
): void {
  if (runDirs.length > 0 || resultFiles.length > 0) return;
  throw new UserError({
    code: `${command}/no-input`,
    message: "no run directory and no --results file given: nothing to read",
    path: ["<run-dir>"],
    fix:
      `name a run (sweepforge ${command} runs/sweep-1) or a result file ` +
      `(sweepforge ${command} --results sweep.jsonl --by lr,batch)`,
  });
}

/** Parses raw flags with zod and turns failures into UserErrors naming the flag. */
export function parseFlags<T>(schema: z.ZodType<T>, raw: unknown, command: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new UserError(
    parsed.error.issues.map((issue) => ({
      code: `${command}/bad-flag`,
      message: `--${String(issue.path[0] ?? "?")}: ${issue.message}`,
      path: ["--" + String(issue.path[0] ?? "?")],
      fix: `see \`sweepforge ${command} --help\``,
    })),
  );
}

export function registerSummarize(program: Command, context: CommandContext): void {
  program
    .command("summarize")
    .description(
      "statistics per configuration across seeds, main effects, best configurations",
    )
    .argument("[run-dir...]", "run directories (pooled by configuration)")
    .option("--by <params>", "group by these parameters (comma-separated)", collect)
    .option("--metric <names>", "only these metrics (comma-separated)", collect)
    .option(
      "--results <file>",
      "extra result file, JSON Lines or CSV (repeatable)",
      collect,
    )
    .option("--jobs <n>", "worker threads for large result files")
    .option("--json", "print the summary as JSON on stdout")
    .option("--csv", "print a flat CSV table on stdout")
    .addHelpText(
      "after",
      `
Examples:
  $ sweepforge summarize runs/sweep-1
  $ sweepforge summarize runs/sweep-1 --by lr --metric loss --json
  $ sweepforge summarize runs/sweep-1 --results extra.jsonl --csv > table.csv
  $ sweepforge summarize --results sweep.jsonl --by lr,batch`,
    )
    .action(async (runDirs: string[], raw: unknown) => {
      const flags = parseFlags(SummarizeFlags, raw, "summarize");
      requireSomeInput("summarize", runDirs, flags.results);
      const summary = await summarizeCommand(context.io, runDirs, flags);

      if (flags.json) printJson(context.io, summary);
      else if (flags.csv) context.io.stdout.write(summaryToCsv(summary));
      else printSummary(context.io, summary);
      context.setExitCode(0);
    });
}

async function summarizeCommand(
  io: CliIO,
  runDirs: readonly string[],
  flags: z.infer<typeof SummarizeFlags>,
): Promise<Summary> {
  const bar = progressBar(io.stderr, io.interactive);
  const results = await loadResults({
    runDirs,
    resultFiles: flags.results,
    by: flags.by ?? null,
    metrics: flags.metric ?? null,
    ...(flags.jobs ? { jobs: flags.jobs } : {}),
    onProgress: (p) => bar.update(p),
  });
  bar.done();
  return summarize(results);
}

/** A readable table per metric, then effects and the best configurations. */
export function printSummary(io: CliIO, summary: Summary): void {
  const metrics = [
    ...new Set(summary.groups.flatMap((g) => Object.keys(g.metrics))),
  ].sort();
  say(io, `${summary.groups.length} configurations; ${summary.intervalMethod}`);

  for (const metric of metrics) {
    say(io);
    say(io, `${metric}`);
    for (const group of summary.groups) {
      const stats = group.metrics[metric];
      if (!stats) continue;
      const ci = stats.ci95
        ? `[${fmt(stats.ci95[0])}, ${fmt(stats.ci95[1])}]`
        : "(n < 2)";
      say(
        io,
        `  ${formatParams(group.params).padEnd(36)} n=${String(stats.n).padEnd(4)} ` +
          `mean ${fmt(stats.mean).padStart(10)}  95% CI ${ci}  median ${fmt(stats.median)}`,
      );
    }
    const ranking = summary.effects[metric]?.ranking ?? [];
    if (ranking.length > 0) {
      say(
        io,
        `  effects: ${ranking
          .map((e) => `${e.param} η²=${e.etaSquared.toFixed(2)}`)
          .join(", ")}`,
      );
    }
    const bestFor = summary.best[metric];
    const best = bestFor?.configurations[0];
    if (bestFor && best) {
      const goal = bestFor.goalDeclared ? bestFor.goal : `${bestFor.goal}, assumed`;
      say(io, `  best (${goal}): ${formatParams(best.params)} mean ${fmt(best.mean)}`);
    }
  }
}

export function formatParams(params: Readonly<Record<string, unknown>>): string {
  const text = Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  return text || "(all)";
}

export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)
    ? value.toExponential(3)
    : String(Number(value.toPrecision(4)));
}
