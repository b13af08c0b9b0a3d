import { bearingDegrees, distanceMeters } from "./geo.ts";

/** A phone's position is trusted to within its reported accuracy, but never more than this in the person's favour. */
export const MAX_ACCURACY_ALLOWANCE_M = 100;

export type LocationReason = "no_location" | "no_residence_area" | "outside_area";

/** Where the check-in was made relative to the residence area, and what (if anything) the officer must look at. */
export function judgeLocation(
  location: { latitude: number; longitude: number; accuracyMeters: number } | null,
  area: { latitude: number; longitude: number; radiusMeters: number; mayLeave: boolean } | null,
): { reason: LocationReason | null; distanceMeters: number | null; bearingDegrees: number | null } {
  if (!location) return { reason: "no_location", distanceMeters: null, bearingDegrees: null };
  if (!area) return { reason: "no_residence_area", distanceMeters: null, bearingDegrees: null };
  const distance = distanceMeters(area, location);
  const bearing = bearingDegrees(area, location);
  const outside = distance > area.radiusMeters + Math.min(location.accuracyMeters, MAX_ACCURACY_ALLOWANCE_M);
  return { reason: outside && !area.mayLeave ? "outside_area" : null, distanceMeters: Math.round(distance), bearingDegrees: Math.round(bearing) };
}
