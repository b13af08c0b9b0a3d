import type { EndReason } from "@/lib/media-client/call-state";

/** Which text a visit's ended screen shows (keys of `visitRoom.ended`). */
export type VisitEndedKind = "on_time" | "terminated" | "closed" | "connection" | "refused";

/**
 * A visit's end, in words for the family: on time, ended by the staff (neutral: the officer's
 * reason is for the record, not for them), a fault, or a link that no longer opens anything.
 */
export function visitEndedKind(reason: EndReason): VisitEndedKind {
  switch (reason.kind) {
    case "closed":
      if (reason.message === "on_time" || reason.message === "terminated") return reason.message;
      return reason.message === "worker_died" ? "connection" : "closed";
    case "removed":
      return "terminated";
    case "refused":
      return "refused";
    case "rejected":
      return "refused";
    case "left":
      return "closed";
  }
}
