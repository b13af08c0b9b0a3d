import path from "node:path";
import { runCommand } from "./run-command.mjs";
import { hashFiles, readStamp, writeStamp } from "./stamps.mjs";

/** Generates the Prisma client when the schema (or Prisma itself) changed. */
export async function ensurePrismaClient({ rootDir, log }) {
  const schema = path.join(rootDir, "prisma", "schema.prisma");
  const outDir = path.join(rootDir, "web", "lib", "db", "generated");
  const stampFile = path.join(outDir, ".schema.sha256");
  const wanted = hashFiles([schema, path.join(rootDir, "node_modules", "prisma", "package.json")]);
  if (readStamp(stampFile) === wanted) return;
  log("generating the Prisma client…");
  await runCommand(path.join(rootDir, "node_modules", ".bin", "prisma"), ["generate", "--schema", schema], {
    cwd: rootDir,
    quiet: true,
    what: "prisma generate",
    // generate never runs the schema engine but insists that the file exists; without this it
    // tries to download one from Prisma's binary host, which this network cannot reach.
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, CHECKPOINT_DISABLE: "1" },
  });
  writeStamp(stampFile, wanted);
}
