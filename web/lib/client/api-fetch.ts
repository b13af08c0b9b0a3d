// The browser's one way to call /api/v1: JSON in, typed result out, CSRF header added on writes.
// It never throws, so a form can always keep what the user typed and show what to do next.
import { CSRF_COOKIE, CSRF_HEADER } from "../auth/cookie-names.ts";

export interface ApiError {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
  retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

type Method = "GET" | "POST" | "PATCH" | "DELETE";

export interface ApiFetchOptions {
  /**
   * Give up after this long and answer `timeout` (status 0). Without it a request sent as the
   * network drops can wait for minutes, and whoever queued it behind that request waits too.
   */
  timeoutMs?: number;
}

export async function apiFetch<T>(method: Method, path: string, body?: unknown, options: ApiFetchOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") headers[CSRF_HEADER] = readCookie(CSRF_COOKIE) ?? "";
  let response: Response;
  let payload: unknown;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
    });
    // The deadline covers the body too: headers followed by a stalled body are as lost as a
    // stalled request, and a 200 whose body never arrived must not read as a success.
    payload = await readJson(response);
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") {
      return { ok: false, error: { status: 0, code: "timeout", message: "The server did not answer in time", fields: {} } };
    }
    return { ok: false, error: { status: 0, code: "network", message: "Network error", fields: {} } };
  }
  if (response.ok) return { ok: true, data: payload as T };
  const error = (payload as { error?: Partial<ApiError> } | null)?.error;
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    ok: false,
    error: {
      status: response.status,
      code: error?.code ?? "unknown",
      message: error?.message ?? response.statusText,
      fields: error?.fields ?? {},
      ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    },
  };
}

/** Every /api/v1 answer is JSON; an error page from a proxy in front of the portal is not, and reads as null. */
async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (response.ok && text === "") throw new TypeError("empty answer");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (response.ok) throw new TypeError("unreadable answer");
    return null;
  }
}

function readCookie(name: string): string | undefined {
  const prefix = `${name}=`;
  const entry = document.cookie.split("; ").find((part) => part.startsWith(prefix));
  return entry ? decodeURIComponent(entry.slice(prefix.length)) : undefined;
}
