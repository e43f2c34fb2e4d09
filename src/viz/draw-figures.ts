// Writes a list of figures into a folder: for each its Vega-Lite spec (JSON, for
// restyling) and its SVG and/or PNG, drawn on every core (see render-pool.ts).
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Figure } from "./figures/context.ts";
import { provenanceFields, type Provenance } from "./provenance.ts";
import { renderAll } from "./render-pool.ts";
import type { FigureFormat, RenderedFigure } from "./render.ts";

export interface WrittenFigure {
  readonly name: string;
  readonly kind: string;
  readonly title: string;
  readonly spec: string;
  readonly svg?: string;
  readonly png?: string;
}

export interface DrawnFigure {
  readonly written: WrittenFigure;
  /** The drawn images, kept so the dashboard need not draw a figure again. */
  readonly rendered: RenderedFigure;
}

export interface DrawOptions {
  readonly out: string;
  readonly formats: readonly FigureFormat[];
  readonly provenance: Provenance;
  /** Threads drawing at once (default: see FIGURES_BEFORE_WORKERS). */
  readonly threads?: number;
  /** Called after each figure's files are written, in the figures' order. */
  readonly onFigure?: (written: WrittenFigure) => void;
}

/** Draws and writes every figure; the result keeps the figures' order. */
export async function drawFigures(
  figures: readonly Figure[],
  options: DrawOptions,
): Promise<DrawnFigure[]> {
  const specs = figures.map((figure) => `${JSON.stringify(figure.spec, null, 2)}\n`);
  await Promise.all(
    figures.map((figure, i) => writeFile(specFile(options.out, figure), specs[i]!)),
  );

  const drawn: DrawnFigure[] = [];
  let reported = 0;
  const tasks = figures.map((figure, i) => ({
    spec: figure.spec,
    formats: options.formats,
    metadata: provenanceFields(options.provenance, figure.title),
    cost: specs[i]!.length,
  }));
  await renderAll(tasks, {
    threads: options.threads,
    onRendered: async (index, rendered) => {
      drawn[index] = await writeImages(figures[index] as Figure, rendered, options.out);
      for (; drawn[reported] !== undefined; reported += 1) {
        options.onFigure?.(drawn[reported]!.written);
      }
    },
  });
  return drawn;
}

function specFile(out: string, figure: Figure): string {
  return join(out, `${figure.name}.vl.json`);
}

async function writeImages(
  figure: Figure,
  rendered: RenderedFigure,
  out: string,
): Promise<DrawnFigure> {
  const files: { svg?: string; png?: string } = {};
  if (rendered.svg !== undefined) {
    files.svg = join(out, `${figure.name}.svg`);
    await writeFile(files.svg, rendered.svg);
  }
  if (rendered.png !== undefined) {
    files.png = join(out, `${figure.name}.png`);
    await writeFile(files.png, rendered.png);
  }

  const written = {
    name: figure.name,
    kind: figure.kind,
    title: figure.title,
    spec: specFile(out, figure),
    ...files,
  };
  return { written, rendered };
}
