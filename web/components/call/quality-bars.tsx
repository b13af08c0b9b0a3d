import { useTranslations } from "next-intl";
import type { Quality } from "@/lib/media-client/connection-quality";

const filled: Record<Quality, number> = { good: 3, fair: 2, poor: 1 };
const tone: Record<Quality, string> = { good: "bg-emerald-400", fair: "bg-amber-400", poor: "bg-red-500" };

/** Three signal bars with the meaning in words for screen readers and on hover. */
export function QualityBars({ quality }: { quality: Quality | null }) {
  const t = useTranslations("call.quality");
  if (!quality) return null;
  return (
    <span className="inline-flex h-4 items-end gap-0.5" role="img" aria-label={t(quality)} title={t(quality)} data-quality={quality}>
      {[1, 2, 3].map((bar) => (
        <span key={bar} className={`w-1 rounded-sm ${bar <= filled[quality] ? tone[quality] : "bg-white/30"}`} style={{ height: `${bar * 33}%` }} />
      ))}
    </span>
  );
}
