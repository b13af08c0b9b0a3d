import Link from "next/link";
import { useTranslations } from "next-intl";
import { LevelBadge } from "@/components/ui/badges";
import type { TUnitNode } from "@/lib/schemas/units";
import { CountBar } from "./count-bar";

/**
 * Units and their subtrees, foldable without script (<details>); the top two levels start open.
 * Bars compare each unit's persons with `maxPersons` (by default the largest root's).
 */
export function UnitTree({ roots, maxPersons }: { roots: TUnitNode[]; maxPersons?: number }) {
  const max = maxPersons ?? Math.max(0, ...roots.map((root) => root.totalPersons));
  return (
    <ul className="flex flex-col gap-1" data-testid="unit-tree">
      {roots.map((root) => (
        <UnitTreeNode key={root.id} node={root} depth={0} maxPersons={max} />
      ))}
    </ul>
  );
}

function UnitTreeNode({ node, depth, maxPersons }: { node: TUnitNode; depth: number; maxPersons: number }) {
  const row = <UnitRow node={node} maxPersons={maxPersons} hasChildren={node.children.length > 0} />;
  return (
    <li>
      {node.children.length === 0 ? (
        <div className="pl-6">{row}</div>
      ) : (
        <details open={depth < 2} className="group">
          <summary className="flex cursor-pointer items-stretch gap-1 rounded-md hover:bg-slate-50">
            <span className="flex w-5 shrink-0 items-center justify-center text-slate-400" aria-hidden="true">
              <svg viewBox="0 0 20 20" className="size-4 transition-transform group-open:rotate-90" fill="currentColor">
                <path d="M7 5l6 5-6 5z" />
              </svg>
            </span>
            <div className="min-w-0 flex-1">{row}</div>
          </summary>
          <ul className="ml-2.5 flex flex-col gap-1 border-l border-slate-200 pl-2 sm:ml-3 sm:pl-3">
            {node.children.map((child) => (
              <UnitTreeNode key={child.id} node={child} depth={depth + 1} maxPersons={maxPersons} />
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function UnitRow({ node, maxPersons, hasChildren }: { node: TUnitNode; maxPersons: number; hasChildren: boolean }) {
  const t = useTranslations("unitTree");
  return (
    <div className="flex flex-col gap-1 py-1.5 pr-2 sm:flex-row sm:items-center sm:gap-4">
      <div className="flex min-w-0 items-center gap-2 sm:w-72 sm:shrink-0">
        <Link href={`/units/${node.id}`} className="flex min-h-10 min-w-0 items-center font-medium text-brand-700 hover:underline sm:min-h-8">
          <span className="truncate">{node.name}</span>
        </Link>
        <LevelBadge level={node.level} />
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
          <span>
            {t("persons")}{" "}
            <strong className="text-slate-900">{node.totalPersons}</strong>
            {hasChildren && <span className="text-slate-500"> {t("direct", { count: node.persons })}</span>}
          </span>
          <span>
            {t("staff")} <strong className="text-slate-900">{node.totalStaff}</strong>
            {hasChildren && <span className="text-slate-500"> {t("direct", { count: node.staff })}</span>}
          </span>
        </div>
        <CountBar value={node.totalPersons} max={maxPersons} label={t("barLabel", { count: node.totalPersons })} />
      </div>
    </div>
  );
}
