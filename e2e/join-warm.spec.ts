import { expect, test } from "@playwright/test";
import { callState, createRoom, expectDecoding, joinAsHost, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { peerConnectionStates, recordPeerConnections } from "./support/peer-connections.ts";

// Issue 14, fifth part: on a prepared join screen (a signed-in member on /rooms/<id>/call) both
// transports are connected, ICE + DTLS done, before the click, and the room sees nothing of it
// until the click; then video flows both ways on those same connections. One short call, two
// browser contexts.

test("a prepared join screen connects its transports before the click, unseen; the click gets video both ways", async ({ browser }) => {
  const host = await newParticipant(browser);
  const member = await newParticipant(browser);
  try {
    await signInByApi(host.page, "gm.officer");
    const room = await createRoom(host.page, `预连接 ${String(Date.now()).slice(-6)}`);
    const hostId = await joinAsHost(host.page, room.id);

    await recordPeerConnections(member.context);
    await signInByApi(member.page, "gm.admin");
    await member.page.goto(`/rooms/${room.id}/call`);
    const join = member.page.getByRole("button", { name: zh.join.join, exact: true });
    await expect(join).toBeEnabled({ timeout: 15_000 });
    // Before any click: a sending and a receiving connection, both through ICE and DTLS.
    await expect.poll(() => peerConnectionStates(member.page), { timeout: 15_000 }).toEqual(["connected", "connected"]);
    // …and the room knows nothing of the member: the host's call lists nobody else.
    expect((await callState(host.page))?.peers).toEqual([]);

    await join.click();
    const memberId = await selfId(member.page);
    await expectDecoding(member.page, [hostId]);
    await expectDecoding(host.page, [memberId]);
    // The same two connections carry the call: nothing had to be connected after the click.
    expect(await peerConnectionStates(member.page)).toEqual(["connected", "connected"]);
  } finally {
    await host.context.close();
    await member.context.close();
  }
});
