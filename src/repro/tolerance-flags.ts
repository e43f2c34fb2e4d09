// --tolerance on the command line: "y=abs:1e-6", "loss=rel:1e-3",
// "energy=abs:1e-9,rel:1e-6", or "rel:1e-9" for every metric. Overrides the
// tolerances the experiment declared.
import { z } from "zod";
import type { Tolerance } from "./run-plan.ts";

/** Metric name → tolerance; the key "*" applies to every metric. */
export type ToleranceOverrides = Readonly<Record<string, Tolerance>>;

const PART = /^(abs|rel):([0-9.eE+-]+)$/;

function parseOne(text: string): [string, Tolerance] | string {
  const [name, spec] = text.includes("=") ? (text.split("=", 2) as [string, string]) : ["*", text];
  const tolerance: { absolute?: number; relative?: number } = {};
  for (const part of spec.split(",")) {
    const match = PART.exec(part.trim());
    const value = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(value) || value < 0) {
      return `'${text}' is not a tolerance; use NAME=abs:1e-6, NAME=rel:1e-3 or rel:1e-9`;
    }
    if (match[1] === "abs") tolerance.absolute = value;
    else tolerance.relative = value;
  }
  return [name.trim(), tolerance];
}

export const ToleranceFlags = z.array(z.string()).transform((values, context) => {
  const overrides: Record<string, Tolerance> = {};
  for (const value of values) {
    const parsed = parseOne(value);
    if (typeof parsed === "string") {
      context.addIssue({ code: "custom", message: parsed });
      return z.NEVER;
    }
    overrides[parsed[0]] = parsed[1];
  }
  return overrides as ToleranceOverrides;
});

/** Declared tolerances with overrides applied: a named override beats "*". */
export function toleranceLookup(
  declared: readonly { readonly name: string; readonly tolerance?: Tolerance }[],
  overrides: ToleranceOverrides,
): (metric: string) => Tolerance | undefined {
  const declaredByName = new Map(declared.map((metric) => [metric.name, metric.tolerance]));
  return (metric) => overrides[metric] ?? overrides["*"] ?? declaredByName.get(metric);
}
