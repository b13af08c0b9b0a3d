import type { MediaConfig } from "../config.ts";
import type { Logger } from "../observability/logger.ts";
import { NodeFigureSampler, type FigureSources } from "./node-figures.ts";
import { NodeRegistrar } from "./node-registrar.ts";

/**
 * Starts registration and heartbeats when the node can prove who it is to a portal: PORTAL_URL
 * (with its secret), MEDIA_UNIT_ID and MEDIA_NODE_KEY. Without them (the all-in-one lone node)
 * nothing is sent, and the node says why once.
 */
export function startRegistrarIfConfigured(config: MediaConfig, port: number, sources: Omit<FigureSources, "networkConfig">, logger: Logger): NodeRegistrar | undefined {
  const log = logger.child({ component: "registry" });
  const missing = [!config.portal && "PORTAL_URL", !config.network.unitId && "MEDIA_UNIT_ID", !config.network.nodeKey && "MEDIA_NODE_KEY"].filter(Boolean);
  if (missing.length > 0) {
    log.info({ missing }, "not registering with the portal (needs PORTAL_URL, MEDIA_UNIT_ID and MEDIA_NODE_KEY)");
    return undefined;
  }
  const host = config.announcedIp ?? (["0.0.0.0", "::"].includes(config.httpHost) ? config.listenIp : config.httpHost);
  const own = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const registrar = new NodeRegistrar({
    portal: config.portal!,
    node: config.nodeId,
    unit: config.network.unitId!,
    parent: config.network.parent?.id ?? null,
    privateKey: config.network.nodeKey!,
    publicUrl: config.registry.publicUrl ?? own,
    internalUrl: config.registry.internalUrl ?? own,
    heartbeatMs: config.registry.heartbeatMs,
    sampler: new NodeFigureSampler({ ...sources, networkConfig: config.network }),
    logger: log,
  });
  registrar.start();
  return registrar;
}
