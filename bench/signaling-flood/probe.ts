// Child of bench/signaling-flood/run.ts: asks /health every INTERVAL ms for DURATION ms, in a
// process of its own so that the load generator's busy event loop does not delay the asking,
// and prints the latencies as one JSON line.
const [url, durationMs, intervalMs] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4] ?? 20)];
const latencies: number[] = [];
let failures = 0;
const end = performance.now() + durationMs;
while (performance.now() < end) {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) });
    await response.text();
    if (!response.ok) failures++;
  } catch {
    failures++;
  }
  const took = performance.now() - started;
  latencies.push(took);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - took)));
}
console.log(JSON.stringify({ latencies, failures }));
export {};
