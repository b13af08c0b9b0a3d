import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { newParticipant, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { startRegistryNodes, type RegistryNodes } from "./support/registry-nodes.ts";
import { startStack, type Stack } from "./support/stack.ts";

// Issue 11 §1: two real media node processes (高明区 and 荷城, linked parent → child) register with
// a portal of their own and send heartbeats; the admin's node tree shows both up, drawn as a tree
// on a phone; one is killed (SIGKILL) and the page shows it down by itself.
test.describe.configure({ mode: "serial" });

const SECRET = randomBytes(32).toString("base64url");
let stack: Stack;
let nodes: RegistryNodes;

async function unitIds(request: APIRequestContext, baseURL: string): Promise<Map<string, string>> {
  const login = await request.post(`${baseURL}/api/v1/auth/login`, { data: { username: "gm.admin", password: "Sunshine#2026" } });
  expect(login.status()).toBe(200);
  const tree = await (await request.get(`${baseURL}/api/v1/units`)).json();
  const ids = new Map<string, string>();
  const walk = (node: { id: string; name: string; children?: unknown[] }) => {
    ids.set(node.name, node.id);
    for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
  };
  walk(tree);
  return ids;
}

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(300_000);
  stack = await startStack({ E2E_SECRETS_JSON: JSON.stringify({ PORTAL_INTERNAL_SECRET: SECRET }), MEDIA_NODE_DOWN_SECONDS: "6" }, undefined, { waitForMedia: false });
  const request = await playwright.request.newContext();
  const units = await unitIds(request, stack.portalUrl);
  await request.dispose();
  nodes = await startRegistryNodes(
    [
      { id: "gm-node", unitId: units.get("高明区司法局")! },
      { id: "hc-node", unitId: units.get("荷城司法所")!, parent: "gm-node" },
    ],
    { url: stack.portalUrl, secret: SECRET },
    47100,
  );
});

test.afterAll(async () => {
  await nodes?.stop();
  await stack?.stop();
});

test("the admin sees both nodes up in the tree, then the killed one down", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await newParticipant(browser, { baseURL: stack.portalUrl, phone: true });
  try {
    const { page } = admin;
    await signInByApi(page, "gm.admin");
    await page.goto("/admin/nodes");
    await expect(page.getByRole("heading", { name: zh.mediaNodes.title, level: 1 })).toBeVisible();
    const gm = page.getByTestId("media-node-gm-node");
    const hc = page.getByTestId("media-node-hc-node");
    // The page refreshes every 5 s: both come up once their first heartbeats are in.
    await expect(gm).toHaveAttribute("data-health", "up", { timeout: 30_000 });
    await expect(hc).toHaveAttribute("data-health", "up", { timeout: 30_000 });
    await expect(hc.getByTestId("media-node-health")).toHaveText(zh.mediaNodes.health.up);
    // 荷城's box says its link to the parent is up (its own heartbeat's figures).
    await expect(hc).toContainText(`${zh.mediaNodes.linkUp}`, { timeout: 30_000 });
    // Drawn as a tree: the child is below and indented from its parent, and fits a 375 px phone.
    const [gmBox, hcBox, svgBox] = [await gm.boundingBox(), await hc.boundingBox(), await page.getByTestId("media-node-tree").boundingBox()];
    expect(hcBox!.y).toBeGreaterThan(gmBox!.y + gmBox!.height - 1);
    expect(hcBox!.x).toBeGreaterThan(gmBox!.x);
    expect(svgBox!.x + svgBox!.width).toBeLessThanOrEqual(375);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath("node-tree-up.png"), fullPage: true });

    await nodes.kill("hc-node");
    await expect(hc).toHaveAttribute("data-health", "down", { timeout: 45_000 });
    await expect(hc.getByTestId("media-node-health")).toHaveText(zh.mediaNodes.health.down);
    await expect(gm).toHaveAttribute("data-health", "up");
    // The link is down by the parent's own report (the silent child's last word is stale).
    await expect(hc).toContainText(zh.mediaNodes.linkDown, { timeout: 30_000 });
    await expect(gm).toContainText(zh.mediaNodes.childLinks.replace("{up}", "0").replace("{total}", "1"));
    await expect(page.getByTestId("media-node-summary")).toHaveText(zh.mediaNodes.summary.replace("{up}", "1").replace("{down}", "1").replace("{never}", "0"));
    await page.screenshot({ path: test.info().outputPath("node-tree-down.png"), fullPage: true });

    // The admin resets 高明区's key (a lost machine): asked once more, then the node waits for a
    // new key; the running node's reports, signed with the retired key, are refused from then on.
    await page.getByTestId("media-node-details-gm-node").locator("summary").click();
    await page.getByRole("button", { name: zh.mediaNodes.resetKeyFor.replace("{node}", "gm-node") }).click();
    await page.getByRole("button", { name: zh.mediaNodes.resetKeyConfirm }).click();
    await expect(page.getByTestId("media-node-key-reset-gm-node")).toBeVisible({ timeout: 15_000 });
    await expect(gm).toContainText(zh.mediaNodes.keyResetShort);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: test.info().outputPath("node-key-reset.png"), fullPage: true });
  } finally {
    await admin.context.close();
  }
});

test("officers and inspectors get no node tree (404, as for every admin page)", async ({ browser }) => {
  for (const username of ["gm.officer", "gm.inspector"]) {
    const who = await newParticipant(browser, { baseURL: stack.portalUrl });
    try {
      await signInByApi(who.page, username);
      expect((await who.page.goto("/admin/nodes"))?.status()).toBe(404);
      await expect(who.page.getByTestId("media-node-tree")).toHaveCount(0);
    } finally {
      await who.context.close();
    }
  }
});
