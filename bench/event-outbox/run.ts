// npm run bench:event-outbox [-- --events 2000]
// What keeping every node event on disk until the portal acknowledges it (issue 10, sixth part)
// costs the media node: the node process's CPU per event reported while the portal is down
// (the event is given its id, queued and written to RECORDINGS_DIR/.outbox), the same without an
// outbox (memory only, as before), and the time a backlog takes to drain once the portal answers
// (a stand-in that answers 200 at once, so the figure is the node's side: batching, sending,
// removing the files), and to be resent by a node that starts with it on disk.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createLogger } from "../../server/src/observability/logger.ts";
import { PortalReporter, type MediaEvent } from "../../server/src/portal-client/portal-reporter.ts";
import { ReportOutbox } from "../../server/src/recording/report-outbox.ts";

const { values } = parseArgs({ options: { events: { type: "string", default: "2000" } } });
const events = Number(values.events);
const logger = createLogger("silent", "bench");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The portal: down (503) until `up`, then 200 for every batch. */
async function standIn() {
  let up = false;
  let received = 0;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      if (!up) return void res.writeHead(503).end();
      const n = (JSON.parse(body) as { events: unknown[] }).events.length;
      received += n;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ stored: n }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: () => (up = true),
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const event = (i: number): MediaEvent => ({ type: "peer.joined", room: "bench-room", identity: `guest:${i}`, name: `访客${i}`, role: "guest", at: new Date().toISOString() });
const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

async function report(withOutbox: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "yg-bench-outbox-"));
  const portal = await standIn();
  const outbox = withOutbox ? new ReportOutbox(dir, logger) : undefined;
  const reporter = new PortalReporter({ url: portal.url, secret: "x".repeat(40) }, "bench", logger, outbox);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < events; i++) reporter.report(event(i));
  // Everything on disk (or queued): what the node paid to keep it.
  while (withOutbox && readdirSync(path.join(dir, ".outbox")).filter((n) => n.endsWith(".json")).length < events) await sleep(5);
  const kept = { cpuMs: cpuMs(cpu), wallMs: performance.now() - started };
  await reporter.close(0);
  return { dir, portal, kept };
}

const memory = await report(false);
await memory.portal.close();
rmSync(memory.dir, { recursive: true, force: true });

const disk = await report(true);
// A node that starts with the backlog on disk: resumes it, and the portal is up.
disk.portal.open();
const resumed = new PortalReporter({ url: disk.portal.url, secret: "x".repeat(40) }, "bench", logger, new ReportOutbox(disk.dir, logger));
const drainCpu = process.cpuUsage();
const drainStart = performance.now();
const loaded = await resumed.resume();
while (resumed.pending > 0 || readdirSync(path.join(disk.dir, ".outbox")).some((n) => n.endsWith(".json"))) await sleep(5);
const drain = { cpuMs: cpuMs(drainCpu), wallMs: performance.now() - drainStart };
await resumed.close(0);
await disk.portal.close();
rmSync(disk.dir, { recursive: true, force: true });

const load = os.loadavg().map((l) => l.toFixed(1)).join(" ");
console.log(`[event-outbox] ${events} events, load ${load}, tmpdir ${os.tmpdir()}`);
console.log(`  reported, memory only:  ${(memory.kept.cpuMs / events).toFixed(3)} ms CPU per event`);
console.log(`  reported, kept on disk: ${(disk.kept.cpuMs / events).toFixed(3)} ms CPU per event; all ${events} on disk after ${disk.kept.wallMs.toFixed(0)} ms`);
console.log(`  backlog resent by the next start: ${loaded} events, portal has ${disk.portal.received()} and the outbox is empty after ${drain.wallMs.toFixed(0)} ms (${(drain.cpuMs / events).toFixed(3)} ms CPU per event)`);
