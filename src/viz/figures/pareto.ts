// A scatter of two metrics, one point per configuration (means over seeds),
// with the Pareto front under the metrics' goals (min unless declared max).
import { captionLines } from "../provenance.ts";
import { specFromTemplate } from "../templates.ts";
import {
  formatConfig, metricTitle, nPerPoint, slug, type Figure, type FigureContext,
} from "./context.ts";

export interface ParetoPoint {
  readonly x: number;
  readonly y: number;
}

/** Indexes of points no other point beats on both metrics under the goals. */
export function paretoFront(points: readonly ParetoPoint[], goalX: "min" | "max",
  goalY: "min" | "max"): Set<number> {
  const sx = goalX === "min" ? 1 : -1;
  const sy = goalY === "min" ? 1 : -1;
  const front = new Set<number>();
  points.forEach((p, i) => {
    const dominated = points.some((q, j) => j !== i
      && sx * q.x <= sx * p.x && sy * q.y <= sy * p.y
      && (sx * q.x < sx * p.x || sy * q.y < sy * p.y));
    if (!dominated) front.add(i);
  });
  return front;
}

export function paretoFigures(context: FigureContext, metrics: readonly string[]): Figure[] {
  const figures: Figure[] = [];
  const shown = metrics.slice(0, 3);
  for (let i = 0; i < shown.length; i += 1) {
    for (let j = i + 1; j < shown.length; j += 1) {
      const mx = shown[i] as string;
      const my = shown[j] as string;
      const rows = context.groups.flatMap((group) => {
        const a = group.metrics.get(mx);
        const b = group.metrics.get(my);
        return a && b ? [{ config: formatConfig(group.params), x: a.moments.mean,
          y: b.moments.mean, n: Math.min(a.moments.n, b.moments.n) }] : [];
      });
      if (rows.length < 2) continue;
      const goalX = context.metrics.get(mx)?.goal ?? "min";
      const goalY = context.metrics.get(my)?.goal ?? "min";
      const front = paretoFront(rows, goalX, goalY);
      const data = rows.map((row, k) =>
        ({ ...row, front: front.has(k) ? "on front" : "dominated" }));

      figures.push({
        name: `pareto-${slug(mx)}-${slug(my)}`,
        kind: "pareto",
        title: `${my} vs ${mx}: trade-off`,
        spec: specFromTemplate("pareto", {
          title: `${my} vs ${mx}: trade-off`,
          caption: captionLines(context.provenance, [
            `one point per configuration (mean over seeds, ${nPerPoint(rows)}); `
              + `front: ${goalX} ${mx}, ${goalY} ${my}`]),
          data,
          xTitle: metricTitle(context, mx),
          yTitle: metricTitle(context, my),
        }),
      });
    }
  }
  return figures;
}
