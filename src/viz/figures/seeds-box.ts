// Spread across seeds per configuration: a box (quartiles, median, min–max)
// from the streamed sketch, with the raw values over it. Huge groups show a
// seeded sample of their values, and the caption says so.
import { RESERVOIR_SIZE } from "../../results/stats/metric-accumulator.ts";
import { seededRandom } from "../../results/stats/reservoir.ts";
import { captionLines } from "../provenance.ts";
import { specFromTemplate } from "../templates.ts";
import {
  metricTitle,
  nPerPoint,
  slug,
  type Figure,
  type FigureContext,
} from "./context.ts";

/** More configurations than this would make an unreadable axis: the best are kept. */
export const MAX_BOXES = 30;

/**
 * Points drawn per figure at most. Thirty strips of 256 points overlap into
 * solid bars, while drawing them took most of the standard set's time and
 * memory; each box keeps an equal share, a seeded random subset of its sample.
 */
export const MAX_POINTS = 2000;

export function seedsBoxFigures(
  context: FigureContext,
  metrics: readonly string[],
): Figure[] {
  const figures: Figure[] = [];
  for (const metric of metrics) {
    const goal = context.metrics.get(metric)?.goal ?? "min";
    const withMetric = context.groups
      .map((group) => ({ group, accumulator: group.metrics.get(metric) }))
      .filter((entry) => entry.accumulator !== undefined);
    if (withMetric.length === 0) continue;

    const ranked = [...withMetric].sort(
      (a, b) =>
        (goal === "min" ? 1 : -1) *
        (a.accumulator!.moments.mean - b.accumulator!.moments.mean),
    );
    const shown = ranked.slice(0, MAX_BOXES);
    const names = [
      ...new Set(shown.flatMap(({ group }) => Object.keys(group.params))),
    ].sort();
    const label = (params: Readonly<Record<string, unknown>>): string =>
      names.map((name) => String(params[name] ?? "–")).join(" · ") || "all";
    const perBox = Math.min(RESERVOIR_SIZE, Math.floor(MAX_POINTS / shown.length));
    let sampled = false;

    const boxes = shown.map(({ group, accumulator }) => ({
      config: label(group.params),
      min: accumulator!.moments.min,
      max: accumulator!.moments.max,
      q1: accumulator!.sketch.quantile(0.25),
      median: accumulator!.sketch.quantile(0.5),
      q3: accumulator!.sketch.quantile(0.75),
      n: accumulator!.moments.n,
    }));
    const points = shown.flatMap(({ group, accumulator }, box) => {
      const { sample, isComplete } = accumulator!.reservoir;
      if (!isComplete || sample.length > perBox) sampled = true;
      return subset(sample, perBox, box).map((value) => ({
        config: label(group.params),
        value,
      }));
    });

    const detail = [
      `box: quartiles and median, whiskers min–max; points: ` +
        (sampled
          ? `seeded random sample of ≤ ${perBox} values per configuration`
          : "every value") +
        `; ${nPerPoint(boxes).replace("point", "box")}`,
      ...(ranked.length > MAX_BOXES
        ? [
            `showing the ${MAX_BOXES} best of ${ranked.length} configurations (${goal} ${metric})`,
          ]
        : []),
    ];

    figures.push({
      name: `${slug(metric)}-across-seeds`,
      kind: "seeds-box",
      title: `${metric} across seeds per configuration`,
      spec: specFromTemplate("seeds-box", {
        title: `${metric} across seeds per configuration`,
        caption: captionLines(context.provenance, detail),
        boxes,
        points,
        width: Math.max(240, Math.min(900, 34 * boxes.length)),
        order: boxes.map((b) => b.config),
        xTitle: `configuration (${names.join(" · ")})`,
        yTitle: metricTitle(context, metric),
      }),
    });
  }
  return figures;
}

// `count` values picked uniformly at random (a partial Fisher–Yates shuffle,
// seeded per box, so a figure is the same every time it is drawn), in the
// order they were sampled; the whole sample when it is small enough.
function subset(
  sample: readonly number[],
  count: number,
  seed: number,
): readonly number[] {
  if (sample.length <= count) return sample;
  const random = seededRandom(0x5eed + seed);
  const order = sample.map((_, index) => index);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((index) => sample[index]!);
}
