import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogs } from "./catalogs.ts";

type Catalog = { [key: string]: string | Catalog };
const load = (locale: "zh-CN" | "en"): Catalog => catalogs[locale] as unknown as Catalog;

function keys(catalog: Catalog, prefix = ""): string[] {
  return Object.entries(catalog).flatMap(([key, value]) => (typeof value === "string" ? [prefix + key] : keys(value, `${prefix}${key}.`)));
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe("the message catalogs", () => {
  const zh = load("zh-CN");
  const en = load("en");

  it("merge every area folder", () => {
    const areas = readdirSync(new URL(".", import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const area of areas) expect(Object.keys(zh), area.name).toContain(area.name);
  });

  it("have the same keys in Chinese and English", () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  it("use the same placeholders in both languages", () => {
    const lookup = (catalog: Catalog, key: string) => key.split(".").reduce<string | Catalog>((node, part) => (node as Catalog)[part]!, catalog) as string;
    for (const key of keys(zh)) expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zh, key)));
  });

  it("translate every field error key the API can return", () => {
    const apiKeys = ["required", "too_long", "too_short", "invalid_type", "invalid_choice", "invalid_format", "unknown_field", "invalid_id_number",
      "invalid_phone", "end_before_start", "duplicate", "not_found", "not_justice_office", "stale", "no_children_allowed", "invalid"];
    for (const key of apiKeys) expect(keys(zh)).toContain(`fieldErrors.${key}`);
  });

  it("name the five unit levels, the roles, the supervision types and the statuses", () => {
    expect(keys(zh)).toEqual(
      expect.arrayContaining([
        ...["1", "2", "3", "4", "5"].map((level) => `unitLevel.${level}`),
        ...["admin", "officer", "inspector"].map((role) => `role.${role}`),
        ...["probation", "parole", "control", "temporary_release"].map((type) => `supervisionType.${type}`),
        ...["active", "suspended", "released"].map((status) => `status.${status}`),
      ]),
    );
    expect((zh.unitLevel as Catalog)["5"]).toBe("司法所");
  });
});
