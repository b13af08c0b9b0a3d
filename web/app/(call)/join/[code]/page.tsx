import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallFlow } from "@/components/call/call-flow";
import type { JoinWho } from "@/components/call/join-who";
import { RoomClosedNotice } from "@/components/call/room-closed-notice";
import { getPageActor } from "@/lib/auth/page-actor";
import { config } from "@/lib/config";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { describeInvite, type InviteView } from "@/lib/rooms/describe-invite";
import { ZJoinCodeParams } from "@/lib/schemas/rooms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("join"))("title") };
}

/**
 * An invite link. Guest links work without an account; host links need a staff session, so a
 * visitor without one goes to the login page and comes back here.
 */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!ZJoinCodeParams.safeParse({ code }).success) notFound();
  const actor = await getPageActor();
  let invite: InviteView;
  try {
    invite = await describeInvite(code, actor);
  } catch (error) {
    if (error instanceof UnauthenticatedError) redirect(`/login?next=${encodeURIComponent(`/join/${code}`)}`);
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const backHref = invite.link === "host" ? `/rooms/${invite.room.id}` : null;
  if (!invite.room.open) return <RoomClosedNotice backHref={backHref} />;
  const who: JoinWho =
    invite.link === "host" && actor ? { kind: "staff", name: actor.displayName, observer: actor.role === "inspector" } : { kind: "guest" };
  return <CallFlow target={{ kind: "code", code }} who={who} roomTitle={invite.room.title} mediaUrl={config().mediaPublicUrl} backHref={backHref} />;
}
