// A precedence-climbing parser for the expression language:
//   cond ? a : b,  ||,  &&,  == !=,  < <= > >=,  + -,  * / %,  ** (right),
//   unary ! -, literals, names, calls like max(a, b).
import { ExpressionError, type BinaryOperator, type ExpressionNode } from "./ast.ts";
import { tokenize, type Token } from "./lexer.ts";

const BINARY_LEVELS: readonly (readonly BinaryOperator[])[] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<", "<=", ">", ">="],
  ["+", "-"],
  ["*", "/", "%"],
];

const KEYWORDS: Readonly<Record<string, boolean>> = { true: true, false: false };

export function parseExpression(text: string): ExpressionNode {
  const parser = new Parser(tokenize(text));
  const node = parser.conditional();
  parser.expectEnd();
  return node;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  conditional(): ExpressionNode {
    const test = this.binary(0);
    if (!this.accept("?")) return test;

    const whenTrue = this.conditional();
    this.expect(":");
    const whenFalse = this.conditional();
    return { type: "conditional", test, whenTrue, whenFalse };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== "end")
      throw new ExpressionError(`unexpected "${token.value}"`, token.offset);
  }

  private binary(level: number): ExpressionNode {
    const operators = BINARY_LEVELS[level];
    if (!operators) return this.unary();

    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      const operator = operators.find(
        (op) => token.kind === "operator" && token.value === op,
      );
      if (!operator) return left;
      this.position++;
      left = { type: "binary", operator, left, right: this.binary(level + 1) };
    }
  }

  // Unary operators apply to a whole power, so -2 ** 2 is -(2 ** 2) as in maths.
  private unary(): ExpressionNode {
    if (this.accept("!")) return { type: "unary", operator: "!", operand: this.unary() };
    if (this.accept("-")) return { type: "unary", operator: "-", operand: this.unary() };
    return this.power();
  }

  // ** associates to the right and its exponent may carry a sign: 2 ** -1.
  private power(): ExpressionNode {
    const base = this.primary();
    if (!this.accept("**")) return base;
    return { type: "binary", operator: "**", left: base, right: this.unary() };
  }

  private primary(): ExpressionNode {
    const token = this.next();
    if (token.kind === "number" || token.kind === "string") {
      return { type: "literal", value: token.value };
    }

    if (token.kind === "name") return this.nameOrCall(token.value, token.offset);

    if (token.kind === "operator" && token.value === "(") {
      const inner = this.conditional();
      this.expect(")");
      return inner;
    }

    const what = token.kind === "end" ? "end of expression" : `"${token.value}"`;
    throw new ExpressionError(`expected a value but found ${what}`, token.offset);
  }

  private nameOrCall(name: string, offset: number): ExpressionNode {
    const keyword = Object.hasOwn(KEYWORDS, name) ? KEYWORDS[name] : undefined;
    if (keyword !== undefined) return { type: "literal", value: keyword };
    if (!this.accept("(")) return { type: "name", name, offset };

    const args: ExpressionNode[] = [];
    if (!this.accept(")")) {
      do args.push(this.conditional());
      while (this.accept(","));
      this.expect(")");
    }
    return { type: "call", callee: name, args, offset };
  }

  private peek(): Token {
    return this.tokens[this.position] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.position++;
    return token;
  }

  private accept(operator: string): boolean {
    const token = this.peek();
    if (token.kind !== "operator" || token.value !== operator) return false;
    this.position++;
    return true;
  }

  private expect(operator: string): void {
    const token = this.peek();
    if (this.accept(operator)) return;
    const found = token.kind === "end" ? "end of expression" : `"${token.value}"`;
    throw new ExpressionError(`expected "${operator}" but found ${found}`, token.offset);
  }
}
