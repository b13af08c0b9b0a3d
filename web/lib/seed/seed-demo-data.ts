import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "../audit/append-audit-event.ts";
import { hashPassword } from "../auth/password.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { hashIdNumber } from "../persons/id-number-hash.ts";
import { maskIdNumber } from "../persons/id-number.ts";
import { DEMO_AREA_CODES, DEMO_PASSWORD, DEMO_PERSON_COUNTS, DEMO_STAFF, DEMO_UNITS, type DemoUnit } from "./demo-units.ts";
import { seedDemoVisits } from "./seed-demo-visits.ts";
import { syntheticPersons } from "./synthetic-persons.ts";

export interface SeedResult {
  seeded: boolean;
  units: number;
  users: number;
  persons: number;
}

/** Seeds the demo hierarchy, staff and persons into an empty database; does nothing otherwise. */
export async function seedDemoData(prisma: PrismaClient, idHashKey: string): Promise<SeedResult> {
  if ((await prisma.unit.count()) > 0) return { seeded: false, units: 0, users: 0, persons: 0 };

  const units: Array<{ key: string; id: string; name: string; level: number; kind: "justice" | "prison" | "detox"; parentId: string | null; path: string }> = [];
  const walk = (unit: DemoUnit, level: number, parent: (typeof units)[number] | null) => {
    const id = randomUUID();
    const row = { key: unit.key, id, name: unit.name, level, kind: unit.kind ?? "justice", parentId: parent?.id ?? null, path: `${parent?.path ?? "/"}${id}/` };
    units.push(row);
    for (const child of unit.children ?? []) walk(child, level + 1, row);
  };
  walk(DEMO_UNITS, 1, null);
  const unitByKey = new Map(units.map((u) => [u.key, u]));

  // One hash per account keeps a fresh install quick; every account still gets its own salt.
  const passwordHashes = await Promise.all(DEMO_STAFF.map(() => hashPassword(DEMO_PASSWORD)));

  const persons = Object.entries(DEMO_PERSON_COUNTS).flatMap(([key, count], officeIndex) =>
    syntheticPersons(count, DEMO_AREA_CODES[key]!, 1000 + officeIndex).map((person) => ({ ...person, unitId: unitByKey.get(key)!.id })),
  );

  await prisma.$transaction(
    async (tx) => {
      for (const { key: _key, ...unit } of units) await tx.unit.create({ data: unit });
      await tx.user.createMany({
        data: DEMO_STAFF.map(([username, displayName, role, unitKey], index) => ({
          username,
          displayName,
          role,
          unitId: unitByKey.get(unitKey)!.id,
          passwordHash: passwordHashes[index]!,
        })),
      });
      await tx.supervisedPerson.createMany({
        data: persons.map(({ idNumber, startDate, endDate, ...person }) => ({
          ...person,
          idNumberHash: hashIdNumber(idHashKey, idNumber),
          idNumberMasked: maskIdNumber(idNumber),
          idLast4: idNumber.slice(-4),
          startDate: new Date(startDate),
          endDate: new Date(endDate),
        })),
      });
      await seedDemoVisits(tx, (key) => unitByKey.get(key)!.id, idHashKey);
      await appendAuditEvent(tx, { userId: null, displayName: "system (seed)" }, {
        action: "seed.demo",
        targetType: "Unit",
        targetId: units[0]!.id,
        unitPath: units[0]!.path,
        data: { units: units.length, users: DEMO_STAFF.length, persons: persons.length },
      });
    },
    { timeout: 60_000 },
  );
  return { seeded: true, units: units.length, users: DEMO_STAFF.length, persons: persons.length };
}
