import { VisitStaffDoor } from "@/components/visit-day/visit-staff-door";

/** The facility terminal, opened by a facility officer for the held person. */
export default async function VisitTerminalPage({ params }: { params: Promise<{ id: string }> }) {
  return <VisitStaffDoor id={(await params).id} side="terminal" />;
}
