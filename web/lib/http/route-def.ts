import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/**
 * One API route as data: the handler wrapper validates with these schemas and the OpenAPI
 * document is generated from them, so the two cannot disagree.
 */
export interface RouteDef<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  readonly method: HttpMethod;
  /** OpenAPI-style path, e.g. /api/v1/persons/{id} */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  /**
   * public: no session (sign-in); session: a signed-in staff member; optional: a session is used
   * when present (invite links); internal: a media node, by the shared bearer secret.
   */
  readonly auth: "public" | "session" | "optional" | "internal";
  readonly params?: Params;
  readonly query?: Query;
  readonly body?: Body;
  readonly response: z.ZodType;
  readonly successStatus?: 200 | 201;
  /** JSON bodies are capped at 64 KiB; a route that takes an image says how much more it needs. */
  readonly maxBodyBytes?: number;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  def: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> {
  return Object.freeze(def);
}
