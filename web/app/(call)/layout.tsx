import type { ReactNode } from "react";
import { MediaServiceNotice } from "@/components/call/media-service-notice";
import { config } from "@/lib/config";

// Calls take the whole screen, dark so that faces stand out; no portal header (guests have no
// account, and every pixel on a phone goes to the video).
export default function CallLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-slate-900 text-white">
      <MediaServiceNotice mediaUrl={config().mediaPublicUrl} />
      {children}
    </div>
  );
}
