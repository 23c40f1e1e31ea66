// The answers of analyses 5-8 and the per-principal activity fit the investigation JSON schema
// (flat scalar details, at most 20 events per row), on an incident that fills every row kind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createActionsByQAnalysis } from '../../../runner/investigate/analyses/actions-by-q.js';
import { createIdeUsageAnalysis } from '../../../runner/investigate/analyses/ide-usage.js';
import { PrincipalActivityTracker } from '../../../runner/investigate/analyses/principal-activity.js';
import { createTamperingAnalysis } from '../../../runner/investigate/analyses/tampering.js';
import { createUnknownActivityAnalysis } from '../../../runner/investigate/analyses/unknown-activity.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { normaliseRecord } from '../../../runner/investigate/normalise.js';
import { packageRoot } from '../../../runner/util/package-root.js';
import { compileSchema } from '../../../runner/util/schemas.js';
import { identityCenterUser, iamUser, invokedByQ, qbusinessDataEvent, record } from '../records.js';
import { analysisContext, atSecond, catalogue } from './harness.js';

function incident(): TrailEvent[] {
  return [
    record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'GenerateCompletions', eventTime: atSecond(0), eventCategory: 'Data', userIdentity: identityCenterUser(), userAgent: 'AmazonQ-For-VSCode/1.23.0' }),
    record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'PutEventSelectors', eventTime: atSecond(1), userIdentity: iamUser('mallory'), requestParameters: { trailName: 't', advancedEventSelectors: [] } }),
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'TerminateInstances', eventTime: atSecond(2), userIdentity: invokedByQ(), sourceIPAddress: 'q.amazonaws.com' }),
    record({ eventName: 'BrandNewQThing', eventTime: atSecond(3), userIdentity: iamUser('mallory') }),
    ...Array.from({ length: 25 }, (_, i) => record({ eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', eventTime: atSecond(10 + i), userIdentity: iamUser('mallory'), errorCode: 'AccessDenied' })),
    ...Array.from({ length: 25 }, (_, i) => qbusinessDataEvent('Chat', { eventTime: atSecond(40 + i), userIdentity: iamUser('mallory'), sourceIPAddress: '192.0.2.66' })),
  ]
    .map((r) => normaliseRecord(r, catalogue))
    .filter((e): e is TrailEvent => e !== null);
}

describe('answers of analyses 5-8: investigation schema', () => {
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'check-metadata', 'investigation.schema.json'), 'utf8')) as { definitions: object };
  const answers = compileSchema({ definitions: schema.definitions, type: 'array', items: { $ref: '#/definitions/answer' } });
  const principals = compileSchema({ definitions: schema.definitions, type: 'array', items: { $ref: '#/definitions/principalActivity' } });

  it('every answer and every principal fits', () => {
    const ctx = analysisContext({ baseline: true, allowlist: { principals: [], sourceIps: ['203.0.113.0/24'], userAgents: [], eventNames: ['Chat'] } });
    const analyses = [createIdeUsageAnalysis(ctx), createTamperingAnalysis(ctx), createActionsByQAnalysis(ctx), createUnknownActivityAnalysis(ctx)];
    const tracker = new PrincipalActivityTracker();
    for (const e of incident()) {
      for (const a of analyses) a.observe(e);
      tracker.observe(e);
    }
    const result = analyses.map((a) => a.answer());
    assert.ok(answers(result), JSON.stringify(answers.errors));
    assert.deepEqual(
      result.map((a) => [a.id, a.items.length > 0]),
      [
        ['ide_usage', true],
        ['tampering', true],
        ['actions_by_q', true],
        ['unknown_activity', true],
      ],
    );
    assert.deepEqual(new Set(result[3].items.map((i) => i.detail.kind)), new Set(['principal', 'source_ip', 'user_agent', 'event_name', 'unclassified_event', 'access_denied_burst']));
    const activity = tracker.result();
    assert.ok(activity.length >= 3);
    assert.ok(principals(activity), JSON.stringify(principals.errors));
  });
});
