// Scheduling for a run on this machine: the launch order planned on the
// cpus the run may use (with estimates from the experiment's earlier runs
// when there are any) and, with an off-peak policy, holds on heavy steps.
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import type { Plan, TrialSpec } from "../plan/types.ts";
import { uniformCapacity } from "./capacity.ts";
import { fitEstimates, type Estimates } from "./estimate/estimates.ts";
import { readHistory } from "./estimate/history.ts";
import { nextWindowStart, parseOffPeakPolicy, type OffPeakPolicy } from "./off-peak.ts";
import { offPeakHold, plannedLaunchOrder } from "./runner-hooks.ts";
import { formatCountdown } from "./wait-for-window.ts";

export interface LocalRunSchedulingOptions {
  /** Where runs/<experiment> lives. */
  readonly cwd: string;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly gpus: number;
  /** The definition's off-peak policy, as written; validated here. */
  readonly offPeak?: unknown;
  /** The definition file, named in policy errors. */
  readonly file?: string;
}

export interface LocalRunScheduling {
  readonly order: (a: TrialSpec, b: TrialSpec) => number;
  readonly holdUntil?: (trial: TrialSpec, now: Date) => Date | null;
  readonly heavySteps: readonly string[];
  readonly policy?: OffPeakPolicy;
  /** How many earlier observations informed the order. */
  readonly observations: number;
}

export async function localRunScheduling(
  plan: Plan,
  options: LocalRunSchedulingOptions,
): Promise<LocalRunScheduling> {
  const history = resolve(options.cwd, "runs", plan.experiment);
  const found = await access(history).then(() => true, () => false);
  const observations = found
    ? (await readHistory([history], { experiment: plan.experiment })).observations
    : [];
  const estimates: Estimates = fitEstimates(plan, observations);

  const capacity = uniformCapacity(1, {
    cpus: options.cpus, memoryMiB: options.memoryMiB, gpus: options.gpus,
  }, "detected");
  const { compare } = plannedLaunchOrder(plan, capacity, { estimates });
  if (options.offPeak === undefined) {
    return { order: compare, heavySteps: [], observations: observations.length };
  }

  const policy = parseOffPeakPolicy(options.offPeak, options.file);
  const hold = offPeakHold(plan, policy, { estimates });
  return {
    order: compare,
    holdUntil: hold.holdUntil,
    heavySteps: hold.heavySteps,
    policy,
    observations: observations.length,
  };
}

export interface Countdown {
  stop(): void;
}

/**
 * Shows how long heavy steps are held: a line redrawn each second on a
 * terminal, otherwise one line now and one a minute. Stops by itself once
 * the window opens.
 */
export function startHoldCountdown(
  policy: OffPeakPolicy,
  heavySteps: readonly string[],
  write: (text: string) => void,
  interactive: boolean,
  now: () => Date = () => new Date(),
): Countdown {
  const opensAt = nextWindowStart(policy, now());
  const steps = heavySteps.join(", ");
  let timer: NodeJS.Timeout | undefined;

  const tick = (): void => {
    const left = Math.ceil((opensAt.getTime() - now().getTime()) / 1000);
    if (left <= 0) {
      write(`${interactive ? "\r\x1b[K" : ""}off-peak window open: starting ${steps}\n`);
      stop();
      return;
    }
    const line = `holding heavy ${steps} for the off-peak window at `
      + `${opensAt.toISOString()} (in ${formatCountdown(left)})`;
    write(interactive ? `\r\x1b[K${line}` : `${line}\n`);
  };
  const stop = (): void => {
    if (timer) clearInterval(timer);
    if (timer && interactive) write("\n");
    timer = undefined;
  };

  if (opensAt.getTime() <= now().getTime() || heavySteps.length === 0) return { stop };
  tick();
  timer = setInterval(tick, interactive ? 1000 : 60_000);
  timer.unref();
  return { stop };
}
