import { handle } from "./handle.ts";
import { assertMayCloseWithoutReason } from "./visit-handlers.ts";
import type { SignalingSession } from "./session.ts";

/** Moderator requests; `handle` has already refused them for tokens without the moderate grant. */
export function registerModerationHandlers(session: SignalingSession): void {
  const moderatorRoom = async () => (await session.joinedPeer()).room;

  handle(session, "mutePeer", async ({ peerId, source }) => {
    await (await moderatorRoom()).mutePeer(peerId, source);
    return {};
  });

  handle(session, "unmutePeer", async ({ peerId, source }) => {
    await (await moderatorRoom()).unmutePeer(peerId, source);
    return {};
  });

  handle(session, "removePeer", async ({ peerId, reason }) => {
    (await moderatorRoom()).removePeer(peerId, reason);
    return {};
  });

  handle(session, "lockRoom", async ({ locked }) => {
    (await moderatorRoom()).lock(locked);
    return {};
  });

  handle(session, "admitPeer", async ({ peerId }) => {
    (await moderatorRoom()).admit(peerId);
    return {};
  });

  handle(session, "rejectPeer", async ({ peerId, reason }) => {
    (await moderatorRoom()).reject(peerId, reason);
    return {};
  });

  handle(session, "closeRoom", async ({ reason }) => {
    const room = await moderatorRoom();
    assertMayCloseWithoutReason(room.kind);
    session.deps.rooms.closeRoom(room.id, reason || "Closed by the host");
    return {};
  });
}
