// The public application page under load: 50 families at once open /visit/apply, load the free
// slots and submit an application with a 100 KB proof, for several rounds. Prints p50/p99 of the
// portal's answer times per request kind.
//
//   npx tsx bench/visit-apply/run.ts [--applicants 50] [--rounds 4] [--port 3310]
//
// Needs the built portal (`npx next build` in web/). It starts its own portal on a fresh embedded
// database (PGlite) with the demo data; every applicant comes from its own address (the portal
// trusts loopback as a proxy here, so X-Forwarded-For names the applicant), with its own ID number.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startStack } from "../join/stack.ts";
import { percentile } from "../join/stats.ts";
import { idNumberCheckChar } from "../../web/lib/persons/id-number.ts";
import { DEMO_HELD_PERSONS, DEMO_VISIT_ROOMS } from "../../web/lib/seed/seed-demo-visits.ts";
import { slotsBetween } from "../../web/lib/visits/slot-grid.ts";

const { values } = parseArgs({
  options: {
    applicants: { type: "string", default: "50" },
    rounds: { type: "string", default: "4" },
    port: { type: "string", default: "3310" },
  },
});
const APPLICANTS = Number(values.applicants);
const ROUNDS = Number(values.rounds);

const stack = await startStack({ portalPort: Number(values.port), mediaPort: Number(values.port) + 1, mediaNode: false, extraEnv: { TRUSTED_PROXIES: "127.0.0.1,::1" } });
const timings: Record<"page" | "slots" | "apply", number[]> = { page: [], slots: [], apply: [] };
const statuses: Record<string, number> = {};
try {
  const base = stack.portalUrl;
  const options = (await (await fetch(`${base}/api/v1/visit/options`)).json()) as { facilities: Array<{ id: string; name: string }>; rooms: Array<{ id: string; name: string }> };
  const facility = options.facilities.find((f) => f.name === "广东省第一监狱")!;
  const room = options.rooms.find((r) => r.name === "高明区远程会见室")!;
  const held = DEMO_HELD_PERSONS.filter(([key]) => key === "jy1").map(([, name]) => name);
  const grid = { openingHours: DEMO_VISIT_ROOMS.find((r) => r.name === room.name)!.hours, slotMinutes: 30, closedDates: [] };
  // Distinct slots, a month apart per 2×(held persons) applicants, so each application is one the
  // monthly limit (2 per person) lets through: the measured path is the full, successful one.
  const monthStarts = Array.from({ length: Math.ceil((APPLICANTS * ROUNDS) / (2 * held.length)) + 1 }, (_, m) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1 + m, 1));
  });
  const slotFor = (k: number) => {
    const month = monthStarts[Math.floor(k / (2 * held.length))]!;
    return slotsBetween(grid, month, new Date(month.getTime() + 27 * 24 * 3600_000))[k % (2 * held.length)]!.startsAt.toISOString();
  };
  const proof = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(100 * 1024)]).toString("base64");

  const timed = async (kind: keyof typeof timings, run: () => Promise<Response>) => {
    const t0 = performance.now();
    const response = await run();
    await response.arrayBuffer();
    timings[kind].push(performance.now() - t0);
    statuses[`${kind} ${response.status}`] = (statuses[`${kind} ${response.status}`] ?? 0) + 1;
  };
  const applicant = async (k: number) => {
    const headers = { "x-forwarded-for": `198.18.${Math.floor(k / 250)}.${(k % 250) + 1}` };
    await timed("page", () => fetch(`${base}/visit/apply`, { headers }));
    await timed("slots", () => fetch(`${base}/api/v1/visit/slots?roomId=${room.id}`, { headers }));
    const first17 = `440608${1960 + (k % 40)}${String((k % 12) + 1).padStart(2, "0")}${String((k % 28) + 1).padStart(2, "0")}${String(k).padStart(3, "0").slice(-3)}`;
    const body = {
      name: "压测家属",
      idNumber: first17 + idNumberCheckChar(first17),
      phone: "13800138000",
      relationship: "parent",
      heldPersonName: held[k % held.length],
      facilityId: facility.id,
      roomId: room.id,
      preferredSlots: [slotFor(k)],
      proofBase64: proof,
    };
    await timed("apply", () => fetch(`${base}/api/v1/visit/apply`, { method: "POST", headers: { ...headers, "content-type": "application/json", origin: base }, body: JSON.stringify(body) }));
  };

  await applicant(APPLICANTS * ROUNDS); // warm-up, unmeasured
  for (const key of Object.keys(timings) as Array<keyof typeof timings>) timings[key] = [];
  for (const key of Object.keys(statuses)) delete statuses[key];
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(Array.from({ length: APPLICANTS }, (_, i) => applicant(round * APPLICANTS + i)));
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${APPLICANTS} concurrent applicants × ${ROUNDS} rounds (${APPLICANTS * ROUNDS} applications, 100 KB proof each) in ${seconds.toFixed(1)} s`);
  console.log("| request | n | p50 ms | p99 ms | max ms |");
  console.log("|---|---|---|---|---|");
  for (const [kind, label] of [["page", "GET /visit/apply (page)"], ["slots", "GET /api/v1/visit/slots"], ["apply", "POST /api/v1/visit/apply"]] as const) {
    const s = timings[kind];
    console.log(`| ${label} | ${s.length} | ${percentile(s, 50).toFixed(0)} | ${percentile(s, 99).toFixed(0)} | ${Math.max(...s).toFixed(0)} |`);
  }
  console.log(`statuses: ${JSON.stringify(statuses)}`);
} finally {
  await stack.stop();
}
