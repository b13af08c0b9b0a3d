import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquirePgliteLock } from "./pglite-lock.ts";

describe("the embedded database lock", () => {
  const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ygav-lock-")), "pglite");
  const lockFile = (dataDir: string) => path.join(path.dirname(dataDir), ".pglite.lock");

  it("refuses a second opener while the holder lives, naming its pid", () => {
    const dataDir = tmp();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(lockFile(dataDir), String(process.ppid));
    expect(() => acquirePgliteLock(dataDir)).toThrow(new RegExp(`open in another process \\(pid ${process.ppid}\\)`));
  });

  it("takes over the lock of a process that has exited", () => {
    const dataDir = tmp();
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(lockFile(dataDir), dead.stdout.trim());
    const release = acquirePgliteLock(dataDir);
    expect(fs.readFileSync(lockFile(dataDir), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile(dataDir))).toBe(false);
  });
});
