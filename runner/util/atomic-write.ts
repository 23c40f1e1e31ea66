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
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Streams chunks to a temporary file, then renames it into place. */
export async function writeStreamAtomic(file: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = tempPath(file);
  const out = createWriteStream(tmp);
  try {
    for await (const chunk of chunks) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    out.end();
    await finished(out);
    renameSync(tmp, file);
  } catch (e) {
    out.destroy();
    rmSync(tmp, { force: true });
    throw e;
  }
}
