import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { catalogInputs, defaultCacheFile, uriScheme } from "../../src/record/inputs.ts";
import { tempDir } from "../run/support/temp.ts";

// sha256 of the three ASCII bytes "abc", from FIPS 180-2's example.
const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
// sha256 of the empty input.
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

describe("the inputs catalogue", () => {
  it("records files, folders and object-store references with size and sha256", async () => {
    const base = tempDir();
    writeFileSync(join(base, "data.txt"), "abc");
    mkdirSync(join(base, "folder", "sub"), { recursive: true });
    writeFileSync(join(base, "folder", "sub", "z.txt"), "abc");
    writeFileSync(join(base, "folder", "a.txt"), "");

    const entries = await catalogInputs(
      [
        { name: "data", location: "data.txt" },
        { name: "tree", location: "folder" },
        { name: "remote", location: "s3://bucket/key.parquet" },
        { name: "absolute", location: `file://${join(base, "data.txt")}` },
      ],
      { baseDir: base, cacheFile: join(base, "cache.json") },
    );

    expect(entries).toEqual([
      {
        name: "data",
        kind: "file",
        location: join(base, "data.txt"),
        size: 3,
        sha256: ABC,
      },
      {
        name: "tree",
        kind: "folder",
        location: join(base, "folder"),
        size: 3,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        files: [
          { path: "a.txt", size: 0, sha256: EMPTY },
          { path: join("sub", "z.txt"), size: 3, sha256: ABC },
        ],
      },
      {
        name: "remote",
        kind: "reference",
        location: "s3://bucket/key.parquet",
        scheme: "s3",
      },
      {
        name: "absolute",
        kind: "file",
        location: join(base, "data.txt"),
        size: 3,
        sha256: ABC,
      },
    ]);
  });

  it("does not rehash an input whose path, size and mtime are unchanged", async () => {
    const base = tempDir();
    const cacheFile = join(base, "cache", "hashes.json");
    writeFileSync(join(base, "big.bin"), "abc");
    const inputs = [{ name: "big", location: "big.bin" }];
    const stats: { hashed: number; cached: number }[] = [];
    const options = {
      baseDir: base,
      cacheFile,
      onStats: (s: { hashed: number; cached: number }) => stats.push(s),
    };

    await catalogInputs(inputs, options);
    await catalogInputs(inputs, options);
    writeFileSync(join(base, "big.bin"), "abd");
    utimesSync(join(base, "big.bin"), new Date(), new Date(Date.now() + 5000));
    const changed = await catalogInputs(inputs, options);

    expect(stats).toEqual([
      { hashed: 1, cached: 0 },
      { hashed: 0, cached: 1 },
      { hashed: 1, cached: 0 },
    ]);
    expect(changed[0]).toMatchObject({ size: 3 });
    expect(changed[0]).not.toMatchObject({ sha256: ABC });
    expect(Object.keys(JSON.parse(readFileSync(cacheFile, "utf8")))).toEqual([
      join(base, "big.bin"),
    ]);
  });

  it("ignores a corrupt cache file", async () => {
    const base = tempDir();
    writeFileSync(join(base, "cache.json"), "{not json");
    writeFileSync(join(base, "f"), "abc");
    writeFileSync(join(base, "cache2.json"), JSON.stringify({ x: { size: "no" } }));

    const a = await catalogInputs([{ name: "f", location: "f" }], {
      baseDir: base,
      cacheFile: join(base, "cache.json"),
    });
    const b = await catalogInputs([{ name: "f", location: "f" }], {
      baseDir: base,
      cacheFile: join(base, "cache2.json"),
    });

    expect(a[0]).toMatchObject({ sha256: ABC });
    expect(b[0]).toMatchObject({ sha256: ABC });
  });

  it("names a missing input, its field and a fix", async () => {
    const base = tempDir();

    const error = await catalogInputs([{ name: "mesh", location: "mesh.vtk" }], {
      baseDir: base,
      cacheFile: join(base, "c.json"),
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]).toMatchObject({
      code: "record/input-missing",
      path: ["inputs", "mesh"],
      message: expect.stringContaining(join(base, "mesh.vtk")),
    });
  });

  it("keeps its cache under XDG_CACHE_HOME, else ~/.cache", () => {
    expect(defaultCacheFile({ XDG_CACHE_HOME: "/c" })).toBe(
      "/c/sweepforge/input-hashes.json",
    );
    expect(defaultCacheFile({ HOME: "/h" })).toBe(
      "/h/.cache/sweepforge/input-hashes.json",
    );
    expect(defaultCacheFile({})).toBe("/tmp/.cache/sweepforge/input-hashes.json");
    expect(defaultCacheFile()).toMatch(/sweepforge\/input-hashes\.json$/);
    expect(uriScheme("gs://b/k")).toBe("gs");
    expect(uriScheme("relative/path")).toBeNull();
  });
});
