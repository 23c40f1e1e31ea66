// The CSV reports (the scan's findings and the investigation's timeline) are written in chunks of
// rows: csv-stringify's sync API turns each batch into one string for the atomic streaming writer,
// so memory stays at one batch however many rows there are. Each writer picks its batch size so
// that a chunk stays under V8's large-object size (128 KiB): larger strings are allocated in
// large-object space, which only a full GC frees.
import { stringify, type Options } from 'csv-stringify/sync';

/** RFC 4180 with CRLF, and formulas escaped so a spreadsheet never runs a value from AWS (both reports). */
export const CSV_OPTIONS: Options = {
  delimiter: ',',
  quote: '"',
  escape: '"',
  record_delimiter: '\r\n',
  quote_record_delimiter: true,
  escape_formulas: true,
  eof: true,
  bom: false,
  header: false,
};

/** Batches rows into CSV chunks of `rowsPerChunk` rows. */
export class CsvChunks {
  private readonly batch: string[][] = [];

  constructor(private readonly rowsPerChunk: number) {}

  /** The header row. */
  header(columns: readonly string[]): string {
    return stringify([[...columns]], CSV_OPTIONS);
  }

  /** Adds a row; returns a chunk ready to be written, or null. */
  add(row: string[]): string | null {
    this.batch.push(row);
    if (this.batch.length < this.rowsPerChunk) return null;
    const chunk = stringify(this.batch, CSV_OPTIONS);
    this.batch.length = 0;
    return chunk;
  }

  /** The rows not written yet, or null when there are none. */
  end(): string | null {
    return this.batch.length ? stringify(this.batch, CSV_OPTIONS) : null;
  }
}
