import Link from "next/link";
import { useTranslations } from "next-intl";
import { RoleBadge } from "@/components/ui/badges";
import type { TUser } from "@/lib/schemas/users";

/** Staff as compact cards; `editable` links each to its admin page. */
export function StaffList({ users, editable = false }: { users: TUser[]; editable?: boolean }) {
  const t = useTranslations("users");
  if (users.length === 0) {
    return <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">{t("empty")}</p>;
  }
  return (
    <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="staff-list">
      {users.map((user) => (
        <li key={user.id} className="relative flex min-w-0 flex-col gap-1 rounded-md border border-slate-200 bg-white px-3 py-2">
          <div className="flex items-center justify-between gap-2">
            {editable ? (
              <Link href={`/admin/users/${user.id}`} className="truncate font-medium text-brand-700 after:absolute after:inset-0 hover:underline">
                {user.displayName}
              </Link>
            ) : (
              <span className="truncate font-medium text-slate-900">{user.displayName}</span>
            )}
            <RoleBadge role={user.role} />
          </div>
          <p className="truncate text-xs text-slate-500">
            <span className="font-mono">{user.username}</span> · {user.unitName}
          </p>
          {!user.active && <p className="text-xs font-medium text-red-700">{t("inactive")}</p>}
        </li>
      ))}
    </ul>
  );
}
