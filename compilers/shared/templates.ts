// Loads and caches the Handlebars templates under templates/. Output is shell
// or YAML, never HTML: escaping is off and every value is quoted beforehand.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Renders templates/<name> with `context`; a missing variable is an error. */
export function render(name: string, context: object): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(`${TEMPLATES_DIR}${name}`, "utf8");
    template = Handlebars.compile(source, { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(context);
}

/** The raw text of a file under templates/ (copied verbatim into outputs). */
export function templateText(name: string): string {
  return readFileSync(`${TEMPLATES_DIR}${name}`, "utf8");
}
