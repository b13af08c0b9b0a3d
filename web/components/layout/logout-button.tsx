"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api-fetch";
import { Spinner } from "@/components/ui/spinner";

export function LogoutButton() {
  const t = useTranslations("nav");
  const [busy, setBusy] = useState(false);

  async function logout() {
    setBusy(true);
    // Whatever the answer (even "already signed out"), the next stop is the login page; a full
    // load drops every page the router cached while signed in.
    await apiFetch("POST", "/api/v1/auth/logout");
    window.location.assign("/login");
  }

  return (
    <button
      type="button"
      onClick={logout}
      disabled={busy}
      className="inline-flex min-h-10 items-center gap-2 whitespace-nowrap rounded-md border border-white/30 px-3 text-sm font-medium text-white hover:bg-white/10 disabled:opacity-60"
    >
      {busy && <Spinner />}
      {busy ? t("loggingOut") : t("logout")}
    </button>
  );
}
