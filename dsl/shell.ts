// A POSIX-sh script built by a tagged template: every interpolated value is
// single-quoted, so a parameter value can never become shell syntax.

export type ShellArgument =
  | string
  | number
  | boolean
  | readonly (string | number | boolean)[];

/** A script whose interpolated values are already quoted for POSIX sh. */
export interface ShellScript {
  readonly kind: "shell-script";
  readonly text: string;
}

/** Quotes one word for POSIX sh: bare when it is plainly safe, else single-quoted. */
export function quoteShellWord(word: string): string {
  if (word !== "" && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}

function formatArgument(value: ShellArgument): string {
  if (Array.isArray(value))
    return value.map((item) => quoteShellWord(String(item))).join(" ");
  return quoteShellWord(String(value));
}

/**
 * `sh\`python3 sim.py --alpha ${p.alpha}\`` — literal parts are the author's
 * shell code and are kept exactly as typed (backslashes included, as in a
 * .sh file); every interpolation becomes one quoted word.
 */
export function sh(
  strings: TemplateStringsArray,
  ...values: readonly ShellArgument[]
): ShellScript {
  let text = strings.raw[0] ?? "";
  values.forEach((value, i) => {
    text += formatArgument(value) + (strings.raw[i + 1] ?? "");
  });
  return { kind: "shell-script", text };
}

/** Wraps a literal script the author vouches for, with no interpolation. */
export function rawShell(text: string): ShellScript {
  return { kind: "shell-script", text };
}
