// Collection progress on stderr: one line redrawn in place on a terminal, plain lines otherwise
// (CI logs), nothing with --no-progress or --quiet.
import type { CollectProgress } from '../collect/collector.js';
import type { CliIo } from './io.js';

export class Progress {
  private done = 0;
  private failed = 0;
  private total = 0;

  constructor(
    private readonly io: CliIo,
    private readonly enabled: boolean,
  ) {}

  message(text: string): void {
    if (!this.enabled) return;
    this.clear();
    this.io.stderr(`${text}\n`);
  }

  onEvent = (e: CollectProgress): void => {
    if (!this.enabled) return;
    if (e.status === 'started') {
      this.total++;
      return;
    }
    this.done++;
    if (e.status === 'error') this.failed++;
    const line = `collecting ${this.done}/${this.total}${this.failed ? ` (${this.failed} failed)` : ''}: ${e.source} ${e.region} ${e.status}${e.error ? ` ${e.error.code}` : ''}`;
    if (this.io.isTty) this.io.stderr(`\r\x1b[2K${line}`);
    else this.io.stderr(`${line}\n`);
  };

  finish(): void {
    if (this.enabled && this.io.isTty && this.total > 0) this.io.stderr('\n');
  }

  private clear(): void {
    if (this.io.isTty && this.total > this.done) this.io.stderr('\r\x1b[2K');
  }
}
