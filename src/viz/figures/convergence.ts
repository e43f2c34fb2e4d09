// Convergence curves from progress.jsonl: per step, the mean over seeds with a
// 95% band, one line per configuration (or pooled when there are too many).
import { intervalFromMoments } from "../../results/stats/describe.ts";
import type { Group } from "../../results/aggregate.ts";
import { Welford } from "../../results/stats/welford.ts";
import { captionLines } from "../provenance.ts";
import { specFromTemplate } from "../templates.ts";
import {
  categoricalParams, formatConfig, INTERVAL_NOTE, metricTitle, nPerPoint, paramValues, slug,
  type Figure, type FigureContext,
} from "./context.ts";

/** With more configurations than this the curves are pooled into one. */
export const MAX_CURVES = 8;

export function convergenceFigures(context: FigureContext): Figure[] {
  const figures: Figure[] = [];
  for (const metric of context.results.aggregate.progressMetricNames()) {
    const curves = context.groups.filter((g) => g.progress.has(metric));
    const pool = curves.length > MAX_CURVES;
    const byParam = pool ? poolingParam(context, curves) : null;
    const merged = new Map<string, Map<number, Welford>>();

    for (const group of curves) {
      const series = !pool ? formatConfig(group.params)
        : byParam ? `${byParam}=${String(group.params[byParam])}` : "all configurations";
      let steps = merged.get(series);
      if (!steps) {
        steps = new Map();
        merged.set(series, steps);
      }
      for (const [step, moments] of group.progress.get(metric)!) {
        let target = steps.get(step);
        if (!target) {
          target = new Welford();
          steps.set(step, target);
        }
        target.merge(moments.snapshot());
      }
    }

    const data = [...merged].flatMap(([series, steps]) => [...steps]
      .sort((a, b) => a[0] - b[0])
      .map(([step, moments]) => {
        const ci = intervalFromMoments(moments).ci;
        return { series, step, mean: moments.mean, n: moments.n,
          lo: ci?.[0] ?? moments.mean, hi: ci?.[1] ?? moments.mean };
      }));

    figures.push({
      name: `${slug(metric)}-convergence`,
      kind: "convergence",
      title: `${metric} during the run`,
      spec: specFromTemplate("convergence", {
        title: `${metric} during the run`,
        caption: captionLines(context.provenance, [
          `mean over seeds per step, ${nPerPoint(data)}; ${INTERVAL_NOTE}`
            + (pool ? `; ${curves.length} configurations pooled`
              + (byParam ? ` per value of ${byParam}` : "") : ""),
        ]),
        data,
        xTitle: "step",
        yTitle: metricTitle(context, metric),
        seriesTitle: byParam ?? "configuration",
        legend: merged.size > 1 ? { orient: "bottom", columns: 2 } : null,
      }),
    });
  }
  return figures;
}

// Too many curves to read: pool them per value of the first parameter with few
// enough values (categorical first), or into one curve.
function poolingParam(context: FigureContext, curves: readonly Group[]): string | null {
  const names = [...new Set(curves.flatMap((g) => Object.keys(g.params)))].sort();
  const categorical = categoricalParams(context);
  const ordered = [...categorical, ...names.filter((n) => !categorical.includes(n))];
  return ordered.find((name) => {
    const count = paramValues(curves, name).length;
    return count >= 2 && count <= MAX_CURVES;
  }) ?? null;
}
