import type { Marker } from '../charts/options';
import type { Annotation } from '../types';

export interface NumberedMarker extends Marker {
  notes: Annotation[];
}

/** One numbered mark per bucket (several changes on one day share it); the list says what each is. */
export function markersOf(annotations: readonly Annotation[] | undefined): NumberedMarker[] {
  const byBucket = new Map<string, Annotation[]>();
  for (const a of annotations ?? []) {
    if (a.bucket === null) continue;
    const k = String(a.bucket);
    byBucket.set(k, [...(byBucket.get(k) ?? []), a]);
  }
  return [...byBucket].map(([at, notes], i) => ({ at, label: String(i + 1), notes }));
}

export function AnnotationList({ markers }: { markers: readonly NumberedMarker[] }) {
  if (!markers.length) return null;
  return (
    <ol class="annotations" aria-label="Operational changes marked on the chart">
      {markers.map((m) => (
        <li key={m.at} data-annotation={m.at}>
          <span class="ann-num">{m.label}</span>
          <span class="muted">{m.at}</span>{' '}
          {m.notes.map((n) => `${n.campaign ? `${n.campaign}: ` : ''}${n.label}`).join(' · ')}
        </li>
      ))}
    </ol>
  );
}
