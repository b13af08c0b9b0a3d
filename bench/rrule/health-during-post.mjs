// node bench/rrule/health-during-post.mjs [baseURL] — against a running portal: signs in as
// gm.officer, POSTs a roll call with a hostile repeat rule, and meanwhile times /api/v1/health
// every 100 ms. Prints the POST's status and duration and the slowest /health answer.
const base = process.argv[2] ?? "http://127.0.0.1:3000";
const rule = process.argv[3] ?? "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=1";
const login = await fetch(`${base}/api/v1/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: base },
  body: JSON.stringify({ username: "gm.officer", password: "Sunshine#2026" }),
});
const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
const { csrfToken, unitId } = await login.json();
const persons = await (await fetch(`${base}/api/v1/persons?status=active&pageSize=2`, { headers: { cookie } })).json();
const body = { title: "hostile", unitId, startsAt: new Date(Date.now() + 86_400_000).toISOString(), personIds: persons.items.map((p) => p.id), rrule: rule };

let slowest = 0;
let polls = 0;
let done = false;
const poller = (async () => {
  while (!done) {
    const t0 = performance.now();
    await fetch(`${base}/api/v1/health`);
    slowest = Math.max(slowest, performance.now() - t0);
    polls++;
    await new Promise((r) => setTimeout(r, 100));
  }
})();
const t0 = performance.now();
const post = await fetch(`${base}/api/v1/rollcalls`, {
  method: "POST",
  headers: { "content-type": "application/json", origin: base, cookie, "x-csrf-token": csrfToken },
  body: JSON.stringify(body),
});
const postMs = performance.now() - t0;
const answer = await post.text();
done = true;
await poller;
console.log(`POST rrule=${rule}: ${post.status} in ${postMs.toFixed(0)} ms ${answer.slice(0, 120)}`);
console.log(`/health meanwhile: ${polls} answers, slowest ${slowest.toFixed(0)} ms`);
