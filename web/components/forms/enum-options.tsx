/** The <option>s of a closed set (a zod enum's values), each with its translated label. */
export function EnumOptions<T extends string>({ values, label }: { values: readonly T[]; label: (value: T) => string }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {label(value)}
    </option>
  ));
}
