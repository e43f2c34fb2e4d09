// Content hashes for package files. Files are streamed so a multi-gigabyte
// output is hashed at disk speed without being held in memory.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export function sha256OfBytes(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}
