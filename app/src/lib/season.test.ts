import { describe, expect, it } from "vitest";
import { claimableReturn, drawsToDeliver, layoutSankey, ownMatchingPool, seasonFlows, seasonPhase } from "./season.ts";

const CUSD = (whole: number) => BigInt(whole) * 1_000_000n;

describe("seasonPhase", () => {
  it("is open before the close, waits for settlement from the close on, and is settled once settled", () => {
    expect(seasonPhase({ settled: false, closesAt: 100n }, 99n)).toBe("open");
    expect(seasonPhase({ settled: false, closesAt: 100n }, 100n)).toBe("awaitingSettlement");
    expect(seasonPhase({ settled: false, closesAt: 100n }, 500n)).toBe("awaitingSettlement");
    expect(seasonPhase({ settled: true, closesAt: 100n }, 500n)).toBe("settled");
  });
});

describe("claimableReturn", () => {
  it("is the funder's pro-rata share of what came back, rounded down, less what it claimed", () => {
    // 1,500 of a 2,000 pool; 7 base units came back: 1,500 × 7 / 2,000 = 5.25 → 5.
    expect(claimableReturn({ funded: CUSD(1_500), claimed: 0n }, 7n, CUSD(2_000))).toBe(5n);
    expect(claimableReturn({ funded: CUSD(1_500), claimed: 5n }, 7n, CUSD(2_000))).toBe(0n);
    // More came back later (a recovered leftover): the running total gives the rest.
    expect(claimableReturn({ funded: CUSD(1_500), claimed: 5n }, CUSD(100) + 7n, CUSD(2_000))).toBe(
      (CUSD(1_500) * (CUSD(100) + 7n)) / CUSD(2_000) - 5n,
    );
  });

  it("is nothing for an account that did not fund, or an empty pool", () => {
    expect(claimableReturn({ funded: 0n, claimed: 0n }, CUSD(10), CUSD(2_000))).toBe(0n);
    expect(claimableReturn({ funded: 0n, claimed: 0n }, 0n, 0n)).toBe(0n);
  });
});

describe("ownMatchingPool", () => {
  it("is the whole matching pool before settling: no draw is in it yet", () => {
    expect(ownMatchingPool(CUSD(1_500), { amount: CUSD(300), undelivered: 0n }, false)).toBe(CUSD(1_500));
  });

  it("leaves out a delivered draw after settling, but not a draw that waits in the season", () => {
    expect(ownMatchingPool(CUSD(1_800), { amount: CUSD(300), undelivered: 0n }, true)).toBe(CUSD(1_500));
    expect(ownMatchingPool(CUSD(1_500), { amount: CUSD(300), undelivered: CUSD(300) }, true)).toBe(CUSD(1_500));
  });

  it("is never below zero, for a round that gave back its pool", () => {
    expect(ownMatchingPool(CUSD(100), { amount: CUSD(300), undelivered: 0n }, true)).toBe(0n);
  });
});

describe("drawsToDeliver", () => {
  const draw = (round: string, amount: bigint, undelivered: bigint) => ({ round, amount, undelivered });

  it("lists the draws that wait, in the season's order, but not a cancelled round's (it is recovered instead)", () => {
    const draws = [
      draw("0xa", CUSD(300), CUSD(300)),
      draw("0xb", CUSD(200), 0n),
      draw("0xc", CUSD(100), CUSD(100)),
      draw("0xd", CUSD(50), CUSD(50)),
    ];
    expect(drawsToDeliver(draws, (round) => round === "0xc")).toEqual([draws[0], draws[3]]);
  });

  it("is empty when every draw was delivered", () => {
    expect(drawsToDeliver([draw("0xa", CUSD(300), 0n)], () => false)).toEqual([]);
  });
});

