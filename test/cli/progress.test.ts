import assert from 'node:assert/strict';
import { Progress } from '../../runner/cli/progress.js';
import type { CliIo } from '../../runner/cli/io.js';

function capture(isTty: boolean): { io: CliIo; err: string[] } {
  const err: string[] = [];
  return { io: { stdout: () => undefined, stderr: (t) => void err.push(t), isTty }, err };
}

const events = (p: Progress): void => {
  p.onEvent({ source: 'iam.credential_report', region: 'us-east-1', status: 'started' });
  p.onEvent({ source: 'iam.password_policy', region: 'us-east-1', status: 'started' });
  p.onEvent({ source: 'iam.credential_report', region: 'us-east-1', status: 'ok' });
  p.onEvent({ source: 'iam.password_policy', region: 'us-east-1', status: 'error', error: { code: 'AccessDenied', message: 'no', action: 'iam:GetAccountPasswordPolicy' } });
  p.finish();
};

describe('collection progress', () => {
  it('prints one plain line per finished source when stderr is not a terminal (CI logs)', () => {
    const { io, err } = capture(false);
    events(new Progress(io, true));
    assert.deepEqual(err, [
      'collecting 1/2: iam.credential_report us-east-1 ok\n',
      'collecting 2/2 (1 failed): iam.password_policy us-east-1 error AccessDenied\n',
    ]);
  });

  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const { io, err } = capture(true);
    events(new Progress(io, true));
    assert.equal(err.length, 3);
    assert.ok(err[0].startsWith('\r\x1b[2K') && !err[0].endsWith('\n'));
    assert.ok(err[1].includes('(1 failed)'));
    assert.equal(err[2], '\n');
  });

  it('prints nothing when disabled (--no-progress, --quiet)', () => {
    const { io, err } = capture(true);
    const p = new Progress(io, false);
    events(p);
    p.message('hello');
    assert.deepEqual(err, []);
  });
});
