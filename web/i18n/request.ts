import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogs } from "../messages/catalogs.ts";
import { LOCALE_COOKIE, toLocale } from "./locales.ts";

// No locale in the URL: officers bookmark and share plain paths, and the choice follows the cookie.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: catalogs[locale], timeZone: "Asia/Shanghai" };
});
