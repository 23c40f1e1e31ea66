// Reports are written atomically: to a temporary file in the same folder, then renamed, so a
// reader never sees half a report and a crash never leaves a truncated one behind.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';

function tempPath(file: string): string {
  return join(dirname(file), `.qready-tmp-${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}`);
}

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempPath(file);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

/** Cleanup must never hide the error that caused it. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // the original error is what the user needs to see
  }
}

/** Streams chunks to a temporary file, then renames it into place. */
export async function writeStreamAtomic(file: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempPath(file);
  const out = createWriteStream(tmp);
  // A stream error (cannot open, disk full) must reject this promise, not crash the process.
  let failure: Error | null = null;
  const failed = new Promise<never>((_resolve, reject) => out.once('error', (e) => reject((failure = e))));
  failed.catch(() => undefined);
  try {
    for await (const chunk of chunks) {
      if (failure) throw failure;
      if (!out.write(chunk)) await Promise.race([new Promise<void>((resolve) => out.once('drain', resolve)), failed]);
    }
    out.end();
    await Promise.race([finished(out), failed]);
    renameSync(tmp, file);
  } catch (e) {
    out.destroy();
    removeQuietly(tmp);
    throw e;
  }
}
