import { z } from "zod";
import { ZId, zText } from "./common.ts";

export const ZUnit = z
  .object({
    id: z.string(),
    name: z.string(),
    level: z.number().int().min(1).max(5),
    parentId: z.string().nullable(),
  })
  .meta({ id: "Unit" });

export type TUnitNode = z.infer<typeof ZUnit> & {
  persons: number;
  staff: number;
  totalPersons: number;
  totalStaff: number;
  children: TUnitNode[];
};

export const ZUnitNode: z.ZodType<TUnitNode> = ZUnit.extend({
  persons: z.number().int(),
  staff: z.number().int(),
  totalPersons: z.number().int(),
  totalStaff: z.number().int(),
  get children() {
    return z.array(ZUnitNode);
  },
}).meta({ id: "UnitNode" });

export const ZUnitCreate = z
  .strictObject({
    name: zText(60),
    parentId: ZId,
  })
  .meta({ id: "UnitCreate" });

export const ZUnitUpdate = z.strictObject({ name: zText(60) }).meta({ id: "UnitUpdate" });

export type TUnitCreate = z.infer<typeof ZUnitCreate>;
export type TUnitUpdate = z.infer<typeof ZUnitUpdate>;
