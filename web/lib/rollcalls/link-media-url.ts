import { getDb } from "../db/client.ts";
import { staffMediaUrl } from "../media/staff-media-url.ts";
import { entryIdOfToken } from "./personal-link.ts";

/**
 * Issue 14: the media node a personal link's call will be on (its roll call's unit's node, where
 * grantFor places the person). The waiting page opens its socket there before the call opens, so
 * the join after the push needs no new connection. Only a public address: the page calls it
 * after openPersonalLink has accepted the link.
 */
export async function linkMediaUrl(token: string): Promise<string> {
  const entry = await (await getDb()).rollCallEntry.findUnique({
    where: { id: entryIdOfToken(token) },
    select: { rollCall: { select: { unit: { select: { path: true } } } } },
  });
  return staffMediaUrl(entry?.rollCall.unit.path ?? "");
}
