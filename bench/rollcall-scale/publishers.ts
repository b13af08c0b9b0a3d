// The 50 synthetic participants. Each one takes the path a person's phone takes, through the
// real portal and the real signaling: open the personal link, verify with the last 4 characters
// of the ID number (→ ticket), join (→ join token), connect to the media node with socket.io as
// that person, join the room and produce a camera track. Only the transport differs: a
// PlainTransport leg (bench/sfu/plain-leg.ts, the one documented bypass) fed with real VP8 by
// the load generator.
import { produceCameraLeg } from "../sfu/camera-leg.ts";
import type { PlatformNodeHandlers } from "../sfu/platform-node.ts";
import type { ChildRpc } from "../sfu/rpc.ts";
import { SignalingClient } from "../sfu/signaling-client.ts";
import type { RosterPerson } from "./roster.ts";

export interface Publisher {
  person: RosterPerson;
  client: SignalingClient;
  /** Where the load generator sends this person's RTP, and with which SSRC. */
  target: { ssrc: number; port: number };
  /** ms from the link's verification to the producer existing on the node. */
  joinMs: number;
}

async function postJson<T>(portalUrl: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, portalUrl), {
    method: "POST",
    headers: { "content-type": "application/json", origin: portalUrl },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** One person, from the personal link to a camera producer. */
export async function joinAsPerson(portalUrl: string, node: ChildRpc<PlatformNodeHandlers>, person: RosterPerson): Promise<Publisher> {
  const t0 = performance.now();
  const token = person.link.replace(/^\/r\//, "");
  const { ticket } = await postJson<{ ticket: string }>(portalUrl, `/api/v1/r/${token}/verify`, { idLast4: person.idLast4 });
  const grant = await postJson<{ token: string; mediaUrl: string; identity: string; room: { id: string } }>(portalUrl, `/api/v1/r/${token}/join`, { ticket });
  const client = await SignalingClient.connect(grant.mediaUrl, grant.token);
  await client.join();
  const [target] = await produceCameraLeg(client, node, { room: grant.room.id, peer: grant.identity, srtp: "off" });
  return { person, client, target: target!, joinMs: performance.now() - t0 };
}

/** Everyone, a few at a time (as people trickle in; and the portal is one process). */
export async function joinAll(portalUrl: string, node: ChildRpc<PlatformNodeHandlers>, roster: RosterPerson[], concurrency = 5): Promise<Publisher[]> {
  const out: Publisher[] = [];
  for (let i = 0; i < roster.length; i += concurrency) {
    out.push(...(await Promise.all(roster.slice(i, i + concurrency).map((p) => joinAsPerson(portalUrl, node, p)))));
  }
  return out;
}
