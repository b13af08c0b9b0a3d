import { forbidden } from "../errors.ts";
import { handle } from "./handle.ts";
import type { SignalingSession } from "./session.ts";

/**
 * What a watched, time-limited room (a visit) adds: the monitor's notices and termination, and
 * the room's clock for everyone. `handle` has refused the moderator requests without the grant.
 */
export function registerVisitHandlers(session: SignalingSession): void {
  handle(session, "sendNotice", async (request) => {
    const { room, peer } = await session.joinedPeer();
    const { noticeId } = room.sendNotice(peer, request);
    return { noticeId };
  });

  handle(session, "terminateRoom", async ({ reason }) => {
    const { room, peer } = await session.joinedPeer();
    // Participants are told only "terminated"; the reason and who gave it go to the portal.
    session.deps.rooms.closeRoom(room.id, "terminated", { note: reason, by: peer.id });
    return {};
  });

  handle(session, "getRoomTime", async () => (await session.joinedPeer()).room.time());
}

/** A visit is ended by a moderator only with a reason (terminateRoom); closeRoom is for meetings. */
export function assertMayCloseWithoutReason(kind: string): void {
  if (kind === "visit") throw forbidden("A visit is ended with terminateRoom and a reason");
}
