"use client";

import { useOrigin } from "@/components/rooms/use-origin";
import { QrCode } from "./qr-code";

type Item = { id: string; personName: string; unitName: string; link: string };

/** Every active link with its QR code, six to an A4 page, to cut apart and hand out. */
export function LinkSheet({ items, failedText }: { items: Item[]; failedText: string }) {
  const origin = useOrigin();
  if (!origin) return null;
  return (
    <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 print:grid-cols-2" data-testid="link-sheet">
      {items.map((item) => (
        <li key={item.id} className="flex break-inside-avoid items-center gap-3 border border-dashed border-black p-3">
          <QrCode text={`${origin}${item.link}`} label={item.personName} failedText={failedText} className="size-32 shrink-0" />
          <div className="min-w-0">
            <p className="text-lg font-bold">{item.personName}</p>
            <p className="text-sm">{item.unitName}</p>
            <p className="mt-1 break-all font-mono text-[8pt]">{`${origin}${item.link}`}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
