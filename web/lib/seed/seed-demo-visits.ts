import type { Tx } from "../db/transaction.ts";
import { hashIdNumber } from "../persons/id-number-hash.ts";
import { idNumberCheckChar, maskIdNumber } from "../persons/id-number.ts";

/** Held persons of the demo facilities: [facility key, name, gender, release unit key or null, home visits allowed]. */
export const DEMO_HELD_PERSONS: Array<[string, string, "male" | "female", string | null, boolean]> = [
  ["jy1", "陈国栋", "male", "hc", true],
  ["jy1", "刘建军", "male", "hc", false],
  ["jy1", "黄志明", "male", "yh", false],
  ["jy1", "王海涛", "male", null, false],
  ["jy1", "林文杰", "male", "gc", true],
  ["jy1", "赵永强", "male", null, false],
  ["jds", "周小龙", "male", "mc", false],
  ["jds", "吴俊", "male", null, true],
  ["jds", "孙浩", "male", "hc", false],
  ["jds", "马丽娟", "female", null, false],
];

const WEEKDAYS = (windows: Array<[string, string]>, days = ["1", "2", "3", "4", "5", "6"]) => Object.fromEntries(days.map((d) => [d, windows]));

/** The demo's visit rooms (会见室) at the 高明区 center and 荷城司法所, and the facilities' terminals. */
export const DEMO_VISIT_ROOMS: Array<{ unit: string; name: string; kind: "room" | "terminal"; hours: Record<string, Array<[string, string]>> }> = [
  { unit: "gm", name: "高明区远程会见室", kind: "room", hours: WEEKDAYS([["09:00", "11:30"], ["14:00", "17:00"]]) },
  { unit: "hc", name: "荷城司法所会见室", kind: "room", hours: WEEKDAYS([["09:00", "12:00"], ["14:30", "17:30"]], ["1", "2", "3", "4", "5"]) },
  { unit: "jy1", name: "会见终端一", kind: "terminal", hours: WEEKDAYS([["08:30", "12:00"], ["13:30", "17:30"]]) },
  { unit: "jy1", name: "会见终端二", kind: "terminal", hours: WEEKDAYS([["08:30", "12:00"], ["13:30", "17:30"]]) },
  { unit: "jds", name: "会见终端", kind: "terminal", hours: WEEKDAYS([["09:00", "11:30"], ["14:00", "17:00"]]) },
];

export async function seedDemoVisits(tx: Tx, unitId: (key: string) => string, idHashKey: string): Promise<void> {
  await tx.heldPerson.createMany({
    data: DEMO_HELD_PERSONS.map(([facility, name, gender, release, home], i) => {
      const first17 = `440100${1970 + i}0${(i % 9) + 1}1${i % 10}00${gender === "male" ? 3 : 2}`;
      const idNumber = first17 + idNumberCheckChar(first17);
      return {
        facilityId: unitId(facility),
        name,
        gender,
        idNumberHash: hashIdNumber(idHashKey, idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        releaseUnitId: release ? unitId(release) : null,
        expectedRelease: release ? new Date(Date.UTC(2027, 2 + i, 1)) : null,
        homeVisitsAllowed: home,
      };
    }),
  });
  await tx.visitRoom.createMany({
    data: DEMO_VISIT_ROOMS.map((r) => ({ unitId: unitId(r.unit), name: r.name, kind: r.kind, openingHours: r.hours, slotMinutes: 30 })),
  });
}
