import type { types } from "mediasoup";
import { forbidden } from "../errors.ts";
import { handle } from "./handle.ts";
import type { SignalingSession } from "./session.ts";

export function registerSessionHandlers(session: SignalingSession): void {
  const { channel } = session;

  handle(session, "getRouterRtpCapabilities", async () => ({
    rtpCapabilities: (await session.room()).rtpCapabilities as unknown as Record<string, unknown>,
  }));

  handle(session, "join", async ({ rtpCapabilities, token }) => {
    if (token !== undefined) await session.adoptJoinToken(token);
    const { claims } = session;
    if (claims.prepareOnly) throw forbidden("The call has not opened yet: wait on the link page until the officer starts it");
    const room = await session.room();
    const outcome = await room.join(claims, channel, rtpCapabilities as types.RtpCapabilities, () => session.prepared.take());
    if (!outcome.lobby) {
      session.deps.metrics.joins.inc();
      // The token may fix the room's recording policy (privileged, must record); the peer learns the state.
      await session.deps.recordings?.noteJoin(room, claims, channel);
    }
    return outcome;
  });

  // A token adopted at the join names the same room and bearer: reading them late is the same.
  handle(session, "leave", async () => {
    const { claims } = session;
    session.deps.rooms.get(claims.room)?.leave(claims.sub, channel);
    return {};
  });

  session.socket.on("disconnect", (reason) => {
    session.logger.info({ reason }, "socket disconnected");
    // What it made before joining is nobody's now (the queue below may still be making one:
    // prepareTransport closes that one itself, seeing the socket gone).
    session.prepared.release();
    // Behind any request still running: a `join` that is creating the room when the socket
    // drops must finish first, or the peer it adds is never marked gone (a ghost forever).
    session.queue.push(async () => session.deps.rooms.get(session.claims.room)?.disconnected(session.claims.sub, channel));
  });
}
