import { chromium, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { deliveredVideo, expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { fakeCameraFile } from "./support/fake-camera-file.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import { scheduleRollCall, startRollCall } from "./support/rollcall-console.ts";
import { verifyAndWait } from "./support/rollcall-link.ts";

// What resolution the officer really sees, per camera: the spotlighted person must arrive at the
// full height of their camera (the top simulcast layer), a grid tile at a small one. Real portal,
// node and Chromium; heights are decoded frames from getStats, after bandwidth estimation ramps up.
// One roll call per camera, three browser contexts each (2 cores).
// One retry: on a 2-core machine shared with the suite, Chromium's own CPU adaptation sometimes
// keeps the 720p clip's top layer at 360 lines for the whole minute (seen once in three clean
// runs). The node cannot forward a layer the sender does not send; a second run on a calmer
// moment tells that apart from a real fault, which fails both runs.
test.describe.configure({ mode: "serial", retries: 1 });

const suffix = String(Date.now()).slice(-6);
const t = zh.rollcallConsole;
const cameras = [
  { name: "VGA (Chromium's default fake camera)", height: 480, file: null },
  { name: "720p (a y4m clip)", height: 720, file: { width: 1280, height: 720 } },
] as const;
const opened: Array<Browser | BrowserContext> = [];

test.afterAll(async () => {
  for (const handle of opened.reverse()) await handle.close().catch(() => {});
});

/** A Chromium whose fake camera plays the clip: the flag is per browser process, not per page. */
async function browserWithCamera(file: string): Promise<Browser> {
  const launch = test.info().project.use.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, args: [...(launch.args ?? []), `--use-file-for-fake-video-capture=${file}`] });
  opened.push(browser);
  return browser;
}

for (const camera of cameras) {
  test(`${camera.name}: the spotlight shows ${camera.height} lines, a grid tile at most 240`, async ({ browser }) => {
    test.slow();
    const cameraBrowser = camera.file ? await browserWithCamera(fakeCameraFile(camera.file.width, camera.file.height)) : browser;
    const officer = await newParticipant(browser);
    opened.push(officer.context);
    await signInByApi(officer.page, "hc.officer");
    const { id, people } = await scheduleRollCall(officer.page, `清晰度 ${camera.height} ${suffix}`, 2);
    const persons: Array<{ page: Page; peerId: string; name: string; entryId: string }> = [];
    // Only the person who is called films through the clip: two 720p encoders beside three pages
    // left too little CPU on 2 cores for Chromium to keep sending the top layer.
    for (const [index, person] of people.entries()) {
      const participant = await newParticipant(index === 0 ? cameraBrowser : browser);
      opened.push(participant.context);
      await verifyAndWait(participant.page, `/r/${person.token}`, person.idLast4);
      persons.push({ page: participant.page, peerId: "", name: person.name, entryId: person.entryId });
    }
    await startRollCall(officer.page, id);
    for (const person of persons) person.peerId = await selfId(person.page);
    await expectDecoding(officer.page, persons.map((p) => p.peerId));

    const [called, other] = persons;
    await officer.page
      .locator(`[data-testid="roster-entry"][data-entry-id="${called!.entryId}"]`)
      .getByRole("button", { name: formatMessage(t.callNamed, { name: called!.name }) })
      .click();
    await expect(officer.page.getByTestId("spotlight-name")).toHaveText(called!.name);
    let measured = { spotlight: { frameHeight: 0, kbps: 0 }, grid: { frameHeight: 0, kbps: 0 } };
    try {
      await expect
        .poll(async () => {
          measured = { spotlight: await deliveredVideo(officer.page, called!.peerId), grid: await deliveredVideo(officer.page, other!.peerId) };
          return measured.spotlight.frameHeight === camera.height && measured.grid.frameHeight > 0 && measured.grid.frameHeight <= 240;
        }, { timeout: 45_000, message: `spotlight at ${camera.height} lines, grid tile at most 240` })
        .toBe(true);
    } finally {
      // The last reading, also when it failed: these are the numbers docs/PERFORMANCE.md records.
      test.info().annotations.push({ type: "delivered video", description: JSON.stringify(measured) });
      console.log(`delivered video (${camera.name}): ${JSON.stringify(measured)}`);
    }

    // Ending frees the persons for the next roll call of this spec.
    await officer.page.getByRole("button", { name: t.end, exact: true }).click();
    await officer.page.getByRole("button", { name: t.endConfirm, exact: true }).click();
    await expect(officer.page.getByTestId("console-ended")).toBeVisible();
  });
}
