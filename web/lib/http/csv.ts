// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"); a
// tab or CR at the start also lets Excel reach the next character as a formula start.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell, safe to open in Excel or LibreOffice: a value that could be read as a formula gets
 * a leading single quote and is quoted, so the spreadsheet shows it as text. Every CSV the
 * product writes goes through this one function.
 */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return FORMULA_START.test(value) || /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows → CSV text with CRLF line ends (RFC 4180). */
export function csvRows(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
