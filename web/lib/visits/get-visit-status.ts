import { createHmac } from "node:crypto";
import { safeEqual } from "../auth/session-token.ts";
import { config } from "../config.ts";
import { getDb } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { reserveApplyAttempt } from "./reserve-apply-attempt.ts";

const STATUS_TRIES_PER_HOUR = 10;
const ICS_TICKET_MS = 3600_000;

const notFound = () => new NotFoundError("No application with this code and ID ending: check both", { code: "not_found" });

/**
 * The family's status page: the application code and the last 4 of the applicant's ID number.
 * A wrong code and a wrong ending get the same answer; 10 tries per code per hour.
 */
export async function getVisitStatus(code: string, idLast4: string) {
  const db = await getDb();
  await db.$transaction((tx) => reserveApplyAttempt(tx, `visit-status:${code}`, { max: STATUS_TRIES_PER_HOUR, windowMs: 3600_000 }));
  const visit = await db.visit.findUnique({
    where: { code },
    include: { facility: true, heldPerson: true, familyRoom: { include: { unit: true } } },
  });
  if (!visit || visit.kind !== "visit" || !visit.applicantIdLast4 || !safeEqual(visit.applicantIdLast4, idLast4.toUpperCase())) throw notFound();
  const booked = visit.startsAt !== null && ["booked", "in_progress", "ended"].includes(visit.state);
  return {
    code: visit.code,
    state: visit.state,
    facilityName: visit.facility.name,
    heldPersonName: visit.heldPerson.name,
    fromHome: visit.fromHome,
    roomName: visit.familyRoom?.name ?? null,
    roomUnitName: visit.familyRoom?.unit.name ?? null,
    startsAt: booked ? visit.startsAt!.toISOString() : null,
    endsAt: booked ? visit.endsAt!.toISOString() : null,
    rejectReason: visit.state === "rejected" ? visit.rejectReason : null,
    submittedAt: visit.createdAt.toISOString(),
    icsUrl: booked ? `/api/v1/visit/status/${visit.code}/calendar.ics?t=${icsTicket(visit.code, Date.now() + ICS_TICKET_MS)}` : null,
  };
}

/** The calendar download is a GET link: it carries a short-lived ticket, never the ID's digits. */
export function icsTicket(code: string, expiresAt: number): string {
  return `${expiresAt}.${mac(code, expiresAt)}`;
}

export function isIcsTicketValid(code: string, ticket: string, now = Date.now()): boolean {
  const [exp, sent] = ticket.split(".");
  const expiresAt = Number(exp);
  return Number.isSafeInteger(expiresAt) && expiresAt > now && Boolean(sent) && safeEqual(sent!, mac(code, expiresAt));
}

function mac(code: string, expiresAt: number): string {
  return createHmac("sha256", config().appSecret).update(`visit-ics:${code}:${expiresAt}`).digest("base64url").slice(0, 22);
}
