// Single-quoting for sh: the only way a value reaches the worker shell.
// Inside '...' nothing is special except the quote itself, which is closed,
// escaped and reopened; newlines, $(), backticks and ; stay inert bytes.

export function shQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Names the worker may export: POSIX portable environment names. */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** SWEEPFORGE_PARAM_<NAME>: upper-case, anything else becomes "_". */
export function paramEnvName(param: string): string {
  return `SWEEPFORGE_PARAM_${param.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;
}
