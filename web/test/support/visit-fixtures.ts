import type { Database } from "@/lib/db/open-database";
import { idNumberCheckChar } from "@/lib/persons/id-number";
import { TINY_JPEG } from "./fixtures.ts";

const ALL_DAY = Object.fromEntries(["0", "1", "2", "3", "4", "5", "6"].map((d) => [d, [["00:00", "24:00"]]]));
export const SLOT_MS = 30 * 60_000;

/** Open-all-day rooms and terminals (30-minute slots), so that tests do not depend on the hour they run. */
export async function visitResources(db: Database) {
  const unit = async (name: string) => (await db.prisma.unit.findFirstOrThrow({ where: { name } })).id;
  const create = async (unitName: string, name: string, kind: "room" | "terminal") => {
    const unitId = await unit(unitName);
    const data = { unitId, name, kind, openingHours: ALL_DAY, slotMinutes: 30 };
    return (await db.prisma.visitRoom.upsert({ where: { unitId_name: { unitId, name } }, create: data, update: {} })).id;
  };
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

let codes = 0;
/** Visits in each state the scope tests and the fuzz need, written directly (the API is what they test). */
export async function visitFixtures(db: Database) {
  const r = await visitResources(db);
  const held = await db.prisma.heldPerson.findFirstOrThrow({ where: { name: "陈国栋" } });
  const facility = await db.prisma.unit.findUniqueOrThrow({ where: { id: r.jy1 } });
  const submitted = async (slotIndex: number) => {
    const slot = slotStart(slotIndex);
    const idNumber = newIdNumber();
    const visit = await db.prisma.visit.create({
      data: {
        code: `FIXTURE${String(++codes).padStart(3, "0")}`,
        heldPersonId: held.id,
        facilityId: facility.id,
        familyUnitId: (await db.prisma.visitRoom.findUniqueOrThrow({ where: { id: r.gmRoom } })).unitId,
        familyRoomId: r.gmRoom,
        preferredSlots: [{ startsAt: slot, endsAt: new Date(Date.parse(slot) + SLOT_MS).toISOString() }],
        applicantIdHash: `fixture-${idNumber}`,
        applicantIdLast4: idNumber.slice(-4),
        proofMime: "image/jpeg",
        proofBytes: new Uint8Array(Buffer.from(TINY_JPEG, "base64")),
        proofSha256: "fixture",
        participants: { create: [{ role: "applicant", name: "家属", relationship: "parent", idNumberHash: `fixture-${idNumber}`, idNumberMasked: "4406**********0000", idLast4: idNumber.slice(-4) }] },
      },
      include: { participants: true },
    });
    return { id: visit.id, participantId: visit.participants[0]!.id, slot };
  };
  const toBook = await submitted(200);
  const toReject = await submitted(201);
  const toBan = await submitted(202);
  const booked = await submitted(203);
  const slot = new Date(booked.slot);
  await db.prisma.visit.update({
    where: { id: booked.id },
    data: {
      state: "booked",
      startsAt: slot,
      endsAt: new Date(slot.getTime() + SLOT_MS),
      terminalId: r.terminal1,
      reservations: { create: [r.gmRoom, r.terminal1].map((resourceId) => ({ resourceId, startsAt: slot, endsAt: new Date(slot.getTime() + SLOT_MS) })) },
    },
  });
  return { ...r, heldPersonId: held.id, releasingToHc: held.id, toBook, toReject, toBan, booked };
}
