/** Where a 请假 document is served (scoped to the roll call's subtree). */
export const attachmentUrl = (rollCallId: string, entryId: string, attachmentId: string) =>
  `/api/v1/rollcalls/${rollCallId}/entries/${entryId}/attachments/${attachmentId}`;
