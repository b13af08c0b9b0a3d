import { z } from "zod";
import { isValidIdNumber } from "../persons/id-number.ts";
import { ZDate, ZId, zLine, zMultiline, ZPageQuery, zText } from "./common.ts";

export const ZSupervisionType = z.enum(["probation", "parole", "control", "temporary_release"]);
export const ZPersonStatus = z.enum(["active", "suspended", "released"]);
export const ZGender = z.enum(["male", "female"]);

export const ZIdNumber = z
  .string()
  .trim()
  .max(18)
  .refine(isValidIdNumber, "invalid_id_number")
  .meta({ description: "18-character resident ID number; stored only as a keyed hash and a mask" });

export const ZPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, "invalid_phone");

const personFields = {
  unitId: ZId.meta({ description: "The justice office (司法所) that supervises the person" }),
  name: zText(40),
  gender: ZGender,
  phone: ZPhone,
  address: zLine(200).default(""),
  supervisionType: ZSupervisionType,
  status: ZPersonStatus.default("active"),
  startDate: ZDate,
  endDate: ZDate,
  notes: zMultiline(2000).default(""),
};

const endNotBeforeStart = (value: { startDate?: string; endDate?: string }) =>
  !value.startDate || !value.endDate || value.endDate >= value.startDate;

export const ZPersonCreate = z
  .strictObject({ ...personFields, idNumber: ZIdNumber })
  .refine(endNotBeforeStart, { path: ["endDate"], message: "end_before_start" })
  .meta({ id: "PersonCreate" });

export const ZPersonUpdate = z
  .strictObject({
    version: z.number().int().min(1).meta({ description: "The version you edited; a stale one gets 409" }),
    unitId: personFields.unitId.optional(),
    name: personFields.name.optional(),
    gender: personFields.gender.optional(),
    phone: personFields.phone.optional(),
    address: zLine(200).optional(),
    supervisionType: personFields.supervisionType.optional(),
    status: ZPersonStatus.optional(),
    startDate: ZDate.optional(),
    endDate: ZDate.optional(),
    notes: zMultiline(2000).optional(),
    idNumber: ZIdNumber.optional(),
  })
  .refine(endNotBeforeStart, { path: ["endDate"], message: "end_before_start" })
  .meta({ id: "PersonUpdate" });

export const ZPerson = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    name: z.string(),
    gender: ZGender,
    idNumberMasked: z.string().meta({ example: "4401**********1234" }),
    phone: z.string(),
    address: z.string(),
    supervisionType: ZSupervisionType,
    status: ZPersonStatus,
    startDate: ZDate,
    endDate: ZDate,
    notes: z.string(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Person" });

export const ZPersonListQuery = ZPageQuery.extend({
  q: zLine(40).optional().meta({ description: "Name, phone or the last 4 digits of the ID number" }),
  unitId: ZId.optional().meta({ description: "Only persons in this unit's subtree" }),
  status: ZPersonStatus.optional(),
});

export const ZPersonPage = z
  .object({ items: z.array(ZPerson), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: "PersonPage" });

export type TPerson = z.infer<typeof ZPerson>;
export type TPersonCreate = z.infer<typeof ZPersonCreate>;
export type TPersonUpdate = z.infer<typeof ZPersonUpdate>;
export type TPersonListQuery = z.infer<typeof ZPersonListQuery>;
