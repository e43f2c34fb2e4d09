import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadResults } from "../../src/results/load.ts";
import { plotResults, type PlotReport } from "../../src/viz/plot.ts";
import { writeExampleRun } from "../fixtures/results/example-run.ts";
import { tempDir } from "../results/helpers/write-run.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  // Visible on purpose: CI installs chromium (see .ci/run), so this only skips locally.
  console.warn(`SKIPPED dashboard browser tests: ${CHROMIUM} not found (apt-get install chromium)`);
}

let browser: Browser;
let report: PlotReport;
let runDir: string;

beforeAll(async () => {
  runDir = writeExampleRun(tempDir(), "sweep-1");
  const results = await loadResults({ runDirs: [runDir] });
  report = await plotResults(results, { out: join(runDir, "plots"), format: "svg",
    env: { SOURCE_DATE_EPOCH: "1767225600" } });
  if (hasChromium) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"],
    });
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("dashboard.html as a file", () => {
  it("is self-contained: no scripts, no external URLs, every image inline", () => {
    const html = readFileSync(report.dashboard!, "utf8");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const images = html.match(/<img [^>]*>/g) ?? [];
    expect(images).toHaveLength(report.figures.length);
    for (const image of images) expect(image).toContain('src="data:image/svg+xml;base64,');
  });

  it("shows status, failures with log paths, the environment and provenance", () => {
    const html = readFileSync(report.dashboard!, "utf8");
    expect(html).toContain("failed: 1, succeeded: 54");
    expect(html).toContain(join(runDir, "trials", "t00054", "stderr.log"));
    expect(html).toContain("0123456789abcdef0123456789abcdef01234567");
    expect(html).toContain("testhost");
    expect(html).toContain("2026-01-01");
  });
});

describe.runIf(hasChromium)("dashboard.html in headless Chromium", () => {
  it("loads from the file system with no console errors, no requests and every figure drawn",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (r) => { if (!r.url().startsWith("data:") && !r.url().startsWith("file:")) requests.push(r.url()); });

      await page.goto(pathToFileURL(report.dashboard!).href, { waitUntil: "load" });
      const sizes = await page.$$eval("img", (images) => images.map((img) =>
        ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight })));
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(sizes).toHaveLength(report.figures.length);
      for (const size of sizes) {
        expect(size.complete).toBe(true);
        expect(size.width).toBeGreaterThan(200);
        expect(size.height).toBeGreaterThan(150);
      }
      expect(await page.locator("table.summary tr").count()).toBe(1 + 18);
      await page.close();
    });

  it("renders the example like the kept screenshot: layout and ink within tolerance", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(report.dashboard!).href, { waitUntil: "load" });
    const figure = page.locator("#figure-loss-vs-lr img");
    await figure.scrollIntoViewIfNeeded();
    const shot = await figure.screenshot();

    // Pixel statistics of the figure, measured in the page itself (the code is a
    // string so this file needs no DOM typings).
    const stats = await page.evaluate(`(async (base64) => {
      const img = new Image();
      img.src = \`data:image/png;base64,\${base64}\`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = img.width;
      canvas.height = img.height;
      const context = canvas.getContext("2d");
      context.drawImage(img, 0, 0);
      const { data } = context.getImageData(0, 0, img.width, img.height);
      let ink = 0;
      let blue = 0;
      let orange = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        if (r + g + b < 600) ink += 1;
        if (b > 150 && r < 60 && g > 90 && g < 140) blue += 1;
        if (r > 200 && g > 130 && g < 180 && b < 60) orange += 1;
      }
      const pixels = data.length / 4;
      return { width: img.width, height: img.height, ink: ink / pixels, blue, orange };
    })("${shot.toString("base64")}")`) as { width: number; height: number; ink: number;
      blue: number; orange: number };

    // The kept reference for this example: size within 10%, ink share in range,
    // and both series' line colours present.
    const kept = JSON.parse(readFileSync(join(import.meta.dirname, "dashboard-screenshot.json"),
      "utf8")) as { width: number; height: number; inkMin: number; inkMax: number; minLinePixels: number };
    expect(Math.abs(stats.width - kept.width)).toBeLessThan(kept.width * 0.1);
    expect(Math.abs(stats.height - kept.height)).toBeLessThan(kept.height * 0.1);
    expect(stats.ink).toBeGreaterThan(kept.inkMin);
    expect(stats.ink).toBeLessThan(kept.inkMax);
    expect(stats.blue).toBeGreaterThan(kept.minLinePixels);
    expect(stats.orange).toBeGreaterThan(kept.minLinePixels);
    await page.close();
  });
});
