import { importPKCS8, SignJWT } from "jose";
import {
  JOIN_TOKEN_AUDIENCE,
  JOIN_TOKEN_DEFAULT_TTL_SECONDS,
  JOIN_TOKEN_ISSUER,
  ZJoinClaims,
  type JoinClaims,
} from "../../../server/src/protocol/join-token.ts";
import { turnCredentials } from "./turn-credentials.ts";

export type JoinTokenInput = Omit<JoinClaims, "exp" | "iat" | "lobby" | "sees" | "kind" | "ice"> & {
  kind?: JoinClaims["kind"];
  lobby?: boolean;
  sees?: JoinClaims["sees"];
  ttlSeconds?: number;
  notAfter?: Date;
  /** A TURN relay: the token then carries credentials for it that expire with the token. */
  turn?: { secret: string; urls: readonly string[] } | null;
};

/**
 * Signs a join token with the portal's Ed25519 key. `exp` is the earlier of now + ttl (2 h by
 * default) and `notAfter` (the room's end), so no token outlives what it opens; nor do the TURN
 * credentials it carries.
 */
export async function signJoinToken(privateKeyPem: string, input: JoinTokenInput): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const ttlEnd = now + (input.ttlSeconds ?? JOIN_TOKEN_DEFAULT_TTL_SECONDS);
  const exp = input.notAfter ? Math.min(ttlEnd, Math.floor(input.notAfter.getTime() / 1000)) : ttlEnd;
  const { ttlSeconds: _ttl, notAfter: _end, turn, ...claims } = input;
  const ice = turn ? [turnCredentials(turn, input.sub, exp)] : undefined;
  const checked = ZJoinClaims.parse({ ...claims, ...(ice ? { ice } : {}), lobby: input.lobby ?? false, exp, iat: now });
  const key = await importPKCS8(privateKeyPem, "EdDSA");
  const { exp: _exp, iat: _iat, ...payload } = checked;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "EdDSA" })
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(key);
}
