"use client";

import { useTranslations } from "next-intl";
import { CameraPreview, DeviceChoices } from "@/components/call/device-check";
import type { LocalMedia } from "@/components/call/use-local-media";
import { Button } from "@/components/ui/button";
import type { DeviceChoice } from "@/lib/client/join-grant";
import type { LinkState } from "@/lib/client/rollcall-link";
import { LinkCard } from "./link-card";
import { RollCallHeading } from "./roll-call-heading";

/** Step 2: the same camera preview, device pickers and level meter as every other call. */
export function PreviewStep({ link, media, onDevices, onContinue }: {
  link: LinkState;
  media: LocalMedia;
  onDevices: (choice: DeviceChoice) => void;
  onContinue: () => void;
}) {
  const t = useTranslations("rollcallLink.preview");
  return (
    <LinkCard testId="preview-step">
      <RollCallHeading rollCall={link.rollCall} step={2} />
      <h2 className="text-base font-semibold">{t("heading")}</h2>
      <CameraPreview media={media} />
      <p className="text-sm text-slate-600">{t("body")}</p>
      <DeviceChoices media={media} onDevices={onDevices} />
      <Button className="w-full" disabled={!media.ready} onClick={onContinue}>
        {link.rollCall.state === "live" ? t("joinNow") : t("next")}
      </Button>
    </LinkCard>
  );
}
