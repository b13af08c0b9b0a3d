/**
 * Caps on what one peer may own on the worker. Producers need no number: one per source
 * (mic, camera, screen) is the rule, checked in Room.produce.
 */
export const PEER_LIMITS = {
  /** A send and a receive transport, and room for one of each being replaced. */
  transports: 4,
  /** Three sources from each of 60 other peers: more than any room here holds. */
  consumers: 180,
} as const;
