const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** The report zone: empty means the installation's (or the one campaign's) zone. */
export function ZoneSelect({ value, fallback }: { value: string; fallback?: string | undefined }) {
  const list = value && !ZONES.includes(value) ? [value, ...ZONES] : ZONES;
  return (
    <label>
      <span>Time zone</span>
      <select name="tz" value={value}>
        <option value="">{fallback ? `Default (${fallback})` : 'Default'}</option>
        {list.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </label>
  );
}
