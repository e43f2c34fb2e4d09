import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  evaluateText,
  ExpressionError,
  parseExpression,
  referencedNames,
} from "../../src/definition/index.ts";

const run = (text: string, scope: Record<string, string | number | boolean> = {}) =>
  evaluate(parseExpression(text), scope);

describe("expression language", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["2 ** 3 ** 2", 512],
    ["-2 ** 2", -4],
    ["2 ** -1", 0.5],
    ["7 % 4", 3],
    ["10 / 4", 2.5],
    ["1e-3 * 1000", 1],
    [".5 + .5", 1],
    ["'a' + \"b\"", "ab"],
    ["'it\\'s'", "it's"],
    ["true && !false", true],
    ["false || true", true],
    ["1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", true],
    ["'abc' < 'abd'", true],
    ["1 == 1 && 'a' != 'b'", true],
    ["1 > 2 ? 'x' : 'y'", "y"],
    ["true ? 1 : false ? 2 : 3", 1],
    ["max(1, 5, 3) + min(4, 2)", 7],
    ["floor(2.7) + ceil(2.1)", 5],
    ["round(2.5)", 3],
    ["abs(-3)", 3],
    ["sqrt(16)", 4],
    ["pow(2, 10)", 1024],
    ["log(exp(2))", 2],
    ["log10(1000)", 3],
    ["log2(8)", 3],
  ])("evaluates %s to %j", (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it("reads parameters by name and compares without coercion", () => {
    const scope = { solver: "jacobi", n: 256 };
    expect(run("!(solver == 'jacobi' && n > 128)", scope)).toBe(false);
    expect(run("!(solver == 'jacobi' && n > 128)", { solver: "cg", n: 256 })).toBe(true);
    expect(run("n == '256'", scope)).toBe(false);
  });

  it("treats a parameter absent from the trial as unset, equal only to another unset name", () => {
    expect(run("tol == tol")).toBe(true);
    expect(run("tol == 1")).toBe(false);
    expect(run("solver != 'cg' || tol < 1", { solver: "jacobi" })).toBe(true);
    expect(() => run("tol < 1")).toThrow(/not set for this trial/);
  });

  it("short-circuits logic so guards protect later terms", () => {
    expect(run("false && missing > 1")).toBe(false);
    expect(run("true || missing > 1")).toBe(true);
  });

  it.each([
    ["1 + 'a'", /"\+" needs a number, got the string "a"/],
    ["!1", /"!" needs true or false, got 1/],
    ["1 && true", /"&&" needs true or false/],
    ["1 < 'a'", /compares two numbers or two strings/],
    ["nope(1)", /unknown function "nope" \(known: abs, ceil/],
    ["max()", /max\(\) takes 1 or more arguments, got 0/],
    ["sqrt(1, 2)", /sqrt\(\) takes 1 argument, got 2/],
    ["1 ? 2 : 3", /"\?:" needs true or false/],
  ])("refuses %s with a message naming the problem", (text, message) => {
    expect(() => run(text)).toThrow(message);
  });

  it.each([
    ["1 +", /expected a value but found end of expression/],
    ["(1 + 2", /expected "\)" but found end of expression/],
    ["1 2", /unexpected "2"/],
    ["a ? b", /expected ":"/],
    ["'open", /unterminated string/],
    ["a = 1", /unexpected character "="/],
    ["#", /unexpected character "#"/],
    [")", /expected a value but found "\)"/],
  ])("reports the syntax error in %j with its position", (text, message) => {
    expect(() => parseExpression(text)).toThrow(message);
    try {
      parseExpression(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).offset).toBeGreaterThanOrEqual(0);
    }
  });

  it("lists the names an expression reads, calls and branches included", () => {
    expect(
      referencedNames(parseExpression("a > 1 ? max(b, -c) : !d || e == 'x'")),
    ).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("never reaches JavaScript globals: unknown names are just unset parameters", () => {
    expect(run("process == process")).toBe(true);
    expect(() => run("constructor(1)")).toThrow(/unknown function/);
    expect(() => run("toString(1)")).toThrow(/unknown function/);
    expect(run("__proto__ == 1")).toBe(false);
  });

  it("agrees with integer arithmetic for any operands (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 50 }),
        (a, b, c) => {
          expect(evaluateText("a * b + c - a % c", { a, b, c })).toBe(
            a * b + c - (a % c),
          );
          expect(evaluateText("a < b ? a : b", { a, b })).toBe(Math.min(a, b));
        },
      ),
      { numRuns: 200 },
    );
  });
});
