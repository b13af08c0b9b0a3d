import { createPrivateKey } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loneNodeEnv, loneNodeUnitFile } from "./lone-node.mjs";

describe("npm start's lone media node: its own key and the top unit, so that it registers", () => {
  const dirs: string[] = [];
  const root = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yg-lone-node-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("generates an Ed25519 key once, kept beside the data (owner-only), and reads the unit the setup wrote", () => {
    const dir = root();
    fs.mkdirSync(path.join(dir, "data"));
    fs.writeFileSync(loneNodeUnitFile(dir), "unit-top\n");
    const first = loneNodeEnv(dir, {});
    expect(first.MEDIA_UNIT_ID).toBe("unit-top");
    expect(createPrivateKey(first.MEDIA_NODE_KEY!).asymmetricKeyType).toBe("ed25519");
    expect(fs.statSync(path.join(dir, "data", "media-node-key.pem")).mode & 0o077).toBe(0);
    // The next start presents the same key: the portal knows the node, nothing to reset.
    expect(loneNodeEnv(dir, {}).MEDIA_NODE_KEY).toBe(first.MEDIA_NODE_KEY);
  });

  it("leaves a deployment's own values alone, and names no unit before the setup wrote one", () => {
    const dir = root();
    expect(loneNodeEnv(dir, { MEDIA_NODE_KEY: "mine", MEDIA_UNIT_ID: "u" })).toEqual({});
    expect(fs.existsSync(path.join(dir, "data"))).toBe(false);
    expect(loneNodeEnv(dir, { MEDIA_NODE_KEY: "mine" })).toEqual({});
  });
});
