// Table rows are built from remembered per-column encodings for speed. Whatever
// came before, a row must read exactly as the row spelled out word by word:
// the driver evaluates it, and the wrapper compares its spec line with the
// record it writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rowWriter, tableRow } from "../../compilers/shared/table-row.ts";
import {
  renderTrialTable,
  trialTablePieces,
} from "../../compilers/shared/trial-table.ts";
import { envName, shQuote } from "../../compilers/shared/shell-quote.ts";
import type { StepLayout } from "../../compilers/shared/task-layout.ts";
import type { ParamValues, TrialSpec } from "../../src/plan/types.ts";
import { trialSpecLine } from "../../src/record/trial-spec.ts";

// The row format of ROW_FIELDS, one word at a time, with the record module's
// own spec line.
function spelledOut(task: number, trial: TrialSpec): string {
  const words = [
    shQuote(trial.id),
    String(trial.index),
    String(trial.replicate),
    String(trial.seed),
    String(trial.resources.walltimeSeconds),
    shQuote(JSON.stringify(trial.params)),
    shQuote(trialSpecLine(trial)),
    ...Object.entries(trial.params).map(([name, value]) =>
      shQuote(`SWEEPFORGE_PARAM_${envName(name)}=${String(value)}`),
    ),
    ...Object.keys(trial.env)
      .sort((a, b) => a.localeCompare(b))
      .map((name) => shQuote(`${name}=${trial.env[name]}`)),
    "--",
    ...trial.argv.map(shQuote),
  ];
  return `${task}\t${words.join(" ")}`;
}

// Few distinct values, so consecutive rows often repeat a column (the case the
// writer remembers) and sometimes change it.
const word = fc.oneof(
  fc.constantFrom("python3", "--a", "it's", "two words", "line\nbreak", "é", ""),
  fc.string(),
);
const scalar = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.1, "x", "o'k", true),
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
const name = fc.constantFrom("a", "b", "lr", "model_name", "x-y");
const resources = fc.constantFrom(
  { cpus: 1, memoryMiB: 1024, gpus: 0, walltimeSeconds: 600 },
  { cpus: 4, memoryMiB: 100, gpus: 1, walltimeSeconds: 0 },
);
const env = fc.constantFrom<Readonly<Record<string, string>>>(
  {},
  { OMP_NUM_THREADS: "1", A: "it's" },
);

const trial: fc.Arbitrary<TrialSpec> = fc.record({
  id: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.string()),
  step: fc.constantFrom("sim", "post", "o'dd"),
  index: fc.nat(),
  point: fc.nat(),
  params: fc.dictionary(name, scalar, { maxKeys: 4 }) as fc.Arbitrary<ParamValues>,
  replicate: fc.nat(3),
  seed: fc.nat(2 ** 31 - 1),
  argv: fc.array(word, { maxLength: 6 }),
  env,
  resources,
  dependsOn: fc.constant([]),
});

describe("trial table rows", () => {
  it("read word for word as the spelled-out row, whatever rows came before", () => {
    fc.assert(
      fc.property(fc.array(trial, { minLength: 1, maxLength: 8 }), (trials) => {
        const row = rowWriter();
        trials.forEach((each, task) => {
          expect(row(task, each)).toBe(spelledOut(task, each));
        });
      }),
      { numRuns: 400 },
    );
  });

  it("encode params a plan.json could hold but the space never makes", () => {
    const odd = {
      ...fc.sample(trial, { numRuns: 1, seed: 3 })[0]!,
      params: { a: 1, nested: [1, "it's"] } as unknown as ParamValues,
    };

    expect(tableRow(0, odd)).toBe(spelledOut(0, odd));
  });

  it("come out whole in UTF-8 pieces, in order, however long a row is", () => {
    const long = "é".repeat(400_000);
    const trials = [0, 1, 2].map(
      (i): TrialSpec => ({
        ...fc.sample(trial, { numRuns: 1, seed: i })[0]!,
        argv: ["echo", i === 1 ? long : "short"],
      }),
    );
    const layout = { rows: trials.map((each, task) => ({ task, trial: each })) };

    const pieces = Array.from(trialTablePieces(layout as unknown as StepLayout));
    const text = trials.map((each, task) => `${spelledOut(task, each)}\n`).join("");

    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).toString("utf8")).toBe(text);
    expect(renderTrialTable(layout as unknown as StepLayout)).toBe(text);
  });
});
