import { describe, expect, it } from "vitest";
import { mediaNodes, nodeForUnitPath, placeBearer } from "./media-nodes.ts";

const NODES = [
  { id: "moj", unit: "u-moj", url: "https://moj.example/media" },
  { id: "gd", unit: "u-gd", url: "https://gd.example/media" },
  { id: "hc", unit: "u-hc", url: "https://hc.example/media" },
];

describe("media node placement (issue 11)", () => {
  it("serves a unit from the nearest node at or above it", () => {
    expect(nodeForUnitPath(NODES, "/u-moj/u-gd/u-fs/u-gm/u-hc/")?.id).toBe("hc");
    expect(nodeForUnitPath(NODES, "/u-moj/u-gd/u-fs/u-gm/")?.id).toBe("gd");
    expect(nodeForUnitPath(NODES, "/u-moj/")?.id).toBe("moj");
    expect(nodeForUnitPath(NODES, "/elsewhere/")).toBeNull();
  });

  it("puts staff on their own center's node and persons on the room's", () => {
    const room = "/u-moj/u-gd/u-fs/u-gm/u-hc/";
    expect(placeBearer(NODES, room, "/u-moj/")).toEqual({ node: NODES[0], home: NODES[2] });
    expect(placeBearer(NODES, room, undefined)).toEqual({ node: NODES[2], home: NODES[2] });
    expect(placeBearer(null, room, "/u-moj/")).toBeNull();
  });

  it("reads MEDIA_NODES, and nothing when it is unset", () => {
    expect(mediaNodes({})).toBeNull();
    expect(mediaNodes({ MEDIA_NODES: JSON.stringify(NODES) })?.map((n) => n.id)).toEqual(["moj", "gd", "hc"]);
    expect(() => mediaNodes({ MEDIA_NODES: "[{" })).toThrow(/not JSON/);
    expect(() => mediaNodes({ MEDIA_NODES: JSON.stringify([NODES[0], NODES[0]]) })).toThrow(/unique/);
  });
});
