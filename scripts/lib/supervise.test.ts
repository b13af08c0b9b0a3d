import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { restartDelayMs } from "./supervise.mjs";

// The supervisor of `npm start`, driven as a real process: a child that crashes is started again
// after the backoff while its sibling keeps running; SIGTERM stops everything.
const supervisor = `
import { spawn } from "node:child_process";
import { supervise } from ${JSON.stringify(path.resolve(import.meta.dirname, "supervise.mjs"))};
supervise([
  { name: "steady", start: () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }) },
  { name: "crashy", start: () => spawn(process.execPath, ["-e", "process.exit(3)"], { stdio: "ignore" }) },
]);
`;

const waiting = `
import { spawn } from "node:child_process";
import { supervise } from ${JSON.stringify(path.resolve(import.meta.dirname, "supervise.mjs"))};
const built = new Promise((resolve) => setTimeout(() => resolve("worker-v1"), 800));
supervise([
  { name: "first", start: () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }) },
  { name: "second", after: built, start: (bin) => spawn(process.execPath, ["-e", "console.log('got ' + process.argv[1]); setInterval(() => {}, 1000)", bin], { stdio: "inherit" }) },
]);
`;

const failing = `
import { spawn } from "node:child_process";
import { supervise } from ${JSON.stringify(path.resolve(import.meta.dirname, "supervise.mjs"))};
supervise([
  { name: "first", start: () => spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }) },
  { name: "second", after: new Promise((_, reject) => setTimeout(() => reject(new Error("the worker build failed")), 500)), start: () => { throw new Error("never"); } },
]);
`;

describe("supervise", () => {
  it("stops everything with exit code 1 when what a service waits for fails (a broken worker build)", async () => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", failing], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/second cannot start: the worker build failed; stopping/);
    const firstPid = Number(/first started \(pid (\d+)\)/.exec(output)![1]);
    expect(() => process.kill(firstPid, 0)).toThrow();
  });

  it("starts a service that waits for something (the worker build) once it is ready, with its value", async () => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", waiting], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 15_000 }).toMatch(/got worker-v1/);
    expect(output.indexOf("first started")).toBeLessThan(output.indexOf("second started"));
    expect(output).toMatch(/second starts once what it needs is ready/);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("backs off 1 s, 2 s, 4 s … up to 30 s between restarts in a row", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(restartDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("restarts a child that died while the other keeps running, and stops all on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", supervisor], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => (output.match(/crashy started/g) ?? []).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(output).toMatch(/crashy exited \(code 3\); restarting in 1 s/);
    expect(output).toMatch(/crashy exited \(code 3\); restarting in 2 s/);
    expect((output.match(/steady started/g) ?? []).length).toBe(1);
    const steadyPid = Number(/steady started \(pid (\d+)\)/.exec(output)![1]);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(() => process.kill(steadyPid, 0)).toThrow();
  });
});
