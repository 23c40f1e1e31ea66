// The JSON reports (the scan's findings, the investigation's events) end in one large array,
// streamed: its elements are gathered into chunks of about 32K characters, because one write per
// element costs more and one string per report grows without bound.

const CHUNK_CHARS = 32_768;

/** Gathers the elements of a report's closing array into chunks. */
export class JsonArrayChunks {
  private chunk: string;
  private first = true;

  /** `head`: the report up to and including the array's `[`. */
  constructor(head: string) {
    this.chunk = head;
  }

  /** Adds an element, given as JSON; returns a chunk ready to be written, or null. */
  add(json: string): string | null {
    this.chunk += (this.first ? '\n' : ',\n') + json;
    this.first = false;
    if (this.chunk.length < CHUNK_CHARS) return null;
    const full = this.chunk;
    this.chunk = '';
    return full;
  }

  /** The last chunk: what is left, the array and the report's object closed. */
  end(): string {
    return `${this.chunk}\n]}\n`;
  }
}
