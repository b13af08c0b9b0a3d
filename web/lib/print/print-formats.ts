import type { getFormatter } from "next-intl/server";

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/**
 * The times a printed record shows, in the request's locale and China time (next-intl's default
 * time zone): a sheet filed with the case must read the same whichever page printed it.
 */
export function printFormats(format: Formatter) {
  return {
    /** 2026/12/02 09:30: when something was scheduled, held or printed. */
    full: (iso: string) => format.dateTime(new Date(iso), { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }),
    /** 10:30: the end of a span that began on the same day. */
    hourMinute: (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" }),
    /** 09:31:07 for an event in a row, or an empty cell for one that did not happen. */
    clock: (iso: string | null) => (iso ? format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : ""),
  };
}

/** A printed table's cell: black rules that survive a monochrome printer. */
export const PRINT_CELL = "border border-black px-1.5 py-1 align-top";
