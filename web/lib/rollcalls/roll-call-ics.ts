import icalGenerator, { ICalCalendarMethod } from "ical-generator";
import type { Actor } from "../auth/actor.ts";
import { findRollCallInScope } from "./get-roll-call.ts";

/** An .ics event for staff calendars; the description says where to open the console. */
export async function rollCallIcs(actor: Actor, rollCallId: string, consoleUrl: string): Promise<{ filename: string; body: string }> {
  const rollCall = await findRollCallInScope(actor, rollCallId);
  const calendar = icalGenerator({ name: "阳光社矫 视频点名", prodId: { company: "yangguang-av", product: "portal", language: "ZH" } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  calendar.createEvent({
    id: `rollcall-${rollCall.id}@yangguang-av`,
    start: rollCall.startsAt,
    end: rollCall.endsAt,
    summary: `视频点名：${rollCall.title}`,
    description: `${rollCall.unit.name}\n宽限 ${rollCall.graceMinutes} 分钟\n点名台：${consoleUrl}`,
    url: consoleUrl,
    timezone: "Asia/Shanghai",
  });
  return { filename: `视频点名-${rollCall.title}.ics`, body: calendar.toString() };
}
