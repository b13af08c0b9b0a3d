/**
 * Runs one connection's requests one at a time, in arrival order. Per-peer checks (one
 * producer per source, at most N transports) read state that the request itself changes only
 * after awaiting the worker; run concurrently, a hundred requests all passed the check before
 * the first one wrote. Serialising each connection makes every check-then-act atomic for it,
 * and also orders `disconnect` after a `join` still in flight (the ghost participant).
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting: number) {}

  get size(): number {
    return this.waiting;
  }

  /** Queues `task`; false (nothing queued) when `maxWaiting` tasks already wait. */
  offer(task: () => Promise<void>): boolean {
    if (this.waiting >= this.maxWaiting) return false;
    this.push(task);
    return true;
  }

  /** Queues `task` whatever the length (the disconnect clean-up must always run). */
  push(task: () => Promise<void>): void {
    this.waiting++;
    this.tail = this.tail
      .then(task)
      // A task reports its own failures; one failing must not stop the ones behind it.
      .catch(() => undefined)
      .finally(() => {
        this.waiting--;
      });
  }
}
