/** A small either/or switch (By day | By hour) as radio buttons, so it is keyboard and test friendly. */
export function Segmented({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  return (
    <div class="segmented" role="radiogroup">
      {options.map(([v, label]) => (
        <label key={v} class={v === value ? 'on' : undefined}>
          <input type="radio" name={name} value={v} checked={v === value} onChange={() => onChange(v)} />
          {label}
        </label>
      ))}
    </div>
  );
}
