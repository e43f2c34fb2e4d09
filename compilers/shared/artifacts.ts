// What a compiler returns: files to write and, for batch backends, the jobs to
// submit in order. Compilers never touch the disk; writeArtifacts does.
import { chmod, mkdir, open, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface ArtifactFile {
  /** Path relative to the output folder. */
  readonly path: string;
  readonly content: string;
  readonly executable: boolean;
  /**
   * For large files (trial tables): the content as whole-line pieces of UTF-8,
   * which writeArtifacts writes one by one instead of building `content` at all.
   */
  readonly pieces?: () => Iterable<Uint8Array>;
}

export type DependencyKind = "aftercorr" | "afterok";

export interface JobDependency {
  /** Name of an earlier job in the same compile result. */
  readonly job: string;
  readonly kind: DependencyKind;
}

/** One array submission, in submission order. */
export interface BatchJob {
  readonly name: string;
  readonly step: string;
  readonly part: number;
  /** Script path relative to the output folder. */
  readonly script: string;
  readonly tasks: number;
  readonly offset: number;
  readonly heavy: boolean;
  readonly dependsOn: readonly JobDependency[];
}

export interface CompileResult {
  readonly files: readonly ArtifactFile[];
  readonly jobs: readonly BatchJob[];
  /** Documented degradations that applied to this plan, one sentence each. */
  readonly notes: readonly string[];
}

/** Writes every file under `outDir`, creating folders; returns absolute paths. */
export async function writeArtifacts(
  result: CompileResult,
  outDir: string,
): Promise<string[]> {
  const written: string[] = [];

  for (const file of result.files) {
    const target = join(outDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    if (file.pieces) await writePieces(target, file.pieces());
    else await writeFile(target, file.content);
    await chmod(target, file.executable ? 0o755 : 0o644);
    written.push(target);
  }
  return written;
}

// A 100,000-trial table is ~50 MB: written piece by piece it never exists as
// one string and one Buffer at once.
async function writePieces(target: string, pieces: Iterable<Uint8Array>): Promise<void> {
  const handle = await open(target, "w");
  try {
    for (const piece of pieces) await handle.write(piece);
  } finally {
    await handle.close();
  }
}
