import { describe, expect, it } from "vitest";
import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import { INITIAL_STATE, type CallState, type RemoteTrack } from "@/lib/media-client/call-state";
import { buildTiles, peerMicStatus, remoteTileCount } from "./call-tiles.ts";

const peer = (id: string, extra: Partial<PeerInfo> = {}): PeerInfo => ({
  id,
  name: id,
  role: "guest",
  moderator: false,
  observer: false,
  connected: true,
  producers: [],
  ...extra,
});
const track = (peerId: string, source: RemoteTrack["source"]): RemoteTrack => ({
  consumerId: `${peerId}-${source}`,
  peerId,
  kind: source === "mic" ? "audio" : "video",
  source,
  track: {} as MediaStreamTrack,
  producerPaused: false,
});

describe("the call grid", () => {
  it("puts shared screens first, then each visible peer, then ourselves; observers get no tile", () => {
    const state: CallState = {
      ...INITIAL_STATE,
      self: peer("me"),
      peers: [peer("a"), peer("watcher", { observer: true }), peer("b")],
      tracks: [track("a", "camera"), track("b", "screen"), track("b", "mic")],
    };
    expect(buildTiles(state).map((t) => t.key)).toEqual(["screen:b-screen", "camera:a", "camera:b", "self"]);
    expect(buildTiles({ ...state, self: peer("me", { observer: true }) }).map((t) => t.key)).not.toContain("self");
  });

  it("tells a moderator's mute apart from muting oneself", () => {
    const mic = { id: "p", kind: "audio" as const, source: "mic" as const, paused: true, mutedByModerator: false };
    expect(peerMicStatus(peer("a", { producers: [mic] }))).toBe("off");
    expect(peerMicStatus(peer("a", { producers: [{ ...mic, mutedByModerator: true }] }))).toBe("moderator");
    expect(peerMicStatus(peer("a", { producers: [{ ...mic, paused: false }] }))).toBe("on");
    expect(peerMicStatus(peer("a"))).toBe("off");
  });

  it("counts the pictures of other participants: a 1:1 call has one, whose tile asks for the top layer", () => {
    const pair: CallState = { ...INITIAL_STATE, self: peer("me"), peers: [peer("a")], tracks: [track("a", "camera")] };
    expect(remoteTileCount(buildTiles(pair))).toBe(1);
    expect(remoteTileCount(buildTiles({ ...pair, peers: [peer("a"), peer("watcher", { observer: true })] }))).toBe(1);
    expect(remoteTileCount(buildTiles({ ...pair, tracks: [...pair.tracks, track("a", "screen")] }))).toBe(2);
  });
});
