// The reference the results benchmarks measure against: what a user would
// write by hand to aggregate a JSON Lines result file, with readline and
// JSON.parse, keeping n, sum and sum of squares of the loss per configuration.
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

export async function jsonParseLoop(file: string): Promise<number> {
  const groups = new Map<string, { n: number; sum: number; sumSquares: number }>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const row = JSON.parse(line) as Record<string, number | string>;
    const key = `${row.lr}|${row.batch}|${row.optimizer}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { n: 0, sum: 0, sumSquares: 0 }));
    const loss = row.loss as number;
    group.n += 1;
    group.sum += loss;
    group.sumSquares += loss * loss;
  }
  return groups.size;
}
