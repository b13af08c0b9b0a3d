const waiting: Array<() => void> = [];
let draining = false;

function next(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(next);
  else draining = false;
}

/**
 * Resolves on a later turn of the event loop, one waiter per turn, in arrival order, so that
 * I/O (a /health request, other clients' messages) is served between them. Needed where many
 * requests wait on one promise: 200 joins waiting for a new room all resumed in the same
 * microtask burst and each told the others, 20,000 messages before the loop could do anything
 * else (about a second on two busy cores).
 */
export function fairTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!draining) {
      draining = true;
      setImmediate(next);
    }
  });
}
