import { spawn } from "node:child_process";
import { BootstrapError } from "./errors.mjs";

/** Runs a command; its output goes to our terminal unless `quiet`, where it is kept for the error. */
export function runCommand(command, args, { cwd, env = process.env, quiet = false, what = command } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => reject(new BootstrapError(`${what}: could not run ${command}: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve(output);
      const tail = output.trim().split("\n").slice(-25).join("\n");
      reject(new BootstrapError(`${what} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ""}`));
    });
  });
}
