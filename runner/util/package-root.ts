// The folder that holds package.json, checks/ and check-metadata/, found from this file's
// location so it works from dist/ and from an installed package alike.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'check-metadata'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('qready: cannot find the package root (package.json with check-metadata/)');
    dir = parent;
  }
  root = dir;
  return dir;
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
