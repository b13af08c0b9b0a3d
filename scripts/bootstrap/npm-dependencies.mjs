import fs from "node:fs";
import path from "node:path";
import { runCommand } from "./run-command.mjs";
import { hashFiles, readStamp, writeStamp } from "./stamps.mjs";

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export async function ensureNpmDependencies({ rootDir, log }) {
  const lock = path.join(rootDir, "package-lock.json");
  const stampFile = path.join(rootDir, "node_modules", ".yangguang", "npm-lock.sha256");
  const wanted = hashFiles([lock]);
  if (fs.existsSync(path.join(rootDir, "node_modules")) && readStamp(stampFile) === wanted) return;
  log("installing npm dependencies (npm ci)…");
  // allowScripts in package.json denies every install script: nothing here needs one (the
  // mediasoup worker is built by our own step, natives ship as optional dependencies).
  await runCommand("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: rootDir, what: "npm ci" });
  writeStamp(stampFile, wanted);
}
