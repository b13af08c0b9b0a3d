import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// The repository root: the browser's call library imports the media node's protocol schemas
// from ../server/src/protocol, so bundling and output tracing must see beyond web/.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // All of them or none: with only the adapter external, PGlite's unique violations surfaced as
  // raw 23505 instead of Prisma's P2002. argon2 is a native addon and cannot be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "@node-rs/argon2"],
  poweredByHeader: false,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default withNextIntl(nextConfig);
