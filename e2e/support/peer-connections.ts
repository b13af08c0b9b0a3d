import type { BrowserContext, Page } from "@playwright/test";

// What a page's RTCPeerConnections are configured with and which network path they took. An
// init script wraps the constructor before any page script runs: it records each connection and
// its configuration, and can force a network condition the way a real one would show:
// - "relay": iceTransportPolicy "relay", the browser uses nothing but the TURN relay;
// - "tcp": the media node's UDP candidates never reach the browser (as when UDP is blocked on
//   the way) and no TURN server is given, so only mediasoup's ICE-TCP candidate is left.

export type NetworkCondition = "relay" | "tcp";

export interface SelectedPath {
  /** host, srflx, prflx or relay (the browser's end of the selected candidate pair). */
  candidateType: string;
  /** udp or tcp: the browser's end towards the media node or the relay. */
  protocol: string;
  /** How the relay was reached, when candidateType is relay. */
  relayProtocol?: string;
  remoteProtocol: string;
}

export async function forceNetwork(context: BrowserContext, condition: NetworkCondition): Promise<void> {
  await context.addInitScript((mode: NetworkCondition) => {
    const Native = window.RTCPeerConnection;
    const seen: Array<{ pc: RTCPeerConnection; config: RTCConfiguration }> = [];
    (window as unknown as { __ygavPeerConnections: typeof seen }).__ygavPeerConnections = seen;
    const withoutUdp = (sdp: string) =>
      sdp
        .split("\r\n")
        .filter((line) => !(line.startsWith("a=candidate:") && / udp /i.test(line)))
        .join("\r\n");
    class Observed extends Native {
      constructor(config: RTCConfiguration = {}) {
        const effective: RTCConfiguration = mode === "relay" ? { ...config, iceTransportPolicy: "relay" } : { ...config, iceServers: [] };
        super(effective);
        seen.push({ pc: this, config });
      }
      override setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
        if (mode === "tcp" && description?.sdp) return super.setRemoteDescription({ type: description.type, sdp: withoutUdp(description.sdp) });
        return super.setRemoteDescription(description);
      }
    }
    window.RTCPeerConnection = Observed as unknown as typeof RTCPeerConnection;
  }, condition);
}

/** The ICE servers each connection was given by the page (before any forcing). */
export async function configuredIceServers(page: Page): Promise<RTCIceServer[][]> {
  return page.evaluate(() =>
    (window as unknown as { __ygavPeerConnections: Array<{ config: RTCConfiguration }> }).__ygavPeerConnections.map((entry) => entry.config.iceServers ?? []),
  );
}

/** The selected candidate pair of every connected RTCPeerConnection of the page. */
export async function selectedPaths(page: Page): Promise<SelectedPath[]> {
  return page.evaluate(async () => {
    const entries = (window as unknown as { __ygavPeerConnections: Array<{ pc: RTCPeerConnection }> }).__ygavPeerConnections;
    const paths = [];
    for (const { pc } of entries) {
      if (pc.connectionState !== "connected") continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((report: Record<string, unknown>) => stats.set(report.id as string, report));
      const transport = [...stats.values()].find((s) => s.type === "transport" && s.selectedCandidatePairId);
      const pair = transport && stats.get(transport.selectedCandidatePairId as string);
      const local = pair && stats.get(pair.localCandidateId as string);
      const remote = pair && stats.get(pair.remoteCandidateId as string);
      if (!local || !remote) continue;
      paths.push({
        candidateType: String(local.candidateType),
        protocol: String(local.protocol),
        ...(local.relayProtocol ? { relayProtocol: String(local.relayProtocol) } : {}),
        remoteProtocol: String(remote.protocol),
      });
    }
    return paths;
  });
}

type PcWindow = { __pcs: RTCPeerConnection[] };

/** From now on, the context's pages record every RTCPeerConnection they make (for peerConnectionStates). */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const seen: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = seen;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        seen.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/**
 * The states of the page's open RTCPeerConnections (recorded by recordPeerConnections); the
 * throwaway ones mediasoup-client makes to read the browser's capabilities are closed and left out.
 */
export function peerConnectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as PcWindow).__pcs.map((pc) => pc.connectionState).filter((state) => state !== "closed"));
}
