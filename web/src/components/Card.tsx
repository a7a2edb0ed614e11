import type { ComponentChildren } from 'preact';
import { downloadCsv, toCsv } from '../csv';
import { InfoTip } from './InfoTip';

export interface CsvData {
  filename: string;
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
}

interface Props {
  title: string;
  info?: string;
  csv?: CsvData;
  /** a server-side CSV of the same query instead of the client-side one */
  csvHref?: string;
  extra?: ComponentChildren;
  wide?: boolean;
  children: ComponentChildren;
  class?: string;
}

/** A titled panel with the metric definitions (ⓘ) and a CSV download of what it shows. */
export function Card({ title, info, csv, csvHref, extra, wide, children, class: cls }: Props) {
  return (
    <div class={`card${wide ? ' wide' : ''}${cls ? ` ${cls}` : ''}`}>
      <div class="card-head">
        <h2>
          {title}
          {info && <InfoTip text={info} />}
        </h2>
        <div class="card-tools">
          {extra}
          {csv && (
            <button
              type="button"
              class="btn-small"
              data-action="csv"
              title="Download this data as CSV"
              onClick={() => downloadCsv(csv.filename, toCsv(csv.columns, csv.rows))}
            >
              ↓ CSV
            </button>
          )}
          {!csv && csvHref && (
            <a class="btn-small" data-action="csv" href={csvHref} download>
              ↓ CSV
            </a>
          )}
        </div>
      </div>
      {children}
    </div>
  );
}
