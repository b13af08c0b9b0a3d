// The signaling property test (server/test/signaling-fuzz.test.ts), run longer and with a seed of
// your choice: `npx tsx bench/signaling-fuzz/run.ts [--runs N] [--seed S]`. Prints what was sent,
// how it was answered, and what the worker held afterwards; exits 1 on any bad answer or leak.
import "../sfu/worker-bin.ts";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { startMediaNode } from "../../server/test/support/media-node-fixture.ts";
import { commandArbitrary, FuzzHarness } from "../../server/test/support/signaling-fuzz.ts";
import { watchWorkers } from "../../server/test/support/worker-census.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "500" }, seed: { type: "string" } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);

const fixture = await startMediaNode({
  MEDIA_RTC_MIN_PORT: "35000",
  MEDIA_RTC_MAX_PORT: "35999",
  MEDIA_REQUEST_BURST: "100000",
  MEDIA_REQUESTS_PER_SECOND: "100000",
  MEDIA_PEER_RECONNECT_GRACE_SECONDS: "1",
  MEDIA_ROOM_EMPTY_GRACE_SECONDS: "0",
});
const { census } = watchWorkers(fixture.node.pool);
const harness = new FuzzHarness(fixture);
const started = performance.now();
let failure: unknown;
try {
  await fc.assert(
    fc.asyncProperty(fc.array(commandArbitrary, { minLength: 5, maxLength: 60, size: "max" }), async (commands) => {
      for (const command of commands) await harness.run(command);
      return harness.tally.bad.length === 0;
    }),
    { seed, numRuns: runs, endOnFailure: true },
  );
} catch (error) {
  failure = error;
}
const seconds = (performance.now() - started) / 1000;
await harness.close();
let left = await census();
for (let i = 0; i < 40 && (left.routers || left.transports || left.producers || left.consumers); i++) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  left = await census();
}
const { tally } = harness;
console.log(`seed ${seed}, ${runs} runs: ${tally.requests} requests in ${seconds.toFixed(1)} s (${(tally.requests / seconds).toFixed(0)}/s), ${tally.reconnects} room(s)`);
console.log(`answers: ok ${tally.ok}, ${Object.entries(tally.byCode).map(([code, n]) => `${code} ${n}`).join(", ")}`);
console.log(`bad answers: ${tally.bad.length}${tally.bad.length ? `\n${tally.bad.slice(0, 5).map((b) => `  ${b.command} -> ${JSON.stringify(b.answer)}`).join("\n")}` : ""}`);
console.log(`worker after everyone left: ${JSON.stringify(left)}`);
if (failure) console.log(String(failure).split("\n").slice(0, 4).join("\n"));
await fixture.stop();
process.exit(failure || tally.bad.length || left.transports || left.producers || left.consumers || left.routers ? 1 : 0);
