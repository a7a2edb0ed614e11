import { recordDef, type RecordType } from '../ingest/records.js';

// Rows carry every field of records.ts in declaration order, '' meaning no value, so a row's keys are
// exactly the CSV header. Hot paths build rows as object literals in that order (one hidden class per
// record type, which V8 handles far faster than objects grown key by key); the tests pin the order.

export const columnsOf = (type: RecordType): string[] => recordDef(type).fields.map((f) => f.name);

export const money = (x: number): string => x.toFixed(2);
/** A price to the 1/10000 the finance columns keep (a carrier's cost per call is under a cent). */
export const price = (x: number): string => String(Math.round(x * 10_000) / 10_000);

const SMALL = Array.from({ length: 4096 }, (_, i) => String(i));

/** Decimal text of a non-negative integer; durations share one string per value instead of one per row. */
export const int = (n: number): string => SMALL[n] ?? String(n);
