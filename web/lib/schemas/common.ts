import "./zod-config.ts";
import { z } from "zod";

export const ZId = z.uuid().meta({ description: "Resource id (UUID)" });

export const ZIdParams = z.strictObject({ id: ZId });

// The accepted text, defined once for the API, the OpenAPI document and the browser forms:
// - well-formed Unicode: a lone surrogate cannot be stored as UTF-8 (PostgreSQL refused it with a
//   500, other paths silently replaced it with U+FFFD);
// - no control characters (C0, DEL, C1: NUL made PostgreSQL fail), except line breaks and tabs in
//   a multi-line field; no bidi overrides, which make a name display as something else;
// - NFC, so that the same name typed on two keyboards is the same string (search, duplicates).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export const isWellFormedText = (value: string) => !LONE_SURROGATE.test(value);
export const isSafeLine = (value: string) => isWellFormedText(value) && !LINE_FORBIDDEN.test(value);
const isSafeMultiline = (value: string) => isWellFormedText(value) && !MULTILINE_FORBIDDEN.test(value);

/** Any string the API stores or searches with: well-formed, NFC; `multiline` allows \n, \r, \t. */
const zSafeString = (multiline = false) =>
  z
    .string()
    .refine(multiline ? isSafeMultiline : isSafeLine, { message: "invalid_characters", abort: true })
    .overwrite((value) => value.normalize("NFC"));

/** A trimmed, non-empty line of text with an upper bound (over-long input is refused, not cut). */
export const zText = (max: number) => zSafeString().trim().min(1).max(max);

/** A trimmed line that may be empty (an address, a search term). */
export const zLine = (max: number) => zSafeString().trim().max(max);

/** Free text over several lines (notes). */
export const zMultiline = (max: number) => zSafeString(true).trim().max(max);

/** A secret as typed (a password): not trimmed, any printable text, but well-formed Unicode. */
export const zSecret = (min: number, max: number) => z.string().refine(isWellFormedText, "invalid_characters").min(min).max(max);

// The accepted dates, also defined once: PostgreSQL and JavaScript disagree about year 0 and
// beyond 9999 (both gave a 500), and nothing the portal schedules or records lies outside this.
export const DATE_MIN = "1970-01-01";
export const DATE_MAX = "2099-12-31";
const MIN_MS = Date.parse(`${DATE_MIN}T00:00:00Z`);
const MAX_MS = Date.parse(`${DATE_MAX}T23:59:59.999Z`);
const inDateRange = (ms: number) => Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;

/** A calendar date (YYYY-MM-DD) between DATE_MIN and DATE_MAX. */
export const ZDate = z.iso
  .date()
  .refine((value) => inDateRange(Date.parse(`${value}T00:00:00Z`)), "out_of_range")
  .meta({ description: `A date between ${DATE_MIN} and ${DATE_MAX}` });

/** An instant with an explicit offset, between DATE_MIN and DATE_MAX. */
export const ZDateTime = z.iso
  .datetime({ offset: true })
  .refine((value) => inDateRange(Date.parse(value)), "out_of_range")
  .meta({ description: `An instant with offset, between ${DATE_MIN} and ${DATE_MAX}` });

export const ZPageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "invalid_input" }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({
        description: "Field path → error key (required, too_long, unknown_field, invalid_format, invalid_characters, out_of_range, duplicate…)",
      }),
    }),
  })
  .meta({ id: "Error" });

export const ZOk = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });
