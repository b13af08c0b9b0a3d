import { readdirSync, readFileSync } from "node:fs";
import type { Catalog } from "../../web/messages/catalogs.ts";

const MESSAGES = new URL("../../web/messages/", import.meta.url);
const read = (file: string | URL) => JSON.parse(readFileSync(file, "utf8")) as Partial<Catalog>;

/** The base catalog and every area's (web/messages/<area>/<locale>.json), merged as the portal does. */
function load(locale: "zh-CN" | "en"): Catalog {
  const areas = readdirSync(MESSAGES, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return Object.assign(read(new URL(`${locale}.json`, MESSAGES)), ...areas.map((area) => read(new URL(`${area.name}/${locale}.json`, MESSAGES)))) as Catalog;
}

/** The Chinese UI strings, so specs find controls by what users read, not by copies of the copy. */
export const zh: Catalog = load("zh-CN");

export const en: Catalog = load("en");
