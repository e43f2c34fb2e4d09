import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/sweepforge.js", import.meta.url));

describe("a reader that closes the pipe early", () => {
  it("does not make the command fail or print a stack trace", async () => {
    // stdout's reading end is closed before the CLI has even started, so its
    // first write meets a closed pipe (EPIPE), as under `sweepforge … | head -1`.
    const child = spawn(process.execPath, [BIN, "--help"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });

    const code = await new Promise<number | null>((resolve) =>
      child.on("close", resolve),
    );

    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
