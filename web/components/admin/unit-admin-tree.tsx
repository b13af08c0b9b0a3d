"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { LevelBadge } from "@/components/ui/badges";
import { Button } from "@/components/ui/button";
import type { TUnitNode } from "@/lib/schemas/units";
import { JUSTICE_OFFICE } from "@/lib/units/levels";
import { UnitNameForm } from "./unit-name-form";

/** Which inline form is open: one at a time keeps a long tree readable on a phone. */
type OpenForm = { unitId: string; action: "add" | "rename" } | null;

export function UnitAdminTree({ root, ownUnitId }: { root: TUnitNode; ownUnitId: string }) {
  const [open, setOpen] = useState<OpenForm>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {notice && <Alert tone="success">{notice}</Alert>}
      <ul className="flex flex-col" data-testid="unit-admin-tree">
        <UnitAdminNode
          node={root}
          ownUnitId={ownUnitId}
          open={open}
          setOpen={(next) => {
            setOpen(next);
            if (next) setNotice(null);
          }}
          onDone={(message) => {
            setOpen(null);
            setNotice(message);
          }}
        />
      </ul>
    </div>
  );
}

interface NodeProps {
  node: TUnitNode;
  ownUnitId: string;
  open: OpenForm;
  setOpen: (open: OpenForm) => void;
  onDone: (message: string) => void;
}

function UnitAdminNode({ node, ownUnitId, open, setOpen, onDone }: NodeProps) {
  const t = useTranslations("admin.units");
  const adding = open?.unitId === node.id && open.action === "add";
  const renaming = open?.unitId === node.id && open.action === "rename";
  return (
    <li className="flex flex-col">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 py-2">
        <span className="min-w-0 font-medium text-slate-900">{node.name}</span>
        <LevelBadge level={node.level} />
        <span className="text-xs text-slate-500">{t("counts", { persons: node.totalPersons, staff: node.totalStaff })}</span>
        <span className="ml-auto flex gap-1">
          {node.level < JUSTICE_OFFICE && (
            <Button variant="ghost" aria-expanded={adding} onClick={() => setOpen(adding ? null : { unitId: node.id, action: "add" })}>
              {t("addChild")}
            </Button>
          )}
          {node.id !== ownUnitId && (
            <Button variant="ghost" aria-expanded={renaming} onClick={() => setOpen(renaming ? null : { unitId: node.id, action: "rename" })}>
              {t("rename")}
            </Button>
          )}
        </span>
      </div>
      {(adding || renaming) && (
        <div className="my-2 rounded-md border border-brand-100 bg-brand-50/50 p-3">
          <UnitNameForm
            mode={adding ? { kind: "add", parent: node } : { kind: "rename", unit: node }}
            onCancel={() => setOpen(null)}
            onDone={onDone}
          />
        </div>
      )}
      {node.children.length > 0 && (
        <ul className="ml-3 border-l border-slate-200 pl-3">
          {node.children.map((child) => (
            <UnitAdminNode key={child.id} node={child} ownUnitId={ownUnitId} open={open} setOpen={setOpen} onDone={onDone} />
          ))}
        </ul>
      )}
    </li>
  );
}
