import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatProgress, progressBar } from "../../src/results/progress-bar.ts";

describe("the ingest progress bar", () => {
  it("shows share, megabytes, rate and trials", () => {
    expect(formatProgress({ trials: 12, bytes: 250e6, totalBytes: 1000e6 }, 2))
      .toBe(`[${"#".repeat(8)}${".".repeat(22)}] 25% 250.0/1000.0 MB 125 MB/s, 12 trials`);
    expect(formatProgress({ trials: 3, bytes: 0, totalBytes: 0 }, 1)).toBe("reading… 3 trials");
  });

  it("draws on a terminal at most every 100 ms and clears its line when done", () => {
    const stream = new PassThrough();
    let written = "";
    stream.on("data", (c) => { written += String(c); });
    let now = 1000;
    const bar = progressBar(stream, true, () => now);
    bar.update({ trials: 1, bytes: 1, totalBytes: 2 });
    now += 50;
    bar.update({ trials: 2, bytes: 1, totalBytes: 2 });
    now += 100;
    bar.update({ trials: 3, bytes: 2, totalBytes: 2 });
    bar.done();
    expect(written.match(/\r\[/g)).toHaveLength(2);
    expect(written.endsWith("\r\u001b[2K")).toBe(true);
  });

  it("draws nothing when stderr is not a terminal", () => {
    const stream = new PassThrough();
    let written = "";
    stream.on("data", (c) => { written += String(c); });
    const bar = progressBar(stream, false);
    bar.update({ trials: 1, bytes: 1, totalBytes: 2 });
    bar.done();
    expect(written).toBe("");
  });
});
