import type { Action } from '../../domain/actions/action';
import { ASSURANCE_ACTION_FIELDS } from '../../domain/reports/assurance-tracker';
import { STATUS_ACTION_FIELDS } from '../../domain/reports/meeting-status';
import { OVERDUE_ACTION_FIELDS } from '../../domain/reports/overdue';
import { QUARTERLY_ACTION_FIELDS } from '../../domain/reports/quarterly-themes';
import { YEARLY_ACTION_FIELDS } from '../../domain/reports/yearly';
import { bodyOf, type FieldValue, type ListOptions } from '../../ports/document-store';
import { KIND } from '../kernel/kinds';

/**
 * Report mirrors (issue 14; docs/design/architecture.md, "Reports at 100,000 actions"): the records reports list, kept
 * as rows in a few documents per kind ("shards"), so a report reads them by id instead of querying the kind. The
 * local Cosmos server scans the whole container for any query (seconds at 10,000 actions), and on SQLite reading a
 * shard's rows is cheaper than projecting every action. SummaryKeepingStore changes the shards in the commit of every
 * write of a mirrored kind; the rebuild (report-summaries.ts) writes them afresh; ReportReadingStore reads them.
 */

/**
 * The action fields reports and the pieces they print read, and the quarterly facts a write counts: everything but the
 * long free text and the evidence.
 */
export const MIRRORED_ACTION_FIELDS = [
  ...new Set([...QUARTERLY_ACTION_FIELDS, ...STATUS_ACTION_FIELDS, ...OVERDUE_ACTION_FIELDS, ...ASSURANCE_ACTION_FIELDS, ...YEARLY_ACTION_FIELDS, 'sourceType', 'sourceId', 'origin', 'themes']),
] as readonly (keyof Action & string)[];

/** A kind kept in shards: which fields (all when left out), how many shards, and what picks a record's shard. */
export interface MirrorSpec {
  kind: string;
  fields?: readonly string[];
  shards: number;
  /** Records listed together share a shard: an action goes with its review, so an import of one review writes one. */
  shardKeyOf: (row: Record<string, unknown>) => string;
}

const byId = (row: Record<string, unknown>) => String(row.id);

/**
 * Shard counts weigh a report's reads (one per shard) against a write's (the whole shard): at 100,000 actions (12,500
 * reviews) an action shard holds about 800 rows (about 500 KB) and a review shard about 400 reviews, well under
 * Cosmos's 2 MB a document; at a partnership's usual 2,000 actions a shard is about 10 KB.
 */
export const MIRRORS: readonly MirrorSpec[] = [
  { kind: KIND.action, fields: MIRRORED_ACTION_FIELDS, shards: 128, shardKeyOf: (row) => String(row.reviewId ?? row.id) },
  { kind: KIND.review, shards: 32, shardKeyOf: byId },
  // What a write's quarterly facts read of an action's history, by action: a read by id instead of a query per write.
  { kind: KIND.progress, fields: ['actionId', 'at', 'statusAfter'], shards: 64, shardKeyOf: (row) => String(row.actionId ?? row.id) },
  { kind: KIND.assuranceRequest, shards: 16, shardKeyOf: (row) => String(row.reviewId ?? row.id) },
  // Whole records, each in the shard its id picks, by how many there can be.
  ...([
    [KIND.member, 4], [KIND.conversation, 4], [KIND.agency, 1], [KIND.theme, 1], [KIND.meeting, 1], [KIND.dipSample, 4],
    [KIND.s11Cycle, 1], [KIND.s11Return, 8], [KIND.scrutinyPiece, 4], [KIND.scrutinyCaseAudit, 8], [KIND.scrutinySelfEvaluation, 4],
    [KIND.scrutinyConcern, 2],
  ] as const).map(([kind, shards]): MirrorSpec => ({ kind, shards, shardKeyOf: byId })),
];

const SPECS = new Map(MIRRORS.map((spec) => [spec.kind, spec]));

export function mirrorSpecOf(kind: string): MirrorSpec | undefined {
  return SPECS.get(kind);
}

/**
 * A shard past this size stops its kind being mirrored (reports query it again) until a rebuild finds it small enough:
 * a write must never fail because a mirror grew past Cosmos's 2 MB a document.
 */
export const MAX_SHARD_CHARS = 1_500_000;
/**
 * The shards one commit may carry in all: Cosmos refuses a batch over 2 MB, and a commit of 30 writes spread over as
 * many reviews at 100,000 actions would touch 30 shards of about 500 KB. Past this, the commit stops keeping the kinds
 * it touches instead of failing.
 */
export const MAX_COMMIT_SHARD_CHARS = 1_500_000;

/** One shard of one kind: its rows by record id. */
export interface MirrorShardDoc {
  id: string;
  version: number;
  mirror: string;
  shard: number;
  rows: Record<string, Row>;
}

export type Row = Record<string, unknown> & { id: string };

export function shardIdOf(kind: string, shard: number): string {
  return `mirror--${kind}--${String(shard).padStart(3, '0')}`;
}

export function shardIdsOf(spec: MirrorSpec): string[] {
  return Array.from({ length: spec.shards }, (_, shard) => shardIdOf(spec.kind, shard));
}

/** FNV-1a: a stable spread of keys over shards, the same on every instance and after every restart. */
export function shardOf(spec: MirrorSpec, row: Record<string, unknown>): number {
  const key = spec.shardKeyOf(row);
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % spec.shards;
}

/** The record as its kind's mirror keeps it: the named fields that have a value, or the whole body. */
export function rowOf(spec: MirrorSpec, doc: object): Row {
  const body = bodyOf(doc) as Row;
  if (!spec.fields) return body;
  const row: Row = { id: body.id };
  for (const field of spec.fields) {
    const value = body[field];
    if (value !== undefined && value !== null) row[field] = value;
  }
  return row;
}

/** Whether the mirror holds every field a read names (its projection and its filters). */
export function mirrorAnswers(spec: MirrorSpec, options: ListOptions): boolean {
  if (options.upTo) return false;
  if (!spec.fields) return true;
  const held = new Set(['id', ...spec.fields]);
  const named = [...(options.fields ?? []), ...Object.keys(options.where ?? {})];
  return options.fields !== undefined && named.every((field) => held.has(field));
}

/** The rows a list with these options returns, in id order as the stores return them. */
export function selectRows(rows: readonly Row[], options: ListOptions): Row[] {
  const where = Object.entries(options.where ?? {});
  const selected = where.length ? rows.filter((row) => where.every(([field, value]) => matches(row[field], value))) : [...rows];
  selected.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (!options.fields) return selected;
  // A projection holds the named fields the record has (a missing or null field is left out), as the stores do.
  const fields = [...new Set(options.fields)];
  return selected.map((row) => {
    const projected: Row = { id: row.id, partnershipId: row.partnershipId, etag: row.etag };
    for (const field of fields) if (row[field] !== undefined && row[field] !== null) projected[field] = row[field];
    return projected;
  });
}

function matches(value: unknown, wanted: FieldValue): boolean {
  return wanted === null ? value === undefined || value === null : value === wanted;
}
