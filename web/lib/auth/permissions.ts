import type { Role } from "../db/generated/enums.ts";

// What the UI offers. It mirrors the domain layer's assertRole calls, which remain the authority:
// hiding a control is for clarity, refusing the write is the server's job.
export function canWritePersons(role: Role): boolean {
  return role === "admin" || role === "officer";
}

export function canAdminister(role: Role): boolean {
  return role === "admin";
}

/** Create, invite to, moderate and close rooms; inspectors only watch, unseen. */
export function canHostRooms(role: Role): boolean {
  return role === "admin" || role === "officer";
}
