import path from "node:path";
import { runCommand } from "./run-command.mjs";
import { hashFiles, listFiles, readStamp, writeStamp } from "./stamps.mjs";

/** `next build` when any portal source (or the node's schemas it bundles), the lock file or the schema changed since the last build. */
export async function ensureWebBuild({ rootDir, log }) {
  const webDir = path.join(rootDir, "web");
  const stampFile = path.join(webDir, ".next", "yangguang-build.sha256");
  const inputs = [
    ...listFiles(webDir, new Set([".next", "node_modules", "next-env.d.ts", "generated"])),
    // The portal bundles the node's shared schemas (web/next.config.ts): a change there is a
    // change to the portal.
    ...listFiles(path.join(rootDir, "server", "src", "protocol"), new Set()),
    path.join(rootDir, "server", "src", "net", "trusted-proxies.ts"),
    path.join(rootDir, "package-lock.json"),
    path.join(rootDir, "prisma", "schema.prisma"),
    path.join(rootDir, "tsconfig.base.json"),
  ];
  const wanted = hashFiles(inputs);
  if (readStamp(stampFile) === wanted) return;
  log("building the portal (next build, about a minute)…");
  await runCommand(path.join(rootDir, "node_modules", ".bin", "next"), ["build"], {
    cwd: webDir,
    quiet: true,
    what: "next build",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  writeStamp(stampFile, wanted);
}