describe("seasonFlows", () => {
  const rounds = [
    {
      address: "0xa",
      name: "Bioregional Commons Round",
      nodeName: "Cascadia",
      ownPool: CUSD(1_500),
      draw: 1_860_972_808n,
      commonsShareBps: 1_000,
    },
    {
      address: "0xb",
      name: "Poblenou Neighbours Round",
      nodeName: "Barcelona Fab City",
      ownPool: CUSD(300),
      draw: 139_027_191n,
      commonsShareBps: 0,
    },
  ];

  it("draws the pool into each round, each round's own pool beside it, and its share out to the commons", () => {
    const { flows, nodes } = seasonFlows({ pool: CUSD(2_000) }, rounds);
    const flow = (from: string, to: string) => flows.find((item) => item.from === from && item.to === to)?.amount;
    expect(flow("season", "round:0xa")).toBe(1_860_972_808n);
    expect(flow("season", "round:0xb")).toBe(139_027_191n);
    expect(flow("funders:0xa", "round:0xa")).toBe(CUSD(1_500));
    // 10 % of the whole pool, the draw included, rounded down: (1,500 + 1,860.972808) × 10 % = 336.0972808.
    expect(flow("round:0xa", "commons")).toBe(336_097_280n);
    expect(flow("round:0xa", "projects:0xa")).toBe(CUSD(1_500) + 1_860_972_808n - 336_097_280n);
    // No share: everything goes to the round's projects and no band goes to the commons.
    expect(flow("round:0xb", "commons")).toBeUndefined();
    expect(flow("round:0xb", "projects:0xb")).toBe(CUSD(300) + 139_027_191n);
    // The rounding dust goes back to the season's funders.
    expect(flow("season", "returned")).toBe(1n);
    expect(nodes.map((node) => node.id)).toContain("commons");
  });

  it("keeps money in and out of each round equal, and the season's outflows equal its pool", () => {
    const { flows } = seasonFlows({ pool: CUSD(2_000) }, rounds);
    for (const id of ["round:0xa", "round:0xb"]) {
      const inflow = flows.filter((flow) => flow.to === id).reduce((sum, flow) => sum + flow.amount, 0n);
      const outflow = flows.filter((flow) => flow.from === id).reduce((sum, flow) => sum + flow.amount, 0n);
      expect(inflow).toBe(outflow);
    }
    const fromSeason = flows.filter((flow) => flow.from === "season").reduce((sum, flow) => sum + flow.amount, 0n);
    expect(fromSeason).toBe(CUSD(2_000));
  });

  it("leaves out what carries nothing, but keeps the season's pool", () => {
    const { flows, nodes } = seasonFlows({ pool: 0n }, [
      { address: "0xb", name: "B", nodeName: "Barcelona", ownPool: 0n, draw: 0n, commonsShareBps: 0 },
    ]);
    expect(flows).toEqual([]);
    expect(nodes.map((node) => node.id)).toEqual(["season"]);
  });

  it("sends a pool larger than every ideal back to the funders", () => {
    const { flows } = seasonFlows({ pool: CUSD(5_000) }, rounds);
    expect(flows.find((flow) => flow.kind === "returned")?.amount).toBe(CUSD(5_000) - 1_860_972_808n - 139_027_191n);
  });
});

describe("layoutSankey", () => {
  const graph = seasonFlows({ pool: CUSD(2_000) }, [
    {
      address: "0xa",
      name: "A",
      nodeName: "Cascadia",
      ownPool: CUSD(1_500),
      draw: CUSD(1_800),
      commonsShareBps: 1_000,
    },
    { address: "0xb", name: "B", nodeName: "Barcelona", ownPool: CUSD(300), draw: CUSD(200), commonsShareBps: 0 },
  ]);
  const layout = layoutSankey(graph, { width: 400, height: 300, nodeWidth: 10, gap: 20 });

  it("fits every column in the height and puts the columns left, middle and right", () => {
    for (const column of [0, 1, 2]) {
      const placed = layout.nodes.filter((node) => node.column === column);
      for (const node of placed) {
        expect(node.y).toBeGreaterThanOrEqual(0);
        expect(node.y + node.height).toBeLessThanOrEqual(300.001);
        expect(node.x).toBe(((400 - 10) * column) / 2);
      }
    }
  });

  it("gives nodes and bands one scale: a node is as tall as the bands through it", () => {
    const round = layout.nodes.find((node) => node.id === "round:0xa");
    const bands = layout.flows.filter((flow) => flow.to === "round:0xa");
    const thickness = bands.reduce((sum, flow) => sum + flow.width, 0);
    expect(round?.height).toBeCloseTo(thickness, 3);
    const season = layout.nodes.find((node) => node.id === "season");
    const draw = layout.flows.find((flow) => flow.from === "season" && flow.to === "round:0xa");
    // 1,800 of the season's 2,000.
    expect(draw?.width).toBeCloseTo((season?.height ?? 0) * 0.9, 3);
  });

  it("draws each band from its source's right edge to its target's left edge", () => {
    const draw = layout.flows.find((flow) => flow.from === "season" && flow.to === "round:0xa");
    expect(draw?.path).toMatch(/^M10,[\d.]+ C102.5,[\d.]+ 102.5,[\d.]+ 195,[\d.]+$/);
  });
});
