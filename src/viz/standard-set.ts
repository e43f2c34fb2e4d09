// Chooses the figures a result set deserves from its shape: which parameters
// are numeric and swept, which metrics exist, whether trials reported progress
// and resources, and what the definition declared.
import type { ResultSet } from "../results/load.ts";
import { figureContext, type Figure } from "./figures/context.ts";
import { convergenceFigures } from "./figures/convergence.ts";
import { customFigures } from "./figures/custom.ts";
import { heatmapFigures } from "./figures/heatmap.ts";
import { metricVsParamFigures } from "./figures/metric-vs-param.ts";
import { paretoFigures } from "./figures/pareto.ts";
import { seedsBoxFigures } from "./figures/seeds-box.ts";
import type { Provenance } from "./provenance.ts";
import { THEME } from "./theme.ts";

export function standardFigures(results: ResultSet, provenance: Provenance): Figure[] {
  const context = figureContext(results, provenance);
  const metrics = results.aggregate.metricNames();
  const resources = [...new Set(context.groups.flatMap((g) => [...g.resources.keys()]))].sort();

  const figures = [
    ...metricVsParamFigures(context, "metrics", metrics),
    ...heatmapFigures(context, metrics),
    ...seedsBoxFigures(context, metrics),
    ...convergenceFigures(context),
    ...paretoFigures(context, metrics),
    ...metricVsParamFigures(context, "resources", resources),
    ...customFigures(context, results.runs.flatMap((run) => run.customPlots)),
  ];
  return uniqueNames(figures).map(withTheme);
}

export function withTheme(figure: Figure): Figure {
  const own = (figure.spec.config ?? {}) as Record<string, unknown>;
  return { ...figure, spec: { ...figure.spec, config: { ...THEME, ...own } } };
}

// Two figures must never overwrite each other's files.
function uniqueNames(figures: readonly Figure[]): Figure[] {
  const seen = new Map<string, number>();
  return figures.map((figure) => {
    const count = seen.get(figure.name) ?? 0;
    seen.set(figure.name, count + 1);
    return count === 0 ? figure : { ...figure, name: `${figure.name}-${count + 1}` };
  });
}
