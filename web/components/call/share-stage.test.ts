import { describe, expect, it } from "vitest";
import type { PeerInfo } from "../../../server/src/protocol/entities.ts";
import type { RemoteTrack } from "@/lib/media-client/call-state";
import type { Tile } from "./call-tiles";
import { planStage } from "./share-stage";

const peer = (id: string) => ({ id, name: id }) as PeerInfo;
const track = (consumerId: string) => ({ consumerId }) as RemoteTrack;
const self: Tile = { key: "self", kind: "self" };
const cameraA: Tile = { key: "camera:a", kind: "camera", peer: peer("a"), video: null };
const cameraB: Tile = { key: "camera:b", kind: "camera", peer: peer("b"), video: null };
const screenA: Tile = { key: "screen:1", kind: "screen", peer: peer("a"), video: track("1") };
const screenB: Tile = { key: "screen:2", kind: "screen", peer: peer("b"), video: track("2") };

describe("the stage while a screen is shared", () => {
  it("keeps the grid when nobody shares", () => {
    expect(planStage([cameraA, cameraB, self], false)).toEqual({ kind: "grid", tiles: [cameraA, cameraB, self] });
  });

  it("puts a shared screen on the stage and everyone else, cameras and ourselves, in the strip", () => {
    expect(planStage([screenA, cameraA, cameraB, self], false)).toEqual({ kind: "screen", screen: screenA, strip: [cameraA, cameraB, self] });
  });

  it("stages the first of two shares and keeps the second in the strip", () => {
    const plan = planStage([screenA, screenB, cameraA, cameraB, self], false);
    expect(plan).toMatchObject({ kind: "screen", screen: screenA, strip: [screenB, cameraA, cameraB, self] });
  });

  it("shows the sharer a card in place of their own screen, and another's share over it", () => {
    expect(planStage([cameraA, self], true)).toEqual({ kind: "presenting", strip: [cameraA, self] });
    expect(planStage([screenB, cameraA, self], true)).toMatchObject({ kind: "screen", screen: screenB });
  });
});
