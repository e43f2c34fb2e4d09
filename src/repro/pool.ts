// Maps over items with at most `limit` promises in flight: enough to keep
// the disk busy without opening thousands of files at once.
export async function mapLimited<T, R>(
  items: readonly T[], limit: number, work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;

  async function worker(): Promise<void> {
    while (next < items.length) {
      const at = next;
      next += 1;
      results[at] = await work(items[at] as T);
    }
  }

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
