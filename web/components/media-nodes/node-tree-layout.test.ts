import { describe, expect, it } from "vitest";
import { layoutNodeTree } from "./node-tree-layout.ts";

const n = (id: string, parentId: string | null, unitLevel: number) => ({ id, parentId, unitLevel });

describe("the node tree's rows", () => {
  it("puts each node under its parent, one step in, depth first", () => {
    const rows = layoutNodeTree([n("hc", "gm", 5), n("moj", null, 1), n("gd", "moj", 2), n("gm", "gd", 4), n("jy1", "gd", 3)]);
    expect(rows.map((r) => [r.node.id, r.depth, r.parentRow])).toEqual([
      ["moj", 0, null],
      ["gd", 1, 0],
      ["jy1", 2, 1],
      ["gm", 2, 1],
      ["hc", 3, 3],
    ]);
  });

  it("makes a root of a node whose parent is not listed, and survives a cycle", () => {
    const rows = layoutNodeTree([n("a", "b", 3), n("b", "a", 3), n("gm", "gd", 4)]);
    expect(rows.map((r) => r.node.id).sort()).toEqual(["a", "b", "gm"]);
    expect(rows.find((r) => r.node.id === "gm")!.depth).toBe(0);
  });
});
