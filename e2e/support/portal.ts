import { expect, type Page } from "@playwright/test";
import { idNumberCheckChar } from "../../web/lib/persons/id-number.ts";
import { zh } from "./messages.ts";

export const DEMO_PASSWORD = "Sunshine#2026";

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(zh.login.username).fill(username);
  await page.getByLabel(zh.login.password).fill(password);
  await page.getByRole("button", { name: zh.login.submit, exact: true }).click();
  // Generous: the first sign-in on a busy machine pays for argon2 and a cold server.
  await expect(page).not.toHaveURL(/\/login/, { timeout: 20_000 });
}

/**
 * A valid ID number no seeded person has (seeded birth years are 1965–2004) and, with a random
 * date and sequence, unlikely to repeat when the specs run again on the same database.
 */
export function freshIdNumber(): string {
  const random = (below: number) => Math.floor(Math.random() * below);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const first17 = `440608${1950 + random(10)}${pad(1 + random(12), 2)}${pad(1 + random(28), 2)}${pad(random(1000), 3)}`;
  return first17 + idNumberCheckChar(first17);
}

/** Same 17 digits, wrong check character: the shape is right, the number is not. */
export function withWrongCheckChar(idNumber: string): string {
  const wrong = "0123456789X".split("").find((char) => char !== idNumber[17])!;
  return idNumber.slice(0, 17) + wrong;
}

/** A message with {placeholders} → a pattern that matches it with any values filled in. */
export function messagePattern(message: string): RegExp {
  const parts = message.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(parts.join(".+?"));
}

/** A message with its {placeholders} filled in, as the UI renders it. */
export function formatMessage(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));
}
