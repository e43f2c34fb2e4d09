// Figures a definition declares as Vega-Lite specs against result fields. Each
// gets the per-configuration table as its data (params, and for each metric
// its mean, `<metric>_lo`, `<metric>_hi`, `<metric>_sd` and `<metric>_n`), the
// standard caption and theme, and is rendered like the standard set.
import type { CustomPlot } from "../../results/ingest/run-directory.ts";
import { captionLines } from "../provenance.ts";
import { INTERVAL_NOTE, nPerPoint, slug, type Figure, type FigureContext } from "./context.ts";
import { intervalFromMoments } from "../../results/stats/describe.ts";

export function resultTable(context: FigureContext): Record<string, unknown>[] {
  return context.groups.map((group) => {
    // A parameter named like a count field keeps its own value.
    const row: Record<string, unknown> = {
      n: group.observations, observations: group.observations, ...group.params,
    };
    for (const [metric, accumulator] of group.metrics) {
      const moments = accumulator.moments.snapshot();
      const { sd, ci } = intervalFromMoments(moments);
      row[metric] = moments.mean;
      row[`${metric}_lo`] = ci?.[0] ?? moments.mean;
      row[`${metric}_hi`] = ci?.[1] ?? moments.mean;
      row[`${metric}_sd`] = sd;
      row[`${metric}_n`] = moments.n;
    }
    return row;
  });
}

export function customFigures(context: FigureContext, plots: readonly CustomPlot[]): Figure[] {
  const table = resultTable(context);
  return plots.map((plot) => {
    const title = typeof plot.spec.title === "string" ? plot.spec.title : plot.name;
    return {
      name: `custom-${slug(plot.name)}`,
      kind: "custom",
      title,
      spec: {
        width: 360,
        height: 280,
        ...plot.spec,
        data: plot.spec.data ?? { values: table },
        title: { text: title, subtitle: captionLines(context.provenance, [
          `declared by the definition; one row per configuration, `
            + `${nPerPoint(context.groups.map((g) => ({ n: g.observations })))
              .replace("point", "row")}; ${INTERVAL_NOTE}`]) },
      },
    };
  });
}
