import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openEmptyDatabase, type Engine } from "../../../test/support/test-database.ts";
import { readSchemaDmmf, type DmmfField } from "../../../test/support/schema-dmmf.ts";
import { applyMigrations } from "./migrations.ts";
import type { Database } from "./open-database.ts";

// What Prisma's PostgreSQL connector creates for each scalar type (and @db.* native types).
function expectedColumnType(field: DmmfField): string {
  if (field.isList) return `${expectedColumnType({ ...field, isList: false })}[]`;
  if (field.kind === "enum") return `enum:${field.type}`;
  if (field.nativeType?.[0] === "Date") return "date";
  if (field.nativeType?.[0] === "Uuid") return "uuid";
  const byType: Record<string, string> = {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Boolean: "boolean",
    DateTime: "timestamp without time zone(3)",
    Json: "jsonb",
    Float: "double precision",
    Bytes: "bytea",
  };
  return byType[field.type] ?? `unknown:${field.type}`;
}

// A scalar list's column (String[] → text[]): information_schema names only its element's udt.
const ARRAY_ELEMENT_TYPES: Record<string, string> = { _text: "text", _int4: "integer", _int8: "bigint", _bool: "boolean", _jsonb: "jsonb", _float8: "double precision" };

/** Defaults Prisma computes in the client (uuid, cuid, @updatedAt) have no database default. */
function hasDatabaseDefault(field: DmmfField): boolean {
  const fn = (field.default as { name?: string } | undefined)?.name;
  return field.hasDefaultValue && fn !== "uuid" && fn !== "cuid";
}

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  datetime_precision: number | null;
}

describe.each<Engine>(["pglite", "postgres"])("schema.prisma and the migrated %s catalog", (engine) => {
  let db: Database;
  let columns: Column[];
  const dmmf = readSchemaDmmf();

  beforeAll(async () => {
    db = await openEmptyDatabase(engine);
    await applyMigrations(db.sql, MIGRATIONS_DIR);
    columns = await db.sql.query<Column>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
  });
  afterAll(() => db?.close());

  it("has exactly one table per model (plus the migrations table)", () => {
    const tables = new Set(columns.map((c) => c.table_name));
    tables.delete("_prisma_migrations");
    expect([...tables].sort()).toEqual(dmmf.datamodel.models.map((m) => m.dbName ?? m.name).sort());
  });

  it("has every scalar field as a column of the right type, nullability and default, and nothing else", () => {
    const problems: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const scalars = model.fields.filter((f) => f.kind !== "object");
      const tableColumns = columns.filter((c) => c.table_name === table);
      for (const field of scalars) {
        const column = tableColumns.find((c) => c.column_name === field.name);
        if (!column) {
          problems.push(`${table}.${field.name}: missing`);
          continue;
        }
        const actualType =
          column.data_type === "ARRAY"
            ? `${ARRAY_ELEMENT_TYPES[column.udt_name] ?? `unknown:${column.udt_name}`}[]`
            : column.data_type === "USER-DEFINED"
            ? `enum:${column.udt_name}`
            : column.data_type.startsWith("timestamp")
              ? `${column.data_type}(${column.datetime_precision})`
              : column.data_type;
        if (actualType !== expectedColumnType(field)) problems.push(`${table}.${field.name}: ${actualType} ≠ ${expectedColumnType(field)}`);
        if ((column.is_nullable === "NO") !== field.isRequired) problems.push(`${table}.${field.name}: nullability differs`);
        if ((column.column_default !== null) !== hasDatabaseDefault(field)) problems.push(`${table}.${field.name}: default differs`);
      }
      for (const column of tableColumns) {
        if (!scalars.some((f) => f.name === column.column_name)) problems.push(`${table}.${column.column_name}: not in schema.prisma`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has the schema's enums with the same values", async () => {
    const rows = await db.sql.query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
    );
    const actual = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, rows.filter((r) => r.name === e.name).map((r) => r.value)]));
    expect(actual).toEqual(Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)])));
  });

  it("has the primary keys, unique constraints and foreign keys the schema declares", async () => {
    const indexes = await db.sql.query<{ table: string; columns: string; unique: boolean; primary: boolean }>(
      `SELECT c.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
              string_agg(a.attname, ',' ORDER BY array_position(ix.indkey, a.attnum)) AS columns
         FROM pg_index ix
         JOIN pg_class c ON c.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(ix.indkey)
        GROUP BY c.relname, ix.indexrelid, ix.indisunique, ix.indisprimary`,
    );
    const foreignKeys = await db.sql.query<{ table: string; columns: string }>(
      `SELECT c.relname AS table, string_agg(a.attname, ',' ORDER BY a.attnum) AS columns
         FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(k.conkey)
        WHERE k.contype = 'f'
        GROUP BY c.relname, k.oid`,
    );
    const problems: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const primary = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
      if (!indexes.some((i) => i.table === table && i.primary && i.columns === primary.join(","))) problems.push(`${table}: primary key ${primary}`);
      const uniques = [...model.fields.filter((f) => f.isUnique).map((f) => [f.name]), ...model.uniqueFields];
      for (const unique of uniques) {
        if (!indexes.some((i) => i.table === table && i.unique && i.columns === unique.join(","))) problems.push(`${table}: unique ${unique}`);
      }
      for (const field of model.fields.filter((f) => f.relationFromFields?.length)) {
        const cols = [...field.relationFromFields!].sort().join(",");
        if (!foreignKeys.some((k) => k.table === table && k.columns.split(",").sort().join(",") === cols)) problems.push(`${table}: foreign key ${cols}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
