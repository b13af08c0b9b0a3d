import { getDatabase } from "../../db/client.ts";
import { ROLLCALL_CHANGED } from "./signal-change.ts";

/**
 * How long a waiting link trusts the notifications alone. Every watcher looks again this often:
 * it catches what no NOTIFY announces (a revoked link, a roll call ended by the clock) and what a
 * dropped LISTEN connection missed.
 */
export const SWEEP_MS = 5000;

type Wake = () => void;

interface Hub {
  byRollCall: Map<string, Set<Wake>>;
  unlisten: Promise<() => Promise<void>> | null;
  sweep: ReturnType<typeof setInterval> | null;
}

// One hub per process (next start evaluates modules once per route entry: keep it on globalThis).
const holder = globalThis as typeof globalThis & { __yangguangRollCallHub?: Hub };
const hub = (holder.__yangguangRollCallHub ??= { byRollCall: new Map(), unlisten: null, sweep: null });

function wakeAll(): void {
  for (const set of hub.byRollCall.values()) for (const wake of set) wake();
}

function onPayload(rollCallId: string): void {
  for (const wake of hub.byRollCall.get(rollCallId) ?? []) wake();
}

/**
 * Calls `wake` whenever roll call `rollCallId` may have changed: at once on its NOTIFY (from any
 * portal process on the same database), and every SWEEP_MS anyway. One LISTEN and one timer per
 * process, however many pages wait. `listening` settles once the LISTEN is in place (a change
 * committed before that is seen only by looking again then).
 */
export function watchRollCall(rollCallId: string, wake: Wake): { stop: () => void; listening: Promise<unknown> } {
  let set = hub.byRollCall.get(rollCallId);
  if (!set) hub.byRollCall.set(rollCallId, (set = new Set<Wake>()));
  set.add(wake);
  if (!hub.unlisten) {
    hub.unlisten = getDatabase().then((db) => db.listen(ROLLCALL_CHANGED, onPayload, wakeAll));
    hub.unlisten.catch(() => {
      hub.unlisten = null;
    });
  }
  hub.sweep ??= setInterval(wakeAll, SWEEP_MS);
  const listening = hub.unlisten.catch(() => undefined);
  const stop = () => {
    set.delete(wake);
    if (set.size === 0 && hub.byRollCall.get(rollCallId) === set) hub.byRollCall.delete(rollCallId);
    if (hub.byRollCall.size > 0) return;
    if (hub.sweep) clearInterval(hub.sweep);
    hub.sweep = null;
    const unlisten = hub.unlisten;
    hub.unlisten = null;
    void unlisten?.then((unlistenNow) => unlistenNow()).catch(() => {});
  };
  return { stop, listening };
}
