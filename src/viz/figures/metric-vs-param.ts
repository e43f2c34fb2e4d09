// Each metric against each numeric parameter: the mean over seeds (and over
// the parameters not shown) with its 95% band, one line per value of the first
// categorical parameter, log axes for log-scaled parameters.
import { captionLines } from "../provenance.ts";
import { specFromTemplate } from "../templates.ts";
import {
  categoricalParams, INTERVAL_NOTE, metricTitle, nPerPoint, numericParams, paramTitle,
  paramValues, pooled, slug, type Figure, type FigureContext,
} from "./context.ts";

export function metricVsParamFigures(context: FigureContext, table: "metrics" | "resources",
  metrics: readonly string[]): Figure[] {
  const figures: Figure[] = [];
  const series = categoricalParams(context)[0] ?? null;
  const seriesOrder = series ? paramValues(context.groups, series).map(String) : ["all"];

  for (const metric of metrics) {
    for (const param of numericParams(context)) {
      const points = pooled(context.groups, table, metric, (group) => {
        const x = group.params[param];
        if (typeof x !== "number") return null;
        return JSON.stringify([x, series ? String(group.params[series]) : "all"]);
      });
      if (points.size < 2) continue;

      const data = [...points].map(([key, point]) => {
        const [x, label] = JSON.parse(key) as [number, string];
        return { x, series: label, ...point };
      }).sort((a, b) => a.x - b.x);
      const log = context.params.get(param)?.scale === "log" && data.every((d) => d.x > 0);
      const pooledOver = [...new Set(context.groups.flatMap((g) => Object.keys(g.params)))]
        .filter((p) => p !== param && p !== series);
      const detail = [`${nPerPoint(points.values())}; ${INTERVAL_NOTE}`
        + (pooledOver.length ? `; pooled over ${pooledOver.join(", ")}` : "")];

      figures.push({
        name: `${slug(metric)}-vs-${slug(param)}`,
        kind: table === "metrics" ? "metric-vs-param" : "resources",
        title: `${metric} vs ${param}`,
        spec: specFromTemplate("metric-vs-param", {
          title: `${metric} vs ${param}`,
          caption: captionLines(context.provenance, detail),
          data,
          xTitle: paramTitle(context, param) + (log ? " — log scale" : ""),
          xScale: log ? "log" : "linear", xZero: log ? undefined : false,
          yTitle: metricTitle(context, metric),
          seriesTitle: series ?? "",
          legend: series ? {} : null,
          seriesOrder,
        }),
      });
    }
  }
  return figures;
}
