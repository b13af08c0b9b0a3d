import { RateLimitedError } from "../../errors.ts";

/**
 * Open event streams are held connections: a page needs one, a reload may briefly hold two.
 * Per link: a few (a second tab, a reload). Per address: generous, because persons on one mobile
 * carrier's NAT share an address. Per process: a ceiling on memory and sockets. Counted in this
 * process only: with N portals behind nginx an address can hold N times as many, which is still
 * bounded.
 */
export const MAX_STREAMS_PER_LINK = 4;
export const MAX_STREAMS_PER_ADDRESS = 60;
export const MAX_STREAMS_PER_PROCESS = 5000;

interface Counts {
  byLink: Map<string, number>;
  byAddress: Map<string, number>;
  total: number;
}

const holder = globalThis as typeof globalThis & { __yangguangLinkStreams?: Counts };
const counts = (holder.__yangguangLinkStreams ??= { byLink: new Map(), byAddress: new Map(), total: 0 });

const bump = (map: Map<string, number>, key: string, by: number) => {
  const next = (map.get(key) ?? 0) + by;
  if (next > 0) map.set(key, next);
  else map.delete(key);
};

/**
 * Reserves a stream slot for this link and address, synchronously (no await between the check
 * and the count, so 100 requests at once cannot all pass); throws 429 when full. Returns the
 * release, safe to call twice.
 */
export function reserveStream(linkKey: string, address: string): () => void {
  if (
    counts.total >= MAX_STREAMS_PER_PROCESS ||
    (counts.byLink.get(linkKey) ?? 0) >= MAX_STREAMS_PER_LINK ||
    (counts.byAddress.get(address) ?? 0) >= MAX_STREAMS_PER_ADDRESS
  ) {
    throw new RateLimitedError("Too many open waiting pages for this link or address; close the others and reload", 10);
  }
  counts.total++;
  bump(counts.byLink, linkKey, 1);
  bump(counts.byAddress, address, 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    counts.total--;
    bump(counts.byLink, linkKey, -1);
    bump(counts.byAddress, address, -1);
  };
}

/** For tests: how many streams this process holds now. */
export function openStreamCount(): number {
  return counts.total;
}
