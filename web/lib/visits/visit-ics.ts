import icalGenerator, { ICalCalendarMethod } from "ical-generator";
import { chinaIcsTime } from "../http/ics-china-time.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { isIcsTicketValid } from "./get-visit-status.ts";

/** The booked visit as an .ics event for the family's phone calendar (opened from the status page). */
export async function visitIcs(code: string, ticket: string): Promise<{ filename: string; body: string }> {
  if (!isIcsTicketValid(code, ticket)) throw new NotFoundError("This calendar link has expired: open the status page again");
  const db = await getDb();
  const visit = await db.visit.findUnique({ where: { code }, include: { facility: true, heldPerson: true, familyRoom: { include: { unit: true } } } });
  if (!visit || !visit.startsAt || !visit.endsAt || !["booked", "in_progress", "ended"].includes(visit.state)) throw new NotFoundError("No booked visit");
  const calendar = icalGenerator({ name: "阳光社矫 远程会见", prodId: { company: "yangguang-av", product: "portal", language: "ZH" } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  const where = visit.fromHome ? "在家通过个人链接参加" : `${visit.familyRoom?.unit.name ?? ""} ${visit.familyRoom?.name ?? ""}`.trim();
  calendar.createEvent({
    id: `visit-${visit.id}@yangguang-av`,
    // China's wall clock under TZID=Asia/Shanghai, whatever the server's own zone (ics-china-time.ts).
    start: chinaIcsTime(visit.startsAt) as never,
    end: chinaIcsTime(visit.endsAt) as never,
    summary: `远程会见：${visit.heldPerson.name}（${visit.facility.name}）`,
    description: `申请编号 ${visit.code}\n地点：${where}\n请携带身份证提前 10 分钟到达。`,
    location: where,
    timezone: "Asia/Shanghai",
  });
  return { filename: `远程会见-${visit.code}.ics`, body: calendar.toString() };
}
