import { z } from "zod";

export const ZLoginBody = z
  .strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: "LoginBody" });

export const ZMe = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(["admin", "officer", "inspector"]),
    unitId: z.string(),
    unitName: z.string(),
    unitLevel: z.number().int(),
    csrfToken: z.string().meta({ description: "Send back as the x-csrf-token header on every write" }),
  })
  .meta({ id: "Me" });
