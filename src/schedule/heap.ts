// A binary min-heap over arbitrary values with a caller-supplied key order.
// The scheduler keeps its ready queues and its event queue in these.
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);

    let child = items.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(items[child] as T, items[parent] as T)) break;
      [items[child], items[parent]] = [items[parent] as T, items[child] as T];
      child = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;

    items[0] = last;
    let parent = 0;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let best = parent;
      const size = items.length;
      if (left < size && this.before(items[left] as T, items[best] as T)) best = left;
      if (right < size && this.before(items[right] as T, items[best] as T)) best = right;
      if (best === parent) return top;
      [items[best], items[parent]] = [items[parent] as T, items[best] as T];
      parent = best;
    }
  }
}
