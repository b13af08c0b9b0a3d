/**
 * What the code box keeps of what was typed or pasted: at most 4 characters, digits, and X only
 * as the 4th (the check character of a resident ID number). Lower-case x becomes X.
 */
export function cleanCode(raw: string): string {
  let code = "";
  for (const char of raw.toUpperCase()) {
    if (code.length === 4) break;
    if (/\d/.test(char) || (char === "X" && code.length === 3)) code += char;
  }
  return code;
}

export const isCompleteCode = (code: string): boolean => /^\d{3}[\dX]$/.test(code);
