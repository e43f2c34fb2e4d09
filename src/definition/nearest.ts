// "Did you mean …?" for misspelt keys, parameter and step names.

/** The candidate closest to `word` by edit distance, if it is close enough. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** A fix sentence: "did you mean X?" or the list of valid names. */
export function suggestion(
  word: string,
  candidates: readonly string[],
  noun: string,
): string {
  const close = nearest(word, candidates);
  if (close) return `did you mean "${close}"?`;
  if (candidates.length === 0) return `there are no ${noun}s to choose from`;
  return `use one of the ${noun}s: ${candidates.join(", ")}`;
}

// Levenshtein distance with one rolling row.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min(
          (previous[j] as number) + 1,
          (current[j - 1] as number) + 1,
          substitution,
        ),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
