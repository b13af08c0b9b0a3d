import { randomInt } from "node:crypto";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import { getDb } from "../db/client.ts";
import { ConflictError, ForbiddenError } from "../errors.ts";
import { findPlanByToken } from "./find-plan-by-token.ts";
import type { TurnDirection } from "./liveness.ts";
import { relyingParty } from "./relying-party.ts";
import { openWindowAt } from "./windows.ts";

const CHALLENGE_MINUTES = 5;

/**
 * Starting a check-in: inside an open window, with a bound phone, the page gets a WebAuthn
 * assertion request for that phone (user verification required) and the liveness challenge.
 */
export async function checkInOptions(token: string, request: Request) {
  const plan = await findPlanByToken(token);
  const window = openWindowAt(plan.windows, new Date());
  if (!window) throw new ConflictError("Check-in is not open now: come back in your check-in time", { window: "closed" });
  const db = await getDb();
  const phones = await db.phoneCredential.findMany({ where: { personId: plan.personId, revokedAt: null }, select: { credentialId: true, transports: true } });
  if (phones.length === 0) throw new ForbiddenError("Bind your phone first: ask your officer", { phone: "not_bound" });
  const rp = relyingParty(request);
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: phones.map((p) => ({ id: p.credentialId, transports: p.transports as never })),
    userVerification: "required",
  });
  const liveness: TurnDirection = randomInt(2) === 0 ? "left" : "right";
  const stored = await db.webAuthnChallenge.create({
    data: { personId: plan.personId, purpose: "checkin", challenge: options.challenge, liveness, expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000) },
  });
  return { challengeId: stored.id, webauthn: options, liveness: { kind: "turn" as const, direction: liveness }, windowEndsAt: window.endsAt.toISOString() };
}
