// Sizes on the command line: "5000", "64KiB", "16MiB", "2GiB" (also kB/MB/GB).
import { z } from "zod";

const UNITS: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export const ByteSize = z.string().transform((text, context) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? UNITS[(match[2] as string).toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    context.addIssue({
      code: "custom",
      message: `'${text}' is not a size; use e.g. 5000, 64KiB, 16MiB`,
    });
    return z.NEVER;
  }
  return Math.round(Number(match[1]) * factor);
});
