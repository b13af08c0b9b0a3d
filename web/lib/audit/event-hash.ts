import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

export const GENESIS_HASH = "0".repeat(64);

export interface HashedFields {
  prevHash: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  unitPath: string;
  data: unknown;
}

export function auditEventHash(event: HashedFields): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        prevHash: event.prevHash,
        at: event.at.toISOString(),
        actorId: event.actorId,
        actorName: event.actorName,
        action: event.action,
        targetType: event.targetType,
        targetId: event.targetId,
        unitPath: event.unitPath,
        data: event.data,
      }),
    )
    .digest("hex");
}
