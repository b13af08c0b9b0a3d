import { randomUUID } from "node:crypto";
import { decodeJwt, importPKCS8, importSPKI, jwtVerify, SignJWT, type CryptoKey } from "jose";
import { MediaError } from "../errors.ts";
import { LINK_TOKEN_AUDIENCE_PREFIX } from "../protocol/network.ts";

// Each node holds its own Ed25519 private key and its neighbours' public keys (never a shared
// secret): a node can sign only as itself, so a lost or hostile node cannot pose as another.
// The child opens the link with a short token naming itself and the parent; the parent answers
// with a token of its own bound to the child's token id, so each side proves who it is.

const TOKEN_TTL_SECONDS = 60;

export async function signLinkToken(privateKeyPem: string, from: string, to: string, nonce?: string): Promise<{ token: string; jti: string }> {
  const key = await importPKCS8(privateKeyPem, "EdDSA");
  const jti = randomUUID();
  const token = await new SignJWT(nonce ? { nonce } : {})
    .setProtectedHeader({ alg: "EdDSA" })
    .setIssuer(from)
    .setAudience(LINK_TOKEN_AUDIENCE_PREFIX + to)
    .setJti(jti)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
    .sign(key);
  return { token, jti };
}

/** Verifies that `token` was signed by the node it names, for `self`; returns that node's id and the token's id. */
export class LinkVerifier {
  private readonly keys = new Map<string, Promise<CryptoKey>>();
  /** Token ids seen within their lifetime: a captured handshake cannot be replayed. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly self: string,
    trusted: Readonly<Record<string, string>>,
  ) {
    for (const [id, pem] of Object.entries(trusted)) this.keys.set(id, importSPKI(pem, "EdDSA"));
  }

  async verify(token: unknown, { expectIssuer, nonce }: { expectIssuer?: string; nonce?: string } = {}): Promise<{ node: string; jti: string }> {
    if (typeof token !== "string" || token.length > 2048) throw refused("no node token");
    let issuer: string | undefined;
    try {
      issuer = decodeJwt(token).iss;
    } catch {
      throw refused("malformed node token");
    }
    if (!issuer || (expectIssuer && issuer !== expectIssuer)) throw refused(`token names node ${issuer ?? "?"}, expected ${expectIssuer ?? "a known node"}`);
    const key = this.keys.get(issuer);
    if (!key) throw refused(`node ${issuer} is not a neighbour of ${this.self}`);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, await key, { issuer, audience: LINK_TOKEN_AUDIENCE_PREFIX + this.self, algorithms: ["EdDSA"], maxTokenAge: `${TOKEN_TTL_SECONDS + 30}s` }));
    } catch (error) {
      throw refused(`signature or claims refused (${(error as Error).message})`);
    }
    const jti = payload.jti;
    if (typeof jti !== "string") throw refused("node token without an id");
    if (nonce !== undefined && payload.nonce !== nonce) throw refused("node token answers another handshake");
    const now = Date.now();
    for (const [id, until] of this.seen) if (until < now) this.seen.delete(id);
    if (this.seen.has(jti)) throw refused("node token replayed");
    this.seen.set(jti, now + (TOKEN_TTL_SECONDS + 60) * 1000);
    return { node: issuer, jti };
  }
}

function refused(why: string): MediaError {
  return new MediaError("unauthenticated", `Node link refused: ${why}`);
}
