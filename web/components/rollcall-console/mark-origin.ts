/**
 * Every mark is numbered within its console tab, so that the server can tell a late copy of an
 * earlier mark from a newer one (see lib/rollcalls/mark-entry.ts). The tab's id and counter live
 * in sessionStorage: they survive a reload of the tab, which re-sends its unsaved marks under
 * their first numbers, and two tabs never share a counter.
 */
export interface MarkOrigin {
  console: string;
  seq: number;
}

const ID_KEY = "ygav.console.id";
const SEQ_KEY = "ygav.console.seq";

let memory: { console: string; seq: number } | null = null;

export function nextMarkOrigin(): MarkOrigin {
  const current = memory ?? readStored() ?? { console: randomUuid(), seq: 0 };
  memory = { console: current.console, seq: Math.max(current.seq, readStored()?.seq ?? 0) + 1 };
  try {
    sessionStorage.setItem(ID_KEY, memory.console);
    sessionStorage.setItem(SEQ_KEY, String(memory.seq));
  } catch {
    // Storage refused: numbering holds for the life of the page, which is what matters most.
  }
  return { ...memory };
}

function readStored(): { console: string; seq: number } | null {
  try {
    const id = sessionStorage.getItem(ID_KEY);
    const seq = Number(sessionStorage.getItem(SEQ_KEY));
    return id && /^[0-9a-f-]{36}$/.test(id) && Number.isSafeInteger(seq) && seq >= 0 ? { console: id, seq } : null;
  } catch {
    return null;
  }
}

/** A v4 UUID; crypto.randomUUID exists only on https, and a county office may serve the portal over http. */
function randomUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isMarkOrigin(value: unknown): value is MarkOrigin {
  const origin = value as MarkOrigin | null;
  return typeof origin?.console === "string" && Number.isSafeInteger(origin?.seq) && origin.seq >= 1;
}
