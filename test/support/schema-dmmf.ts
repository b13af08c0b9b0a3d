import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface DmmfField {
  name: string;
  kind: "scalar" | "enum" | "object";
  type: string;
  isRequired: boolean;
  isList: boolean;
  isId: boolean;
  isUnique: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
}

export interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: Array<{ name: string; values: Array<{ name: string }> }> };
}

/** The DMMF of prisma/schema.prisma, from the same WebAssembly schema parser Prisma 7.10 ships. */
export function readSchemaDmmf(): Dmmf {
  const require = createRequire(import.meta.url);
  const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
  const schema = fs.readFileSync(schemaPath, "utf8");
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] }))) as Dmmf;
}
