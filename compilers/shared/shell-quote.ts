// Quoting for values that end up inside generated POSIX sh. Every parameter
// value, path and argv word reaches a shell only through these functions.

/** Marker the driver expands back to a newline, so table rows stay one line. */
export const NEWLINE_VARIABLE = "SF_NL";

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Single-quotes a word for sh; embedded quotes become '\'' . */
export function shQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;

  // Runs once per table word: skip the rewrites when there is nothing to rewrite.
  const quoted = value.includes("'")
    ? `'${value.replaceAll("'", `'\\''`)}'`
    : `'${value}'`;
  return quoted.includes("\n")
    ? quoted.replaceAll("\n", `'"$${NEWLINE_VARIABLE}"'`)
    : quoted;
}

/** Quotes each word and joins them with single spaces. */
export function shWords(words: readonly string[]): string {
  return words.map(shQuote).join(" ");
}

/** A parameter name as an environment variable suffix: FOO_BAR. */
export function envName(name: string): string {
  return name.toUpperCase().replaceAll(/[^A-Z0-9_]/g, "_");
}
