import { Unavailable } from '../components/Unavailable';

export function Compliance() {
  return (
    <Unavailable
      page="compliance"
      title="Compliance"
      lead="Drop-rate compliance per campaign and drop group, over the rolling windows regulators use."
      items={[
        'Abandoned (dropped) outbound calls against live answers, per campaign and per drop group',
        'Rolling 30-day windows with the limit line, and the days a window went over it',
        'Drill-down to the dropped calls behind each window',
        'CSV export of every window for audits',
      ]}
    />
  );
}
