"use client";

import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** A QR code of `text` as inline SVG: sharp at any size and in print. */
export function QrCode({ text, label, failedText, className = "size-56" }: { text: string; label: string; failedText: string; className?: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 })
      .then((markup) => live && setSvg(markup))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return <p className="text-sm text-red-700">{failedText}</p>;
  // The markup comes from the qrcode library for our own URL, never from user input.
  return <div role="img" aria-label={label} data-testid="qr-code" className={`${className} [&>svg]:size-full`} dangerouslySetInnerHTML={svg ? { __html: svg } : undefined} />;
}
