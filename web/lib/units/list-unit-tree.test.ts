import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { resolveSession } from "../auth/resolve-session.ts";
import { login } from "../auth/login.ts";
import { listUnitTree, type UnitNode } from "./list-unit-tree.ts";

const actorOf = async (username: string) => {
  const { token } = await login({ username, password: "Sunshine#2026", ip: "test", userAgent: null });
  return (await resolveSession(token))!.actor;
};

const names = (node: UnitNode): string[] => [node.name, ...node.children.flatMap(names)];

describe("the unit tree", () => {
  beforeAll(() => useSeededDatabase());
  afterAll(() => closeDatabase());

  it("gives the ministry all five levels with the twelve Guangdong cities", async () => {
    const tree = await listUnitTree(await actorOf("moj.admin"));
    expect(tree.name).toBe("司法部");
    const province = tree.children[0]!;
    expect(province.name).toBe("广东省司法厅");
    // Besides the cities, the province holds the two demo facilities (issue 9).
    expect(province.children.filter((c) => !c.name.endsWith("市司法局")).map((c) => c.name).sort()).toEqual(["广东省三水强制隔离戒毒所", "广东省第一监狱"].sort());
    expect(province.children.filter((c) => c.name.endsWith("市司法局")).map((c) => c.name.replace("市司法局", "")).sort()).toEqual(
      ["佛山", "珠海", "河源", "梅州", "惠州", "湛江", "茂名", "清远", "揭阳", "肇庆", "东莞", "汕尾"].sort(),
    );
    expect(new Set(names(tree).map((n) => n))).toContain("荷城司法所");
    expect(tree.totalPersons).toBeGreaterThanOrEqual(30);
  });

  it("gives a county only its own subtree, with direct and subtree counts", async () => {
    const tree = await listUnitTree(await actorOf("gm.officer"));
    expect(tree.name).toBe("高明区司法局");
    expect(tree.children.map((c) => c.name).sort()).toEqual(["明城司法所", "杨和司法所", "荷城司法所"].sort());
    expect(names(tree)).not.toContain("南海区司法局");
    expect(tree.persons).toBe(0);
    expect(tree.totalPersons).toBe(tree.children.reduce((sum, c) => sum + c.totalPersons, 0));
    expect(tree.children.find((c) => c.name === "荷城司法所")).toMatchObject({ persons: 12, staff: 1 });
    expect(tree.staff).toBe(3);
  });
});
