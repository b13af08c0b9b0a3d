import { createHash } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { callState, deliveredVideo, expectDecoding, newParticipant, selfId, signInByApi } from "./support/call.ts";
import { zh } from "./support/messages.ts";
import { formatMessage } from "./support/portal.ts";
import { scheduleRollCall, startOnConsole, startRollCall, type RosterPerson } from "./support/rollcall-console.ts";
import { staffApi, verifyAndWait } from "./support/rollcall-link.ts";

// Roll call, second pass (issue 13 §5), as found in use: the person's screen says the officer's
// decision at once (pushed by the media node), a person leaving mid-challenge is said and stops
// the timer, remarks and 请假 reasons with a document reach the printed record and the CSV with
// the snapshot and the officer's display name, 补点 calls the person marked 缺席 again, and the
// console does not open hours ahead. Real
// portal, media node and Chromium with fake cameras; three browser contexts (2 cores).
test.describe.configure({ mode: "serial" });

const suffix = String(Date.now()).slice(-6);
const p2 = zh.rollcallPass2;
type Browserish = { context: BrowserContext; page: Page };
let officer: Browserish;
const persons: Array<Browserish & { person: RosterPerson; peerId: string }> = [];
let rollCallId: string;
// On the roster, never joins: the end marks them 缺席, and 补点 calls them again.
let absentee: RosterPerson;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

const rosterRow = (page: Page, person: RosterPerson) => page.locator(`[data-testid="roster-entry"][data-entry-id="${person.entryId}"]`);
const entryOf = async (page: Page, person: RosterPerson) =>
  (await page.evaluate(async (id) => (await fetch(`/api/v1/rollcalls/${id}`)).json(), rollCallId)).entries.find((e: { id: string }) => e.id === person.entryId);
const callPerson = async (page: Page, person: RosterPerson) => {
  await rosterRow(page, person).getByRole("button", { name: formatMessage(zh.rollcallConsole.callNamed, { name: person.name }) }).click();
  await expect(page.getByTestId("spotlight-name")).toHaveText(person.name);
};

test.afterAll(async () => {
  for (const who of [officer, ...persons]) await who?.context.close().catch(() => {});
});

test("after a mark the person's screen says the officer's decision at once, pushed to them alone", async ({ browser }) => {
  test.slow();
  officer = await newParticipant(browser);
  await signInByApi(officer.page, "hc.officer");
  const scheduled = await scheduleRollCall(officer.page, `第二轮点名 ${suffix}`, 3);
  rollCallId = scheduled.id;
  absentee = scheduled.people.pop()!;
  for (const [index, person] of scheduled.people.entries()) {
    const participant = await newParticipant(browser, { phone: index === 1 });
    await verifyAndWait(participant.page, `/r/${person.token}`, person.idLast4);
    persons.push({ ...participant, person, peerId: "" });
  }
  const { page } = officer;
  await startRollCall(page, rollCallId);
  for (const who of persons) who.peerId = await selfId(who.page);
  const [a, b] = persons;

  // The stage: the officer's own camera among the tiles (decoding the local camera), and three
  // tiles filling the space (they were fixed 10rem cells with the rest of the screen empty).
  const selfTile = page.getByTestId("participant-grid").getByTestId("self-tile");
  await expect(selfTile).toBeVisible();
  await expect.poll(() => selfTile.locator("video").evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="participant-tile"]')).toHaveCount(2);
  const stage = (await page.getByTestId("console-stage").boundingBox())!;
  await expect.poll(async () => (await selfTile.boundingBox())!.width).toBeGreaterThan(stage.width / 4);

  await callPerson(page, a!.person);
  await expect(a!.page.getByTestId("challenge-card")).toBeVisible();
  // The snapshot kept for the record: once the spotlight decodes the person's video.
  await expect.poll(async () => (await deliveredVideo(page, a!.peerId)).frameHeight, { timeout: 20_000 }).toBeGreaterThan(0);
  // The called person pinned large: the spotlight's picture is wider than any tile of the stage.
  const pinned = (await page.getByTestId("spotlight-video").boundingBox())!.width;
  for (const tile of [selfTile, ...(await page.getByTestId("participant-tile").all())]) expect((await tile.boundingBox())!.width).toBeLessThan(pinned);
  await page.keyboard.press("s");
  await expect(page.getByTestId("evidence-thumbnail")).toBeVisible();
  // A remark goes with the mark (typed keys stay in the field: "1" here marks nobody).
  await page.getByTestId("mark-remark").fill("回答清楚 1");
  await page.getByTestId("mark-present").click();
  await expect(page.getByTestId("spotlight").getByTestId("mark-state")).toHaveAttribute("data-state", "saved");
  // The person's page: "已签到", from the node's event to this peer (never a poll of the portal).
  const banner = a!.page.getByTestId("marked-banner");
  await expect(banner).toHaveAttribute("data-status", "present", { timeout: 5_000 });
  await expect(banner).toContainText(p2.marked.present);
  await a!.page.screenshot({ path: test.info().outputPath("person-marked.png") });
  await page.screenshot({ path: test.info().outputPath("console-after-mark.png") });
  await expect(a!.page.getByTestId("challenge-card")).toHaveCount(0);
  expect((await callState(a!.page))!.marked).toEqual({ status: "present", makeUp: false });
  expect((await callState(b!.page))!.marked).toBeUndefined();
  await expect(b!.page.getByTestId("marked-banner")).toHaveCount(0);
  expect(await entryOf(page, a!.person)).toMatchObject({ status: "present", remark: "回答清楚 1" });
  // The officer changes the decision: the person's screen follows.
  await callPerson(page, a!.person);
  await page.keyboard.press("2");
  await expect(banner).toHaveAttribute("data-status", "late", { timeout: 5_000 });
  await expect(banner).toContainText(p2.marked.late);
});

