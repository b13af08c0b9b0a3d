"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api-fetch";
import { useErrorMessage } from "@/components/forms/use-error-message";

export function LoginForm({ returnTo }: { returnTo: string }) {
  const t = useTranslations("login");
  const errorMessage = useErrorMessage();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitSeconds, setWaitSeconds] = useState(0);

  // The rate limit's Retry-After, counted down so the officer sees when to try again.
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setTimeout(() => setWaitSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitSeconds]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t("missing"));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await apiFetch("POST", "/api/v1/auth/login", { username: username.trim(), password });
    if (result.ok) {
      // A full load, so that every server component renders with the new session cookie.
      window.location.assign(returnTo);
      return;
    }
    setBusy(false);
    if (result.error.status === 429) {
      setWaitSeconds(result.error.retryAfterSeconds ?? 60);
      setError(null);
    } else if (result.error.code === "invalid_credentials") {
      setError(t("invalidCredentials"));
    } else {
      setError(errorMessage(result.error));
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {waitSeconds > 0 && <Alert tone="warning">{t("tooManyAttempts", { seconds: waitSeconds })}</Alert>}
      {error && <Alert tone="error">{error}</Alert>}
      <Field id="username" label={t("username")}>
        <input
          {...controlProps("username", undefined)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </Field>
      <Field id="password" label={t("password")}>
        <input
          {...controlProps("password", undefined)}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Button type="submit" busy={busy} disabled={waitSeconds > 0} className="w-full">
        {busy ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
