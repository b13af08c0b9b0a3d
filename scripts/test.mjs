// npm test — the same bootstrap as npm start, then every test: unit and integration (vitest,
// against a real mediasoup worker, PGlite and a PostgreSQL 15 server it starts), then end-to-end
// (Playwright in Debian Chromium).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { bootstrap, ROOT_DIR } from "./bootstrap.mjs";

const env = await bootstrap();
const bin = (name) => path.join(ROOT_DIR, "node_modules", ".bin", name);
const extra = process.argv.slice(2);

for (const [name, args] of [
  ["vitest", ["run", ...extra]],
  ["playwright", ["test"]],
]) {
  console.log(`\n[test] ${name} ${args.join(" ")}`);
  const result = spawnSync(bin(name), args, { cwd: ROOT_DIR, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`[test] ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n[test] all tests passed");
