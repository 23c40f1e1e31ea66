// BatchImportFindings takes at most 100 findings and 6 MB per request. Records are grouped in
// order; each record is at most 240 KB (asff.ts guarantees it), so every record fits a batch.

/** 6 MB read strictly as 6,000,000 bytes of request body. */
export const BATCH_LIMITS = { findings: 100, bytes: 6_000_000 } as const;

/** `{"Findings":[` + `]}`: the request body around the records. */
const ENVELOPE_BYTES = Buffer.byteLength('{"Findings":[]}');

export interface Sized {
  /** UTF-8 bytes of the record's JSON. */
  bytes: number;
}

export interface BatchLimits {
  findings: number;
  bytes: number;
}

/** The request body size of a batch of records: envelope, records and the commas between them. */
export function bodyBytes(items: readonly Sized[]): number {
  return ENVELOPE_BYTES + items.reduce((n, i) => n + i.bytes, 0) + Math.max(0, items.length - 1);
}

/** Groups items, in order, into batches within both limits. Lazy: memory holds one batch. */
export function* batchesOf<T extends Sized>(items: Iterable<T>, limits: BatchLimits = BATCH_LIMITS): Generator<T[]> {
  let batch: T[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of items) {
    const add = item.bytes + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && (batch.length >= limits.findings || bytes + add > limits.bytes)) {
      yield batch;
      batch = [];
      bytes = ENVELOPE_BYTES;
    }
    bytes += item.bytes + (batch.length > 0 ? 1 : 0);
    batch.push(item);
  }
  if (batch.length > 0) yield batch;
}
