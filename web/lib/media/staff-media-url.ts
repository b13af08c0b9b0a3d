import { config } from "../config.ts";
import { mediaNodes, nodeForUnitPath } from "./media-nodes.ts";

/**
 * Where a staff member's call page opens its socket before the token arrives. Issue 11: with a
 * network of nodes (MEDIA_NODES) staff connect to their own center's node (grantFor places them
 * there), so the early socket goes there too, rather than to MEDIA_PUBLIC_URL and then again to the
 * node the token names. A page still follows the token's `mediaUrl` when it differs.
 */
export function staffMediaUrl(actorUnitPath: string): string {
  const nodes = mediaNodes();
  return (nodes && nodeForUnitPath(nodes, actorUnitPath)?.url) || config().mediaPublicUrl;
}
