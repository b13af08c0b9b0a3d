import { VisitStaffDoor } from "@/components/visit-day/visit-staff-door";

/** The center's visit-room terminal, opened by the center officer after the in-person ID check. */
export default async function VisitCenterPage({ params }: { params: Promise<{ id: string }> }) {
  return <VisitStaffDoor id={(await params).id} side="center" />;
}
