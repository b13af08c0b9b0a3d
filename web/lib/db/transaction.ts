import type { PrismaClient } from "./generated/client.ts";

/** The client handed to a `$transaction` callback. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
