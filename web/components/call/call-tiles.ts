import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import type { CallState, RemoteTrack } from "@/lib/media-client/call-state";

export type Tile =
  | { key: string; kind: "self" }
  | { key: string; kind: "camera"; peer: PeerInfo; video: RemoteTrack | null }
  | { key: string; kind: "screen"; peer: PeerInfo; video: RemoteTrack };

export type MicStatus = "on" | "off" | "moderator";

/**
 * What the grid shows: shared screens first (they carry the content), then one tile per visible
 * peer (with or without video), then ourselves. Observers have no tile: they never publish.
 */
export function buildTiles(state: CallState): Tile[] {
  const screens: Tile[] = [];
  const cameras: Tile[] = [];
  for (const peer of state.peers) {
    if (peer.observer) continue;
    const video = state.tracks.find((t) => t.peerId === peer.id && t.source === "camera") ?? null;
    cameras.push({ key: `camera:${peer.id}`, kind: "camera", peer, video });
    for (const screen of state.tracks) {
      if (screen.peerId === peer.id && screen.source === "screen") screens.push({ key: `screen:${screen.consumerId}`, kind: "screen", peer, video: screen });
    }
  }
  const self: Tile[] = state.self?.observer ? [] : [{ key: "self", kind: "self" }];
  return [...screens, ...cameras, ...self];
}

/** How many tiles show another participant (the far side of a 1:1 call is the only one). */
export function remoteTileCount(tiles: Tile[]): number {
  return tiles.filter((tile) => tile.kind !== "self").length;
}

export function peerMicStatus(peer: PeerInfo): MicStatus {
  const mic = peer.producers.find((p) => p.source === "mic");
  if (!mic) return "off";
  if (mic.mutedByModerator) return "moderator";
  return mic.paused ? "off" : "on";
}

export function selfMicStatus(state: CallState): MicStatus {
  const mic = state.local.mic;
  if (!mic) return "off";
  if (mic.mutedByModerator) return "moderator";
  return mic.paused ? "off" : "on";
}
