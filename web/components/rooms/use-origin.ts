"use client";

import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * The page's origin in the browser, "" while rendering on the server: invite links are stored as
 * paths, and the full address is whatever host the officer reached the portal by.
 */
export function useOrigin(): string {
  return useSyncExternalStore(never, () => window.location.origin, () => "");
}
