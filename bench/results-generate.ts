// Writes a synthetic JSON Lines result file of a given size for the results
// benchmarks: a 4 × 4 × 2 sweep (lr, batch, optimizer) with many seeds, final
// loss and accuracy per row; a FILE ending in .csv gets the same rows as CSV.
// Usage: npx tsx bench/results-generate.ts FILE MB
import { createWriteStream } from "node:fs";
import { seededRandom } from "../src/results/stats/reservoir.ts";

export async function generateResults(file: string, megabytes: number): Promise<number> {
  const random = seededRandom(1);
  const out = createWriteStream(file, { highWaterMark: 1 << 22 });
  const target = megabytes * 1e6;
  const csv = file.endsWith(".csv");
  let written = 0;
  if (csv) {
    const header = "trial,lr,batch,optimizer,seed,loss,accuracy,epochs\n";
    out.write(header);
    written += header.length;
  }
  let seed = 0;
  const lrs = [0.0001, 0.001, 0.01, 0.1];
  const batches = [16, 32, 64, 128];
  const optimizers = ["adam", "sgd"];

  while (written < target) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const lr = lrs[seed % 4]!;
      const batch = batches[(seed >> 2) % 4]!;
      const optimizer = optimizers[(seed >> 4) % 2]!;
      const loss = 0.3 + Math.abs(Math.log10(lr) + 2) / 10 + batch / 1000 + random() * 0.05;
      const accuracy = 1 - loss / 2;
      const epochs = 20 + (seed % 7);
      lines.push(csv
        ? `t${seed},${lr},${batch},${optimizer},${seed},${loss},${accuracy},${epochs}`
        : `{"trial":"t${seed}","lr":${lr},"batch":${batch},"optimizer":"${optimizer}",`
          + `"seed":${seed},"loss":${loss},"accuracy":${accuracy},"epochs":${epochs}}`);
      seed += 1;
    }
    const chunk = `${lines.join("\n")}\n`;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) =>
    (error ? reject(error) : resolve())));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file = "/tmp/sweepforge-bench.jsonl", mb = "1000"] = process.argv.slice(2);
  const bytes = await generateResults(file, Number(mb));
  console.log(`wrote ${(bytes / 1e6).toFixed(0)} MB to ${file}`);
}
