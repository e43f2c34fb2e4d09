// Draws a result set's figures into a folder: for each figure its Vega-Lite
// spec (JSON, for restyling), the SVG and/or PNG, then dashboard.html.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ResultSet } from "../results/load.ts";
import { summarize } from "../results/summary.ts";
import { writeDashboard } from "./dashboard.ts";
import type { Figure } from "./figures/context.ts";
import { provenanceFields, provenanceOf, type Provenance } from "./provenance.ts";
import { renderSpec, yieldToEventLoop, type FigureFormat } from "./render.ts";
import { standardFigures } from "./standard-set.ts";

export type FormatChoice = "svg" | "png" | "both";

export interface PlotOptions {
  readonly out: string;
  readonly format: FormatChoice;
  /** Write dashboard.html too (default true). */
  readonly dashboard?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  /** Called after each figure, for progress output. */
  readonly onFigure?: (written: WrittenFigure) => void;
}

export interface WrittenFigure {
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly spec: string;
  readonly svg?: string;
  readonly png?: string;
}

export interface PlotReport {
  readonly out: string;
  readonly figures: readonly WrittenFigure[];
  readonly dashboard: string | null;
}

export function formatsOf(choice: FormatChoice): FigureFormat[] {
  return choice === "both" ? ["svg", "png"] : [choice];
}

export async function plotResults(results: ResultSet, options: PlotOptions): Promise<PlotReport> {
  const provenance = provenanceOf(results.runs, options.env);
  const figures = standardFigures(results, provenance);
  await mkdir(options.out, { recursive: true });

  const formats = formatsOf(options.format);
  const written: WrittenFigure[] = [];
  const images = new Map<string, { svg?: string; png?: Buffer }>();
  for (const figure of figures) {
    const done = await writeFigure(figure, options.out, formats, provenance);
    written.push(done.written);
    images.set(figure.name, done.rendered);
    options.onFigure?.(done.written);
    await yieldToEventLoop();
  }

  const dashboard = options.dashboard === false ? null : await writeDashboard({
    out: options.out, results, summary: summarize(results), provenance,
    figures: written.map((w) => ({ ...w, image: images.get(w.name)! })),
  });
  return { out: options.out, figures: written, dashboard };
}

export async function writeFigure(figure: Figure, out: string,
  formats: readonly FigureFormat[], provenance: Provenance)
  : Promise<{ written: WrittenFigure; rendered: { svg?: string; png?: Buffer } }> {
  const specFile = join(out, `${figure.name}.vl.json`);
  await writeFile(specFile, `${JSON.stringify(figure.spec, null, 2)}\n`);
  const rendered = await renderSpec(figure.spec, formats,
    provenanceFields(provenance, figure.title));

  const files: { svg?: string; png?: string } = {};
  if (rendered.svg !== undefined) {
    files.svg = join(out, `${figure.name}.svg`);
    await writeFile(files.svg, rendered.svg);
  }
  if (rendered.png !== undefined) {
    files.png = join(out, `${figure.name}.png`);
    await writeFile(files.png, rendered.png);
  }
  return {
    written: {
      name: figure.name, kind: figure.kind, title: figure.title, spec: specFile, ...files,
    },
    rendered,
  };
}
