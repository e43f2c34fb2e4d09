import { describe, expect, it } from "vitest";
import { formatPath, formatProblem, UserError } from "../src/errors.ts";

describe("user errors", () => {
  it("name the file, the field path and the fix on one problem line", () => {
    const text = formatProblem({
      code: "definition/unknown-key",
      message: "unknown key 'colour'",
      file: "exp.yaml",
      path: ["steps", "sim", 0],
      fix: "remove it",
    });
    expect(text).toBe("exp.yaml: at steps.sim[0]: unknown key 'colour'\n  fix: remove it");
  });

  it("keep every problem and expose the first one's code", () => {
    const error = new UserError([
      { code: "a", message: "first" },
      { code: "b", message: "second" },
    ]);
    expect(error.code).toBe("a");
    expect(error.message).toBe("first\nsecond");
    expect(formatPath([])).toBe("");
  });
});
