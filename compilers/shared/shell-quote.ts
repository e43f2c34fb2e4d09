// Quoting for values that end up inside generated POSIX sh. Every parameter
// value, path and argv word reaches a shell only through these functions.

/** Marker the driver expands back to a newline, so table rows stay one line. */
export const NEWLINE_VARIABLE = "SF_NL";

/** Single-quotes a word for sh; embedded quotes become '\'' . */
export function shQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;

  const quoted = `'${value.replaceAll("'", `'\\''`)}'`;
  return quoted.replaceAll("\n", `'"$${NEWLINE_VARIABLE}"'`);
}

/** Quotes each word and joins them with single spaces. */
export function shWords(words: readonly string[]): string {
  return words.map(shQuote).join(" ");
}

/** A parameter name as an environment variable suffix: FOO_BAR. */
export function envName(name: string): string {
  return name.toUpperCase().replaceAll(/[^A-Z0-9_]/g, "_");
}
