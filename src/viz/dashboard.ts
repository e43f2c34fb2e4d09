// dashboard.html: one self-contained page (no network, images inline as data
// URIs, styles inline, no scripts) with the summary table, the figures, run
// status and failures with their log paths, the environment and provenance.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import Handlebars from "handlebars";
import type { ResultSet } from "../results/load.ts";
import type { Summary } from "../results/summary.ts";
import { describeUtilization, runUtilization } from "../schedule/achieved.ts";
import { formatConfig } from "./figures/context.ts";
import type { WrittenFigure } from "./plot.ts";
import type { Provenance } from "./provenance.ts";
import { TEMPLATE_DIR } from "./templates.ts";

export interface DashboardInput {
  readonly out: string;
  readonly results: ResultSet;
  readonly summary: Summary;
  readonly provenance: Provenance;
  readonly figures: readonly (WrittenFigure & {
    readonly image: { svg?: string; png?: Buffer };
  })[];
  /**
   * Achieved utilization per run directory (issue #5), as describeUtilization
   * words it; writeDashboard reads it from the records when absent.
   */
  readonly utilization?: ReadonlyMap<string, string>;
}

let compiled: Handlebars.TemplateDelegate | null = null;

function template(): Handlebars.TemplateDelegate {
  compiled ??= Handlebars.create().compile(
    readFileSync(join(TEMPLATE_DIR, "dashboard.hbs"), "utf8"), { strict: true });
  return compiled;
}

export function dataUri(image: { svg?: string; png?: Buffer }): string {
  if (image.svg !== undefined) {
    return `data:image/svg+xml;base64,${Buffer.from(image.svg).toString("base64")}`;
  }
  return `data:image/png;base64,${image.png!.toString("base64")}`;
}

const number = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? "—"
    : String(Number(value.toPrecision(4)));

export function dashboardHtml(input: DashboardInput): string {
  const metrics = [...new Set(input.summary.groups.flatMap((g) => Object.keys(g.metrics)))].sort();
  const view = {
    title: `${input.provenance.experiment} — results`,
    provenance: [
      ["experiment", input.provenance.experiment],
      ["runs", input.provenance.runIds.join(", ") || "—"],
      ["result files", input.provenance.resultFiles.join(", ") || "—"],
      ["git commit", input.provenance.gitCommit ?? "—"],
      ["plan hash", input.provenance.planHash ?? "—"],
      ["sweepforge", input.provenance.sweepforgeVersion],
      ["drawn on", input.provenance.date],
      ["interval", input.summary.intervalMethod],
    ].map(([label, value]) => ({ label, value })),
    runs: input.results.runs.map((run) => ({
      runId: run.runId, dir: run.dir,
      utilization: input.utilization?.get(run.dir) ?? "",
      status: Object.entries(run.status).sort().map(([s, n]) => `${s}: ${n}`).join(", ")
        || "no trials",
      failures: run.failures.map((f) => ({
        trialId: f.trialId, status: f.status, exitCode: f.exitCode ?? "—",
        params: formatConfig(f.params), stderr: f.stderrLog, stdout: f.stdoutLog,
      })),
    })),
    metrics,
    rows: input.summary.groups.map((group) => ({
      config: formatConfig(group.params),
      n: group.n,
      cells: metrics.map((metric) => {
        const stats = group.metrics[metric];
        if (!stats) return { mean: "—", ci: "" };
        return { mean: number(stats.mean),
          ci: stats.ci95 ? `[${number(stats.ci95[0])}, ${number(stats.ci95[1])}]` : "n < 2" };
      }),
    })),
    effects: metrics.map((metric) => ({
      metric,
      ranking: (input.summary.effects[metric]?.ranking ?? []).map((e) => ({
        param: e.param, eta: e.etaSquared.toFixed(3), range: number(e.range),
      })),
      best: (input.summary.best[metric]?.configurations ?? []).slice(0, 3).map((b) => ({
        config: formatConfig(b.params), mean: number(b.mean),
        ci: b.ci95 ? `[${number(b.ci95[0])}, ${number(b.ci95[1])}]` : "n < 2",
      })),
      goal: input.summary.best[metric]?.goal ?? "min",
    })),
    figures: input.figures.map((figure) => ({
      name: figure.name, title: figure.title, src: dataUri(figure.image),
      spec: figure.spec.split("/").pop(),
    })),
    environment: input.results.runs.map((run) => ({
      runId: run.runId, json: JSON.stringify(run.environment, null, 2) ?? "null",
    })),
  };
  return template()(view);
}

export async function writeDashboard(input: DashboardInput): Promise<string> {
  const file = join(input.out, "dashboard.html");
  const utilization = input.utilization ?? await utilizationOf(input.results);
  await writeFile(file, dashboardHtml({ ...input, utilization }));
  return file;
}

// Busy cpu-seconds over capacity times wall time, from each run's records.
async function utilizationOf(results: ResultSet): Promise<ReadonlyMap<string, string>> {
  const described = new Map<string, string>();
  for (const run of results.runs) {
    const text = describeUtilization(await runUtilization(run.dir));
    if (text !== undefined) described.set(run.dir, text);
  }
  return described;
}
