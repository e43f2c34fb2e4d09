// A heatmap of each metric over each pair of swept numeric parameters, cells
// holding the mean over seeds and the other parameters.
import { captionLines } from "../provenance.ts";
import { specFromTemplate } from "../templates.ts";
import {
  metricTitle, nPerPoint, numericParams, paramTitle, pooled, slug, type Figure,
  type FigureContext,
} from "./context.ts";

export function heatmapFigures(context: FigureContext, metrics: readonly string[]): Figure[] {
  const numeric = numericParams(context);
  const figures: Figure[] = [];

  for (const metric of metrics) {
    for (let i = 0; i < numeric.length; i += 1) {
      for (let j = i + 1; j < numeric.length; j += 1) {
        const xParam = numeric[i] as string;
        const yParam = numeric[j] as string;
        const cells = pooled(context.groups, "metrics", metric, (group) =>
          JSON.stringify([group.params[xParam], group.params[yParam]]));
        const means = [...cells.values()].map((c) => c.mean);
        const low = Math.min(...means);
        const high = Math.max(...means);
        const data = [...cells].map(([key, cell]) => {
          const [x, y] = JSON.parse(key) as [number, number];
          // Labels on the dark (low) end of viridis are drawn white.
          const share = high > low ? (cell.mean - low) / (high - low) : 0.5;
          return { x, y, mean: cell.mean, n: cell.n, dark: share < 0.45 };
        });

        figures.push({
          name: `${slug(metric)}-heatmap-${slug(xParam)}-${slug(yParam)}`,
          kind: "heatmap",
          title: `${metric} over ${xParam} × ${yParam}`,
          spec: specFromTemplate("heatmap", {
            title: `${metric} over ${xParam} × ${yParam}`,
            caption: captionLines(context.provenance, [
              `cell: mean ${metric}; ${nPerPoint(cells.values())}`]),
            data,
            xTitle: paramTitle(context, xParam),
            yTitle: paramTitle(context, yParam),
            colorTitle: metricTitle(context, metric),
            scheme: "viridis",
          }),
        });
      }
    }
  }
  return figures;
}
