import { readFileSync } from "node:fs";
import type messages from "../../web/messages/zh-CN.json";

/** The Chinese UI strings, so specs find controls by what users read, not by copies of the copy. */
export const zh: typeof messages = JSON.parse(readFileSync(new URL("../../web/messages/zh-CN.json", import.meta.url), "utf8"));

export const en: typeof messages = JSON.parse(readFileSync(new URL("../../web/messages/en.json", import.meta.url), "utf8"));
