// Overlay figures for `compare`: per metric, each configuration's mean and 95%
// interval side by side for every run, and each metric against each numeric
// parameter with one line per run.
import { mkdir } from "node:fs/promises";
import type { Comparison } from "../results/compare.ts";
import type { ResultSet } from "../results/load.ts";
import {
  figureContext,
  formatConfig,
  INTERVAL_NOTE,
  metricTitle,
  nPerPoint,
  numericParams,
  paramTitle,
  pooled,
  slug,
  type Figure,
} from "./figures/context.ts";
import { drawFigures, type WrittenFigure } from "./draw-figures.ts";
import { formatsOf, type FormatChoice } from "./plot.ts";
import { captionLines, provenanceOf } from "./provenance.ts";
import { withTheme } from "./standard-set.ts";
import { specFromTemplate } from "./templates.ts";

export const MAX_OVERLAY_CONFIGS = 30;

export function overlayFigures(
  sets: readonly ResultSet[],
  comparison: Comparison,
  env?: NodeJS.ProcessEnv,
): Figure[] {
  const provenance = provenanceOf(
    sets.flatMap((s) => s.runs),
    env,
  );
  const contexts = sets.map((set) => figureContext(set, provenance));
  const metrics = [...new Set(sets.flatMap((s) => s.aggregate.metricNames()))].sort();
  const first = contexts[0]!;
  const figures: Figure[] = [];

  for (const metric of metrics) {
    const configs = comparison.configurations
      .slice(0, MAX_OVERLAY_CONFIGS)
      .map((c) => formatConfig(c.params));
    const data = contexts.flatMap((context, i) =>
      [...pooled(context.groups, "metrics", metric, (g) => formatConfig(g.params))]
        .filter(([config]) => configs.includes(config))
        .map(([config, point]) => ({ config, run: comparison.runs[i], ...point })),
    );
    figures.push({
      name: `compare-${slug(metric)}`,
      kind: "overlay",
      title: `${metric}: ${comparison.runs.join(" vs ")}`,
      spec: specFromTemplate("overlay", {
        title: `${metric}: ${comparison.runs.join(" vs ")}`,
        caption: captionLines(provenance, [
          `${nPerPoint(data)}; ${INTERVAL_NOTE}` +
            (comparison.configurations.length > MAX_OVERLAY_CONFIGS
              ? `; first ${MAX_OVERLAY_CONFIGS} of ${comparison.configurations.length} configurations`
              : ""),
        ]),
        data,
        order: configs,
        xTitle: "configuration",
        yTitle: metricTitle(first, metric),
      }),
    });

    for (const param of numericParams(first)) {
      const lines = contexts
        .flatMap((context, i) =>
          [
            ...pooled(context.groups, "metrics", metric, (g) =>
              typeof g.params[param] === "number" ? String(g.params[param]) : null,
            ),
          ].map(([x, point]) => ({
            x: Number(x),
            series: comparison.runs[i] as string,
            ...point,
          })),
        )
        .sort((a, b) => a.x - b.x);
      const log = first.params.get(param)?.scale === "log" && lines.every((d) => d.x > 0);
      figures.push({
        name: `compare-${slug(metric)}-vs-${slug(param)}`,
        kind: "overlay",
        title: `${metric} vs ${param}, per run`,
        spec: specFromTemplate("metric-vs-param", {
          title: `${metric} vs ${param}, per run`,
          caption: captionLines(provenance, [`${nPerPoint(lines)}; ${INTERVAL_NOTE}`]),
          data: lines,
          xTitle: paramTitle(first, param) + (log ? " — log scale" : ""),
          xScale: log ? "log" : "linear",
          xZero: log ? undefined : false,
          yTitle: metricTitle(first, metric),
          seriesTitle: "run",
          legend: {},
          seriesOrder: comparison.runs,
        }),
      });
    }
  }
  return figures.map(withTheme);
}

export async function drawComparison(
  sets: readonly ResultSet[],
  comparison: Comparison,
  options: {
    readonly out: string;
    readonly format: FormatChoice;
    readonly env?: NodeJS.ProcessEnv;
  },
): Promise<WrittenFigure[]> {
  await mkdir(options.out, { recursive: true });
  const provenance = provenanceOf(
    sets.flatMap((s) => s.runs),
    options.env,
  );
  const drawn = await drawFigures(overlayFigures(sets, comparison, options.env), {
    out: options.out,
    formats: formatsOf(options.format),
    provenance,
  });
  return drawn.map((d) => d.written);
}
