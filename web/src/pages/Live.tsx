import { Unavailable } from '../components/Unavailable';

export function Live() {
  return (
    <Unavailable
      page="live"
      title="Live wallboard"
      lead="A full-screen wallboard for the floor TV, updated as calls happen."
      items={[
        'Calls waiting, longest wait and service level of the last 30 minutes per queue',
        'Agents by state (talking, available, wrap, paused) with time in state',
        "Today's wins and revenue against the day's goal",
        'Large type and status icons that read from across the room',
      ]}
    />
  );
}
