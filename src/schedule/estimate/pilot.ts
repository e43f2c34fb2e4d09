// Choosing a pilot: K trials of a step spread over its parameter space, so
// that a few real runs tell the models about every corner. Greedy maximin:
// start from the first trial, then repeatedly add the trial farthest from
// all chosen so far (log-scaled parameters measured in log space), breaking
// ties by the total distance to the chosen ones.
import type { ParamInfo, TrialSpec, TrialTable } from "../../plan/types.ts";

/** Candidates examined at most; larger steps are strided evenly. */
const MAX_CANDIDATES = 20_000;

/** Indices (within the step's trial table) of up to `count` pilot trials. */
export function choosePilot(
  trials: TrialTable,
  params: readonly ParamInfo[],
  count: number,
): number[] {
  const stride = Math.max(1, Math.ceil(trials.count / MAX_CANDIDATES));
  const candidates: TrialSpec[] = [];
  for (let i = 0; i < trials.count; i += stride) candidates.push(trials.at(i));
  if (count <= 0 || candidates.length === 0) return [];

  const points = normalise(candidates, params);
  const nearest = new Float64Array(candidates.length).fill(Number.POSITIVE_INFINITY);
  const total = new Float64Array(candidates.length);
  const chosen: number[] = [];
  let next = 0;

  while (chosen.length < Math.min(count, candidates.length)) {
    chosen.push(next);
    let farthest = -1;
    for (let c = 0; c < candidates.length; c += 1) {
      const d = distance(points[c]!, points[next]!);
      nearest[c] = Math.min(nearest[c]!, d);
      total[c] = total[c]! + d;
      if (farthest < 0 || nearest[c]! > nearest[farthest]!
        || (nearest[c] === nearest[farthest] && total[c]! > total[farthest]!)) farthest = c;
    }
    next = farthest;
  }
  return chosen.map((c) => (candidates[c] as TrialSpec).index).sort((a, b) => a - b);
}

// Each numeric parameter mapped to [0, 1] over the candidates (in log space
// for log-scaled ones); categorical values become labels compared for equality.
function normalise(trials: readonly TrialSpec[], params: readonly ParamInfo[])
  : (number | string)[][] {
  const columns = params.map((param) => {
    const raw = trials.map((t) => t.params[param.name]);
    if (param.kind !== "numeric" && param.kind !== "integer") return raw.map(String);

    const values = raw.map((v) => {
      const x = Number(v ?? 0);
      return param.scale === "log" && x > 0 ? Math.log(x) : x;
    });
    const low = Math.min(...values);
    const span = Math.max(...values) - low || 1;
    return values.map((x) => (x - low) / span);
  });
  return trials.map((_, i) => columns.map((column) => column[i] as number | string));
}

function distance(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  let sum = 0;
  a.forEach((x, j) => {
    const y = b[j];
    if (typeof x === "number" && typeof y === "number") sum += (x - y) ** 2;
    else if (x !== y) sum += 1;
  });
  return Math.sqrt(sum);
}
