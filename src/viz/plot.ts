// Draws a result set's figures into a folder: for each figure its Vega-Lite
// spec (JSON, for restyling), the SVG and/or PNG, then dashboard.html.
import { mkdir } from "node:fs/promises";
import type { ResultSet } from "../results/load.ts";
import { summarize } from "../results/summary.ts";
import { writeDashboard } from "./dashboard.ts";
import { drawFigures, type WrittenFigure } from "./draw-figures.ts";
import { provenanceOf } from "./provenance.ts";
import type { FigureFormat } from "./render.ts";
import { standardFigures } from "./standard-set.ts";

export type { WrittenFigure } from "./draw-figures.ts";

export type FormatChoice = "svg" | "png" | "both";

export interface PlotOptions {
  readonly out: string;
  readonly format: FormatChoice;
  /** Write dashboard.html too (default true). */
  readonly dashboard?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Called after each figure, in order, for progress output. */
  readonly onFigure?: (written: WrittenFigure) => void;
  /** Threads drawing figures at once (default: see FIGURES_BEFORE_WORKERS). */
  readonly threads?: number;
}

export interface PlotReport {
  readonly out: string;
  readonly figures: readonly WrittenFigure[];
  readonly dashboard: string | null;
}

export function formatsOf(choice: FormatChoice): FigureFormat[] {
  return choice === "both" ? ["svg", "png"] : [choice];
}

export async function plotResults(
  results: ResultSet,
  options: PlotOptions,
): Promise<PlotReport> {
  const provenance = provenanceOf(results.runs, options.env, results.resultFiles);
  const figures = standardFigures(results, provenance);
  await mkdir(options.out, { recursive: true });

  const drawn = await drawFigures(figures, {
    out: options.out,
    formats: formatsOf(options.format),
    provenance,
    threads: options.threads,
    onFigure: options.onFigure,
  });

  const dashboard =
    options.dashboard === false
      ? null
      : await writeDashboard({
          out: options.out,
          results,
          summary: summarize(results),
          provenance,
          figures: drawn.map(({ written, rendered }) => ({
            ...written,
            image: rendered,
          })),
        });
  return { out: options.out, figures: drawn.map((d) => d.written), dashboard };
}
