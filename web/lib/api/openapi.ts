import { z } from "zod";
import { ZErrorBody } from "../schemas/common.ts";
import type { RouteDef } from "../http/route-def.ts";
import { routes } from "./routes.ts";

type JsonSchema = Record<string, unknown>;

/**
 * OpenAPI 3.1 generated from the same zod schemas that validate requests: zod emits JSON Schema
 * 2020-12 (OpenAPI 3.1's dialect); named schemas (`.meta({ id })`) are hoisted into components.
 */
export function buildOpenApiDocument() {
  const components: Record<string, JsonSchema> = {};

  const toSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    for (const [id, def] of Object.entries(defs)) components[id] = rewriteRefs(def) as JsonSchema;
    const { $schema: _s, $defs: _d, ...rest } = json;
    return rewriteRefs(rest) as JsonSchema;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of Object.values(routes) as RouteDef[]) {
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth === "session" ? { security: [{ session: [] }] } : { security: [] }),
      parameters: [...parameters(route.params, "path", toSchema), ...parameters(route.query, "query", toSchema)],
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(route.body, "input") } } } }
        : {}),
      responses: {
        [String(route.successStatus ?? 200)]: {
          description: "Success",
          content: { "application/json": { schema: toSchema(route.response, "output") } },
        },
        default: {
          description: "Error: 400 invalid input, 401 not signed in, 403 forbidden or CSRF, 404 not found (or outside your subtree), 409 conflict, 429 rate limited",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }
  toSchema(ZErrorBody, "output");

  return {
    openapi: "3.1.0",
    info: {
      title: "阳光社矫 video network — portal API",
      version: "1",
      description:
        "Every write needs the session cookie and the x-csrf-token header (from sign-in or /auth/me). " +
        "Resources outside your unit's subtree answer 404.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "ygav_session" } },
    },
  };
}

function parameters(
  schema: z.ZodType | undefined,
  location: "path" | "query",
  toSchema: (schema: z.ZodType, io: "input" | "output") => JsonSchema,
) {
  if (!schema) return [];
  const json = toSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    schema: property,
    ...(property.description ? { description: property.description } : {}),
  }));
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        key === "$ref" && typeof inner === "string" ? inner.replace("#/$defs/", "#/components/schemas/") : rewriteRefs(inner),
      ]),
    );
  }
  return value;
}
