// Vega-Lite spec templates live in templates/viz/*.vl.json. A template is
// plain JSON in which a string "{{name}}" is replaced by the bound value (any
// JSON, including arrays of data) and "{{name}}" inside a longer string is
// replaced by its text.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/viz/", import.meta.url));

export type TemplateName =
  | "metric-vs-param" | "heatmap" | "seeds-box" | "convergence" | "pareto" | "overlay";

export type Bindings = Readonly<Record<string, unknown>>;

const cache = new Map<string, unknown>();

export function loadTemplate(name: TemplateName): unknown {
  let template = cache.get(name);
  if (template === undefined) {
    template = JSON.parse(readFileSync(`${TEMPLATE_DIR}${name}.vl.json`, "utf8"));
    cache.set(name, template);
  }
  return template;
}

const WHOLE = /^\{\{(\w+)\}\}$/;
const PART = /\{\{(\w+)\}\}/g;

export function fillTemplate(template: unknown, bindings: Bindings): unknown {
  if (typeof template === "string") {
    const whole = WHOLE.exec(template);
    if (whole) return bound(bindings, whole[1] as string);
    return template.replace(PART, (_, name: string) => String(bound(bindings, name)));
  }
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, bindings));
  if (typeof template === "object" && template !== null) {
    const filled: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) {
      const result = fillTemplate(value, bindings);
      if (result !== undefined) filled[key] = result;
    }
    return filled;
  }
  return template;
}

// A missing binding is a bug in the figure code, never a user error.
function bound(bindings: Bindings, name: string): unknown {
  if (!(name in bindings)) throw new Error(`template binding "${name}" is missing`);
  return bindings[name];
}

export function specFromTemplate(name: TemplateName, bindings: Bindings): Record<string, unknown> {
  return fillTemplate(loadTemplate(name), bindings) as Record<string, unknown>;
}
