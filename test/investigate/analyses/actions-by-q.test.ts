import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { MAX_EVENTS_PER_ITEM } from '../../../runner/investigate/answers.js';
import { createActionsByQAnalysis, UNRECOGNISED_AGENT_CLIENT } from '../../../runner/investigate/analyses/actions-by-q.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { normaliseRecord } from '../../../runner/investigate/normalise.js';
import { ACCOUNT, assumedRole, invokedByQ, qAgentUserAgent, record, type RawRecord, type RecordOptions } from '../records.js';
import { atMinute, catalogue, ev, runAnalysis, shuffled } from './harness.js';

const run = (events: TrailEvent[]): Answer => runAnalysis(createActionsByQAnalysis, events);

const CAROL = invokedByQ('Developer', 'carol');
const DAVE = invokedByQ('Operator', 'dave');

/** A call Amazon Q made for a user: invokedBy and source q.amazonaws.com, as CloudTrail logs it. */
const byQ = (eventSource: string, eventName: string, minute: number, userIdentity: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventSource, eventName, eventTime: atMinute(minute), userIdentity, sourceIPAddress: 'q.amazonaws.com', userAgent: 'q.amazonaws.com', ...extra });

function scenario(): TrailEvent[] {
  return [
    byQ('ec2.amazonaws.com', 'DescribeInstances', 0, CAROL),
    byQ('ec2.amazonaws.com', 'DescribeInstances', 1, CAROL),
    byQ('s3.amazonaws.com', 'ListBuckets', 2, CAROL),
    byQ('ec2.amazonaws.com', 'TerminateInstances', 3, CAROL, { requestParameters: { instancesSet: { items: [{ instanceId: 'i-0abc' }] } } }),
    byQ('ec2.amazonaws.com', 'TerminateInstances', 4, CAROL, { errorCode: 'Client.UnauthorizedOperation' }),
    byQ('lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', 5, DAVE, { readOnly: false }),
    byQ('iam.amazonaws.com', 'GetRole', 6, DAVE),
    // Identified by the source address only (no invokedBy).
    byQ('cloudwatch.amazonaws.com', 'GetMetricData', 7, assumedRole('Operator', 'dave')),
    // Not Q acting for a user: the user's own call, and a Q event itself.
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'TerminateInstances', eventTime: atMinute(8), userIdentity: assumedRole('Developer', 'carol') }),
    record({ eventSource: 'q.amazonaws.com', eventName: 'PassRequest', eventTime: atMinute(9), userIdentity: assumedRole('Developer', 'carol') }),
  ].map((r) => normaliseRecord(r, catalogue)).filter((e): e is TrailEvent => e !== null);
}

