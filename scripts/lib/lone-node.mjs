import fs from "node:fs";
import path from "node:path";
import { ed25519PemKeyPair } from "./ed25519-pem.mjs";

// `npm start`'s one media node registers with its portal like any node of the network (issue 11
// §1), so that /admin/nodes shows it: it needs a unit and a key of its own. The unit is the top of
// the seeded tree (a lone node serves every unit: the nearest node at or above each is this one),
// written by the database setup; the key is generated once and kept beside the embedded database,
// as the other local secrets are. Values already set (a real deployment's) always win.

/** Where the database setup writes the top unit's id for the lone node. */
export const loneNodeUnitFile = (rootDir) => path.join(rootDir, "data", "lone-node-unit");

/**
 * MEDIA_NODE_KEY and MEDIA_UNIT_ID for the lone node, each only when not set already.
 * @param {string} rootDir
 * @param {Record<string, string | undefined>} env
 * @returns {{ MEDIA_NODE_KEY?: string, MEDIA_UNIT_ID?: string }}
 */
export function loneNodeEnv(rootDir, env = process.env) {
  const result = {};
  if (!env.MEDIA_NODE_KEY) {
    const file = path.join(rootDir, "data", "media-node-key.pem");
    if (!fs.existsSync(file)) {
      const { privateKey } = ed25519PemKeyPair();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, privateKey, { mode: 0o600 });
    }
    result.MEDIA_NODE_KEY = fs.readFileSync(file, "utf8");
  }
  if (!env.MEDIA_UNIT_ID) {
    const unitFile = loneNodeUnitFile(rootDir);
    const unit = fs.existsSync(unitFile) ? fs.readFileSync(unitFile, "utf8").trim() : "";
    if (unit) result.MEDIA_UNIT_ID = unit;
  }
  return result;
}
