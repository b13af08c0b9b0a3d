import { ed25519PemKeyPair } from "../../../scripts/lib/ed25519-pem.mjs";
import type { JoinTokenInput } from "../../../web/lib/media/sign-join-token.ts";
import { TestClient } from "./test-client.ts";
import { signTestJoinToken } from "./test-join-token.ts";

// What the two trees of media nodes share — NodeTree (in this process) and NetnsTree (a process
// per network namespace): the portal's key that signs join tokens for their nodes, and the
// clients joined through them, closed with the tree.

/** Claims of a join token, less the node it is for (the tree adds it). */
export type TreeJoinClaims = Partial<JoinTokenInput> & { sub: string };

/** A superior's observer: watches, never publishes. */
export const OBSERVER = { role: "staff", as: "observer", grants: { publish: false, subscribe: true, observe: true, moderate: false } } satisfies Partial<JoinTokenInput>;
/** A room's staff member who may moderate. */
export const MODERATOR = { role: "staff", as: "staff", grants: { publish: true, subscribe: true, observe: false, moderate: true } } satisfies Partial<JoinTokenInput>;

export abstract class TreePortal {
  readonly portal = ed25519PemKeyPair();
  /** Every client joined through `join`, in order; `closeClients` closes them. */
  readonly clients: TestClient[] = [];

  /** Where a client reaches node `id`. */
  abstract url(id: string): string;

  token(input: TreeJoinClaims & { node: string }): Promise<string> {
    return signTestJoinToken(this.portal.privateKey, input);
  }

  /** A client joined at `node` with a token for it, its transports open as asked (none when both are false). */
  async join(node: string, claims: TreeJoinClaims, { recv = true, send = false } = {}): Promise<TestClient> {
    const client = await TestClient.connect(this.url(node), await this.token({ ...claims, node }));
    this.clients.push(client);
    await client.join();
    await client.openTransports({ recv, send });
    return client;
  }

  protected closeClients(): void {
    for (const client of this.clients.splice(0)) client.close();
  }
}
