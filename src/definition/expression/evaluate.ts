// Evaluates a parsed expression against one trial's values. Types are strict:
// arithmetic needs numbers, logic needs booleans, nothing is coerced.
import type { ParamValue } from "../../plan/types.ts";
import { ExpressionError, type BinaryOperator, type ExpressionNode } from "./ast.ts";

type Scope = Readonly<Record<string, ParamValue | undefined>>;

/** The functions expressions may call, and how many arguments each takes. */
export const FUNCTIONS: Readonly<
  Record<
    string,
    {
      readonly arity: readonly [number, number];
      readonly apply: (...args: number[]) => number;
    }
  >
> = {
  abs: { arity: [1, 1], apply: Math.abs },
  ceil: { arity: [1, 1], apply: Math.ceil },
  exp: { arity: [1, 1], apply: Math.exp },
  floor: { arity: [1, 1], apply: Math.floor },
  log: { arity: [1, 1], apply: Math.log },
  log10: { arity: [1, 1], apply: Math.log10 },
  log2: { arity: [1, 1], apply: Math.log2 },
  max: { arity: [1, Infinity], apply: Math.max },
  min: { arity: [1, Infinity], apply: Math.min },
  pow: { arity: [2, 2], apply: Math.pow },
  round: { arity: [1, 1], apply: Math.round },
  sqrt: { arity: [1, 1], apply: Math.sqrt },
};

export function evaluate(node: ExpressionNode, scope: Scope): ParamValue | undefined {
  switch (node.type) {
    case "literal":
      return node.value;
    case "name":
      // Own properties only: "constructor" or "__proto__" are never inherited.
      return Object.hasOwn(scope, node.name) ? scope[node.name] : undefined;
    case "unary":
      return node.operator === "!"
        ? !asBoolean(evaluate(node.operand, scope), "!")
        : -asNumber(evaluate(node.operand, scope), "-");
    case "conditional":
      return asBoolean(evaluate(node.test, scope), "?:")
        ? evaluate(node.whenTrue, scope)
        : evaluate(node.whenFalse, scope);
    case "call":
      return call(
        node.callee,
        node.args.map((arg) => evaluate(arg, scope)),
        node.offset,
      );
    case "binary":
      return binary(node.operator, node.left, node.right, scope);
  }
}

function binary(
  operator: BinaryOperator,
  leftNode: ExpressionNode,
  rightNode: ExpressionNode,
  scope: Scope,
): ParamValue {
  // Logic short-circuits, so `defined && x > 1` style guards work.
  if (operator === "&&") {
    return (
      asBoolean(evaluate(leftNode, scope), "&&") &&
      asBoolean(evaluate(rightNode, scope), "&&")
    );
  }
  if (operator === "||") {
    return (
      asBoolean(evaluate(leftNode, scope), "||") ||
      asBoolean(evaluate(rightNode, scope), "||")
    );
  }

  const left = evaluate(leftNode, scope);
  const right = evaluate(rightNode, scope);
  switch (operator) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(operator, left, right);
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      return asNumber(left, "+") + asNumber(right, "+");
    case "-":
      return asNumber(left, "-") - asNumber(right, "-");
    case "*":
      return asNumber(left, "*") * asNumber(right, "*");
    case "/":
      return asNumber(left, "/") / asNumber(right, "/");
    case "%":
      return asNumber(left, "%") % asNumber(right, "%");
    case "**":
      return asNumber(left, "**") ** asNumber(right, "**");
  }
}

function compare(
  operator: "<" | "<=" | ">" | ">=",
  left: unknown,
  right: unknown,
): boolean {
  const comparable =
    (typeof left === "number" && typeof right === "number") ||
    (typeof left === "string" && typeof right === "string");
  if (!comparable) {
    throw new ExpressionError(
      `"${operator}" compares two numbers or two strings, got ${show(left)} and ${show(right)}`,
    );
  }
  const [a, b] = [left as number | string, right as number | string];
  if (operator === "<") return a < b;
  if (operator === "<=") return a <= b;
  if (operator === ">") return a > b;
  return a >= b;
}

function call(
  name: string,
  args: readonly (ParamValue | undefined)[],
  offset: number,
): number {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) {
    const known = Object.keys(FUNCTIONS).join(", ");
    throw new ExpressionError(`unknown function "${name}" (known: ${known})`, offset);
  }

  const [least, most] = fn.arity;
  if (args.length < least || args.length > most) {
    throw new ExpressionError(
      `${name}() takes ${least === most ? least : `${least} or more`} ` +
        `argument${most === 1 ? "" : "s"}, got ${args.length}`,
      offset,
    );
  }
  return fn.apply(...args.map((arg) => asNumber(arg, `${name}()`)));
}

function asNumber(value: unknown, operator: string): number {
  if (typeof value === "number") return value;
  throw new ExpressionError(`"${operator}" needs a number, got ${show(value)}`);
}

function asBoolean(value: unknown, operator: string): boolean {
  if (typeof value === "boolean") return value;
  throw new ExpressionError(`"${operator}" needs true or false, got ${show(value)}`);
}

function show(value: unknown): string {
  if (value === undefined) return "a parameter that is not set for this trial";
  return typeof value === "string" ? `the string "${value}"` : String(value);
}
