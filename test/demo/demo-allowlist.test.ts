// The example allowlist describes the demo trail's normal month: investigating the incident week
// with it and no baseline, the unknown-activity answer flags the contractor (its user, address,
// client, burst of AccessDenied and the calls nobody makes normally) and the new calls Amazon Q
// made for the developer, and none of the routine actors, who are all active in the window.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEMO_TRAIL_FOLDER, DEMO_TRAIL_INVESTIGATION } from '../../examples/demo-trail.js';
import { CONTRACTOR_ARN, CONTRACTOR_IP } from '../../examples/demo/trail-incident.js';
import { loadAllowlist } from '../../runner/investigate/allowlist.js';
import type { Answer, AnswerItem } from '../../runner/investigate/answers.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { NO_FILTERS } from '../../runner/investigate/filters.js';
import { investigate, type InvestigationRun } from '../../runner/investigate/investigate.js';
import { filesSource } from '../../runner/investigate/sources/files-source.js';
import { packageRoot } from '../../runner/util/package-root.js';

const EXAMPLE_ALLOWLIST = join(packageRoot(), 'examples', 'investigate-allowlist.yaml');

/** The routine actors of the demo's normal month, by what identifies each in an event. */
const ROUTINE: Record<string, (e: TrailEvent) => boolean> = {
  'employees (QBusinessUsers sessions)': (e) => e.principal.sessionIssuerArn === 'arn:aws:iam::111122223333:role/QBusinessUsers',
  'the security team (SecurityAdmin)': (e) => e.principal.sessionIssuerArn === 'arn:aws:iam::111122223333:role/SecurityAdmin',
  'the ingestion pipeline (svc-q-ingest)': (e) => e.principal.arn === 'arn:aws:iam::111122223333:user/svc-q-ingest',
  'the developer (DeveloperAccess permission set)': (e) => /:assumed-role\/AWSReservedSSO_DeveloperAccess_[0-9a-f]+\//.test(e.principal.arn ?? ''),
  'Q Developer in the IDEs (Identity Center users)': (e) => e.principal.type === 'IdentityCenterUser',
};

describe('the demo trail investigated with examples/investigate-allowlist.yaml (no baseline)', () => {
  let run: InvestigationRun;
  let unknown: Answer;
  /** The window's Amazon Q and Q-invoked events (what the unknown-activity answer compares). */
  const compared: TrailEvent[] = [];
  const rows = (kind: string): AnswerItem[] => unknown.items.filter((i) => i.detail.kind === kind);
  const values = (kind: string): unknown[] => rows(kind).map((i) => i.detail.value);

  before(async () => {
    const start = Date.parse(`${DEMO_TRAIL_INVESTIGATION.start}T00:00:00Z`);
    const end = Date.parse(`${DEMO_TRAIL_INVESTIGATION.end}T00:00:00Z`);
    run = await investigate({
      source: filesSource(join(packageRoot(), DEMO_TRAIL_FOLDER), { workers: 2 }),
      window: { start, end },
      baseline: null,
      filters: NO_FILTERS,
      allowlist: loadAllowlist(EXAMPLE_ALLOWLIST),
    });
    unknown = run.investigation.answers.find((a) => a.id === 'unknown_activity')!;
    for await (const e of run.events()) if (e.scope !== 'related') compared.push(e);
  });

  after(async () => {
    await run?.dispose();
  });

  it('compares with the allowlist and flags the run', () => {
    assert.deepEqual(run.investigation.problems, []);
    assert.equal(unknown.flagged, true);
    assert.match(unknown.summary, /^1 principal, 1 source IP, 1 user agent and \d+ event names not in the allowlist; 1 AccessDenied burst/);
  });

  it('flags the contractor: its IAM user, its address, its client and its burst of AccessDenied', () => {
    assert.deepEqual(values('principal'), [CONTRACTOR_ARN]);
    assert.deepEqual(values('source_ip'), [CONTRACTOR_IP]);
    assert.equal(values('user_agent').length, 1);
    assert.match(String(values('user_agent')[0]), /^Boto3\//);
    assert.deepEqual(values('access_denied_burst'), [CONTRACTOR_ARN]);
    for (const kind of ['principal', 'source_ip', 'user_agent']) {
      for (const e of rows(kind)[0].events) assert.equal(e.principal, CONTRACTOR_ARN, `${kind}: ${e.eventName}`);
    }
  });

  it('flags the event names nobody uses in a normal month: the contractor\'s, and Q reading EC2 and S3 for the developer', () => {
    const names = values('event_name');
    for (const name of ['ChatSync', 'CreatePlugin', 'BatchDeleteDocument', 'UpdateChatControlsConfiguration', 'DeleteWebExperience', 'DescribeInstances', 'ListBuckets']) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
    for (const row of rows('event_name')) {
      for (const e of row.events) {
        // Anyone else's event behind a new name is a call Amazon Q made with the developer's permissions.
        if (e.principal !== CONTRACTOR_ARN) {
          assert.equal(e.userAgent, 'q.amazonaws.com', `${row.label}: ${e.principal}`);
          assert.ok(['DescribeInstances', 'ListBuckets'].includes(e.eventName), row.label);
        }
      }
    }
  });

  it('flags none of the routine actors, who are all active in the window', () => {
    const flaggedIps = new Set(values('source_ip'));
    const flaggedPrincipals = new Set(values('principal'));
    const flaggedNames = new Set(values('event_name'));
    for (const [who, isActor] of Object.entries(ROUTINE)) {
      const theirs = compared.filter(isActor);
      assert.ok(theirs.length > 0, `${who}: no event in the window`);
      for (const e of theirs) {
        assert.ok(!flaggedPrincipals.has(e.principal.arn ?? e.principal.key), `${who}: ${e.principal.key}`);
        assert.ok(!flaggedIps.has(e.sourceIp), `${who}: ${e.sourceIp}`);
        // Their own calls (not the ones Q made for them) are all routine names.
        if (e.invokedBy === null) assert.ok(!flaggedNames.has(e.qClass?.name ?? e.eventName), `${who}: ${e.eventName}`);
      }
      const agents = new Set(theirs.map((e) => e.userAgent));
      for (const row of rows('user_agent')) {
        for (const ua of String(row.detail.user_agents).split(' | ')) assert.ok(!agents.has(ua), `${who}: ${ua}`);
      }
    }
  });
});
