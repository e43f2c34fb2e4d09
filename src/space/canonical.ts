// Canonical JSON and hashing: the basis of stable trial ids, seeds and plan
// hashes. Keys are sorted and numbers normalised so equal values hash equally.
import { hash } from "node:crypto";

/** Serialises a JSON-like value with sorted keys; rejects what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  return serialise(value, "$");
}

function serialise(value: unknown, where: string): string {
  if (value === null) return "null";

  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      return canonicalNumber(value, where);
    case "bigint":
      return value.toString();
    case "object":
      return Array.isArray(value)
        ? `[${value.map((item, i) => serialise(item ?? null, `${where}[${i}]`)).join(",")}]`
        : serialiseObject(value as Record<string, unknown>, where);
    default:
      throw new TypeError(`canonicalJson: ${where} is a ${typeof value}, not JSON data`);
  }
}

// A plain loop: this runs once per trial, so it avoids intermediate arrays.
function serialiseObject(object: Record<string, unknown>, where: string): string {
  const keys = Object.keys(object).sort();
  let text = "{";

  for (const key of keys) {
    const value = object[key];
    if (value === undefined) continue;
    const member = `${JSON.stringify(key)}:${serialise(value, where + "." + key)}`;
    text += text.length === 1 ? member : "," + member;
  }
  return text + "}";
}

// -0 and 0 are one value; NaN and infinities have no JSON form.
function canonicalNumber(value: number, where: string): string {
  if (!Number.isFinite(value)) {
    throw new TypeError(
      `canonicalJson: ${where} is ${value}, which JSON cannot represent`,
    );
  }
  return Object.is(value, -0) ? "0" : String(value);
}

// The fast path for one trial's parameters (a flat object of scalars), which
// is serialised once per trial: the sorted key order and quoted keys are
// remembered while successive objects share the same keys.
let cachedKeys: readonly string[] = [];
let cachedOrder: readonly string[] = [];
let cachedPrefixes: readonly string[] = [];

/** canonicalJson for a flat object of scalars; the same text, faster. */
export function canonicalParamsJson(params: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(params);
  if (!sameKeys(keys, cachedKeys)) {
    cachedKeys = keys;
    cachedOrder = [...keys].sort();
    cachedPrefixes = cachedOrder.map((key) => `${JSON.stringify(key)}:`);
  }

  let text = "{";
  for (let i = 0; i < cachedOrder.length; i++) {
    const value = params[cachedOrder[i]!];
    const scalar =
      typeof value === "number" && Number.isFinite(value) && !Object.is(value, -0)
        ? String(value)
        : typeof value === "string" || typeof value === "boolean"
          ? JSON.stringify(value)
          : undefined;
    // Anything unusual (nested, undefined, -0, NaN) takes the general path.
    if (scalar === undefined) return canonicalJson(params);
    text += i === 0 ? cachedPrefixes[i] + scalar : "," + cachedPrefixes[i] + scalar;
  }
  return text + "}";
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lower-case hex sha256 of UTF-8 text or raw bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}
