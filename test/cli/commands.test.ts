import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandsToLoad } from "../../src/cli/commands/index.ts";
import type { CliIO } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

async function cli(argv: readonly string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += String(chunk)));
  stderr.on("data", (chunk) => (err += String(chunk)));
  const io: CliIO = { stdout, stderr, interactive: false, cwd: process.cwd(), env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

const names = (entries: readonly { name: string }[]) =>
  entries.map((entry) => entry.name);

describe("loading commands on demand", () => {
  it("loads only the command an invocation names, also after global flags and in `help`", () => {
    expect(names(commandsToLoad(["plot", "runs/a", "--format", "both"]))).toEqual([
      "plot",
    ]);
    expect(names(commandsToLoad(["--debug", "status", "runs/a"]))).toEqual(["status"]);
    expect(names(commandsToLoad(["help", "verify"]))).toEqual(["verify"]);
  });

  it("loads every command when the command list may be printed, none for --version", () => {
    expect(names(commandsToLoad([]))).toEqual(names(COMMANDS));
    expect(names(commandsToLoad(["--help"]))).toEqual(names(COMMANDS));
    expect(names(commandsToLoad(["help"]))).toEqual(names(COMMANDS));
    expect(commandsToLoad(["--version"])).toEqual([]);
    expect(commandsToLoad(["plt"])).toEqual([]);
  });

  it("lists every command with its arguments and description in --help", async () => {
    const { code, out } = await cli(["--help"]);

    expect(code).toBe(0);
    for (const { name } of COMMANDS) {
      expect(out).toMatch(new RegExp(`\\n  ${name} \\[options\\] \\S+ +\\S`));
    }
  });

  it("rejects an unknown command with a suggestion (exit 2)", async () => {
    const { code, err } = await cli(["plt"]);

    expect(code).toBe(2);
    expect(err).toContain("unknown command 'plt'");
    expect(err).toContain("Did you mean plot?");
  });

  it("registers each command under the name its entry gives", async () => {
    for (const entry of COMMANDS) {
      const { code, out } = await cli([entry.name, "--help"]);

      expect(code).toBe(0);
      expect(out).toContain(`Usage: sweepforge ${entry.name} `);
    }
  });
});
