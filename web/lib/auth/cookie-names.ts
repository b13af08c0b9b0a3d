// Browser-safe (no node:crypto): the portal's pages and its fetch helper read these too.
export const SESSION_COOKIE = "ygav_session";
export const CSRF_COOKIE = "ygav_csrf";
export const CSRF_HEADER = "x-csrf-token";
