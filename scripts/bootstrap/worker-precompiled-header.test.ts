import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BootstrapError } from "./errors.mjs";
import { addPrecompiledHeader, PCH_PATH } from "./worker-precompiled-header.mjs";

const installed = path.resolve(import.meta.dirname, "../../node_modules/mediasoup/worker/meson.build");
const dirs: string[] = [];
const workerDir = (mesonBuild: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ygav-pch-"));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "meson.build"), mesonBuild);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("addPrecompiledHeader", () => {
  it("gives the installed mediasoup's executable target the header, and nothing else", async () => {
    const original = fs.readFileSync(installed, "utf8");
    const dir = workerDir(original);
    await addPrecompiledHeader(dir);
    const patched = fs.readFileSync(path.join(dir, "meson.build"), "utf8");
    expect(patched.match(/cpp_pch:/g)).toHaveLength(1);
    const executable = patched.slice(patched.indexOf("executable(\n  'mediasoup-worker'"));
    expect(executable.slice(0, executable.indexOf("\n)\n"))).toContain(`cpp_pch: '${PCH_PATH}'`);
    // Only one line was added.
    expect(patched.split("\n").length).toBe(original.split("\n").length + 1);
    const header = fs.readFileSync(path.join(dir, PCH_PATH), "utf8");
    expect(header).toContain("#include <nlohmann/json.hpp>");
    // mediasoup's own headers depend on macros each unit defines first: never precompiled.
    expect(header).not.toMatch(/#include "/);
  });

  it("refuses a meson.build it does not know, with a hint, and writes nothing", async () => {
    const dir = workerDir("project('mediasoup-worker', 'cpp')\nexecutable('other', sources: ['a.cpp'])\n");
    await expect(addPrecompiledHeader(dir)).rejects.toBeInstanceOf(BootstrapError);
    expect(fs.existsSync(path.join(dir, PCH_PATH))).toBe(false);
  });
});
