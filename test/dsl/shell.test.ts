import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteShellWord, rawShell, sh } from "../../dsl/index.ts";

// Runs a script with the real /bin/sh and returns each argv word it received.
function wordsSeenBySh(script: string): string[] {
  const output = execFileSync("/bin/sh", ["-c", `${script}`], { encoding: "utf8" });
  return output.split("\0").slice(0, -1);
}

describe("sh tagged template", () => {
  it("keeps plainly safe words bare and quotes the rest", () => {
    expect(quoteShellWord("alpha-0.5")).toBe("alpha-0.5");
    expect(quoteShellWord("")).toBe("''");
    expect(quoteShellWord("a b")).toBe("'a b'");
    expect(quoteShellWord("it's")).toBe(`'it'"'"'s'`);
  });

  it("passes hostile values through sh as single literal words", () => {
    const hostile: string[] = [
      "$(touch /tmp/pwned)",
      "`id`",
      "a; rm -rf /",
      "it's",
      "*",
      "$HOME",
      "\n",
    ];
    const script = sh`printf '%s\0' ${hostile}`;
    expect(wordsSeenBySh(script.text)).toEqual(hostile);
  });

  it("spreads an array into one quoted word per item", () => {
    const script = sh`printf '%s\0' ${["a b", 2, true]}`;
    expect(wordsSeenBySh(script.text)).toEqual(["a b", "2", "true"]);
  });

  it("round-trips any string through sh unchanged (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (value) => {
        const clean = value.replaceAll("\0", "");
        expect(wordsSeenBySh(sh`printf '%s\0' ${clean}`.text)).toEqual([clean]);
      }),
      { numRuns: 60 },
    );
  });

  it("leaves the author's literal shell code exactly as typed", () => {
    expect(sh`cd out && ls ${"x y"} | wc -l`.text).toBe("cd out && ls 'x y' | wc -l");
    expect(sh`echo \$HOME ${"$HOME"}`.text).toBe("echo \\$HOME '$HOME'");
    expect(rawShell("echo $HOME").text).toBe("echo $HOME");
  });
});
