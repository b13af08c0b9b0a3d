"use client";

import { useEffect, useRef } from "react";
import type { Mark } from "./console-api";
import { MARKS } from "./roster-model";

export interface ConsoleShortcuts {
  next: () => void;
  mark: (status: Mark) => void;
  snapshot: () => void;
  judge: (result: "passed" | "failed") => void;
}

/**
 * Typing a name or a reason must never mark someone: keys go to fields, not to the console; nor
 * while a dialog (end confirmation, devices) is open over it.
 */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("dialog[open]") !== null;
}

/** N next · 1–4 marks · S snapshot · P pass · F fail (see the legend on the console). */
export function useConsoleShortcuts(actions: ConsoleShortcuts | null): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const act = latest.current;
      if (!act || event.repeat || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      const markIndex = ["1", "2", "3", "4"].indexOf(key);
      if (markIndex >= 0) act.mark(MARKS[markIndex]!);
      else if (key === "n") act.next();
      else if (key === "s") act.snapshot();
      else if (key === "p") act.judge("passed");
      else if (key === "f") act.judge("failed");
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
