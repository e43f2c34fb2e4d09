// Human-readable verification reports: an integrity section, a per-trial
// verdict table, a drift table and one overall line.
import type { DependencyDrift, DriftRow } from "./drift.ts";
import type { VerifyReport } from "./verify.ts";

/** Left-aligned columns separated by two spaces. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] as number))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function formatParams(params: Readonly<Record<string, unknown>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(" ");
}

function driftLines(
  drift: readonly DriftRow[],
  dependencies: readonly DependencyDrift[],
): string[] {
  const lines: string[] = [];
  const drifted = drift.filter((row) => row.drifted);
  if (drifted.length) {
    lines.push("", "environment drift (warning):");
    lines.push(
      ...formatTable(
        ["aspect", "packaged", "here"],
        drifted.map((row) => [
          row.aspect,
          row.packaged ?? "?",
          row.current ?? "not found",
        ]),
      ),
    );
  }
  if (dependencies.length) {
    lines.push("", "dependencies that differ from the package (warning):");
    lines.push(
      ...formatTable(
        ["ecosystem", "package", "packaged", "installed here"],
        dependencies.map((d) => [
          d.ecosystem,
          d.name,
          d.packaged,
          d.installed ?? "MISSING",
        ]),
      ),
    );
  }
  return lines;
}

/** The whole report as lines for stderr. */
export function formatVerifyReport(report: VerifyReport): string[] {
  const lines = [`package ${report.package}`, `  sha256 ${report.sha256}`];
  const { integrity } = report;
  if (!integrity.ok) {
    lines.push("integrity: FAILED");
    for (const path of integrity.missing) lines.push(`  missing: ${path}`);
    for (const path of integrity.altered) lines.push(`  altered: ${path}`);
    for (const path of integrity.extra) lines.push(`  extra:   ${path}`);
    lines.push("not reproduced: the package does not match its manifest");
    return lines;
  }
  lines.push(`integrity: ok (every file matches manifest.json)`, "");

  lines.push(`re-executed ${report.trials.length} of ${report.trialCount} trials:`);
  lines.push(
    ...formatTable(
      ["trial", "params", "verdict", "detail"],
      report.trials.map((t) => [
        t.trialId,
        formatParams(t.params),
        t.status,
        t.reason ?? "",
      ]),
    ),
  );
  lines.push(...driftLines(report.drift, report.dependencies));

  const failed = report.trials.filter((t) => t.status !== "reproduced").length;
  const strictNote =
    report.reproduced && !report.ok ? " but the environment drifted (--strict)" : "";
  lines.push(
    "",
    report.ok
      ? `reproduced: all ${report.trials.length} re-executed trials match`
      : `not reproduced: ${failed} of ${report.trials.length} trials differ${strictNote}`,
  );
  return lines;
}
