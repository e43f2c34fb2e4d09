// Memory sizes as people write them ("128GiB", "500M", "64G") to MiB, and
// back to the rounded forms batch schedulers accept.

const FACTORS_MIB: Readonly<Record<string, number>> = {
  "": 1, K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024,
  KI: 1 / 1024, MI: 1, GI: 1024, TI: 1024 * 1024,
};

/** "128GiB" → 131072; SLURM-style bare numbers are MiB. Undefined if unreadable. */
export function parseMemoryMiB(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([KMGT]I?)?B?$/i.exec(text.trim());
  if (!match) return undefined;

  const factor = FACTORS_MIB[(match[2] ?? "").toUpperCase()] as number;
  return Number(match[1]) * factor;
}

/** A MiB figure as the shortest exact "G"/"M" text a batch directive takes. */
export function formatMemoryDirective(mebibytes: number): string {
  const whole = Math.ceil(mebibytes);
  return whole % 1024 === 0 ? `${whole / 1024}G` : `${whole}M`;
}
