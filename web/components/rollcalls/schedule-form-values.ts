import { fieldErrorsFrom } from "@/lib/http/field-errors";
import { portalDateTime, scheduleRule, type Recurrence, type Weekday } from "@/lib/rollcalls/schedule-rule";
import { ZRollCallCreate, type TRollCallCreate } from "@/lib/schemas/rollcalls";

/** What the schedule form holds: every control as typed, so nothing is lost on an error. */
export interface ScheduleValues {
  title: string;
  unitId: string;
  date: string;
  time: string;
  graceMinutes: string;
  durationMinutes: string;
  livenessEnabled: boolean;
  repeat: "none" | "weekly" | "daily";
  weekdays: Weekday[];
  endKind: "until" | "count";
  until: string;
  count: string;
  personIds: string[];
}

/** Where an error is shown: the form's controls, plus the repeat section and the roster. */
export type ScheduleField = "title" | "unitId" | "date" | "time" | "graceMinutes" | "durationMinutes" | "weekdays" | "until" | "count" | "rrule" | "personIds";
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;

export function defaultScheduleValues(unitId: string): ScheduleValues {
  return {
    title: "",
    unitId,
    date: "",
    time: "09:00",
    graceMinutes: "10",
    durationMinutes: "30",
    livenessEnabled: true,
    repeat: "none",
    weekdays: [],
    endKind: "count",
    until: "",
    count: "4",
    personIds: [],
  };
}

export function recurrenceOf(values: ScheduleValues): Recurrence {
  const end = values.endKind === "until" ? { kind: "until" as const, date: values.until } : { kind: "count" as const, count: Number(values.count) };
  if (values.repeat === "weekly") return { kind: "weekly", weekdays: values.weekdays, end };
  if (values.repeat === "daily") return { kind: "daily", end };
  return { kind: "none" };
}

/** The API's field names and codes → where the officer sees them, in this form's words. */
export function scheduleErrorsFrom(fields: Record<string, string>): ScheduleErrors {
  const errors: ScheduleErrors = {};
  for (const [key, code] of Object.entries(fields)) {
    if (key === "startsAt") errors.date ??= code;
    else if (key === "personIds" || key.startsWith("personIds.")) errors.personIds ??= code === "not_found" ? "roster_not_found" : code === "too_small" ? "roster_empty" : code;
    else if (["title", "unitId", "graceMinutes", "durationMinutes", "rrule"].includes(key)) errors[key as ScheduleField] ??= code;
  }
  return errors;
}

export type ScheduleCheck = { ok: true; body: TRollCallCreate } | { ok: false; errors: ScheduleErrors };

/** The form's values checked as the server will check them, plus what only the form knows (the rule's parts). */
export function checkSchedule(values: ScheduleValues): ScheduleCheck {
  const errors: ScheduleErrors = {};
  const startsAt = portalDateTime(values.date, values.time);
  if (!values.date) errors.date = "required";
  if (!values.time) errors.time = "required";
  let rrule: string | undefined;
  if (startsAt) {
    const rule = scheduleRule(new Date(startsAt), recurrenceOf(values));
    if (rule.ok) rrule = rule.rrule;
    else errors[rule.field] = rule.code;
  }
  const number = (text: string) => (text.trim() === "" ? undefined : Number(text));
  const body = {
    title: values.title,
    unitId: values.unitId,
    startsAt: startsAt ?? "",
    graceMinutes: number(values.graceMinutes),
    durationMinutes: number(values.durationMinutes),
    livenessEnabled: values.livenessEnabled,
    personIds: values.personIds,
    ...(rrule ? { rrule } : {}),
  };
  const parsed = ZRollCallCreate.safeParse(body);
  if (!parsed.success) {
    const fields = fieldErrorsFrom(parsed.error, body);
    if (!startsAt) delete fields.startsAt;
    Object.assign(errors, { ...scheduleErrorsFrom(fields), ...errors });
  }
  if (values.graceMinutes.trim() === "") errors.graceMinutes = "required";
  if (values.durationMinutes.trim() === "") errors.durationMinutes = "required";
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}
