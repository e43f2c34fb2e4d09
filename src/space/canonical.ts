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
    throw new TypeError(`canonicalJson: ${where} is ${value}, which JSON cannot represent`);
  }
  return Object.is(value, -0) ? "0" : String(value);
}

/** Lower-case hex sha256 of UTF-8 text or raw bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}
