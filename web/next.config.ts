import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // All of them or none: with only the adapter external, PGlite's unique violations surfaced as
  // raw 23505 instead of Prisma's P2002. argon2 is a native addon and cannot be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "@node-rs/argon2"],
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
