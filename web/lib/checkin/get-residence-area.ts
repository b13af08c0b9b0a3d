import type { Actor } from "../auth/actor.ts";
import { getDb } from "../db/client.ts";
import { findPersonForFaces } from "../faces/find-person-for-faces.ts";

export function toResidenceAreaDto(a: { latitude: number; longitude: number; radiusMeters: number; mayLeave: boolean; address: string; updatedAt: Date }) {
  return { latitude: a.latitude, longitude: a.longitude, radiusMeters: a.radiusMeters, mayLeave: a.mayLeave, address: a.address, updatedAt: a.updatedAt.toISOString() };
}

export async function getResidenceArea(actor: Actor, personId: string) {
  const person = await findPersonForFaces(actor, personId);
  const db = await getDb();
  const area = await db.residenceArea.findUnique({ where: { personId: person.id } });
  return area ? toResidenceAreaDto(area) : null;
}
