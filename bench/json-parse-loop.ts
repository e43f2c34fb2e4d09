// The references the results benchmarks measure against: what a user would
// write by hand to aggregate a result file with readline, keeping n, sum and
// sum of squares of the loss per configuration: JSON.parse per line for JSON
// Lines, split(",") and Number for CSV (no quoting, as in the bench's files).
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

interface Sums {
  n: number;
  sum: number;
  sumSquares: number;
}

function add(groups: Map<string, Sums>, key: string, loss: number): void {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { n: 0, sum: 0, sumSquares: 0 }));
  group.n += 1;
  group.sum += loss;
  group.sumSquares += loss * loss;
}

export async function jsonParseLoop(file: string): Promise<number> {
  const groups = new Map<string, Sums>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const row = JSON.parse(line) as Record<string, number | string>;
    add(groups, `${row.lr}|${row.batch}|${row.optimizer}`, row.loss as number);
  }
  return groups.size;
}

/** The same for CSV; columns are found by name in the header. */
export async function csvSplitLoop(file: string): Promise<number> {
  const groups = new Map<string, Sums>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let column: Record<string, number> | null = null;
  for await (const line of lines) {
    if (!line) continue;
    const fields = line.split(",");
    if (column === null) {
      column = Object.fromEntries(fields.map((name, i) => [name, i]));
      continue;
    }
    const at = (name: string): string => fields[column![name]!]!;
    add(groups, `${at("lr")}|${at("batch")}|${at("optimizer")}`, Number(at("loss")));
  }
  return groups.size;
}
