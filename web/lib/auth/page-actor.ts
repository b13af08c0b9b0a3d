import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "./actor.ts";
import { SESSION_COOKIE } from "./cookie-names.ts";
import { resolveSession } from "./resolve-session.ts";

// One lookup per request, shared by the layout's header and the page.
const currentActor = cache(async (): Promise<Actor | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return (await resolveSession(token))?.actor ?? null;
});

/** The signed-in actor for the header, or null; never a reason to skip the page's own check. */
export function getPageActor(): Promise<Actor | null> {
  return currentActor();
}

/**
 * Every page starts with this: without a live session it redirects to the login page (which
 * comes back to `returnTo`) before any data is read.
 */
export async function requirePageActor(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return actor;
}
