import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";
import { isHttps } from "@/lib/http/request-info";
import { mediaNodes } from "@/lib/media/media-nodes";
import { commonSecurityHeaders, isCallPage, pageContentSecurityPolicy, permissionsPolicy } from "@/lib/http/security-headers";

/**
 * Security headers for every page, with a fresh CSP nonce per response. Next reads the nonce
 * from the request's Content-Security-Policy header and puts it on its own scripts; that needs
 * dynamic rendering, which every page here already has (sessions, locale).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // Camera and microphone are granted per document. A client-side navigation into a call page
  // would keep the previous page's "camera=()": answering its fetch with a non-flight response
  // makes Next's router load the call page as a new document, with its own policy. (Next hides
  // its RSC headers from the proxy; Sec-Fetch-Dest tells a fetch from a document load.)
  if (isCallPage(pathname) && request.headers.get("sec-fetch-dest") === "empty") return new NextResponse(null, { status: 204 });

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageContentSecurityPolicy({
    nonce,
    mediaPublicUrl: appConfig().mediaPublicUrl,
    mediaNodeUrls: mediaNodes()?.map((node) => node.url),
    tileOrigin: appConfig().basemap?.origin ?? null,
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Permissions-Policy", permissionsPolicy(pathname));
  for (const [name, value] of Object.entries(commonSecurityHeaders(isHttps(request)))) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: the API sets its own headers (apiHandler), static chunks need no nonce.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)" }],
};
