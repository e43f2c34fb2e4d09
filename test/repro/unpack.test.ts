import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Header, type HeaderData } from "tar";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import { unpackArchive, unsafePathReason } from "../../src/repro/unpack.ts";
import { tempDir } from "./run-fixture.ts";

interface RawEntry extends HeaderData {
  readonly body?: string;
}

/** Hand-assembles a tar.gz from raw headers, so nothing sanitises the paths. */
function craftArchive(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { body = "", ...data } of entries) {
    const block = Buffer.alloc(512);
    new Header({
      mode: 0o644,
      mtime: new Date(0),
      size: Buffer.byteLength(body),
      ...data,
    }).encode(block, 0);
    blocks.push(block, Buffer.from(body));
    const rest = Buffer.byteLength(body) % 512;
    if (rest) blocks.push(Buffer.alloc(512 - rest));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

async function attempt(
  entries: readonly RawEntry[],
  options = {},
): Promise<{
  error: unknown;
  sandbox: string;
  target: string;
}> {
  const sandbox = await tempDir("sf-unpack-");
  const archive = join(sandbox, "evil.tar.gz");
  await writeFile(archive, craftArchive(entries));
  const target = join(sandbox, "deep", "target");
  await mkdir(join(sandbox, "deep"));
  const error = await unpackArchive(archive, target, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, sandbox, target };
}

/** Everything in the sandbox except the archive: must be empty after a refusal. */
async function leftovers(sandbox: string): Promise<string[]> {
  const all = await readdir(sandbox, { recursive: true });
  return all.filter((path) => path !== "evil.tar.gz" && path !== "deep").sort();
}

const benign: RawEntry = { path: "ok/first.txt", type: "File", body: "fine\n" };

describe("unpacking packages from strangers", () => {
  it.each([
    [
      "an absolute path",
      { path: "/tmp/sweepforge-evil-abs.txt", type: "File", body: "x" },
      /absolute path/,
    ],
    [
      "a '..' component",
      { path: "ok/../../escaped.txt", type: "File", body: "x" },
      /'\.\.' component/,
    ],
    [
      "a symlink pointing outside",
      { path: "link", type: "SymbolicLink", linkpath: "/etc/passwd" },
      /points outside the target/,
    ],
    [
      "a relative symlink climbing out",
      { path: "ok/link", type: "SymbolicLink", linkpath: "../../../x" },
      /points outside the target/,
    ],
    [
      "a hard link to a file outside",
      { path: "hard", type: "Link", linkpath: "../../etc/shadow" },
      /hard link.*outside/,
    ],
    [
      "a character device",
      { path: "dev", type: "CharacterDevice", devmaj: 1, devmin: 3 },
      /CharacterDevice entry/,
    ],
    ["a FIFO", { path: "pipe", type: "FIFO" }, /FIFO entry/],
  ] as const)(
    "refuses %s, naming the entry, and writes nothing anywhere",
    async (_name, evil, reason) => {
      const { error, sandbox, target } = await attempt([
        benign,
        evil as RawEntry,
        benign,
      ]);

      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe("repro/unsafe-archive");
      expect((error as UserError).message).toContain(`'${(evil as RawEntry).path}'`);
      expect((error as UserError).message).toMatch(reason);
      expect(existsSync(target)).toBe(false);
      expect(await leftovers(sandbox)).toEqual([]);
      expect(existsSync("/tmp/sweepforge-evil-abs.txt")).toBe(false);
    },
  );

  it("refuses even links that stay inside, because packages never contain links", async () => {
    const { error } = await attempt([
      benign,
      { path: "ok/alias", type: "SymbolicLink", linkpath: "first.txt" },
    ]);
    expect((error as UserError).message).toMatch(
      /symbolic link; packages never contain links/,
    );
  });

  it("refuses an archive whose expanded size is over the limit before writing past it", async () => {
    const { error, sandbox } = await attempt(
      [benign, { path: "ok/huge.bin", type: "File", body: "h".repeat(4096) }],
      { maxBytes: 1000 },
    );
    expect((error as UserError).message).toMatch(
      /'ok\/huge\.bin' would expand the package beyond the limit of 1000 bytes/,
    );
    expect(await leftovers(sandbox)).toEqual([]);
  });

  it("refuses archives with more entries than allowed", async () => {
    const { error } = await attempt(
      [benign, { path: "ok/2.txt", type: "File", body: "2" }],
      { maxEntries: 1 },
    );
    expect((error as UserError).message).toMatch(/exceeds the limit of 1 entries/);
  });

  it("refuses a path that appears twice, since the second copy could hide the first", async () => {
    const { error } = await attempt([benign, { ...benign, body: "sneaky\n" }]);
    expect((error as UserError).message).toMatch(/'ok\/first\.txt' appears twice/);
  });

  it("reports a damaged archive as corrupt rather than crashing", async () => {
    const sandbox = await tempDir();
    const archive = join(sandbox, "bad.tar.gz");
    const good = craftArchive([benign]);
    await writeFile(archive, good.subarray(0, good.length - 12));
    const error = await unpackArchive(archive, join(sandbox, "out")).catch(
      (e: unknown) => e,
    );
    expect((error as UserError).code).toBe("repro/corrupt-archive");
    expect(existsSync(join(sandbox, "out"))).toBe(false);
  });

  it("reports a missing package file clearly", async () => {
    const sandbox = await tempDir();
    const error = await unpackArchive(
      join(sandbox, "nope.tar.gz"),
      join(sandbox, "out"),
    ).catch((e: unknown) => e);
    expect((error as UserError).code).toBe("repro/package-unreadable");
  });

  it("unpacks a clean archive with folders and refuses to overwrite a non-empty target", async () => {
    const sandbox = await tempDir();
    const archive = join(sandbox, "clean.tar.gz");
    await writeFile(
      archive,
      craftArchive([
        { path: "./ok/", type: "Directory" },
        benign,
        { path: "ok/sub/b.txt", type: "File", body: "b" },
      ]),
    );
    await mkdir(join(sandbox, "empty"));
    const result = await unpackArchive(archive, join(sandbox, "empty"));
    expect(result).toMatchObject({ files: 2, bytes: 6 });
    expect(await readFile(join(sandbox, "empty", "ok", "first.txt"), "utf8")).toBe(
      "fine\n",
    );

    const again = await unpackArchive(archive, join(sandbox, "empty")).catch(
      (e: unknown) => e,
    );
    expect((again as UserError).code).toBe("repro/target-exists");
  });

  it("classifies unsafe paths: empty, NUL, drive letters and backslash roots", () => {
    expect(unsafePathReason("")).toMatch(/empty/);
    expect(unsafePathReason("a\0b")).toMatch(/NUL/);
    expect(unsafePathReason("C:/Windows/x")).toMatch(/absolute/);
    expect(unsafePathReason("\\\\server\\share")).toMatch(/absolute/);
    expect(unsafePathReason("a\\..\\b")).toMatch(/'\.\.'/);
    expect(unsafePathReason("a/b..c/d")).toBeUndefined();
  });
});

describe("path safety (property)", () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => s !== "..");

  it("accepts every relative path made of ordinary segments", () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 8 }), (parts) => {
        expect(unsafePathReason(parts.join("/"))).toBeUndefined();
      }),
    );
  });

  it("refuses every path with a '..' segment anywhere, or a leading slash", () => {
    fc.assert(
      fc.property(
        fc.array(segment, { maxLength: 6 }),
        fc.nat(6),
        fc.boolean(),
        (parts, at, rooted) => {
          const withDots = [...parts];
          withDots.splice(Math.min(at, parts.length), 0, "..");
          expect(unsafePathReason(withDots.join("/"))).toBeDefined();
          if (rooted) expect(unsafePathReason(`/${parts.join("/")}`)).toBeDefined();
        },
      ),
    );
  });
});
