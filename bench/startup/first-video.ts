// "Video works", measured the way a person would see it: a host signs in to the portal, creates a
// room and joins its call page with the fake camera; a guest opens the room's guest link, joins,
// and decodes the host's video (getStats framesDecoded > 0, the bandwidth probe excluded). The
// media node's /health answering only says its HTTP port is open; this says a call works.
import type { BrowserContext, Page } from "@playwright/test";
import { launchE2eChromium } from "../join/e2e-chromium.ts";
import { CSRF_COOKIE, CSRF_HEADER } from "../../web/lib/auth/cookie-names.ts";
import { DEMO_PASSWORD } from "../../web/lib/seed/demo-units.ts";
import { zhCatalog as zh } from "../../web/messages/catalogs.ts";

const HOST_USERNAME = "gm.officer";
/** Generous: the machine this runs on may be shared and loaded. */
const STEP_TIMEOUT_MS = 120_000;

type Probe = { state(): { phase: string; local: { camera?: unknown } }; inboundVideoStats(): Promise<Array<{ framesDecoded: number }>> };

export interface FirstVideo {
  /** Sign the host in and create the room: done while the worker is still building. */
  prepare(): Promise<void>;
  /** Host joins, guest joins; resolves when the guest has decoded a frame of the host's video. */
  joinAndDecode(): Promise<void>;
  close(): Promise<void>;
}

export async function firstVideo(portalUrl: string): Promise<FirstVideo> {
  const browser = await launchE2eChromium();
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ baseURL: portalUrl, locale: "zh-CN" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    return page;
  };
  let room: { id: string; guestLink: string } | undefined;
  let host: Page | undefined;

  return {
    async prepare() {
      host = await newPage();
      const login = await host.request.post("/api/v1/auth/login", { data: { username: HOST_USERNAME, password: DEMO_PASSWORD } });
      if (!login.ok()) throw new Error(`sign-in as ${HOST_USERNAME} failed: ${login.status()} ${await login.text()}`);
      const csrf = (await host.context().cookies()).find((c) => c.name === CSRF_COOKIE)?.value ?? "";
      const created = await host.request.post("/api/v1/rooms", {
        data: { title: "bench/startup", requiresAdmission: false },
        headers: { [CSRF_HEADER]: csrf },
      });
      if (!created.ok()) throw new Error(`room creation failed: ${created.status()} ${await created.text()}`);
      room = (await created.json()) as { id: string; guestLink: string };
    },

    async joinAndDecode() {
      if (!host || !room) throw new Error("prepare() first");
      await host.goto(`/rooms/${room.id}/call`);
      await clickWhenEnabled(host, zh.join.join);
      await host.waitForFunction(() => (window as unknown as { __ygavCall?: Probe }).__ygavCall?.state().local.camera, null, {
        timeout: STEP_TIMEOUT_MS,
      });

      const guest = await newPage();
      await guest.goto(room.guestLink);
      await guest.getByLabel(zh.join.yourName).fill("访客");
      await clickWhenEnabled(guest, zh.join.join);
      await guest.waitForFunction(
        async () => {
          const stats = (await (window as unknown as { __ygavCall?: Probe }).__ygavCall?.inboundVideoStats()) ?? [];
          return stats.some((s) => s.framesDecoded > 0);
        },
        null,
        { timeout: STEP_TIMEOUT_MS, polling: 250 },
      );
    },

    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
    },
  };
}

async function clickWhenEnabled(page: Page, text: string): Promise<void> {
  const button = page.getByRole("button", { name: text, exact: true });
  await button.waitFor();
  await page.waitForFunction((label) => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === label && !b.disabled), text, {
    timeout: STEP_TIMEOUT_MS,
  });
  await button.click();
}
