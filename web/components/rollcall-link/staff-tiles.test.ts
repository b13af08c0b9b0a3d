import { describe, expect, it } from "vitest";
import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import { INITIAL_STATE } from "@/lib/media-client/call-state";
import { staffTiles } from "./staff-tiles";

const peer = (id: string, role: PeerInfo["role"], observer = false): PeerInfo => ({ id, name: id, role, moderator: role === "staff", observer, connected: true, producers: [] });

describe("what a supervised person sees in a roll call", () => {
  it("shows staff tiles only: no other participant, no observer, no self tile", () => {
    const state = { ...INITIAL_STATE, phase: "joined" as const, self: peer("person:me", "participant"), peers: [peer("user:officer", "staff"), peer("person:other", "participant"), peer("user:inspector", "staff", true)] };
    expect(staffTiles(state).map((tile) => tile.peer.id)).toEqual(["user:officer"]);
  });
});
