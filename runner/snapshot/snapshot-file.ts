// Reading and writing snapshot files. A corrupt or foreign file is an input error naming the
// file, the line and the field, never a crash in the middle of evaluation.
import { writeFileAtomic } from '../util/atomic-write.js';
import { parseJsonDocument, readTextFile } from '../util/json-file.js';
import type { Snapshot } from './snapshot.js';

export function loadSnapshot(file: string): Snapshot {
  const text = readTextFile(file, 'snapshot');
  return parseJsonDocument(text, file, 'snapshot', () => 'not a qready snapshot') as Snapshot;
}

export function saveSnapshot(snapshot: Snapshot, file: string): void {
  writeFileAtomic(file, JSON.stringify(snapshot));
}
