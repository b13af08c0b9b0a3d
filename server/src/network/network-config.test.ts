import { describe, expect, it } from "vitest";
import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import { loadMediaConfig } from "../config.ts";

const portal = ed25519PemKeyPair();
const base = { JOIN_TOKEN_PUBLIC_KEY: portal.publicKey };

describe("media network configuration (issue 11)", () => {
  it("a node without parent or children is a lone node, as before", () => {
    const { network } = loadMediaConfig(base);
    expect(network.parent).toBeNull();
    expect(network.children).toEqual({});
    expect(network.pipeAnnouncedIp).toBe("127.0.0.1");
    expect(network.pipeIdleMs).toBe(30_000);
    expect(network.linkDownMs).toBe(5_000);
    expect(network.layerLinks).toBe(true);
    expect(loadMediaConfig({ ...base, MEDIA_LAYER_LINKS: "off" }).network.layerLinks).toBe(false);
  });

  it("reads a node's place in the tree", () => {
    const self = ed25519PemKeyPair();
    const parent = ed25519PemKeyPair();
    const child = ed25519PemKeyPair();
    const { network } = loadMediaConfig({
      ...base,
      MEDIA_UNIT_ID: "unit-fs",
      MEDIA_NODE_KEY: self.privateKey,
      MEDIA_PARENT_ID: "gd",
      MEDIA_PARENT_URL: "http://10.0.0.2:4443",
      MEDIA_PARENT_KEY: parent.publicKey,
      MEDIA_CHILD_KEYS: JSON.stringify({ gm: child.publicKey }),
    });
    expect(network).toMatchObject({ unitId: "unit-fs", parent: { id: "gd", url: "http://10.0.0.2:4443" }, children: { gm: child.publicKey } });
  });

  it("refuses a half-configured or malformed network, saying what is wrong", () => {
    const self = ed25519PemKeyPair();
    expect(() => loadMediaConfig({ ...base, MEDIA_PARENT_ID: "gd" })).toThrow(/go together/);
    expect(() => loadMediaConfig({ ...base, MEDIA_PARENT_ID: "gd", MEDIA_PARENT_URL: "http://x:1", MEDIA_PARENT_KEY: self.publicKey })).toThrow(/MEDIA_NODE_KEY/);
    expect(() => loadMediaConfig({ ...base, MEDIA_NODE_KEY: self.privateKey, MEDIA_CHILD_KEYS: "{" })).toThrow(/MEDIA_CHILD_KEYS: not JSON/);
    expect(() => loadMediaConfig({ ...base, MEDIA_NODE_KEY: self.privateKey, MEDIA_CHILD_KEYS: JSON.stringify({ "bad id!": self.publicKey }) })).toThrow(/MEDIA_CHILD_KEYS/);
    expect(() => loadMediaConfig({ ...base, MEDIA_NODE_KEY: self.publicKey })).toThrow(/MEDIA_NODE_KEY/);
    expect(() => loadMediaConfig({ ...base, MEDIA_LAYER_LINKS: "maybe" })).toThrow(/MEDIA_LAYER_LINKS/);
  });
});
