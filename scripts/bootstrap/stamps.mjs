import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// A step is skipped when the hash of its inputs matches the stamp it left last time: this is
// what makes a second `npm start` take seconds.

export function hashFiles(files) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file);
    hash.update("\0");
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** Every file below `dir`, sorted, skipping the named folders. */
export function listFiles(dir, skip = new Set()) {
  const out = [];
  const walk = (current) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      if (skip.has(entry.name)) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

export function readStamp(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
}

export function writeStamp(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, value + "\n");
}
