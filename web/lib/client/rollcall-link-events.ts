// The waiting link page's push channel: the portal's event stream for one personal link.
import { ZLinkEvent, type LinkEvent } from "../schemas/rollcall-link-events.ts";

export interface LinkEventHandlers {
  onEvent: (event: LinkEvent) => void;
  /** The stream is open: the page may poll rarely. */
  onOpen: () => void;
  /** The stream dropped (EventSource retries by itself) or was refused for good (closed): poll. */
  onDown: (closedForGood: boolean) => void;
}

/** Opens the stream; returns the close. A message that does not parse is ignored, never acted on. */
export function listenToLink(token: string, handlers: LinkEventHandlers): () => void {
  if (typeof EventSource === "undefined") {
    handlers.onDown(true);
    return () => {};
  }
  const source = new EventSource(`/api/v1/r/${encodeURIComponent(token)}/events`);
  source.onopen = () => handlers.onOpen();
  source.onerror = () => handlers.onDown(source.readyState === EventSource.CLOSED);
  source.onmessage = (message) => {
    let parsed;
    try {
      parsed = ZLinkEvent.safeParse(JSON.parse(String(message.data)));
    } catch {
      return;
    }
    if (!parsed.success) return;
    // The portal ends the stream after a refusal; without this close EventSource would reconnect.
    if (parsed.data.type === "refused") source.close();
    handlers.onEvent(parsed.data);
  };
  return () => source.close();
}
