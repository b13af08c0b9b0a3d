import { errors, importSPKI, jwtVerify, type CryptoKey } from "jose";
import { MediaError } from "../errors.ts";
import {
  JOIN_TOKEN_AUDIENCE,
  JOIN_TOKEN_CLOCK_SKEW_SECONDS,
  JOIN_TOKEN_ISSUER,
  JOIN_TOKEN_MAX_TTL_SECONDS,
  ZJoinClaims,
  type JoinClaims,
} from "../protocol/join-token.ts";

export type JoinTokenVerifier = (token: unknown) => Promise<JoinClaims>;

/**
 * Nodes hold only the portal's public key (EdDSA): a node that is lost cannot mint tokens.
 * Each refusal says why, so the client can tell "get a new link" from "this link is wrong".
 */
export async function createJoinTokenVerifier(publicKeyPem: string): Promise<JoinTokenVerifier> {
  const key: CryptoKey = await importSPKI(publicKeyPem, "EdDSA");
  return async (token) => {
    if (typeof token !== "string" || token.length === 0 || token.length > 4096) {
      throw new MediaError("unauthenticated", "No join token: open the room from its link again");
    }
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, {
        audience: JOIN_TOKEN_AUDIENCE,
        issuer: JOIN_TOKEN_ISSUER,
        algorithms: ["EdDSA"],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new MediaError("unauthenticated", "The join token has expired: open the room from its link again");
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud") {
        throw new MediaError("unauthenticated", "The join token is not for a media node (wrong audience)");
      }
      throw new MediaError("unauthenticated", "The join token is not valid (bad signature or format)");
    }
    const claims = ZJoinClaims.safeParse(payload);
    if (!claims.success) throw new MediaError("unauthenticated", "The join token's claims are malformed");
    if (livesTooLong(claims.data, Math.floor(Date.now() / 1000))) {
      throw new MediaError("unauthenticated", `The join token lives longer than ${JOIN_TOKEN_MAX_TTL_SECONDS / 3600} h: get a new one from the portal`);
    }
    return claims.data;
  };
}

function livesTooLong({ exp, iat }: JoinClaims, now: number): boolean {
  const cap = JOIN_TOKEN_MAX_TTL_SECONDS + JOIN_TOKEN_CLOCK_SKEW_SECONDS;
  return exp - now > cap || (iat !== undefined && exp - iat > cap);
}
