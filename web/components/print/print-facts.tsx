/** One fact at the head of a printed record: its label, its value, and a test id where a test reads it. */
export type PrintFact = readonly [label: string, value: string, testId?: string];

/** The head of a printed record: label：value pairs, two columns on paper, one on a phone. */
export function PrintFacts({ facts }: { facts: readonly PrintFact[] }) {
  return (
    <dl className="mb-3 grid grid-cols-1 gap-x-6 gap-y-1 text-[11pt] sm:grid-cols-2 print:grid-cols-2">
      {facts.map(([label, value, testId]) => (
        <div key={label} className="flex gap-2 break-inside-avoid" data-testid={testId}>
          <dt className="shrink-0 font-semibold">{label}：</dt>
          <dd className="min-w-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
