export * from "./entities.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./internal.ts";
export * from "./join-token.ts";
export * from "./media-types.ts";
export * from "./requests.ts";
export * from "./socket-types.ts";
