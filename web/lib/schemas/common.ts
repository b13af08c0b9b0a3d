import { z } from "zod";

export const ZId = z.uuid().meta({ description: "Resource id (UUID)" });

export const ZIdParams = z.strictObject({ id: ZId });

/** A trimmed, non-empty line of text with an upper bound (over-long input is refused, not cut). */
export const zText = (max: number) => z.string().trim().min(1).max(max);

export const ZPageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "invalid_input" }),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({
        description: "Field path → error key (required, too_long, unknown_field, invalid_format, duplicate…)",
      }),
    }),
  })
  .meta({ id: "Error" });

export const ZOk = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });
