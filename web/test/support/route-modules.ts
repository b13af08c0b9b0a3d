/** Every /api/v1 route module, keyed by its OpenAPI path; api-routes.test.ts checks it is complete. */
export const routeModules: Record<string, () => Promise<Record<string, unknown>>> = {
  "/api/v1/auth/login": () => import("@/app/api/v1/auth/login/route"),
  "/api/v1/auth/logout": () => import("@/app/api/v1/auth/logout/route"),
  "/api/v1/auth/me": () => import("@/app/api/v1/auth/me/route"),
  "/api/v1/units": () => import("@/app/api/v1/units/route"),
  "/api/v1/units/{id}": () => import("@/app/api/v1/units/[id]/route"),
  "/api/v1/users": () => import("@/app/api/v1/users/route"),
  "/api/v1/users/{id}": () => import("@/app/api/v1/users/[id]/route"),
  "/api/v1/persons": () => import("@/app/api/v1/persons/route"),
  "/api/v1/persons/{id}": () => import("@/app/api/v1/persons/[id]/route"),
  "/api/v1/rooms": () => import("@/app/api/v1/rooms/route"),
  "/api/v1/rooms/{id}": () => import("@/app/api/v1/rooms/[id]/route"),
  "/api/v1/rooms/{id}/close": () => import("@/app/api/v1/rooms/[id]/close/route"),
  "/api/v1/rooms/{id}/join-token": () => import("@/app/api/v1/rooms/[id]/join-token/route"),
  "/api/v1/join/{code}": () => import("@/app/api/v1/join/[code]/route"),
  "/api/internal/media-events": () => import("@/app/api/internal/media-events/route"),
  "/api/v1/openapi.json": () => import("@/app/api/v1/openapi.json/route"),
};
