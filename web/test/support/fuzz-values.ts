import fc from "fast-check";
import type { z } from "zod";

/**
 * Values for property-based API tests, generated from the contract's own zod schemas: a plausible
 * valid value for each field (so that requests get past the first check and reach the domain), and
 * hostile values to put in its place.
 */

/** Strings that broke the portal before (issue 8), or that commonly break parsers and queries. */
const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\u0007\u001b[31m",
  "\r\n\t",
  "\u202eevil",
  "%",
  "_",
  "\\",
  "%_\\%",
  "' OR '1'='1",
  "=HYPERLINK(\"http://evil.example\")",
  "+1",
  "-1",
  "@SUM(A1)",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "/%09/evil.example/",
  "0000-01-01",
  "9999-12-31",
  "9999-12-31T23:00:00Z",
  "0001-01-01T00:00:00Z",
  "2026-02-30",
  "275760-09-13T00:00:00.000Z",
  "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1",
  "FREQ=DAILY;BYWEEKNO=60;COUNT=1",
  "FREQ=DAILY;BYYEARDAY=400;COUNT=1",
  "FREQ=DAILY;DTSTART=20200101T000000Z;COUNT=2",
  "FREQ=DAILY;UNTIL=20200101T000000Z",
  "FREQ=DAILY;COUNT=0",
  "FREQ=DAILY;INTERVAL=0;COUNT=3",
  "__proto__",
  "constructor",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "NaN",
  "1e309",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f).map((c) => String.fromCharCode(c));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.oneof(loneSurrogate, controlChar), fc.string({ maxLength: 8 })).map((p) => p.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_001, 70_000).map((n) => "长".repeat(n)) },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 31) - 1) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { x: 1 } } }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
);

/** Path parameters that are not ids, and a few that are ids of nothing. */
export const hostileParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("not-an-id", "%00", "..", "../..", "null", "undefined", "__proto__", "00000000-0000-0000-0000-000000000000", "x".repeat(5000), "a.b", "\u0000", "%E0%A4%A"),
  hostileString,
);

type AnyDef = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): AnyDef => (schema as { _zod: { def: AnyDef } })._zod.def;

export interface ValidPools {
  ids: readonly string[];
  byField?: Record<string, unknown>;
}

/**
 * A value of the schema's shape, valid where that is easy (ids from the seeded database, enums'
 * first option, numbers at their minimum…); fields with their own grammar come from `byField`.
 */
export function sampleOf(schema: z.ZodType, pools: ValidPools, field = "", depth = 0): fc.Arbitrary<unknown> {
  if (pools.byField && field in pools.byField) {
    const value = pools.byField[field];
    return value instanceof fc.Arbitrary ? value : fc.constant(value);
  }
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const shape = (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
      const entries = Object.entries(shape).map(([key, inner]) => [key, sampleOf(inner, pools, key, depth + 1)] as const);
      return fc.record(Object.fromEntries(entries), { requiredKeys: Object.keys(shape).filter((k) => !["optional", "default"].includes(defOf(shape[k]).type)) });
    }
    case "optional":
    case "default":
    case "nullable":
      return sampleOf(def.innerType as z.ZodType, pools, field, depth);
    case "pipe":
      return sampleOf(def.in as z.ZodType, pools, field, depth);
    case "array":
      return fc.array(sampleOf(def.element as z.ZodType, pools, field, depth + 1), { minLength: 1, maxLength: 3 });
    case "union":
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => sampleOf(o, pools, field, depth + 1)));
    case "enum":
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "boolean":
      return fc.boolean();
    case "number":
      return fc.integer({ min: 1, max: 30 });
    case "string":
      if (def.format === "uuid") return fc.constantFrom(...pools.ids);
      if (def.format === "datetime") return fc.integer({ min: 2, max: 500 }).map((h) => new Date(Date.now() + h * 3600_000).toISOString());
      if (def.format === "date") return fc.constantFrom("2026-06-01", "2027-01-01");
      return fc.constantFrom("测试", "fuzz", "张三");
    default:
      return fc.constant(undefined);
  }
}

/** The schema's sample with some fields replaced by hostile values, or extra (prototype) keys. */
export function mutatedObject(schema: z.ZodType | undefined, pools: ValidPools): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(undefined);
  const base = sampleOf(schema, pools);
  const keys = defOf(schema).type === "object" ? Object.keys((schema as unknown as { shape: object }).shape) : [];
  if (keys.length === 0) return fc.oneof(base, hostileValue);
  return fc.oneof(
    { weight: 1, arbitrary: base },
    { weight: 1, arbitrary: hostileValue },
    // One field made hostile, the rest valid: the value reaches the domain and the database.
    {
      weight: 6,
      arbitrary: fc.tuple(base, fc.constantFrom(...keys), fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: hostileValue })).map(([value, key, bad]) => ({
        ...(value && typeof value === "object" ? (value as object) : {}),
        [key]: bad,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(base, fc.subarray(keys, { minLength: 1, maxLength: Math.min(3, keys.length) }), fc.array(hostileValue, { minLength: 3, maxLength: 3 }), fc.constantFrom(undefined, "__proto__", "constructor", "isAdmin"))
        .map(([value, fields, values, extra]) => {
          const out: Record<string, unknown> = value && typeof value === "object" ? { ...(value as object) } : {};
          fields.forEach((key, i) => (out[key] = values[i]));
          if (extra) Object.defineProperty(out, extra, { value: { admin: true }, enumerable: true, configurable: true, writable: true });
          return out;
        }),
    },
  );
}
