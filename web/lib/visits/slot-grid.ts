/**
 * A room's bookable slots, from its opening hours per weekday in China time (UTC+8 all year: no
 * daylight saving), its slot length and its closed dates. A slot starts at a window's opening plus
 * a whole number of slot lengths and ends inside the window.
 */
export interface SlotGrid {
  openingHours: Record<string, Array<[string, string]>>;
  slotMinutes: number;
  closedDates: string[];
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** "YYYY-MM-DD" of an instant in China time. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** Midnight (China time) of the day the instant falls on, as epoch ms. */
function chinaMidnight(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** Every slot of the grid that starts in [from, to). */
export function slotsBetween(grid: SlotGrid, from: Date, to: Date): Slot[] {
  const slots: Slot[] = [];
  const stepMs = grid.slotMinutes * 60_000;
  for (let day = chinaMidnight(from.getTime()); day < to.getTime(); day += DAY_MS) {
    const date = chinaDate(new Date(day));
    if (grid.closedDates.includes(date)) continue;
    const weekday = new Date(day + CHINA_OFFSET_MS).getUTCDay();
    for (const [open, close] of grid.openingHours[String(weekday)] ?? []) {
      const windowEnd = day + minutesOf(close) * 60_000;
      for (let start = day + minutesOf(open) * 60_000; start + stepMs <= windowEnd; start += stepMs) {
        if (start >= from.getTime() && start < to.getTime()) slots.push({ startsAt: new Date(start), endsAt: new Date(start + stepMs) });
      }
    }
  }
  return slots;
}

/** The grid's slot starting exactly at `startsAt`, or null when no slot starts then. */
export function slotStartingAt(grid: SlotGrid, startsAt: Date): Slot | null {
  const [slot] = slotsBetween(grid, startsAt, new Date(startsAt.getTime() + 1));
  return slot && slot.startsAt.getTime() === startsAt.getTime() ? slot : null;
}

/** Whether the grid is open over the whole of [startsAt, endsAt) (a terminal serving another room's slot). */
export function isOpenOver(grid: SlotGrid, startsAt: Date, endsAt: Date): boolean {
  const day = chinaMidnight(startsAt.getTime());
  if (chinaMidnight(endsAt.getTime() - 1) !== day) return false;
  if (grid.closedDates.includes(chinaDate(startsAt))) return false;
  const weekday = new Date(day + CHINA_OFFSET_MS).getUTCDay();
  return (grid.openingHours[String(weekday)] ?? []).some(
    ([open, close]) => day + minutesOf(open) * 60_000 <= startsAt.getTime() && endsAt.getTime() <= day + minutesOf(close) * 60_000,
  );
}

export function toSlotGrid(room: { openingHours: unknown; slotMinutes: number; closedDates: unknown }): SlotGrid {
  return {
    openingHours: (room.openingHours ?? {}) as SlotGrid["openingHours"],
    slotMinutes: room.slotMinutes,
    closedDates: Array.isArray(room.closedDates) ? (room.closedDates as string[]) : [],
  };
}
