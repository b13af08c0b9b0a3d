// The matcher lives with the media node, which needs it too (signaling's per-address limit
// behind nginx); the portal uses the same code so that both read TRUSTED_PROXIES alike.
export { normalizeIp, parseTrustedProxies, proxyMatcher } from "../../../server/src/net/trusted-proxies.ts";
