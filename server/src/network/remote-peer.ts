import type { PeerInfo } from "../protocol/entities.ts";
import type { RemotePeerInfo } from "../protocol/network.ts";
import { Peer } from "../media/peer.ts";
import type { PeerChannel } from "../media/peer-channel.ts";

/** A remote peer has no connection here: its own node talks to it. */
const NOWHERE: PeerChannel = {
  notify() {},
  offerConsumer: () => Promise.reject(new Error("a remote peer consumes on its own node")),
  disconnect() {},
};

/**
 * A participant of the room connected to another node, as this node learned it over the link
 * `via`. It takes part in visibility (its role, `sees`, observer and unlisted flags are the token's, relayed)
 * and its producers appear here once piped; its info lists every producer it has, piped or not.
 */
export class RemotePeer extends Peer {
  constructor(
    public remote: RemotePeerInfo,
    via: string,
  ) {
    super(
      {
        room: "-",
        sub: remote.id,
        name: remote.name,
        role: remote.role,
        sees: remote.sees,
        ...(remote.unlisted ? { unlisted: true } : {}),
        grants: { publish: remote.producers.length > 0, subscribe: false, observe: remote.observer, moderate: remote.moderator },
        kind: "meeting",
        lobby: false,
        exp: 0,
      },
      NOWHERE,
    );
    this.via = via;
    this.connected = remote.connected;
  }

  override info(): PeerInfo {
    const { sees: _sees, unlisted: _unlisted, ...info } = this.remote;
    return { ...info, producers: info.producers.map((p) => ({ ...p })) };
  }
}
