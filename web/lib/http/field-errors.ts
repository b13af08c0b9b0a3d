import type { z } from "zod";
import type { FieldErrors } from "../errors.ts";

/**
 * zod issues → { "field.path": errorKey }. Keys are stable words the UI translates; a schema
 * refinement's message is already such a key (e.g. "invalid_id_number").
 */
export function fieldErrorsFrom(error: z.ZodError, input: unknown): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) fields[[...issue.path, key].join(".") || key] ??= "unknown_field";
      continue;
    }
    const path = issue.path.join(".") || "_";
    fields[path] ??= keyFor(issue, valueAt(input, issue.path));
  }
  return fields;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function keyFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined || value === null ? "required" : "invalid_type";
    case "too_big":
      return issue.origin === "string" ? "too_long" : "too_big";
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1 ? "required" : issue.origin === "string" ? "too_short" : "too_small";
    case "invalid_value":
      return "invalid_choice";
    case "invalid_format":
      return issue.format === "regex" && /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid_format";
    case "custom":
      return /^[a-z_]+$/.test(issue.message) ? issue.message : "invalid";
    default:
      return "invalid";
  }
}
