// Environment variables: scheduler ones kept apart, secret-looking ones
// redacted before anything is written, so their values never reach disk.

export const REDACTED = "[redacted]";

const SECRET_NAME =
  /TOKEN|SECRET|PASSW(OR)?D|PASSPHRASE|KEY|CREDENTIAL|AUTH|PRIVATE|COOKIE|SESSION|SIGNATURE|CERT|PWD_HASH/i;

const SCHEDULER_NAME = /^(SLURM|SBATCH|SRUN|PBS)_/;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export interface SplitVariables {
  readonly scheduler: Record<string, string>;
  readonly variables: Record<string, string>;
}

/** Sorted scheduler and other variables, secrets replaced by a marker. */
export function splitVariables(env: NodeJS.ProcessEnv): SplitVariables {
  const scheduler: Record<string, string> = {};
  const variables: Record<string, string> = {};

  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined) continue;
    const shown = isSecretName(name) ? REDACTED : value;
    if (SCHEDULER_NAME.test(name)) scheduler[name] = shown;
    else variables[name] = shown;
  }
  return { scheduler, variables };
}
