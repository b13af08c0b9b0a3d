// Request/response over a forked child's IPC channel: the bench runs its load generator and the
// platform's media node in child processes, so each one's CPU is measured on its own.
import { fork, type ChildProcess } from "node:child_process";

type Reply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };
type Handlers = Record<string, (args: any) => unknown>;

/** Parent side: forks a TypeScript module under the same loader (tsx) this process runs with. */
export class ChildRpc<H extends Handlers> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (data: any) => void; reject: (error: Error) => void }>();
  readonly child: ChildProcess;

  constructor(moduleUrl: URL, readonly label: string, env?: Record<string, string>) {
    this.child = fork(moduleUrl, [], {
      env: { ...process.env, ...env },
      execArgv: process.execArgv.length > 0 ? process.execArgv : ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiter?.resolve(reply.data);
      else waiter?.reject(new Error(`${label}: ${reply.error}`));
    });
    this.child.on("exit", (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`${label} exited (${code})`));
      this.pending.clear();
    });
  }

  call<K extends keyof H & string>(op: K, args?: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, args });
    });
  }

  /** Closing the channel is the child's signal to exit. */
  stop(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

/** Child side: answers the parent's calls; exits when the parent goes away. */
export function serveRpc(handlers: Handlers): void {
  process.on("message", (message: { id: number; op: string; args: unknown }) => {
    Promise.resolve()
      .then(() => handlers[message.op]!(message.args))
      .then(
        (data) => process.send!({ id: message.id, ok: true, data: data ?? {} } satisfies Reply),
        (error: unknown) => process.send!({ id: message.id, ok: false, error: String((error as Error)?.stack ?? error) } satisfies Reply),
      );
  });
  process.on("disconnect", () => process.exit(0));
}

/** A process's own CPU time (user + system) in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