describe('analysis: actions_by_q', () => {
  it('has one row per principal, service and event name, changing calls first', () => {
    const answer = run(scenario());
    assert.equal(answer.id, 'actions_by_q');
    assert.equal(answer.flagged, false);
    assert.deepEqual(
      answer.items.map((i) => [i.detail.principal_name, i.detail.service, i.detail.event_name, i.detail.read_only, i.eventCount]),
      [
        ['Developer/carol', 'ec2.amazonaws.com', 'TerminateInstances', false, 2],
        ['Operator/dave', 'lambda.amazonaws.com', 'UpdateFunctionConfiguration20150331v2', false, 1],
        ['Developer/carol', 'ec2.amazonaws.com', 'DescribeInstances', true, 2],
        ['Developer/carol', 's3.amazonaws.com', 'ListBuckets', true, 1],
        ['Operator/dave', 'iam.amazonaws.com', 'GetRole', true, 1],
        ['Operator/dave', 'cloudwatch.amazonaws.com', 'GetMetricData', true, 1],
      ],
    );
    assert.ok(answer.items.every((i) => !i.flagged));
  });

  it('counts successes and failures, with the error codes and the events behind the row', () => {
    const terminate = run(scenario()).items[0];
    assert.equal(terminate.label, 'Q called ec2:TerminateInstances for Developer/carol (2×, 1 failed)');
    assert.equal(terminate.detail.principal, `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/carol`);
    assert.equal(terminate.detail.succeeded, 1);
    assert.equal(terminate.detail.failed, 1);
    assert.equal(terminate.detail.error_codes, 'Client.UnauthorizedOperation');
    assert.equal(terminate.detail.invoked_by, 'q.amazonaws.com');
    assert.equal(terminate.detail.first_seen, atMinute(3));
    assert.equal(terminate.detail.last_seen, atMinute(4));
    assert.deepEqual(
      terminate.events.map((e) => [e.eventTime, e.sourceIp, e.errorCode]),
      [
        [atMinute(3), 'q.amazonaws.com', null],
        [atMinute(4), 'q.amazonaws.com', 'Client.UnauthorizedOperation'],
      ],
    );
  });

  it('takes readOnly from the record and guesses it from the name only when the record does not say', () => {
    const noFlag = (name: string, minute: number): TrailEvent => {
      const raw = byQ('ec2.amazonaws.com', name, minute, CAROL);
      delete raw.readOnly;
      return ev(raw);
    };
    const answer = run([noFlag('DescribeVpcs', 0), noFlag('CreateVpc', 1), ev(byQ('s3.amazonaws.com', 'GetObject', 2, CAROL, { readOnly: false }))]);
    const rows = new Map(answer.items.map((i) => [i.detail.event_name, i.detail]));
    assert.equal(rows.get('DescribeVpcs')?.read_only, true);
    assert.equal(rows.get('DescribeVpcs')?.read_only_source, 'name');
    assert.equal(rows.get('CreateVpc')?.read_only, false);
    // The record says so: believed, even against the name.
    assert.equal(rows.get('GetObject')?.read_only, false);
    assert.equal(rows.get('GetObject')?.read_only_source, 'logged');
  });

  it('keeps the count exact and the events bounded on a busy row', () => {
    const many = Array.from({ length: 50 }, (_, i) => ev(byQ('ec2.amazonaws.com', 'DescribeInstances', 49 - i, CAROL)));
    const [row] = run(many).items;
    assert.equal(row.eventCount, 50);
    assert.equal(row.events.length, MAX_EVENTS_PER_ITEM);
    assert.equal(row.events[0].eventTime, atMinute(0));
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = scenario();
    assert.deepEqual(run(shuffled(events)), run(events));
    assert.deepEqual(run([...events].reverse()), run(events));
  });

  it('summarises calls, principals, services and what changed', () => {
    assert.equal(run(scenario()).summary, 'Amazon Q made 8 calls for 2 principals in 5 services: 3 changing (1 failed), 5 read-only.');
    assert.equal(run([]).summary, "Amazon Q made no calls on a user's behalf in the window.");
  });

  describe('calls the Amazon Q Developer agent ran from the CLI or the IDE', () => {
    const ERIN = assumedRole('Developer', 'erin');
    const USER_IP = '192.0.2.44';
    /** The AWS CLI run by the agent: the user's own credentials and IP, the marker in the user agent, no invokedBy. */
    const byAgent = (eventSource: string, eventName: string, minute: number, userAgent: string, extra: Partial<RecordOptions> = {}): TrailEvent =>
      ev(record({ eventSource, eventName, eventTime: atMinute(minute), userIdentity: ERIN, sourceIPAddress: USER_IP, userAgent, ...extra }));
    const IDE_RAW_UA = 'aws-cli/2.30.0 md/awscrt#0.27.6 ua/2.1 os/darwin#24.6.0 md/arch#arm64 lang/python#3.13.7 md/pyimpl#CPython exec-env/AmazonQ-For-IDE Version/1.94.0 m/b cfg/retry-mode#standard';

    it('names the CLI with its version, beside the user\'s IP', () => {
      const [row] = run([byAgent('ec2.amazonaws.com', 'StopInstances', 0, qAgentUserAgent('CLI', '1.16.0'))]).items;
      assert.equal(row.detail.client, 'Amazon Q Developer CLI');
      assert.equal(row.detail.client_versions, '1.16.0');
      assert.equal(row.detail.invoked_by, USER_IP);
      assert.equal(row.label, 'Q called ec2:StopInstances for Developer/erin via Amazon Q Developer CLI (1×)');
      assert.equal(row.events[0].userAgent, qAgentUserAgent('CLI', '1.16.0'));
    });

    it('names the IDE agent with its version, sanitised or as set, and keeps its rows apart from the CLI\'s', () => {
      const answer = run([
        byAgent('s3.amazonaws.com', 'DeleteObject', 0, qAgentUserAgent('IDE', '1.94.0')),
        byAgent('s3.amazonaws.com', 'DeleteObject', 1, IDE_RAW_UA),
        byAgent('s3.amazonaws.com', 'DeleteObject', 2, qAgentUserAgent('IDE', '1.95.1')),
        byAgent('s3.amazonaws.com', 'DeleteObject', 3, qAgentUserAgent('CLI', '1.16.0')),
      ]);
      assert.deepEqual(
        answer.items.map((i) => [i.detail.event_name, i.detail.client, i.detail.client_versions, i.eventCount]),
        [
          ['DeleteObject', 'Amazon Q in the IDE (agent)', '1.94.0, 1.95.1', 3],
          ['DeleteObject', 'Amazon Q Developer CLI', '1.16.0', 1],
        ],
      );
      assert.equal(answer.items[0].label, 'Q called s3:DeleteObject for Developer/erin via Amazon Q in the IDE (agent) (3×)');
      assert.equal(answer.summary, 'Amazon Q made 4 calls for 1 principal in 1 service: 4 changing, 0 read-only.');
    });

    it('names a client for every marker the normaliser gives the agent, and none for calls Q made itself', () => {
      // The normaliser and the client table read the marker alike (normalise.ts, ide-usage.ts), so
      // the "client not recognised" label is never needed for a normalised call.
      const markers = [
        'aws-cli/2.27.0 ua/2.1 os/linux#6.1 exec-env/AWS_ECS_EC2-AmazonQ-For-CLI-Version-1.23.1 md/command#s3.rm',
        'aws-cli/2.30.0 Python/3.13.7 Linux/6.6 exec-env/CloudShell_AmazonQ-For-CLI-Version-1.16.0',
        'aws-sdk-rust/1.3.15 ua/2.1 os/macos lang/rust/1.92.0 md/AmazonQ-For-CLI-Version-2.6.1 m/F',
        'aws-cli/2.30.0 md/awscrt#0.27.6 exec-env/AmazonQ-For-IDE m/b',
      ];
      const answer = run([...markers.map((ua, i) => byAgent('iam.amazonaws.com', `Call${i}`, i, ua)), ev(byQ('ec2.amazonaws.com', 'DescribeInstances', 9, CAROL))]);
      const rows = new Map(answer.items.map((i) => [i.detail.event_name, i]));
      for (let i = 0; i < markers.length; i++) {
        const client = rows.get(`Call${i}`)?.detail.client;
        assert.ok(typeof client === 'string' && client !== UNRECOGNISED_AGENT_CLIENT, `${markers[i]} → ${String(client)}`);
      }
      assert.equal(rows.get('Call1')?.detail.client_versions, '1.16.0');
      const byQItself = rows.get('DescribeInstances');
      assert.equal(byQItself?.detail.client, null);
      assert.equal(byQItself?.detail.client_versions, null);
      assert.equal(byQItself?.label, 'Q called ec2:DescribeInstances for Developer/carol (1×)');
    });

    it('gives the same clients and versions whatever order the events arrive in', () => {
      const events = [
        ...scenario(),
        byAgent('s3.amazonaws.com', 'DeleteObject', 0, qAgentUserAgent('IDE', '1.95.1')),
        byAgent('s3.amazonaws.com', 'DeleteObject', 0, qAgentUserAgent('IDE', '1.94.0')),
        byAgent('s3.amazonaws.com', 'DeleteObject', 1, qAgentUserAgent('CLI', '1.16.0')),
        byAgent('iam.amazonaws.com', 'CreateAccessKey', 2, qAgentUserAgent('CLI')),
      ];
      assert.deepEqual(run(shuffled(events)), run(events));
      assert.deepEqual(run([...events].reverse()), run(events));
    });
  });
});
