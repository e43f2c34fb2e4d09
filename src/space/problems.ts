// Where a space's problems are reported: the caller (a definition loader)
// says which file the spec came from and the path of its dimensions there.
import { UserError } from "../errors.ts";

export interface SpaceOrigin {
  /** The definition file the spec came from, when there is one. */
  readonly file?: string;
  /** Path of the dimension list inside that file. Defaults to ["params"]. */
  readonly path?: readonly (string | number)[];
}

/** Throws a one-problem UserError at `origin.path` + `where`. */
export function spaceProblem(
  origin: SpaceOrigin,
  code: string,
  where: readonly (string | number)[],
  message: string,
  fix: string,
): never {
  throw new UserError({
    code: `space/${code}`,
    message,
    ...(origin.file === undefined ? {} : { file: origin.file }),
    path: [...(origin.path ?? ["params"]), ...where],
    fix,
  });
}
