import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMediaNode, type NodeFixture } from "./support/media-node-fixture.ts";
import { commandArbitrary, FuzzHarness } from "./support/signaling-fuzz.ts";
import { watchWorkers, type WorkerCensus } from "./support/worker-census.ts";

/**
 * Every request name with generated payloads, schema-shaped and hostile, against a real worker:
 * the node never crashes, answers every request with `ok` or a typed error (never `internal`),
 * pollutes no prototype, and once everyone has left the worker holds nothing. Fixed seed and
 * bounded size for `npm test`; bench/signaling-fuzz/run.ts runs longer.
 */
describe("signaling protocol, property-based (fast-check, real worker)", () => {
  let fixture: NodeFixture;
  let census: () => Promise<WorkerCensus>;
  const logLines: string[] = [];

  beforeAll(async () => {
    fixture = await startMediaNode(
      {
        MEDIA_RTC_MIN_PORT: "36000",
        MEDIA_RTC_MAX_PORT: "36999",
        // The rate limit has its own tests; here every command must reach its handler.
        MEDIA_REQUEST_BURST: "100000",
        MEDIA_REQUESTS_PER_SECOND: "100000",
        MEDIA_PEER_RECONNECT_GRACE_SECONDS: "1",
        MEDIA_ROOM_EMPTY_GRACE_SECONDS: "0",
      },
      { logLines },
    );
    ({ census } = watchWorkers(fixture.node.pool));
  });
  afterAll(() => fixture?.stop());

  it("answers every generated request with ok or a typed error and leaks nothing on the worker", async () => {
    const harness = new FuzzHarness(fixture);
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 5, maxLength: 40 }), async (commands) => {
        for (const command of commands) await harness.run(command);
        return harness.tally.bad.length === 0;
      }),
      { seed: 20261201, numRuns: 50, endOnFailure: true },
    );
    await harness.close();
    expect(harness.tally.bad).toEqual([]);
    // It did reach the handlers and the worker, not only the validation.
    expect(harness.tally.ok).toBeGreaterThan(50);
    expect(Object.keys(harness.tally.byCode).length).toBeGreaterThanOrEqual(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(logLines.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    await expect.poll(() => census(), { timeout: 10_000 }).toMatchObject({ routers: 0, transports: 0, producers: 0, consumers: 0, handlers: 0 });
    expect((await fetch(`${fixture.url}/health`)).status).toBe(200);
  });
});
