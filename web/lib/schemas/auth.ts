import { z } from "zod";
import { zSecret, zText } from "./common.ts";

export const ZLoginBody = z
  .strictObject({
    username: zText(64),
    password: zSecret(1, 256),
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
