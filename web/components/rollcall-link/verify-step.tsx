"use client";

import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, controlProps } from "@/components/ui/field";
import { fetchLinkState, refusalOf, verifyLink, type LinkRefusal, type LinkState } from "@/lib/client/rollcall-link";
import { cleanCode, isCompleteCode } from "./clean-code";
import { LinkCard } from "./link-card";
import { RollCallHeading } from "./roll-call-heading";

const MAX_ATTEMPTS = 5;

/** Step 1: the last 4 characters of the ID number prove the link is the person's own. */
export function VerifyStep({ token, link, onVerified, onRefused }: {
  token: string;
  link: LinkState;
  onVerified: (ticket: string) => void;
  onRefused: (reason: LinkRefusal) => void;
}) {
  const t = useTranslations("rollcallLink.verify");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [attemptsLeft, setAttemptsLeft] = useState(link.attemptsLeft);
  const control = controlProps("id-last4", error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isCompleteCode(code)) {
      setError(t("incomplete"));
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await verifyLink(token, code);
    if (result.ok) {
      onVerified(result.data.ticket);
      return;
    }
    const refusal = refusalOf(result.error);
    if (refusal) {
      onRefused(refusal);
      return;
    }
    if (result.error.fields.idLast4 === "wrong_code") {
      // The server counts the tries; ask it rather than guess (another tab may have tried too).
      const fresh = await fetchLinkState(token);
      setAttemptsLeft(fresh.ok ? fresh.data.attemptsLeft : Math.max(0, attemptsLeft - 1));
      setError(t("wrongCode"));
      setCode("");
    } else {
      setError(result.error.status === 0 ? t("network") : result.error.message);
    }
    setBusy(false);
  }

  return (
    <LinkCard testId="verify-step">
      <RollCallHeading rollCall={link.rollCall} step={1} />
      <form onSubmit={submit} noValidate className="flex flex-col gap-3">
        <h2 className="text-base font-semibold">{t("heading")}</h2>
        <Field id="id-last4" label={t("label")} hint={t("hint")} error={error}>
          <div className="flex gap-2">
            <input
              {...control}
              className={`${control.className} text-center font-mono text-2xl tracking-[0.5em]`}
              value={code}
              inputMode="numeric"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              enterKeyHint="go"
              maxLength={4}
              placeholder="••••"
              onChange={(event) => {
                setCode(cleanCode(event.target.value));
                setError(undefined);
              }}
            />
            <Button variant="secondary" className="shrink-0" disabled={code.length < 3 || busy} onClick={() => setCode(`${code.slice(0, 3)}X`)}>
              {t("typeX")}
            </Button>
          </div>
        </Field>
        {attemptsLeft < MAX_ATTEMPTS && (
          <p className="text-sm font-medium text-amber-800" role="status" data-testid="attempts-left" data-count={attemptsLeft}>
            {t("attemptsLeft", { count: attemptsLeft })}
          </p>
        )}
        <Button type="submit" busy={busy} className="w-full">
          {busy ? t("checking") : t("submit")}
        </Button>
      </form>
    </LinkCard>
  );
}
