/**
 * Feeds a child's stdout and stderr to `onText` as it arrives and, when given, whole lines to
 * `onLine` (for progress such as ninja's [n/N]).
 * @param {import('node:child_process').ChildProcess} child
 * @param {(text: string) => void} onText
 * @param {(line: string) => void} [onLine]
 */
export function followOutput(child, onText, onLine) {
  let pending = '';
  const onData = (chunk) => {
    const text = chunk.toString('utf8');
    onText(text);
    if (!onLine) return;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
}
