// One-line, human descriptions of dimensions for `sweepforge plan` summaries
// and error messages, e.g. "alpha: 5 values log-spaced from 0.001 to 0.1".
import { compileAxis } from "./axis.ts";
import type { DimensionSpec, ParamValue } from "./spec.ts";

/** Values shown before a long list is elided. */
const SHOWN_VALUES = 6;

/** Describes one dimension: its values or distribution, unit and condition. */
export function describeDimension(spec: DimensionSpec): string {
  const size = compileAxis(spec, 0, {}).size;
  const parts = [bodyOf(spec, size)];

  const unit = spec.kind === "zip" ? undefined : spec.unit;
  if (unit !== undefined) parts.push(`[${unit}]`);
  if (spec.when !== undefined) {
    parts.push(
      `when ${spec.when.param} in ${listText(spec.when.in, spec.when.in.length)}`,
    );
  }
  return parts.join(" ");
}

function bodyOf(spec: DimensionSpec, size: number): string {
  switch (spec.kind) {
    case "list":
    case "categorical":
      return `${spec.name} in ${listText(spec.values, size)}`;
    case "intRange":
      return `${spec.name} = ${spec.start}..${spec.stop} step ${spec.step ?? 1} (${plural(size)})`;
    case "floatRange":
      return `${spec.name} = ${spec.start}..${spec.stop} step ${spec.step} (${plural(size)})`;
    case "linspace":
      return `${spec.name}: ${plural(size)} evenly spaced from ${spec.start} to ${spec.stop}`;
    case "logspace":
      return `${spec.name}: ${plural(size)} log-spaced from ${spec.start} to ${spec.stop}`;
    case "uniform":
      return `${spec.name} ~ uniform [${spec.low}, ${spec.high})`;
    case "logUniform":
      return `${spec.name} ~ log-uniform [${spec.low}, ${spec.high})`;
    case "intUniform":
      return `${spec.name} ~ integer uniform ${spec.low}..${spec.high} (${plural(size)})`;
    case "zip": {
      const rows = spec.rows.map((row) => `(${row.map(valueText).join(", ")})`);
      return `(${spec.names.join(", ")}) in ${elided(rows, size)}`;
    }
  }
}

function listText(values: readonly ParamValue[], size: number): string {
  return elided(values.map(valueText), size);
}

// "{a, b, c}" or "{a, b, c, …, z} (100 values)".
function elided(items: readonly string[], size: number): string {
  if (items.length <= SHOWN_VALUES) return `{${items.join(", ")}}`;
  const head = items.slice(0, SHOWN_VALUES - 1).join(", ");
  return `{${head}, ..., ${items[items.length - 1]}} (${plural(size)})`;
}

function valueText(value: ParamValue): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function plural(count: number): string {
  return count === 1 ? "1 value" : `${count} values`;
}
