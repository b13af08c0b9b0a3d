import { z } from "zod";

// zod compiles object parsers with `new Function` when it may; finding out whether it may is an
// eval that the pages' Content-Security-Policy (no 'unsafe-eval') refuses and reports as a
// violation in every form. Interpreted parsing is fast enough for forms and API bodies alike.
// Imported first by common.ts, so it runs before any schema is built on the server; in the
// browser web/instrumentation-client.ts runs it before any page code.
z.config({ jitless: true });
