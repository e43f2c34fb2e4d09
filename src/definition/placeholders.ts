// "{name}" placeholders in YAML/JSON commands. "{{" and "}}" stand for literal
// braces. Filling an argv word substitutes text; filling a shell script
// substitutes a quoted word, so a value can never become shell syntax.
import type { ParamValue } from "../plan/types.ts";
import { quoteShellWord } from "../../dsl/shell.ts";

export type TemplatePart = { readonly literal: string } | { readonly name: string };

export class TemplateError extends Error {}

/** Splits "out-{n}.csv" into literal and placeholder parts. */
export function parseTemplate(text: string): readonly TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;

  while (i < text.length) {
    const char = text[i] as string;
    const pair = text.slice(i, i + 2);
    if (pair === "{{" || pair === "}}") {
      literal += char;
      i += 2;
    } else if (char === "{") {
      const end = text.indexOf("}", i);
      if (end < 0) throw new TemplateError(`"{" at character ${i + 1} is never closed`);
      if (literal) parts.push({ literal });
      literal = "";
      parts.push({ name: text.slice(i + 1, end).trim() });
      i = end + 1;
    } else if (char === "}") {
      throw new TemplateError(`"}" at character ${i + 1} has no matching "{"`);
    } else {
      literal += char;
      i++;
    }
  }

  if (literal) parts.push({ literal });
  return parts;
}

/** The placeholder names a template uses. */
export function placeholderNames(parts: readonly TemplatePart[]): string[] {
  return parts.flatMap((part) => ("name" in part ? [part.name] : []));
}

/** How a value is written into a command: numbers in shortest round-trip form. */
export function formatValue(value: ParamValue | undefined): string {
  return value === undefined ? "" : String(value);
}

export function fillTemplate(
  parts: readonly TemplatePart[],
  scope: Readonly<Record<string, ParamValue | undefined>>,
  quote: boolean,
): string {
  let text = "";
  for (const part of parts) {
    if ("literal" in part) text += part.literal;
    else
      text += quote
        ? quoteShellWord(formatValue(scope[part.name]))
        : formatValue(scope[part.name]);
  }
  return text;
}
