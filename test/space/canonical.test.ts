import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalParamsJson, sha256Hex } from "../../src/space/index.ts";

describe("canonicalJson", () => {
  it("sorts object keys at every depth so key order never changes a hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: true } })).toBe(
      '{"a":{"c":true,"d":[1,2]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("writes 1 and 1.0 the same and treats -0 as 0", () => {
    expect(canonicalJson({ x: 1.0 })).toBe('{"x":1}');
    expect(canonicalJson(-0)).toBe("0");
    expect(canonicalJson(1e21)).toBe("1e+21");
    expect(canonicalJson(0.1)).toBe("0.1");
  });

  it("escapes strings as JSON does and writes null, booleans and bigints", () => {
    expect(canonicalJson(['a"b', "é\n", null, false, 12n])).toBe(
      '["a\\"b","é\\n",null,false,12]',
    );
  });

  it("leaves out undefined object members and writes undefined array items as null", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined])).toBe("[null]");
  });

  it("refuses numbers and values that JSON cannot hold, naming where they are", () => {
    expect(() => canonicalJson({ a: [Number.NaN] })).toThrow("$.a[0] is NaN");
    expect(() => canonicalJson({ f: () => 1 })).toThrow("$.f is a function");
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
  });
});

describe("sha256Hex", () => {
  it("matches the published SHA-256 test vectors for text and bytes", () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex(new Uint8Array())).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("canonicalParamsJson", () => {
  const scalar = fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.boolean(),
  );

  it("writes exactly what canonicalJson writes for any flat object of scalars", () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string(), scalar), { minLength: 1, maxLength: 4 }),
        (objects) => {
          for (const params of objects)
            expect(canonicalParamsJson(params)).toBe(canonicalJson(params));
        },
      ),
    );
  });

  it("falls back to the general rules for values that are not plain scalars", () => {
    expect(canonicalParamsJson({ a: -0, b: undefined })).toBe('{"a":0}');
    expect(() => canonicalParamsJson({ a: Number.NaN })).toThrow("$.a is NaN");
  });
});
