// Runs in the browser before any page code, so zod is told not to probe for eval before the first
// schema of any page is built: the pages' CSP forbids eval, and the probe is reported as a
// violation even though zod catches it. Shared protocol schemas (server/src/protocol/) are built
// in the browser too, and they do not import web/lib/schemas/.
import "./lib/schemas/zod-config";
