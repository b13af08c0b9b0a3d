// npm run db:seed — seeds the demo data into an empty database (does nothing on a seeded one).
import { loadConfig } from "../web/lib/config.ts";
import { openDatabase } from "../web/lib/db/open-database.ts";
import { seedDemoData } from "../web/lib/seed/seed-demo-data.ts";
import { withLocalSecrets } from "./lib/local-secrets.mjs";

const config = loadConfig(withLocalSecrets(process.cwd()));
const db = await openDatabase(config.database);
try {
  const result = await seedDemoData(db.prisma, config.idHashKey);
  console.log(result.seeded ? `db:seed ${result.units} units, ${result.users} staff, ${result.persons} persons` : "db:seed already seeded");
} finally {
  await db.close();
}
