// Puts provenance inside figure files: an SVG <metadata> element and PNG tEXt
// chunks (inserted before the first IDAT, each with its own CRC-32).

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

export function embedSvgMetadata(svg: string, fields: Readonly<Record<string, string>>): string {
  const entries = Object.entries(fields)
    .map(([key, value]) => `<sf:field name="${escapeXml(key)}">${escapeXml(value)}</sf:field>`)
    .join("");
  const metadata = `<metadata><sf:provenance xmlns:sf="https://sweepforge.dev/ns/provenance">`
    + `${entries}</sf:provenance></metadata>`;
  const openTagEnd = svg.indexOf(">", svg.indexOf("<svg")) + 1;
  return svg.slice(0, openTagEnd) + metadata + svg.slice(openTagEnd);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// tEXt holds Latin-1: a keyword (1–79 bytes), a NUL, then the text.
function textChunk(keyword: string, text: string): Buffer {
  const data = Buffer.concat([
    Buffer.from(keyword.slice(0, 79), "latin1"), Buffer.from([0]), Buffer.from(text, "latin1"),
  ]);
  const typeAndData = Buffer.concat([Buffer.from("tEXt", "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function embedPngText(png: Buffer, fields: Readonly<Record<string, string>>): Buffer {
  const firstIdat = png.indexOf(Buffer.from("IDAT", "latin1")) - 4;
  if (firstIdat < 8) throw new Error("not a PNG with image data");
  const chunks = Object.entries(fields).map(([key, value]) => textChunk(key, value));
  return Buffer.concat([png.subarray(0, firstIdat), ...chunks, png.subarray(firstIdat)]);
}

/** Reads the tEXt chunks back (used by tests and by `sweepforge` tools). */
export function readPngText(png: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    if (type === "tEXt") {
      const data = png.subarray(offset + 8, offset + 8 + length);
      const nul = data.indexOf(0);
      fields[data.toString("latin1", 0, nul)] = data.toString("latin1", nul + 1);
    }
    offset += 12 + length;
  }
  return fields;
}
