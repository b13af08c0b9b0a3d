import type { Catalog } from "../messages/catalogs.ts";
import type { Locale } from "./locales.ts";

// Message keys are checked at compile time against the Chinese catalog (the reference one).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Catalog;
  }
}
