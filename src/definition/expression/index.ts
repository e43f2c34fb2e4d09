// The safe expression language: parsed by our own parser and evaluated by
// walking the tree. Never eval or Function: text can only read parameters.
import type { ParamValue } from "../../plan/types.ts";
import type { ExpressionNode } from "./ast.ts";
import { evaluate } from "./evaluate.ts";
import { parseExpression } from "./parse.ts";

export { ExpressionError } from "./ast.ts";
export type { ExpressionNode } from "./ast.ts";
export { parseExpression } from "./parse.ts";
export { evaluate, FUNCTIONS } from "./evaluate.ts";

/** The parameter names an expression reads, in order of first use. */
export function referencedNames(node: ExpressionNode): string[] {
  const names = new Set<string>();
  const visit = (n: ExpressionNode): void => {
    if (n.type === "name") names.add(n.name);
    else if (n.type === "unary") visit(n.operand);
    else if (n.type === "binary") { visit(n.left); visit(n.right); }
    else if (n.type === "conditional") { visit(n.test); visit(n.whenTrue); visit(n.whenFalse); }
    else if (n.type === "call") n.args.forEach(visit);
  };
  visit(node);
  return [...names];
}

const cache = new Map<string, ExpressionNode>();

/** Parses once per distinct text, then evaluates against the scope. */
export function evaluateText(
  source: string, scope: Readonly<Record<string, ParamValue | undefined>>,
): ParamValue | undefined {
  let node = cache.get(source);
  if (!node) {
    node = parseExpression(source);
    cache.set(source, node);
  }
  return evaluate(node, scope);
}
