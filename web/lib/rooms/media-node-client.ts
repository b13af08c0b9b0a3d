import { config } from "../config.ts";

/** Asks the media node to close a room now (everyone is disconnected with the reason). */
export async function closeRoomOnMediaNode(roomId: string, reason: string): Promise<boolean> {
  const { mediaInternalUrl, internalSecret } = config();
  try {
    const response = await fetch(new URL(`/internal/rooms/${encodeURIComponent(roomId)}/close`, mediaInternalUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${internalSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ reason }),
      signal: AbortSignal.timeout(3000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Spotlights a participant for everyone and shows the challenge to that participant alone. */
export async function spotlightOnMediaNode(
  roomId: string,
  body: { peerId: string; name: string; challenge?: { kind: "digits" | "head"; value: string } },
): Promise<boolean> {
  const { mediaInternalUrl, internalSecret } = config();
  try {
    const response = await fetch(new URL(`/internal/rooms/${encodeURIComponent(roomId)}/spotlight`, mediaInternalUrl), {
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
