import type { ComponentChildren } from 'preact';
import { Page } from './Page';

interface Props {
  page: string;
  title: string;
  lead: string;
  items: readonly string[];
  children?: ComponentChildren;
}

/** A page whose report arrives in a later version: what it will show, designed, not an error. */
export function Unavailable({ page, title, lead, items, children }: Props) {
  return (
    <Page name={page} state="ready" title={title}>
      <div class="coming" data-unavailable>
        <div class="coming-badge">Coming in a later version</div>
        <h2>{lead}</h2>
        <ul class="coming-list">
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
        {children}
      </div>
    </Page>
  );
}
