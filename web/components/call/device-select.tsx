"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { controlClass } from "@/components/ui/field";

/** One device list; the current value is the device the open track really uses. */
export function DeviceSelect({ label, devices, value, onChange }: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string | null;
  onChange: (deviceId: string) => void;
}) {
  const t = useTranslations("join");
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={id} className={controlClass()} value={value ?? ""} disabled={devices.length === 0} onChange={(event) => onChange(event.target.value)}>
        {value === null && <option value="">{t("deviceDefault")}</option>}
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t("deviceUnnamed", { n: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}
