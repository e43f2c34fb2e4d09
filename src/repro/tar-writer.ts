// Writes a deterministic tar.gz: entries in the order given (callers sort
// them), every header with the same mtime, owner and mode, and a gzip header
// without a timestamp, so the same inputs always give the same bytes.
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip, constants as zlib } from "node:zlib";
import { Header, Pax } from "tar";

/** One regular file of the archive, from disk or from memory. */
export interface ArchiveEntry {
  readonly path: string;
  readonly size: number;
  readonly content: { readonly file: string } | { readonly bytes: Buffer };
}

/** The single timestamp every entry carries: 2000-01-01T00:00:00Z. */
export const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

const BLOCK = 512;
const FILE_MODE = 0o644;

/** Encodes the header block(s) of one file, with a pax record for long paths. */
export function encodeFileHeader(path: string, size: number): Buffer {
  const fields = {
    path, size, mode: FILE_MODE, uid: 0, gid: 0, uname: "", gname: "",
    mtime: FIXED_MTIME, type: "File" as const,
  };
  const header = new Header(fields);
  const block = Buffer.alloc(BLOCK);
  header.encode(block, 0);
  if (!header.needPax) return block;

  const pax = new Pax({ path, size, mtime: FIXED_MTIME });
  return Buffer.concat([pax.encode(), block]);
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** Small pieces are gathered into chunks of about this size before compression. */
const CHUNK_BYTES = 1 << 20;

async function* tarBlocks(entries: readonly ArchiveEntry[]): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const add = (piece: Buffer): void => {
    pending.push(piece);
    pendingBytes += piece.length;
  };
  const flush = (): Buffer => {
    const chunk = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return chunk;
  };

  for (const entry of entries) {
    add(encodeFileHeader(entry.path, entry.size));

    if ("bytes" in entry.content) {
      add(entry.content.bytes);
    } else {
      yield flush();
      for await (const chunk of createReadStream(entry.content.file, { highWaterMark: 1 << 20 })) {
        yield chunk as Buffer;
      }
    }

    add(padding(entry.size));
    if (pendingBytes >= CHUNK_BYTES) yield flush();
  }

  add(Buffer.alloc(BLOCK * 2));
  yield flush();
}

/** Streams the entries into `file` as gzip-compressed tar. */
export async function writeTarGz(file: string, entries: readonly ArchiveEntry[]): Promise<void> {
  const gzip = createGzip({ level: zlib.Z_DEFAULT_COMPRESSION });
  await pipeline(tarBlocks(entries), gzip, createWriteStream(file));
}
