import { periodText } from '../format';

/** The period, zone and currency a page's figures are in, as the server settled them. */
export function PeriodLine({
  from,
  to,
  timezone,
  currency,
}: {
  from: string;
  to: string;
  timezone: string;
  currency?: string | null | undefined;
}) {
  return (
    <span class="period-line">
      <span data-period>{periodText(from, to)}</span>
      <span> · {timezone}</span>
      {currency && <span> · {currency}</span>}
    </span>
  );
}
