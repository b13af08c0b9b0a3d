// Browser-facing security headers, as data, for web/proxy.ts (pages) and apiHandler (API).
// Edge-safe: no Node imports, so the proxy stays runnable on any runtime.

/** Pages that use the camera and microphone: only these get them in Permissions-Policy. */
const CALL_PAGES = [/^\/rooms\/[^/]+\/call\/?$/, /^\/join\/[^/]+\/?$/, /^\/r\/[^/]+\/?$/, /^\/rollcalls\/[^/]+\/console\/?$/, /^\/persons\/[^/]+\/face\/?$/, /^\/c\/[^/]+\/?$/,
  // Visit day (issue 9): the family link and the staff doors into a visit room.
  /^\/v\/[^/]+\/?$/, /^\/visits\/[^/]+\/(terminal|center|monitor)\/?$/,
  // Remote inspection and report calls (issue 11).
  /^\/inspection\/rooms\/[^/]+\/?$/, /^\/reports\/[^/]+\/call\/?$/];

/** The self check-in page is the only one that may ask for the position (Geolocation). */
const GEOLOCATION_PAGES = [/^\/c\/[^/]+\/?$/];

export function isCallPage(pathname: string): boolean {
  return CALL_PAGES.some((pattern) => pattern.test(pathname));
}

/** The media node's origin for connect-src, as http(s) and as the WebSocket scheme socket.io upgrades to. */
export function mediaOrigins(mediaPublicUrl: string): string[] {
  const url = new URL(mediaPublicUrl);
  return [url.origin, `${url.protocol === "https:" ? "wss" : "ws"}://${url.host}`];
}

/**
 * The page policy. Scripts: only those carrying this response's nonce ('strict-dynamic' lets
 * Next's loader add its chunks); styles may be inline because React writes style attributes;
 * media may come from blob: and mediastream: (camera previews, remote tracks).
 */
export function pageContentSecurityPolicy(options: {
  nonce: string;
  mediaPublicUrl: string;
  /** Issue 11: every media node of the network (MEDIA_NODES): a page connects to the one its token names. */
  mediaNodeUrls?: readonly string[];
  /** Issue 13 §3: the configured basemap tile server's origin, the one place images may come from besides us. */
  tileOrigin?: string | null;
  dev: boolean;
}): string {
  const media = [...new Set([options.mediaPublicUrl, ...(options.mediaNodeUrls ?? [])].flatMap(mediaOrigins))];
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${options.tileOrigin ? ` ${options.tileOrigin}` : ""}`,
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src 'self' ${media.join(" ")}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** JSON, CSV and images from the API: nothing in them may run or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function permissionsPolicy(pathname: string): string {
  const media = isCallPage(pathname) ? "(self)" : "()";
  const geolocation = GEOLOCATION_PAGES.some((pattern) => pattern.test(pathname)) ? "(self)" : "()";
  return `camera=${media}, microphone=${media}, display-capture=${media}, geolocation=${geolocation}, payment=(), usb=(), interest-cohort=()`;
}

/** Headers every response carries, pages and API alike. */
export function commonSecurityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
