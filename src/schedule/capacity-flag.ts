// `--capacity nodes=4,cpus=32,memory=128GiB,gpus=2`: a capacity written on
// the command line. cpus and memory are per node; nodes defaults to 1 and
// gpus to 0. Every mistake is reported at once, each with its key and a fix.
import { z } from "zod";
import { UserError, type Problem } from "../errors.ts";
import { uniformCapacity, type Capacity } from "./capacity.ts";
import { parseMemoryMiB } from "./memory-size.ts";

const EXAMPLE = "nodes=4,cpus=32,memory=128GiB,gpus=2";

const count = (what: string, minimum: number) =>
  z.coerce.number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(minimum, `${what} must be at least ${minimum}`);

const CapacityFlag = z.strictObject({
  nodes: count("nodes", 1).default(1),
  cpus: count("cpus", 1),
  memory: z.string().transform((text, context) => {
    const mebibytes = parseMemoryMiB(text);
    if (mebibytes === undefined || mebibytes <= 0) {
      const message = `memory "${text}" is not a size like 128GiB`;
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return mebibytes;
  }),
  gpus: count("gpus", 0).default(0),
}, { error: (issue) => (issue.code === "unrecognized_keys"
  ? `unknown key ${issue.keys.map((key) => `"${key}"`).join(", ")}; `
    + "valid keys are nodes, cpus, memory, gpus"
  : undefined) });

/** Parses the flag text; throws a UserError naming every bad or missing key. */
export function parseCapacityFlag(text: string, flag = "--capacity"): Capacity {
  const fields: Record<string, string> = {};
  const problems: Problem[] = [];

  for (const pair of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [key, value, ...extra] = pair.split("=");
    if (value === undefined || extra.length > 0 || !key) {
      problems.push(capacityProblem(flag, pair, `"${pair}" is not a key=value pair`));
    } else {
      fields[key.trim()] = value.trim();
    }
  }

  const result = CapacityFlag.safeParse(fields);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? "");
      const message = issue.code === "invalid_type" && fields[key] === undefined
        ? `${key} is required`
        : issue.message;
      problems.push(capacityProblem(flag, key, message));
    }
  }
  if (problems.length > 0 || !result.success) throw new UserError(problems);

  const { nodes, ...node } = result.data;
  return uniformCapacity(nodes, { cpus: node.cpus, memoryMiB: node.memory, gpus: node.gpus },
    "flag");
}

function capacityProblem(flag: string, key: string, message: string): Problem {
  return {
    code: "schedule/capacity-flag",
    message,
    path: key ? [flag, key] : [flag],
    fix: `write ${flag} ${EXAMPLE} (cpus and memory are per node)`,
  };
}
