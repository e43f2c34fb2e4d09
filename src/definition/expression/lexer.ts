// Splits expression text into tokens. No identifiers are ever looked up in
// JavaScript: names are plain strings resolved against the trial's params.
import { ExpressionError } from "./ast.ts";

export type Token =
  | { readonly kind: "number"; readonly value: number; readonly offset: number }
  | { readonly kind: "string"; readonly value: string; readonly offset: number }
  | { readonly kind: "name"; readonly value: string; readonly offset: number }
  | { readonly kind: "operator"; readonly value: string; readonly offset: number }
  | { readonly kind: "end"; readonly value: ""; readonly offset: number };

const OPERATORS = [
  "**",
  "==",
  "!=",
  "<=",
  ">=",
  "&&",
  "||",
  "+",
  "-",
  "*",
  "/",
  "%",
  "<",
  ">",
  "!",
  "?",
  ":",
  "(",
  ")",
  ",",
];

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;

  while (offset < text.length) {
    const rest = text.slice(offset);
    const space = /^\s+/.exec(rest);
    if (space) {
      offset += space[0].length;
      continue;
    }

    const token = readToken(rest, offset);
    tokens.push(token.token);
    offset += token.length;
  }

  tokens.push({ kind: "end", value: "", offset });
  return tokens;
}

function readToken(rest: string, offset: number): { token: Token; length: number } {
  const number = NUMBER.exec(rest);
  if (number) {
    return {
      token: { kind: "number", value: Number(number[0]), offset },
      length: number[0].length,
    };
  }

  const name = NAME.exec(rest);
  if (name)
    return { token: { kind: "name", value: name[0], offset }, length: name[0].length };

  const quote = rest[0];
  if (quote === "'" || quote === '"') return readString(rest, quote, offset);

  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (operator)
    return {
      token: { kind: "operator", value: operator, offset },
      length: operator.length,
    };

  throw new ExpressionError(`unexpected character "${rest[0]}"`, offset);
}

// Strings are quoted with ' or "; a backslash escapes the next character.
function readString(rest: string, quote: string, offset: number) {
  let value = "";
  for (let i = 1; i < rest.length; i++) {
    const char = rest[i] as string;
    if (char === "\\" && i + 1 < rest.length) {
      value += rest[++i];
    } else if (char === quote) {
      return { token: { kind: "string", value, offset } as Token, length: i + 1 };
    } else {
      value += char;
    }
  }
  throw new ExpressionError("unterminated string", offset);
}
