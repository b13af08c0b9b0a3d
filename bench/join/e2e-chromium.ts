import { chromium, type Browser } from "@playwright/test";
import playwrightConfig from "../../playwright.config.ts";

/** The same Debian Chromium and flags as the e2e tests (fake camera and microphone, loopback ICE). */
export function launchE2eChromium(): Promise<Browser> {
  return chromium.launch(playwrightConfig.projects?.[0]?.use?.launchOptions ?? {});
}
