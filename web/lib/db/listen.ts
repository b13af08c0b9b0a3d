/**
 * LISTEN/NOTIFY below Prisma: how one portal process hears that another (or itself) changed
 * something a page is waiting for, with the database as the only shared state.
 *
 * - PostgreSQL: one dedicated connection per process (not from the pool: a pooled client is
 *   handed to other queries between ours), opened on the first listener and reconnected with a
 *   backoff when it drops. Notifications sent while it was down are lost, so `onReconnect` tells
 *   the listeners to look again.
 * - PGlite: its own `listen`. Only one process can open a PGlite folder (the portal), so every
 *   NOTIFY comes from the same instance and is delivered after its transaction commits.
 */
export interface Listen {
  (channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

type Handlers = { onPayload: (payload: string) => void; onReconnect?: () => void };

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;
/** Channel names are identifiers in LISTEN: only ours, never user input. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function assertChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`bad channel name: ${channel}`);
}

export function listenPglite(pglite: import("@electric-sql/pglite").PGlite): Listen {
  const listen = (async (channel, onPayload) => {
    assertChannel(channel);
    const unlisten = await pglite.listen(channel, onPayload);
    return async () => {
      if (!pglite.closed) await unlisten().catch(() => {});
    };
  }) as Listen;
  listen.close = async () => {};
  return listen;
}

export function listenPostgres(connectionString: string): Listen {
  const channels = new Map<string, Set<Handlers>>();
  let client: import("pg").Client | null = null;
  let connecting: Promise<import("pg").Client> | null = null;
  let closed = false;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  async function connect(): Promise<import("pg").Client> {
    const { Client } = await import("pg");
    const next = new Client({ connectionString });
    next.on("notification", (message) => {
      for (const handlers of channels.get(message.channel) ?? []) handlers.onPayload(message.payload ?? "");
    });
    const lost = () => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners("notification");
      next.end().catch(() => {});
      scheduleReconnect();
    };
    next.on("error", lost);
    next.on("end", lost);
    await next.connect();
    for (const channel of channels.keys()) await next.query(`LISTEN ${channel}`);
    return next;
  }

  function ensure(): Promise<import("pg").Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().then(
      (opened) => {
        connecting = null;
        retryMs = RECONNECT_MIN_MS;
        if (closed) {
          void opened.end().catch(() => {});
          throw new Error("closed");
        }
        client = opened;
        return opened;
      },
      (error) => {
        connecting = null;
        throw error;
      },
    );
    return connecting;
  }

  function scheduleReconnect(): void {
    if (closed || retryTimer || channels.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      ensure().then(
        () => {
          for (const set of channels.values()) for (const handlers of set) handlers.onReconnect?.();
        },
        () => {
          retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
          scheduleReconnect();
        },
      );
    }, retryMs);
  }

  const listen = (async (channel, onPayload, onReconnect) => {
    assertChannel(channel);
    const handlers: Handlers = { onPayload, onReconnect };
    let set = channels.get(channel);
    const first = !set;
    if (!set) channels.set(channel, (set = new Set()));
    set.add(handlers);
    try {
      const connection = await ensure();
      if (first) await connection.query(`LISTEN ${channel}`);
    } catch {
      // The database is away: the reconnect LISTENs every channel and the listener looks again.
      scheduleReconnect();
    }
    return async () => {
      set.delete(handlers);
      if (set.size > 0 || channels.get(channel) !== set) return;
      channels.delete(channel);
      await client?.query(`UNLISTEN ${channel}`).catch(() => {});
    };
  }) as Listen;
  listen.close = async () => {
    closed = true;
    clearTimeout(retryTimer);
    channels.clear();
    const open = client;
    client = null;
    await open?.end().catch(() => {});
  };
  return listen;
}
