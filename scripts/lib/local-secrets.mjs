import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// The all-in-one default needs secrets nobody has set: generate them once, keep them beside the
// embedded database (so they live and die with the data they protect), and hand them to the
// portal through its environment. Values already in the environment always win.
const NAMES = ["APP_SECRET", "ID_HASH_KEY"];

export function withLocalSecrets(rootDir, env = process.env) {
  if (NAMES.every((name) => env[name])) return env;
  const file = path.join(rootDir, "data", "secrets.json");
  let stored = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, "utf8"));
  let changed = false;
  for (const name of NAMES) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + "\n", { mode: 0o600 });
  }
  const result = { ...env };
  for (const name of NAMES) result[name] ??= stored[name];
  return result;
}
