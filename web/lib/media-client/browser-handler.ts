import { detectDevice, type types } from "mediasoup-client";
import { Chrome111 } from "mediasoup-client/handlers/Chrome111";
import { Chrome74 } from "mediasoup-client/handlers/Chrome74";
import { Firefox120 } from "mediasoup-client/handlers/Firefox120";
import { Safari12 } from "mediasoup-client/handlers/Safari12";

const HANDLERS: Record<string, { createFactory(): types.HandlerFactory }> = { Chrome111, Chrome74, Firefox120, Safari12 };

let shared: types.HandlerFactory | null | undefined;

/**
 * mediasoup-client's handler for this browser, with its native RTP capabilities asked once per
 * page. Loading a Device otherwise builds two throwaway RTCPeerConnections every time: 50–120 ms
 * of a loaded 2-core machine on the way to the first picture, and again on every rejoin. What a
 * browser can encode and decode does not change while the page lives. null: an unsupported
 * browser (the Device then reports it itself).
 */
export function browserHandlerFactory(): types.HandlerFactory | null {
  if (shared !== undefined) return shared;
  const name = typeof navigator === "undefined" ? undefined : detectDevice();
  const handler = name ? HANDLERS[name] : undefined;
  if (!handler) return (shared = null);
  const base = handler.createFactory();
  const asked = new Map<string, Promise<types.RtpCapabilities>>();
  shared = {
    ...base,
    getNativeRtpCapabilities(options) {
      let capabilities = asked.get(options.direction);
      if (!capabilities) {
        capabilities = base.getNativeRtpCapabilities(options);
        // A failed probe is asked again next time rather than remembered.
        capabilities.catch(() => asked.delete(options.direction));
        asked.set(options.direction, capabilities);
      }
      return capabilities;
    },
  };
  return shared;
}

/** Asks for the native capabilities now (e.g. while the join screen is open), so joining is quicker. */
export function warmUpBrowserHandler(): void {
  const factory = browserHandlerFactory();
  if (!factory) return;
  void factory.getNativeRtpCapabilities({ direction: "recvonly" }).catch(() => undefined);
  void factory.getNativeRtpCapabilities({ direction: "sendonly" }).catch(() => undefined);
}
