import { generateRegistrationOptions, verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { getDb } from "../db/client.ts";
import { duplicateAs } from "../db/unique-violation.ts";
import { ConflictError, ForbiddenError, ValidationError } from "../errors.ts";
import { findPlanByToken } from "./find-plan-by-token.ts";
import { relyingParty } from "./relying-party.ts";
import { takeChallenge } from "./take-challenge.ts";

const CHALLENGE_MINUTES = 5;
const linkActor = (name: string) => ({ userId: null, displayName: `check-in link of ${name}` });

/**
 * Binding a phone, step 1: creation options for a platform credential with user verification
 * required (the phone's fingerprint or face unlock). Only while the officer has opened binding.
 */
export async function phoneRegistrationOptions(token: string, request: Request) {
  const plan = await findPlanByToken(token);
  if (!plan.bindingOpenUntil || plan.bindingOpenUntil <= new Date()) {
    throw new ForbiddenError("Ask your officer to confirm the phone binding first, then try again within 10 minutes", { binding: "not_open" });
  }
  const rp = relyingParty(request);
  const db = await getDb();
  const existing = await db.phoneCredential.findMany({ where: { personId: plan.personId, revokedAt: null }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName: plan.person.name,
    userID: new TextEncoder().encode(plan.personId),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports as never })),
    authenticatorSelection: { userVerification: "required", residentKey: "preferred", authenticatorAttachment: "platform" },
  });
  await db.webAuthnChallenge.create({ data: { personId: plan.personId, purpose: "register", challenge: options.challenge, expiresAt: new Date(Date.now() + CHALLENGE_MINUTES * 60_000) } });
  return options;
}

/** Binding a phone, step 2: the signed registration is verified and its public key kept; binding closes. */
export async function registerPhone(token: string, request: Request, response: RegistrationResponseJSON) {
  const plan = await findPlanByToken(token);
  const rp = relyingParty(request);
  const db = await getDb();
  return db
    .$transaction(async (tx) => {
      // The plan's row lock orders concurrent registrations: binding closes once used, so the
      // second phone (sent in the same instant with its own challenge) finds it closed.
      await tx.$queryRaw`SELECT 1 FROM "CheckInPlan" WHERE "personId" = ${plan.personId} FOR UPDATE`;
      const current = await tx.checkInPlan.findUniqueOrThrow({ where: { personId: plan.personId } });
      if (!current.bindingOpenUntil || current.bindingOpenUntil <= new Date()) throw new ForbiddenError("Phone binding is not open: ask your officer", { binding: "not_open" });
      const clientChallenge = challengeOf(response.response.clientDataJSON);
      await takeChallenge(tx, plan.personId, "register", clientChallenge);
      const verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: clientChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        requireUserVerification: true,
      }).catch((error: unknown) => {
        throw new ValidationError(`The phone's answer could not be verified: ${error instanceof Error ? error.message : String(error)}`, { response: "not_verified" });
      });
      if (!verification.verified) throw new ValidationError("The phone's answer could not be verified", { response: "not_verified" });
      const { credential } = verification.registrationInfo;
      const created = await tx.phoneCredential.create({
        data: { personId: plan.personId, credentialId: credential.id, publicKey: credential.publicKey, counter: BigInt(credential.counter), transports: credential.transports ?? [] },
      });
      await tx.checkInPlan.update({ where: { personId: plan.personId }, data: { bindingOpenUntil: null } });
      await appendAuditEvent(tx, linkActor(plan.person.name), {
        action: "checkin.phone_bound",
        targetType: "SupervisedPerson",
        targetId: plan.personId,
        unitPath: plan.person.unit.path,
        data: { phoneId: created.id, credentialId: credential.id },
      });
      return { phoneId: created.id };
    })
    .catch(duplicateAs(() => new ConflictError("This phone is already bound")));
}

/** The challenge the browser signed, read from its client data (verified against the stored one). */
export function challengeOf(clientDataJSON: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")) as { challenge?: unknown };
    if (typeof parsed.challenge === "string" && parsed.challenge.length > 0 && parsed.challenge.length <= 200) return parsed.challenge;
  } catch {
    // fall through
  }
  throw new ValidationError("The phone's answer is malformed", { response: "malformed" });
}
