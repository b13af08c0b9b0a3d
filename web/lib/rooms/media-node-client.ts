import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { mediaNodes, nodeForUnitPath } from "../media/media-nodes.ts";

/**
 * Where the room lives. Issue 11: with a network of nodes (MEDIA_NODES) that is its home node, the
 * node of its unit, where its officer and persons are: a spotlight or a close sent to another node
 * would reach nobody there.
 */
async function internalUrlOf(roomId: string): Promise<string> {
  const { mediaInternalUrl } = config();
  const nodes = mediaNodes();
  if (!nodes) return mediaInternalUrl;
  const db = await getDb();
  const room = await db.room.findUnique({ where: { id: roomId }, select: { unit: { select: { path: true } } } });
  const home = room ? nodeForUnitPath(nodes, room.unit.path) : null;
  return home ? (home.internalUrl ?? home.url) : mediaInternalUrl;
}

/** One call to the media node's internal API; false when the node cannot be reached or refuses. */
async function postToMediaNode(roomId: string, action: "close" | "spotlight" | "notice" | "marked", body: unknown): Promise<boolean> {
  const { internalSecret } = config();
  try {
    const response = await fetch(new URL(`/internal/rooms/${encodeURIComponent(roomId)}/${action}`, await internalUrlOf(roomId)), {
      method: "POST",
      headers: { authorization: `Bearer ${internalSecret}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Asks the media node to close a room now (everyone is disconnected with the reason). */
export function closeRoomOnMediaNode(roomId: string, reason: string): Promise<boolean> {
  return postToMediaNode(roomId, "close", { reason });
}

/** Spotlights a participant for everyone and shows the challenge to that participant alone. */
export function spotlightOnMediaNode(
  roomId: string,
  body: { peerId: string; name: string; challenge?: { kind: "digits" | "head"; value: string } },
): Promise<boolean> {
  return postToMediaNode(roomId, "spotlight", body);
}

/** The call is over: every page drops the spotlight banner and the called person's challenge. */
export function clearSpotlightOnMediaNode(roomId: string): Promise<boolean> {
  return postToMediaNode(roomId, "spotlight", { peerId: null });
}

/** A notice to everyone in the room (and its lobby), from the portal: one line of text. */
export function noticeOnMediaNode(roomId: string, text: string): Promise<boolean> {
  return postToMediaNode(roomId, "notice", { text });
}

/** Tells the marked person alone, at once, what the officer decided (their page shows it). */
export function markedOnMediaNode(roomId: string, body: { peerId: string; status: "present" | "late" | "excused" | "absent"; makeUp?: boolean }): Promise<boolean> {
  return postToMediaNode(roomId, "marked", body);
}
