import icalGenerator, { ICalCalendarMethod } from "ical-generator";
import { chinaIcsTime } from "../http/ics-china-time.ts";
import type { Actor } from "../auth/actor.ts";
import { chinaDay } from "../checkin/windows-today.ts";
import { findRollCallInScope } from "./get-roll-call.ts";

/** An .ics event for staff calendars; the description says where to open the console. */
export async function rollCallIcs(actor: Actor, rollCallId: string, consoleUrl: string): Promise<{ filename: string; body: string }> {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  const calendar = icalGenerator({ name: "阳光社矫 视频点名", prodId: { company: "yangguang-av", product: "portal", language: "ZH" } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  calendar.createEvent({
    id: `rollcall-${rollCall.id}@yangguang-av`,
    // China's wall clock under TZID=Asia/Shanghai, whatever the server's own zone (ics-china-time.ts).
    start: chinaIcsTime(rollCall.startsAt) as never,
    end: chinaIcsTime(rollCall.endsAt) as never,
    summary: `视频点名：${rollCall.title}`,
    description: `${rollCall.unit.name}\n宽限 ${rollCall.graceMinutes} 分钟\n点名台：${consoleUrl}`,
    url: consoleUrl,
    timezone: "Asia/Shanghai",
  });
  // The date in the name is China's: a roll call at 07:00 there is on the previous day in UTC.
  return { filename: `视频点名-${rollCall.title}-${chinaDay(rollCall.startsAt).date}.ics`, body: calendar.toString() };
}