test("a person who leaves mid-challenge: the console says so and the answer timer stops", async () => {
  const [, b] = persons;
  const { page } = officer;
  await callPerson(page, b!.person);
  await expect(b!.page.getByTestId("challenge-card")).toBeVisible();
  await b!.page.getByTestId("leave").click();
  const departed = page.getByTestId("called-departed");
  await expect(departed).toContainText(formatMessage(p2.departed, { name: b!.person.name }), { timeout: 15_000 });
  const timer = page.getByTestId("answer-timer");
  await expect(timer).toHaveAttribute("data-stopped", "true");
  const stopped = await timer.textContent();
  // Three seconds on, the timer still reads the same.
  await page.waitForTimeout(3_000);
  await expect(timer).toHaveText(stopped!);
  await page.screenshot({ path: test.info().outputPath("console-departed.png") });
});

test("请假 asks for its reason, keeps a remark and a document (by hash), and the mark reaches the record", async () => {
  const [, b] = persons;
  const { page } = officer;
  await page.keyboard.press("3");
  const dialog = page.getByTestId("excuse-dialog");
  await expect(dialog).toBeVisible();
  // No reason, no 请假: the dialog says what is missing and nothing is sent.
  await page.getByTestId("excuse-submit").click();
  await expect(page.getByRole("alert").filter({ hasText: p2.excuse.reasonMissing })).toBeVisible();
  expect((await entryOf(page, b!.person)).status).toBe("pending");
  await page.getByTestId("excuse-reason").fill("突发疾病住院");
  await page.getByTestId("excuse-remark").fill("家属电话告知");
  await page.getByTestId("excuse-file").setInputFiles({ name: "病假条.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByTestId("excuse-submit").click();
  await expect(rosterRow(page, b!.person)).toHaveAttribute("data-status", "excused");
  await expect(page.getByTestId("excuse-upload")).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
  const sha256 = createHash("sha256").update(PDF).digest("hex");
  expect(await entryOf(page, b!.person)).toMatchObject({
    status: "excused",
    excuseReason: "突发疾病住院",
    remark: "家属电话告知",
    attachments: [expect.objectContaining({ sha256, mimeType: "application/pdf" })],
  });
});

test("the printed record and the CSV show remarks, reasons, documents, snapshots and staff display names, with China's dates", async () => {
  const [a, b] = persons;
  const { page } = officer;
  await page.getByRole("button", { name: zh.rollcallConsole.end, exact: true }).click();
  await page.getByRole("button", { name: zh.rollcallConsole.endConfirm, exact: true }).click();
  await expect(page.getByTestId("console-ended")).toBeVisible();
  const me = await page.evaluate(async () => (await fetch("/api/v1/auth/me")).json());
  expect(me.displayName).not.toBe("hc.officer");

  await page.goto(`/rollcalls/${rollCallId}/print`);
  const row = (person: RosterPerson) => page.getByTestId("print-table").locator("tbody tr").filter({ hasText: person.name });
  await expect(row(a!.person).getByTestId("record-marked-by")).toHaveText(formatMessage(p2.record.markedBy, { name: me.displayName }));
  await expect(row(a!.person).getByTestId("record-remark")).toHaveCount(0); // the later 迟到 mark carried no remark
  await expect.poll(() => row(a!.person).getByTestId("print-snapshot").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
  await expect(row(b!.person).getByTestId("record-reason")).toHaveText(formatMessage(p2.record.reason, { text: "突发疾病住院" }));
  await expect(row(b!.person).getByTestId("record-remark")).toHaveText(formatMessage(p2.record.remark, { text: "家属电话告知" }));
  await expect(row(b!.person).getByTestId("record-attachment")).toContainText(createHash("sha256").update(PDF).digest("hex"));
  // Planned and actual times apart: the call opened before its planned start.
  await expect(page.getByTestId("print-planned")).toBeVisible();
  await expect(page.getByTestId("print-actual")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("print-record.png"), fullPage: true });

  const csv = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/rollcalls/${id}/export.csv`);
    return { disposition: response.headers.get("content-disposition")!, body: await response.text() };
  }, rollCallId);
  const chinaToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  expect(decodeURIComponent(csv.disposition)).toContain(`-${chinaToday}.csv`);
  const line = csv.body.split("\r\n").find((l) => l.startsWith(`${b!.person.name},`))!;
  expect(line.split(",").slice(-5)).toEqual([me.displayName, "突发疾病住院", createHash("sha256").update(PDF).digest("hex"), "家属电话告知", ""]);
  // Cells in China time: the mark's time reads as the China clock shows it.
  const markedAt = new Date((await entryOf(page, b!.person)).markedAt);
  const chinaClock = new Date(markedAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  expect(line).toContain(chinaClock);
});

test("补点: the person marked 缺席 joins by a new link, is seen and marked; the record shows it beside the 缺席, which stays in the rate", async ({ browser }) => {
  test.slow();
  const { page } = officer;
  // Two cameras at once at most (2 cores): the excused person's phone is done.
  await persons[1]!.context.close();
  const detail = async (id: string) => page.evaluate(async (rc) => (await fetch(`/api/v1/rollcalls/${rc}`)).json(), id);
  const before = await detail(rollCallId);
  expect(before.entries.find((e: { id: string }) => e.id === absentee.entryId)).toMatchObject({ status: "absent", makeUp: null });
  await page.goto(`/rollcalls/${rollCallId}`);
  const summaryRow = page.getByTestId("summary-table").locator(`tr[data-entry-id="${absentee.entryId}"]`);
  await expect(summaryRow).toContainText(zh.rollcall.attendance.absent);
  const rate = page.getByTestId("summary-rate");
  const rateBefore = await rate.textContent();
  await summaryRow.getByTestId("make-up").click();
  // The make-up's own page: a roll call of one, starting now, with the person's new link.
  await expect(page).not.toHaveURL(new RegExp(`/rollcalls/${rollCallId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`补点：第二轮点名 ${suffix}`);
  const makeUpId = new URL(page.url()).pathname.split("/").pop()!;
  const made = await detail(makeUpId);
  expect(made.entries).toHaveLength(1);
  expect(made.entries[0]).toMatchObject({ personId: absentee.personId, status: "pending" });
  await page.getByRole("button", { name: `${zh.rollcall.detail.qr} ${absentee.name}` }).click();
  const link = (await page.getByTestId("qr-link").textContent())!.trim();
  expect(link).not.toContain(absentee.token);
  await page.keyboard.press("Escape");

  const late = await newParticipant(browser, { phone: true });
  persons.push({ ...late, person: absentee, peerId: "" });
  await verifyAndWait(late.page, link, absentee.idLast4);
  await page.getByRole("link", { name: zh.rollcall.enterConsole }).click();
  await startOnConsole(page);
  const peerId = await selfId(late.page);
  const makeUpPerson = { ...absentee, entryId: made.entries[0].id };
  await callPerson(page, makeUpPerson);
  // Seen: the console decodes the person's camera (frames growing), not a tile with a name.
  await expectDecoding(page, [peerId]);
  await page.keyboard.press("1");
  await expect(page.getByTestId("spotlight").getByTestId("mark-state")).toHaveAttribute("data-state", "saved");
  const banner = late.page.getByTestId("marked-banner");
  await expect(banner).toHaveAttribute("data-make-up", "true", { timeout: 5_000 });
  await expect(banner).toContainText(formatMessage(p2.marked.makeUp, { status: p2.marked.present }));

  // The original roll call: 缺席 stays, the make-up's result beside it, the rate unchanged.
  const after = await detail(rollCallId);
  expect(after.entries.find((e: { id: string }) => e.id === absentee.entryId)).toMatchObject({ status: "absent", makeUp: { status: "present" } });
  expect(after.counts).toEqual(before.counts);
  expect(after.attendanceRate).toBe(before.attendanceRate);
  await page.goto(`/rollcalls/${rollCallId}`);
  await expect(summaryRow).toContainText(zh.rollcall.attendance.absent);
  await expect(summaryRow.getByTestId("record-make-up")).toHaveAttribute("data-status", "present");
  await expect(summaryRow.getByTestId("make-up")).toHaveCount(0);
  await expect(rate).toHaveText(rateBefore!);
  await page.screenshot({ path: test.info().outputPath("make-up-recorded.png"), fullPage: true });
});

test("the console cannot open hours before the start, and says when it opens", async () => {
  const { page } = officer;
  const api = await staffApi(page.context(), page.request);
  const me = await api.get<{ unitId: string }>("/api/v1/auth/me");
  const startsAt = new Date(Date.now() + 3 * 3_600_000);
  const created = await api.post<{ items: Array<{ id: string }> }>("/api/v1/rollcalls", {
    title: `稍后点名 ${suffix}`,
    unitId: me.unitId,
    startsAt: startsAt.toISOString(),
    personIds: [persons[0]!.person.personId],
  });
  const id = created.items[0]!.id;
  await page.goto(`/rollcalls/${id}/console`);
  const opensAt = new Date(startsAt.getTime() - 15 * 60_000);
  const clock = new Date(opensAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  await expect(page.getByTestId("console-not-yet")).toContainText(clock);
  await expect(page.getByTestId("rollcall-console")).toHaveCount(0);
  expect((await api.send("POST", `/api/v1/rollcalls/${id}/open`)).status).toBe(409);
  expect((await api.get<{ state: string }>(`/api/v1/rollcalls/${id}`)).state).toBe("scheduled");
});
