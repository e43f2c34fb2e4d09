// The syntax tree of the safe expression language used by `where` and
// derived values in YAML/JSON definitions.
import type { ParamValue } from "../../plan/types.ts";

export type BinaryOperator =
  | "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">="
  | "+" | "-" | "*" | "/" | "%" | "**";

export type ExpressionNode =
  | { readonly type: "literal"; readonly value: ParamValue }
  | { readonly type: "name"; readonly name: string; readonly offset: number }
  | { readonly type: "unary"; readonly operator: "!" | "-"; readonly operand: ExpressionNode }
  | {
    readonly type: "binary";
    readonly operator: BinaryOperator;
    readonly left: ExpressionNode;
    readonly right: ExpressionNode;
  }
  | {
    readonly type: "conditional";
    readonly test: ExpressionNode;
    readonly whenTrue: ExpressionNode;
    readonly whenFalse: ExpressionNode;
  }
  | {
    readonly type: "call";
    readonly callee: string;
    readonly args: readonly ExpressionNode[];
    readonly offset: number;
  };

/** A syntax or evaluation error, with the character offset it refers to. */
export class ExpressionError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(message);
    this.name = "ExpressionError";
  }
}
