// Where the CLI writes, injectable so end-to-end tests can capture output.
import type { ClientFactoryOptions } from '../collect/clients.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress redraws one line) or not (plain lines). */
  isTty: boolean;
  /** Extra SDK client options (tests inject a request handler). */
  clientOptions?: ClientFactoryOptions;
}

export const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
};

/** Exit codes (DESIGN.md): 0 clean, 3 unmuted FAIL, 1 runtime error, 2 usage or validation error. */
export const EXIT = { OK: 0, RUNTIME: 1, USAGE: 2, FAIL: 3 } as const;

/** A usage or validation problem: printed as is, exit code 2. */
export class UsageError extends Error {}
