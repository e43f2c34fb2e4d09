// The quantile sketch's batch sort beside Float64Array's own sort, on the
// batches ingestion sorts (2,048 values of one metric), in one process.
// Usage: npx tsx bench/sort-doubles.ts [BATCHES=11000]
import { seededRandom } from "../src/results/stats/reservoir.ts";
import { sortDoubles } from "../src/results/stats/sort-doubles.ts";

const batches = Number(process.argv[2] ?? 11_000);
const BATCH = 2048;
const random = seededRandom(7);
// The same values for both sorts: a loss-like metric between 0.3 and 0.7.
const source = Float64Array.from({ length: batches * BATCH }, () => 0.3 + random() * 0.4);

function time(sort: (batch: Float64Array) => void): number {
  const batch = new Float64Array(BATCH);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round += 1) {
    const start = performance.now();
    for (let b = 0; b < batches; b += 1) {
      batch.set(source.subarray(b * BATCH, (b + 1) * BATCH));
      sort(batch);
    }
    best = Math.min(best, performance.now() - start);
  }
  return best / 1000;
}

const native = time((batch) => batch.sort());
const ours = time(sortDoubles);
const values = batches * BATCH;
console.log(
  `${batches} batches of ${BATCH} doubles (${(values / 1e6).toFixed(1)} M values), best of 3`,
);
const perValue = (seconds: number) => `${((seconds / values) * 1e9).toFixed(0)} ns/value`;
console.log(`Float64Array.prototype.sort  ${native.toFixed(2)} s  ${perValue(native)}`);
console.log(`sortDoubles (radix)          ${ours.toFixed(2)} s  ${perValue(ours)}`);
console.log(`ratio sortDoubles / native: ${(ours / native).toFixed(2)}`);
