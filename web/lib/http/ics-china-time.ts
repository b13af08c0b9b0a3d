const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * A time for ical-generator in China's wall clock. Given a plain Date and `timezone:
 * "Asia/Shanghai"`, ical-generator 8 writes the server's own local clock under TZID=Asia/Shanghai:
 * on a server in UTC a 07:30 roll call became 23:30 the day before in every calendar. It converts
 * time-zone-aware objects of Luxon's shape, so this gives it one for China's clock (UTC+8, no
 * daylight saving since 1991) instead of a date library for one fixed offset.
 */
export function chinaIcsTime(date: Date) {
  const wall = new Date(date.getTime() + CHINA_OFFSET_MS).toISOString();
  const formats: Record<string, string> = {
    yyyyLLdd: wall.slice(0, 10).replace(/-/g, ""),
    HHmmss: wall.slice(11, 19).replace(/:/g, ""),
  };
  const time = {
    isValid: true as const,
    toJSDate: () => date,
    toJSON: () => date.toISOString(),
    setZone: () => time,
    toFormat: (pattern: string) => {
      const formatted = formats[pattern];
      if (formatted === undefined) throw new Error(`chinaIcsTime: unexpected format ${pattern}`);
      return formatted;
    },
  };
  return time;
}
