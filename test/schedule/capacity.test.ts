import { availableParallelism, totalmem } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import {
  capacityTotals,
  describeCapacity,
  largestNode,
  nodeCanHold,
  uniformCapacity,
} from "../../src/schedule/capacity.ts";
import { detectLocalCapacity } from "../../src/schedule/capacity-detect.ts";
import { parseCapacityFlag } from "../../src/schedule/capacity-flag.ts";
import { formatMemoryDirective, parseMemoryMiB } from "../../src/schedule/memory-size.ts";
import { parseSinfo, readSinfoCapacity } from "../../src/schedule/sinfo.ts";

function problemsOf(run: () => unknown): UserError["problems"] {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.problems;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("the --capacity flag", () => {
  it("reads nodes, per-node cpus, memory and gpus", () => {
    const capacity = parseCapacityFlag("nodes=4,cpus=32,memory=128GiB,gpus=2");
    expect(capacity.source).toBe("flag");
    expect(capacity.nodes).toHaveLength(4);
    expect(capacity.nodes[3]).toEqual({
      name: "node4",
      cpus: 32,
      memoryMiB: 131072,
      gpus: 2,
    });
    expect(capacityTotals(capacity)).toEqual({
      nodes: 4,
      cpus: 128,
      memoryMiB: 524288,
      gpus: 8,
    });
  });

  it("defaults to one node without gpus", () => {
    const capacity = parseCapacityFlag("cpus=8, memory=16G");
    expect(capacity.nodes).toEqual([
      { name: "node1", cpus: 8, memoryMiB: 16384, gpus: 0 },
    ]);
  });

  it("reports every bad or missing key at once, each with the flag and a fix", () => {
    const problems = problemsOf(() =>
      parseCapacityFlag("nodes=0,cpus=lots,colour=red,oops"),
    );
    const messages = problems.map((p) => `${p.path?.join(" ")}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '--capacity oops: "oops" is not a key=value pair',
        "--capacity nodes: nodes must be at least 1",
        "--capacity cpus: cpus must be a whole number",
        "--capacity memory: memory is required",
      ]),
    );
    expect(messages.some((m) => m.includes('unknown key "colour"'))).toBe(true);
    expect(problems.every((p) => p.fix?.includes("nodes=4,cpus=32,memory=128GiB"))).toBe(
      true,
    );
  });

  it("rejects an unreadable memory size", () => {
    const problems = problemsOf(() => parseCapacityFlag("cpus=4,memory=lots"));
    expect(problems[0]?.message).toBe('memory "lots" is not a size like 128GiB');
  });
});

describe("memory sizes", () => {
  it("read binary and SI-looking suffixes as powers of 1024, bare numbers as MiB", () => {
    expect(parseMemoryMiB("128GiB")).toBe(131072);
    expect(parseMemoryMiB("64G")).toBe(65536);
    expect(parseMemoryMiB("512M")).toBe(512);
    expect(parseMemoryMiB("2048")).toBe(2048);
    expect(parseMemoryMiB("1T")).toBe(1048576);
    expect(parseMemoryMiB("512KiB")).toBe(0.5);
    expect(parseMemoryMiB("a lot")).toBeUndefined();
  });

  it("print as whole G when exact, else rounded-up M", () => {
    expect(formatMemoryDirective(4096)).toBe("4G");
    expect(formatMemoryDirective(1500.2)).toBe("1501M");
  });
});

describe("capacity summaries", () => {
  it("find the largest node per resource and whether a request fits one", () => {
    const capacity = {
      source: "given" as const,
      nodes: [
        { name: "a", cpus: 64, memoryMiB: 4096, gpus: 0 },
        { name: "b", cpus: 8, memoryMiB: 65536, gpus: 4 },
      ],
    };
    expect(largestNode(capacity)).toEqual({ cpus: 64, memoryMiB: 65536, gpus: 4 });
    expect(nodeCanHold(capacity.nodes[0]!, { cpus: 8, memoryMiB: 8192, gpus: 0 })).toBe(
      false,
    );
    expect(nodeCanHold(capacity.nodes[1]!, { cpus: 8, memoryMiB: 8192, gpus: 1 })).toBe(
      true,
    );
    expect(describeCapacity(capacity)).toBe(
      "1 × (64 cpus, 4 GiB) + 1 × (8 cpus, 64 GiB, 4 gpus)",
    );
    expect(
      describeCapacity(uniformCapacity(3, { cpus: 2, memoryMiB: 512, gpus: 0 })),
    ).toBe("3 × (2 cpus, 512 MiB)");
  });
});

describe("this machine's capacity", () => {
  it("is one node with the cpus and memory the operating system reports", async () => {
    const capacity = await detectLocalCapacity();
    expect(capacity.source).toBe("detected");
    expect(capacity.nodes).toHaveLength(1);
    expect(capacity.nodes[0]?.cpus).toBe(availableParallelism());
    expect(capacity.nodes[0]?.memoryMiB).toBe(Math.floor(totalmem() / 1048576));
    expect(capacity.nodes[0]?.gpus).toBeGreaterThanOrEqual(0);
  });
});

describe("capacity from sinfo", () => {
  // `sinfo -N -h -o "%N|%c|%m|%G|%T|%P"` on a small cluster with a gpu
  // partition; c03 appears in two partitions, c04 is drained.
  const captured = [
    "c01|32|128000|(null)|idle|batch*",
    "c02|32|128000|(null)|mixed|batch*",
    "c03|32|128000|(null)|allocated|batch*",
    "c03|32|128000|(null)|allocated|long",
    "c04|32|128000|(null)|drained|batch*",
    "g01|16|256000|gpu:a100:4(S:0-1)|idle|gpu",
    "g02|16|256000|gpu:2,shard:8|down*|gpu",
    "",
  ].join("\n");

  it("lists each usable node once with its cpus, memory and gpu count", () => {
    const capacity = parseSinfo(captured);
    expect(capacity.source).toBe("sinfo");
    expect(capacity.nodes.map((n) => n.name)).toEqual(["c01", "c02", "c03", "g01"]);
    expect(capacity.nodes[3]).toEqual({
      name: "g01",
      cpus: 16,
      memoryMiB: 256000,
      gpus: 4,
    });
  });

  it("keeps only the partition asked for, default marker or not", () => {
    expect(parseSinfo(captured, { partition: "batch" }).nodes.map((n) => n.name)).toEqual(
      ["c01", "c02", "c03"],
    );
    expect(parseSinfo(captured, { partition: "long" }).nodes.map((n) => n.name)).toEqual([
      "c03",
    ]);
  });

  it("counts gpus across several gres entries and skips malformed lines", () => {
    const capacity = parseSinfo(
      "g02|16|256000|gpu:2,gpu:v100:1|idle|gpu\nnot a node line",
    );
    expect(capacity.nodes).toEqual([
      { name: "g02", cpus: 16, memoryMiB: 256000, gpus: 3 },
    ]);
  });

  it("matches the live cluster when sinfo can reach a controller", async () => {
    const probe = await execa("sinfo", ["-N", "-h", "-o", "%N|%c|%m|%G|%T|%P"], {
      reject: false,
      timeout: 10_000,
    });
    const capacity = await readSinfoCapacity().catch(() => undefined);
    if (probe.exitCode !== 0) {
      console.log(
        `live sinfo check skipped: sinfo exited ${probe.exitCode} (no controller here)`,
      );
      expect(capacity).toBeUndefined();
      return;
    }
    expect(capacity?.nodes.length).toBeGreaterThan(0);
    for (const node of capacity?.nodes ?? [])
      expect(probe.stdout).toContain(`${node.name}|`);
  });
});
