import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { createRoom, expectDecoding, joinAsGuest, joinAsHost, newParticipant, callState, signInByApi } from "./support/call.ts";
import { startCoturn, type Coturn } from "./support/coturn.ts";
import { configuredIceServers, forceNetwork, selectedPaths } from "./support/peer-connections.ts";
import { startStack, type Stack } from "./support/stack.ts";

// Media when UDP to the media node is blocked. A real coturn on loopback holds the shared secret;
// the portal signs short-lived credentials for it into every join token (TURN_SECRET, TURN_URLS)
// and the page gives them to its RTCPeerConnections. A page allowed nothing but the relay decodes
// the host's video through coturn; a page that only has TCP reaches the media node over
// mediasoup's ICE-TCP. Decoded frames (getStats) and the selected candidate pair are asserted.
test.describe.configure({ mode: "serial" });

const secret = randomBytes(24).toString("base64url");
let coturn: Coturn;
let stack: Stack;
let host: { context: BrowserContext; page: Page };
let hostPeer: string;
let guestLink: string;
const others: Array<{ context: BrowserContext }> = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  coturn = await startCoturn(secret);
  stack = await startStack({
    TURN_SECRET: secret,
    TURN_URLS: `turn:127.0.0.1:${coturn.port}?transport=udp,turn:127.0.0.1:${coturn.port}?transport=tcp`,
  });
});

test.afterAll(async () => {
  for (const who of [host, ...others]) await who?.context.close().catch(() => {});
  await stack?.stop();
  await coturn?.stop();
});

async function guestPeer(page: Page, name: string): Promise<string> {
  await expect.poll(async () => (await callState(page))?.phase, { timeout: 30_000 }).toBe("joined");
  return (await callState(page))!.self!.id ?? name;
}

test("a page allowed only the TURN relay decodes the host's video through coturn, and the host decodes it", async ({ browser }) => {
  test.setTimeout(180_000);
  host = await newParticipant(browser, { baseURL: stack.portalUrl });
  await signInByApi(host.page, "hc.officer");
  const room = await createRoom(host.page, `中继会议 ${Date.now() % 1_000_000}`);
  guestLink = room.guestLink;
  hostPeer = await joinAsHost(host.page, room.id);

  const guest = await newParticipant(browser, { baseURL: stack.portalUrl });
  others.push(guest);
  await forceNetwork(guest.context, "relay");
  await joinAsGuest(guest.page, guestLink, "中继访客");
  const guestId = await guestPeer(guest.page, "中继访客");
  await expectDecoding(guest.page, [hostPeer], 30_000);
  await expectDecoding(host.page, [guestId], 30_000);

  // The servers came from the join token: coturn's shared-secret username "<expiry>:<identity>".
  const servers = (await configuredIceServers(guest.page)).flat();
  expect(servers.length).toBeGreaterThan(0);
  for (const server of servers) {
    expect([server.urls].flat()).toEqual([`turn:127.0.0.1:${coturn.port}?transport=udp`, `turn:127.0.0.1:${coturn.port}?transport=tcp`]);
    const [expiry] = String(server.username).split(":");
    const lifetime = Number(expiry) - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(60);
    expect(lifetime).toBeLessThanOrEqual(2 * 60 * 60);
  }
  const paths = await selectedPaths(guest.page);
  expect(paths.length).toBeGreaterThanOrEqual(2);
  for (const path of paths) expect(path.candidateType).toBe("relay");
  console.log(`relay paths: ${JSON.stringify(paths)}`);
});

test("a page with only TCP reaches the media node over ICE-TCP and decodes the host's video", async ({ browser }) => {
  test.setTimeout(120_000);
  const guest = await newParticipant(browser, { baseURL: stack.portalUrl });
  others.push(guest);
  await forceNetwork(guest.context, "tcp");
  await joinAsGuest(guest.page, guestLink, "TCP访客");
  const guestId = await guestPeer(guest.page, "TCP访客");
  await expectDecoding(guest.page, [hostPeer], 30_000);
  await expectDecoding(host.page, [guestId], 30_000);
  const paths = await selectedPaths(guest.page);
  expect(paths.length).toBeGreaterThanOrEqual(2);
  for (const path of paths) {
    expect(path.candidateType).not.toBe("relay");
    expect(path).toMatchObject({ protocol: "tcp", remoteProtocol: "tcp" });
  }
  console.log(`ICE-TCP paths: ${JSON.stringify(paths)}`);
});
