import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = (mode: "rejection" | "exception") =>
  spawnSync(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "server/test/support/guarded-process.ts"), mode], { encoding: "utf8", timeout: 30_000 });

describe("the media node's process guards", () => {
  it("log an unhandled rejection with its stack and keep the process running", () => {
    const result = run("rejection");
    expect(result.stdout).toMatch(/"level":50.*stray rejection.*unhandled promise rejection/);
    expect(result.stdout).toContain("still running");
    expect(result.status).toBe(0);
  });

  it("log an uncaught exception as fatal and exit 1 (its state is unknown)", () => {
    const result = run("exception");
    expect(result.stdout).toMatch(/"level":60.*stray exception.*uncaught exception; exiting/);
    expect(result.stdout).not.toContain("still running");
    expect(result.status).toBe(1);
  });
});
