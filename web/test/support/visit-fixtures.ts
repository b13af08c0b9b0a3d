import type { Database } from "@/lib/db/open-database";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { TINY_JPEG } from "./fixtures.ts";

const ALL_DAY = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["00:00", "24:00"]]]));
export const SLOT_MS = 30 * 60_000;

/** Open-all-day rooms and terminals (30-minute slots), so that tests do not depend on the hour they run. */
export async function visitResources(db: Database) {
  const unit = async (name: string) => (await db.prisma.unit.findFirstOrThrow({ where: { name } })).id;
  const create = async (unitName: string, name: string, kind: "room" | "terminal") =>
    (await db.prisma.visitRoom.create({ data: { unitId: await unit(unitName), name, kind, openingHours: ALL_DAY, slotMinutes: 30 } })).id;
  return {
    gmRoom: await create("高明区司法局", "测试会见室", "room"),
    hcRoom: await create("荷城司法所", "测试会见室", "room"),
    nhRoom: await create("南海区司法局", "测试会见室", "room"),
    terminal1: await create("广东省第一监狱", "测试终端一", "terminal"),
    terminal2: await create("广东省第一监狱", "测试终端二", "terminal"),
    jy1: await unit("广东省第一监狱"),
    jds: await unit("广东省三水强制隔离戒毒所"),
  };
}

/** The start of the n-th 30-minute slot after the next full half hour (n ≥ 1 keeps it in the future). */
export function slotStart(n: number): string {
  const next = Math.ceil(Date.now() / SLOT_MS) * SLOT_MS;
  return new Date(next + n * SLOT_MS).toISOString();
}

let serial = 0;
/** A valid, distinct resident ID number for each call. */
export function newIdNumber(): string {
  serial++;
  const first17 = `44060819${80 + (serial % 20)}0${(serial % 9) + 1}1${serial % 10}${String(serial).padStart(3, "0").slice(-3)}`.slice(0, 17);
  return first17 + idNumberCheckChar(first17);
}

export function applyBody(overrides: Record<string, unknown> = {}) {
  return {
    name: "张秀兰",
    idNumber: newIdNumber(),
    phone: "13800138000",
    relationship: "parent",
    heldPersonName: "刘建军",
    fromHome: false,
    preferredSlots: [slotStart(2)],
    coVisitors: [],
    proofBase64: TINY_JPEG,
    ...overrides,
  };
}

/** Each applicant from its own address, so the per-address limit is not what a test meets. */
let address = 0;
export const fromNewAddress = () => ({ "x-forwarded-for": `203.0.113.${(address++ % 250) + 1}` });
