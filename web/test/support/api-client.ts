import { routes, type RouteName } from "@/lib/api/routes";
import { routeModules } from "./route-modules.ts";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as-is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

const ORIGIN = "http://portal.test";

/**
 * Calls the real route handlers with real Requests, the way Next does: a black-box client with a
 * cookie jar, without a server process.
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  csrfToken = "";

  async call<T = any>(name: RouteName, options: CallOptions = {}): Promise<ApiResult<T>> {
    const route = routes[name];
    const module = await routeModules[route.path]!();
    const handler = module[route.method] as Handler;
    const path = route.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(options.params?.[key] ?? ""));
    const url = new URL(path, ORIGIN);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const headers = new Headers({ host: "portal.test", ...options.headers });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (route.method !== "GET") {
      if (!headers.has("origin")) headers.set("origin", ORIGIN);
      if (this.csrfToken && !headers.has("x-csrf-token")) headers.set("x-csrf-token", this.csrfToken);
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const response = await handler(new Request(url, { method: route.method, headers, body }), {
      params: Promise.resolve(options.params ?? {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [key, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (value) this.cookies.set(key!.trim(), value);
      else this.cookies.delete(key!.trim());
    }
    // ignoreBOM keeps a byte-order mark visible (the CSV export must start with one).
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    const json = response.headers.get("content-type")?.includes("application/json");
    return { status: response.status, body: json && text ? JSON.parse(text) : text || null, headers: response.headers };
  }

  static async signIn(username: string, password = "Sunshine#2026"): Promise<ApiClient> {
    const client = new ApiClient();
    const result = await client.call("login", { body: { username, password } });
    if (result.status !== 200) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(result.body)}`);
    client.csrfToken = result.body.csrfToken;
    return client;
  }
}
