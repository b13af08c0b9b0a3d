import { afterAll, beforeAll } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { startMediaNode, type NodeFixture } from "../../../server/test/support/media-node-fixture.ts";
import { TestClient } from "../../../server/test/support/test-client.ts";
import { closeDatabase, useSeededDatabase } from "../../../test/support/test-database.ts";
import { ApiClient } from "./api-client.ts";
import { demoFixtures } from "./fixtures.ts";
import { openLiveRollCall } from "./live-roll-call.ts";

const personGrants = { publish: true, subscribe: true, observe: false, moderate: false };

export type RosterEntry = { id: string; personId: string; personName: string; status: string };

export interface LiveRollCallWithNode {
  db: Database;
  node: NodeFixture;
  officer: ApiClient;
  f: Awaited<ReturnType<typeof demoFixtures>>;
  rollCallId: string;
  roomId: string;
  /** The roster as opened (荷城司法所's demo persons). */
  entries: RosterEntry[];
  /** A person's page in a roll call's room (this one by default), as a real socket.io client; closed after the file. */
  join(entry: { personId: string; personName: string }, roomId?: string): Promise<TestClient>;
}

/**
 * The setup the roll-call API tests share: a real media node on its own RTC port range, the
 * seeded database, 荷城司法所's officer signed in and a roll call of its persons open (live).
 * Registers its beforeAll/afterAll; the returned object is filled in before the file's own hooks.
 */
export function useLiveRollCallWithNode({ title, rtcPorts }: { title: string; rtcPorts: [number, number] }): LiveRollCallWithNode {
  const clients: TestClient[] = [];
  const fx = {
    async join(entry, roomId = fx.roomId) {
      const token = await fx.node.token({ sub: `person:${entry.personId}`, name: entry.personName, room: roomId, kind: "rollcall", as: "person", sees: "staff", grants: personGrants });
      const client = await TestClient.connect(fx.node.url, token);
      clients.push(client);
      await client.join();
      return client;
    },
  } as LiveRollCallWithNode;

  beforeAll(async () => {
    fx.node = await startMediaNode({
      MEDIA_RTC_MIN_PORT: String(rtcPorts[0]),
      MEDIA_RTC_MAX_PORT: String(rtcPorts[1]),
      PORTAL_URL: "http://127.0.0.1:9",
      PORTAL_INTERNAL_SECRET: process.env.PORTAL_INTERNAL_SECRET!,
    });
    // The portal reads its config once, on first use: point it at this node before that.
    process.env.MEDIA_INTERNAL_URL = fx.node.url;
    fx.db = await useSeededDatabase();
    fx.f = await demoFixtures(fx.db);
    fx.officer = await ApiClient.signIn("hc.officer");
    ({ id: fx.rollCallId, roomId: fx.roomId } = await openLiveRollCall(fx.officer, { title, unitId: fx.f.unit("荷城司法所"), personIds: fx.f.hcPersonIds }));
    fx.entries = (await fx.officer.call("getRollCall", { params: { id: fx.rollCallId } })).body.entries;
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await fx.node?.stop();
    await closeDatabase();
  });
  return fx;
}
