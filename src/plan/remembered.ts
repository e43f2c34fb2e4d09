// Encodings remembered by value. A sweep's tables repeat a parameter's few
// values and a command's fixed words row after row, so encoding each distinct
// value once spares most of the per-trial work. The memory is bounded, for
// samples whose values never repeat.

/** Distinct values kept before the memory starts over. */
const LIMIT = 4096;

/** `encode`, remembering its answer per value (Map equality: SameValueZero). */
export function remembered<K, V>(encode: (value: K) => V): (value: K) => V {
  const known = new Map<K, V>();

  return (value) => {
    let encoded = known.get(value);
    if (encoded === undefined) {
      if (known.size >= LIMIT) known.clear();
      encoded = encode(value);
      known.set(value, encoded);
    }
    return encoded;
  };
}

/**
 * `encode`, remembering only its last answer (by identity). Trials of one
 * step share their step name, resources and env objects, so one is enough.
 */
export function rememberedLast<K, V>(encode: (value: K) => V): (value: K) => V {
  let last: { readonly value: K; readonly encoded: V } | undefined;

  return (value) => {
    if (last === undefined || last.value !== value)
      last = { value, encoded: encode(value) };
    return last.encoded;
  };
}
