import type { CallState } from "../call-state.ts";
import type { CallSession } from "../call-session.ts";

/** Resolves with the session's state once `test` holds (now or after a change); rejects after `timeoutMs`. */
export const untilState = (session: CallSession, test: (state: CallState) => boolean, timeoutMs = 10_000) =>
  new Promise<CallState>((resolve, reject) => {
    if (test(session.getState())) return resolve(session.getState());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`state never matched; last: ${JSON.stringify({ ...session.getState(), tracks: session.getState().tracks.length })}`));
    }, timeoutMs);
    const stop = session.subscribe((state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      stop();
      resolve(state);
    });
  });
