import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ed25519PemKeyPair } from "./ed25519-pem.mjs";

// The all-in-one default needs secrets nobody has set: generate them once, keep them beside the
// embedded database (so they live and die with the data they protect), and hand them to the
// portal and the media node through their environment. Values already set always win.

function generate() {
  const { publicKey, privateKey } = ed25519PemKeyPair();
  const random = () => randomBytes(32).toString("base64url");
  return {
    APP_SECRET: random(),
    ID_HASH_KEY: random(),
    PORTAL_INTERNAL_SECRET: random(),
    JOIN_TOKEN_PRIVATE_KEY: privateKey,
    JOIN_TOKEN_PUBLIC_KEY: publicKey,
  };
}

export function withLocalSecrets(rootDir, env = process.env) {
  const file = path.join(rootDir, "data", "secrets.json");
  let stored = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const fresh = generate();
  // The key pair is one unit: never mix a stored private key with a fresh public one.
  if (!stored.JOIN_TOKEN_PRIVATE_KEY || !stored.JOIN_TOKEN_PUBLIC_KEY) {
    stored.JOIN_TOKEN_PRIVATE_KEY = fresh.JOIN_TOKEN_PRIVATE_KEY;
    stored.JOIN_TOKEN_PUBLIC_KEY = fresh.JOIN_TOKEN_PUBLIC_KEY;
  }
  const missing = Object.keys(fresh).filter((name) => !stored[name]);
  for (const name of missing) stored[name] = fresh[name];
  if (missing.length > 0 || !fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  }
  const result = { ...env };
  for (const name of Object.keys(fresh)) result[name] ??= stored[name];
  return result;
}

/** Throwaway secrets for a test run (nothing written). */
export function ephemeralSecrets() {
  return generate();
}
