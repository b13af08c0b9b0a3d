import { z } from "zod";
import { ZId, zLine, ZPageQuery, zSecret, zText } from "./common.ts";

export const ZRole = z.enum(["admin", "officer", "inspector"]);

export const ZUser = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    unitId: z.string(),
    unitName: z.string(),
    active: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "User" });

const ZUsername = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "invalid_format");

const ZPassword = zSecret(10, 128);

export const ZUserCreate = z
  .strictObject({
    username: ZUsername,
    displayName: zText(40),
    role: ZRole,
    unitId: ZId,
    password: ZPassword,
  })
  .meta({ id: "UserCreate" });

export const ZUserUpdate = z
  .strictObject({
    displayName: zText(40).optional(),
    role: ZRole.optional(),
    unitId: ZId.optional(),
    active: z.boolean().optional(),
    password: ZPassword.optional(),
  })
  .meta({ id: "UserUpdate" });

export const ZUserListQuery = ZPageQuery.extend({
  q: zLine(40).optional(),
  unitId: ZId.optional(),
});

export const ZUserPage = z
  .object({ items: z.array(ZUser), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: "UserPage" });

export type TUserCreate = z.infer<typeof ZUserCreate>;
export type TUserUpdate = z.infer<typeof ZUserUpdate>;
export type TUserListQuery = z.infer<typeof ZUserListQuery>;
export type TUser = z.infer<typeof ZUser>;
