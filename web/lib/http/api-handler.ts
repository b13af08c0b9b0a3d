import { NextRequest, NextResponse } from "next/server";
import type { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { resolveSession, type ResolvedSession } from "../auth/resolve-session.ts";
import { CSRF_HEADER, SESSION_COOKIE, csrfTokenFor, safeEqual } from "../auth/session-token.ts";
import { config } from "../config.ts";
import {
  CsrfError,
  InvalidJsonError,
  PayloadTooLargeError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../errors.ts";
import { errorResponse } from "./error-response.ts";
import { fieldErrorsFrom } from "./field-errors.ts";
import { readBodyText } from "./read-body.ts";
import { isHttps, requestHost } from "./request-info.ts";
import { API_CONTENT_SECURITY_POLICY, commonSecurityHeaders } from "./security-headers.ts";
import type { RouteDef } from "./route-def.ts";

const MAX_BODY_BYTES = 64 * 1024;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface HandlerContext<P, Q, B> {
  request: NextRequest;
  params: P;
  query: Q;
  body: B;
  /** null only on public routes. */
  session: ResolvedSession | null;
  actor: Actor;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps a route handler: parses params, query and body with the route's schemas, checks the
 * session and the CSRF token on writes, and maps every error through errorResponse. The handler
 * itself only calls a domain function.
 */
export function apiHandler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  route: RouteDef<P, Q, B>,
  handler: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<unknown | NextResponse>,
) {
  return async (incoming: Request, context?: RouteContext): Promise<Response> => {
    const request = incoming instanceof NextRequest ? incoming : new NextRequest(incoming);
    return withApiHeaders(await handle(request, context), isHttps(request));
  };

  async function handle(request: NextRequest, context?: RouteContext): Promise<Response> {
    try {
      const isWrite = route.method !== "GET";
      if (route.auth === "internal") assertInternalCaller(request);
      else if (isWrite) assertSameOrigin(request);

      const session =
        route.auth === "session"
          ? await requireSession(request)
          : route.auth === "optional"
            ? await resolveSession(request.cookies.get(SESSION_COOKIE)?.value)
            : null;
      if (isWrite && session) assertCsrfToken(request, session);

      const params = route.params ? parse(route.params, await context?.params) : undefined;
      const query = route.query ? parse(route.query, Object.fromEntries(request.nextUrl.searchParams)) : undefined;
      const body = route.body ? parse(route.body, await readJson(request, route.maxBodyBytes ?? MAX_BODY_BYTES)) : undefined;

      const result = await handler({
        request,
        params: params as Infer<P>,
        query: query as Infer<Q>,
        body: body as Infer<B>,
        session,
        actor: session?.actor as Actor,
      });
      if (result instanceof NextResponse) return result;
      return NextResponse.json(result, { status: route.successStatus ?? 200 });
    } catch (error) {
      const response = errorResponse(error, `${route.method} ${route.path}`);
      // The body was not read to its end: this connection cannot carry another request.
      if (error instanceof PayloadTooLargeError) response.headers.set("connection", "close");
      return response;
    }
  }
}

/**
 * Every API answer carries personal data or session state: never stored by a cache, never run
 * or framed by a browser (a JSON or CSV body opened as a page stays inert).
 */
function withApiHeaders(response: Response, https: boolean): Response {
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(commonSecurityHeaders(https))) response.headers.set(name, value);
  return response;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError("The request has invalid fields", fieldErrorsFrom(result.error, value));
  return result.data;
}

async function requireSession(request: NextRequest): Promise<ResolvedSession> {
  const session = await resolveSession(request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) throw new UnauthenticatedError("Sign in first; your session is missing or has expired");
  return session;
}

async function readJson(request: NextRequest, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  // Requiring JSON also keeps cross-site HTML forms out: they cannot send this content type.
  if (!/^application\/json\b/i.test(type)) throw new UnsupportedMediaTypeError("Send the body as application/json");
  const text = await readBodyText(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidJsonError("The body is not valid JSON");
  }
}

function assertSameOrigin(request: NextRequest): void {
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new CsrfError("Cross-site request refused");
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = requestHost(request);
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new CsrfError("Bad Origin header");
  }
  if (originHost !== host) throw new CsrfError("Cross-origin request refused");
}

/** Media nodes authenticate with the shared secret; browsers never hold it. */
function assertInternalCaller(request: NextRequest): void {
  const sent = request.headers.get("authorization") ?? "";
  if (!safeEqual(sent, `Bearer ${config().internalSecret}`)) throw new UnauthenticatedError("Internal API: wrong or missing secret");
}

function assertCsrfToken(request: NextRequest, session: ResolvedSession): void {
  const sent = request.headers.get(CSRF_HEADER) ?? "";
  if (!safeEqual(sent, csrfTokenFor(config().appSecret, session.sessionId))) {
    throw new CsrfError(`Missing or wrong ${CSRF_HEADER} header; reload the page and try again`);
  }
}
