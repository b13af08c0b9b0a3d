import { VisitStaffDoor } from "@/components/visit-day/visit-staff-door";

/** The officer's unseen monitor of a visit. */
export default async function VisitMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  return <VisitStaffDoor id={(await params).id} side="monitor" />;
}
