import { z } from "zod";

const ZRetentionEnv = z.object({
  RECORDING_RETENTION_DAYS_VISIT: z.coerce.number().int().min(1).max(36_500).default(180),
  RECORDING_RETENTION_DAYS_OTHER: z.coerce.number().int().min(1).max(36_500).default(90),
});

export interface RetentionPolicy {
  visitDays: number;
  otherDays: number;
}

/** How long recordings are kept: visits 180 days, every other kind 90, unless configured. */
export function retentionPolicy(env: Record<string, string | undefined> = process.env): RetentionPolicy {
  const parsed = ZRetentionEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid recording retention: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return { visitDays: parsed.data.RECORDING_RETENTION_DAYS_VISIT, otherDays: parsed.data.RECORDING_RETENTION_DAYS_OTHER };
}
