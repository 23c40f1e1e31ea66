// The detection collectors at the wire, through the real SDK v3 clients: restJson1 for Access
// Analyzer, GuardDuty, Security Hub and Account, awsJson1_1 for Organizations; nextToken paging,
// throttled calls that are retried, "none" answers recorded as data, and failures recorded per
// region (or per analyzer) as errors naming the action.
import assert from 'node:assert/strict';
import { collectAccount } from '../../runner/collect/collector.js';
import { DETECTION_COLLECTORS } from '../../runner/collect/detection.js';
import type { AccountSnapshot, SourceResult } from '../../runner/snapshot/snapshot.js';
import {
  DETECTION_SOURCES, type AccessAnalyzerFindingsData, type AccessAnalyzersData, type AiOptOutPolicyData, type GuardDutyDetectorsData,
  type SecurityContactData, type SecurityHubData,
} from '../../runner/sources/detection-sources.js';
import {
  awsJsonError, awsJsonResult, DetectionWire, detectionFactory, jsonError, jsonResult, regionNotEnabled, restAccessDenied, tokenPages, type DetectionCall,
} from './detection-wire.js';

const ACCOUNT = '123456789012';
const noSleep = (): Promise<void> => Promise.resolve();
const analyzerArn = (region: string, name: string): string => `arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer/${name}`;

async function collect(wire: DetectionWire, sourceIds: string[], regions = ['us-east-1']): Promise<AccountSnapshot> {
  return collectAccount({ factory: detectionFactory(wire), accountId: ACCOUNT, partition: 'aws', regions, sourceIds, sleep: noSleep });
}

async function collectOne(wire: DetectionWire, sourceId: string, region = 'us-east-1'): Promise<SourceResult> {
  const snapshot = await collect(wire, [sourceId], [region]);
  return snapshot.sources[sourceId][region] ?? Object.values(snapshot.sources[sourceId])[0];
}

function okData<T>(result: SourceResult): T {
  assert.equal(result.status, 'ok', JSON.stringify(result));
  return result.data as T;
}

function errorOf(result: SourceResult): { code: string; action: string | null } {
  assert.equal(result.status, 'error', JSON.stringify(result));
  return result.error;
}

const throttled = jsonError('ThrottlingException', 'Rate exceeded', 429);

/** Two pages of analyzers: an external one and an unused-access one, then an org analyzer and a disabled one. */
const analyzerPages = (region: string): Record<string, unknown>[] => [
  {
    analyzers: [
      { arn: analyzerArn(region, 'external'), name: 'external', type: 'ACCOUNT', status: 'ACTIVE', createdAt: '2025-01-02T03:04:05Z', lastResourceAnalyzedAt: '2026-11-29T10:00:00Z' },
      { arn: analyzerArn(region, 'unused'), name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: '2025-01-02T03:04:05Z', configuration: { unusedAccess: { unusedAccessAge: 90 } } },
    ],
  },
  {
    analyzers: [
      { arn: analyzerArn(region, 'org'), name: 'org', type: 'ORGANIZATION', status: 'ACTIVE', createdAt: '2025-02-01T00:00:00Z' },
      { arn: analyzerArn(region, 'old'), name: 'old', type: 'ACCOUNT', status: 'DISABLED', statusReason: { code: 'AWS_SERVICE_ACCESS_DISABLED' }, createdAt: '2023-01-01T00:00:00Z' },
    ],
  },
];

const roleFinding = {
  id: 'f-role', resource: `arn:aws:iam::${ACCOUNT}:role/Vendor`, resourceType: 'AWS::IAM::Role', resourceOwnerAccount: ACCOUNT,
  principal: { AWS: '999988887777' }, action: ['sts:AssumeRole'], isPublic: false, condition: {}, status: 'ACTIVE',
  createdAt: '2026-10-01T00:00:00Z', analyzedAt: '2026-11-30T00:00:00Z', updatedAt: '2026-10-02T00:00:00Z',
};
const bucketFinding = {
  id: 'f-bucket', resource: 'arn:aws:s3:::public-site', resourceType: 'AWS::S3::Bucket', resourceOwnerAccount: ACCOUNT,
  principal: { AWS: '*' }, action: ['s3:GetObject'], isPublic: true, condition: { 'aws:SourceIp': '203.0.113.0/24' }, status: 'ACTIVE',
  createdAt: '2026-10-01T00:00:00Z', analyzedAt: '2026-11-30T00:00:00Z', updatedAt: '2026-10-01T00:00:00Z',
};

function accessAnalyzerWire(): DetectionWire {
  return new DetectionWire()
    .on('access-analyzer:ListAnalyzers', (call) => tokenPages(analyzerPages(call.region))(call))
    .on('access-analyzer:ListFindings', (call) => {
      const arn = String(call.params.analyzerArn);
      if (arn.endsWith('/org')) return restAccessDenied('access-analyzer:ListFindings');
      // The external analyzer's findings come in two pages.
      return tokenPages([{ findings: [roleFinding] }, { findings: [bucketFinding] }])(call);
    });
}

describe('detection collectors at the wire', () => {
  describe('accessanalyzer.analyzers (restJson1)', () => {
    it('follows nextToken and keeps every analyzer with type and status', async () => {
      const wire = accessAnalyzerWire();
      const data = okData<AccessAnalyzersData>(await collectOne(wire, 'accessanalyzer.analyzers'));
      assert.deepEqual(wire.callsTo('access-analyzer:ListAnalyzers').map((c) => c.params.nextToken), [undefined, 't-1']);
      assert.deepEqual(data.analyzers.map((a) => [a.name, a.type, a.status, a.status_reason]), [
        ['external', 'ACCOUNT', 'ACTIVE', null],
        ['unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE', null],
        ['org', 'ORGANIZATION', 'ACTIVE', null],
        ['old', 'ACCOUNT', 'DISABLED', 'AWS_SERVICE_ACCESS_DISABLED'],
      ]);
      assert.equal(data.analyzers[0].created_at, '2025-01-02T03:04:05.000Z');
      assert.equal(data.analyzers[0].last_resource_analyzed_at, '2026-11-29T10:00:00.000Z');
      assert.equal(wire.calls[0].host, 'access-analyzer.us-east-1.amazonaws.com');
    });

    it('retries a throttled call', async () => {
      const wire = new DetectionWire().on('access-analyzer:ListAnalyzers', throttled, jsonResult({ analyzers: [] }));
      assert.deepEqual(okData<AccessAnalyzersData>(await collectOne(wire, 'accessanalyzer.analyzers')), { analyzers: [] });
      assert.equal(wire.callsTo('access-analyzer:ListAnalyzers').length, 2);
    });

    it('records AccessDenied as the region\'s error, naming the action', async () => {
      const wire = new DetectionWire().on('access-analyzer:ListAnalyzers', restAccessDenied('access-analyzer:ListAnalyzers'));
      const error = errorOf(await collectOne(wire, 'accessanalyzer.analyzers'));
      assert.equal(error.code, 'AccessDeniedException');
      assert.equal(error.action, 'access-analyzer:ListAnalyzers');
    });
  });

  describe('accessanalyzer.findings (restJson1)', () => {
    it('lists ACTIVE findings of each ACTIVE external-access analyzer only, all pages; a denied analyzer fails alone', async () => {
      const wire = accessAnalyzerWire();
      const snapshot = await collect(wire, ['accessanalyzer.findings']);
      assert.equal(snapshot.sources['accessanalyzer.analyzers']['us-east-1'].status, 'ok', 'the dependency is collected too');
      const data = okData<AccessAnalyzerFindingsData>(snapshot.sources['accessanalyzer.findings']['us-east-1']);

      const calls = wire.callsTo('access-analyzer:ListFindings');
      // Not the unused-access analyzer, not the disabled one.
      assert.deepEqual(calls.map((c) => [String(c.params.analyzerArn).split('/')[1], c.params.nextToken]).sort(), [['external', 't-1'], ['external', undefined], ['org', undefined]].sort());
      for (const c of calls) assert.deepEqual(c.params.filter, { status: { eq: ['ACTIVE'] } });

      const byName = new Map(data.analyzers.map((a) => [a.analyzer_name, a]));
      assert.deepEqual([...byName.keys()].sort(), ['external', 'org']);
      const external = byName.get('external');
      assert.deepEqual(external?.findings?.map((f) => [f.id, f.resource_type, f.is_public]), [['f-role', 'AWS::IAM::Role', false], ['f-bucket', 'AWS::S3::Bucket', true]]);
      assert.deepEqual(external?.findings?.[0], {
        id: 'f-role', resource: `arn:aws:iam::${ACCOUNT}:role/Vendor`, resource_type: 'AWS::IAM::Role', resource_owner_account: ACCOUNT,
        principal: { AWS: '999988887777' }, action: ['sts:AssumeRole'], is_public: false, condition: {}, status: 'ACTIVE',
        created_at: '2026-10-01T00:00:00.000Z', updated_at: '2026-10-02T00:00:00.000Z', analyzed_at: '2026-11-30T00:00:00.000Z', error: null,
      });
      assert.deepEqual(external?.findings?.[1].condition, { 'aws:SourceIp': '203.0.113.0/24' });
      const org = byName.get('org');
      assert.equal(org?.findings, null);
      assert.equal(org?.error?.code, 'AccessDeniedException');
      assert.equal(org?.error?.action, 'access-analyzer:ListFindings');
    });

    it('sends no ListFindings when only unused-access analyzers exist', async () => {
      const wire = new DetectionWire()
        .on('access-analyzer:ListAnalyzers', jsonResult({ analyzers: [{ arn: analyzerArn('us-east-1', 'u'), name: 'u', type: 'ORGANIZATION_UNUSED_ACCESS', status: 'ACTIVE', createdAt: '2025-01-01T00:00:00Z' }] }));
      const snapshot = await collect(wire, ['accessanalyzer.findings']);
      assert.deepEqual(okData<AccessAnalyzerFindingsData>(snapshot.sources['accessanalyzer.findings']['us-east-1']), { analyzers: [] });
      assert.equal(wire.callsTo('access-analyzer:ListFindings').length, 0);
    });

    it('fails with the dependency\'s action when ListAnalyzers is denied', async () => {
      const wire = new DetectionWire().on('access-analyzer:ListAnalyzers', restAccessDenied('access-analyzer:ListAnalyzers'));
      const snapshot = await collect(wire, ['accessanalyzer.findings']);
      const error = errorOf(snapshot.sources['accessanalyzer.findings']['us-east-1']);
      assert.equal(error.code, 'DependencyFailed');
      assert.equal(error.action, 'access-analyzer:ListAnalyzers');
    });
  });

  describe('guardduty.detectors (restJson1)', () => {
    const guardDutyWire = (): DetectionWire => new DetectionWire()
      .on('guardduty:ListDetectors', (call) => (call.region === 'eu-west-1'
        ? restAccessDenied('guardduty:ListDetectors')
        : tokenPages([{ detectorIds: ['d-one'] }, { detectorIds: ['d-two'] }])(call)))
      .on('guardduty:GetDetector', throttled, (call: DetectionCall) => jsonResult({
        status: call.params.DetectorId === 'd-one' ? 'ENABLED' : 'DISABLED', createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z', findingPublishingFrequency: 'SIX_HOURS', serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      }));

    it('pages ListDetectors, reads each detector\'s status (a throttled GetDetector is retried); denied in one region, the other is collected', async () => {
      const wire = guardDutyWire();
      const snapshot = await collect(wire, ['guardduty.detectors'], ['us-east-1', 'eu-west-1']);
      const data = okData<GuardDutyDetectorsData>(snapshot.sources['guardduty.detectors']['us-east-1']);
      assert.deepEqual(data.detectors, [
        { id: 'd-one', status: 'ENABLED', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', finding_publishing_frequency: 'SIX_HOURS' },
        { id: 'd-two', status: 'DISABLED', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', finding_publishing_frequency: 'SIX_HOURS' },
      ]);
      assert.deepEqual(wire.callsTo('guardduty:ListDetectors').filter((c) => c.region === 'us-east-1').map((c) => c.params.nextToken), [undefined, 't-1']);
      const gets = wire.callsTo('guardduty:GetDetector');
      assert.equal(gets.length, 3, 'two detectors, one throttled attempt retried');
      assert.deepEqual([...new Set(gets.map((c) => c.params.DetectorId))].sort(), ['d-one', 'd-two']);

      const error = errorOf(snapshot.sources['guardduty.detectors']['eu-west-1']);
      assert.equal(error.code, 'AccessDeniedException');
      assert.equal(error.action, 'guardduty:ListDetectors');
    });

    it('records a region that is not enabled as that region\'s error only', async () => {
      const wire = new DetectionWire()
        .on('guardduty:ListDetectors', (call) => (call.region === 'ap-east-1' ? regionNotEnabled() : jsonResult({ detectorIds: [] })));
      const snapshot = await collect(wire, ['guardduty.detectors'], ['us-east-1', 'ap-east-1']);
      assert.deepEqual(okData<GuardDutyDetectorsData>(snapshot.sources['guardduty.detectors']['us-east-1']), { detectors: [] });
      assert.equal(errorOf(snapshot.sources['guardduty.detectors']['ap-east-1']).code, 'UnrecognizedClientException');
      assert.equal(wire.callsTo('guardduty:GetDetector').length, 0);
    });
  });

  describe('securityhub.hub (restJson1)', () => {
    it('records an enabled hub', async () => {
      const wire = new DetectionWire().on('securityhub:DescribeHub', jsonResult({
        HubArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`, SubscribedAt: '2024-03-04T05:06:07.000Z', AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL',
      }));
      assert.deepEqual(okData<SecurityHubData>(await collectOne(wire, 'securityhub.hub')), {
        enabled: true, hub_arn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`, subscribed_at: '2024-03-04T05:06:07.000Z',
        auto_enable_controls: true, control_finding_generator: 'SECURITY_CONTROL', not_enabled_reason: null,
      });
    });

    it('records "not subscribed" (InvalidAccessException) as not enabled: data, not an error', async () => {
      const wire = new DetectionWire().on('securityhub:DescribeHub', jsonError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`, 401));
      const data = okData<SecurityHubData>(await collectOne(wire, 'securityhub.hub', 'eu-west-1'));
      assert.equal(data.enabled, false);
      assert.match(data.not_enabled_reason ?? '', /^InvalidAccessException: .*not subscribed/);
    });

    it('records AccessDenied as an error', async () => {
      const wire = new DetectionWire().on('securityhub:DescribeHub', restAccessDenied('securityhub:DescribeHub'));
      const error = errorOf(await collectOne(wire, 'securityhub.hub'));
      assert.deepEqual([error.code, error.action], ['AccessDeniedException', 'securityhub:DescribeHub']);
    });
  });

  describe('account.security_contact (restJson1)', () => {
    it('asks for the SECURITY contact in the IAM region, retrying a throttled call', async () => {
      const wire = new DetectionWire().on('account:GetAlternateContact', jsonError('TooManyRequestsException', 'slow down', 429), jsonResult({
        AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Security Operations', Title: 'SOC', EmailAddress: 'soc@example.com', PhoneNumber: '+49 30 1234567' },
      }));
      const snapshot = await collect(wire, ['account.security_contact'], ['eu-west-1']);
      assert.deepEqual(Object.keys(snapshot.sources['account.security_contact']), ['us-east-1'], 'a global source');
      assert.deepEqual(okData<SecurityContactData>(snapshot.sources['account.security_contact']['us-east-1']), {
        contact: { name: 'Security Operations', title: 'SOC', email_address: 'soc@example.com', phone_number: '+49 30 1234567' },
      });
      const calls = wire.callsTo('account:GetAlternateContact');
      assert.equal(calls.length, 2);
      assert.deepEqual(calls[1].params, { AlternateContactType: 'SECURITY' });
      assert.equal(calls[1].region, 'us-east-1');
    });

    it('records ResourceNotFoundException as "no contact"', async () => {
      const wire = new DetectionWire().on('account:GetAlternateContact', jsonError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404));
      assert.deepEqual(okData<SecurityContactData>(await collectOne(wire, 'account.security_contact')), { contact: null });
    });

    it('records AccessDenied as an error naming account:GetAlternateContact', async () => {
      const wire = new DetectionWire().on('account:GetAlternateContact', restAccessDenied('account:GetAlternateContact'));
      const error = errorOf(await collectOne(wire, 'account.security_contact'));
      assert.deepEqual([error.code, error.action], ['AccessDeniedException', 'account:GetAlternateContact']);
    });
  });

  describe('organizations.ai_opt_out_policy (awsJson1_1)', () => {
    const content = '{"services":{"default":{"opt_out_policy":"optOut"},"rekognition":{"opt_out_policy":"optIn"}}}';

    it('parses the effective policy content, retrying a throttled call', async () => {
      const wire = new DetectionWire().on('organizations:DescribeEffectivePolicy', awsJsonError('TooManyRequestsException', 'AWS Organizations can\'t complete your request because of too many requests.'), awsJsonResult({
        EffectivePolicy: { PolicyContent: content, LastUpdatedTimestamp: 1780000000, TargetId: ACCOUNT, PolicyType: 'AISERVICES_OPT_OUT_POLICY' },
      }));
      const data = okData<AiOptOutPolicyData>(await collectOne(wire, 'organizations.ai_opt_out_policy'));
      assert.deepEqual(data, {
        in_organization: true, reason: null,
        policy: { content: JSON.parse(content) as unknown, last_updated: new Date(1780000000 * 1000).toISOString(), target_id: ACCOUNT },
      });
      const calls = wire.callsTo('organizations:DescribeEffectivePolicy');
      assert.equal(calls.length, 2);
      assert.deepEqual(calls[1].params, { PolicyType: 'AISERVICES_OPT_OUT_POLICY' });
      assert.equal(calls[1].host, 'organizations.us-east-1.amazonaws.com');
    });

    it('records "not in an organization" and "no effective policy" as data', async () => {
      const notInOrg = new DetectionWire().on('organizations:DescribeEffectivePolicy', awsJsonError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'));
      const a = okData<AiOptOutPolicyData>(await collectOne(notInOrg, 'organizations.ai_opt_out_policy'));
      assert.deepEqual([a.in_organization, a.policy], [false, null]);
      assert.match(a.reason ?? '', /^AWSOrganizationsNotInUseException/);

      const none = new DetectionWire().on('organizations:DescribeEffectivePolicy', awsJsonError('EffectivePolicyNotFoundException', 'We can\'t find an effective policy of the requested type.'));
      const b = okData<AiOptOutPolicyData>(await collectOne(none, 'organizations.ai_opt_out_policy'));
      assert.deepEqual([b.in_organization, b.policy], [true, null]);
      assert.match(b.reason ?? '', /^EffectivePolicyNotFoundException/);
    });

    it('keeps policy content that is not JSON as text', async () => {
      const wire = new DetectionWire().on('organizations:DescribeEffectivePolicy', awsJsonResult({ EffectivePolicy: { PolicyContent: 'not json' } }));
      assert.equal(okData<AiOptOutPolicyData>(await collectOne(wire, 'organizations.ai_opt_out_policy')).policy?.content, 'not json');
    });

    it('records AccessDenied as an error naming organizations:DescribeEffectivePolicy', async () => {
      const wire = new DetectionWire().on('organizations:DescribeEffectivePolicy', awsJsonError('AccessDeniedException', 'You don\'t have permissions to access this resource.'));
      const error = errorOf(await collectOne(wire, 'organizations.ai_opt_out_policy'));
      assert.deepEqual([error.code, error.action], ['AccessDeniedException', 'organizations:DescribeEffectivePolicy']);
    });
  });

  describe('all detection sources together', () => {
    it('send only declared actions, each (action, region, params) once, and every declared action', async () => {
      const wire = accessAnalyzerWire()
        .on('access-analyzer:ListFindings', (call) => tokenPages([{ findings: [roleFinding] }, { findings: [] }])(call))
        .on('guardduty:ListDetectors', jsonResult({ detectorIds: ['d-one'] }))
        .on('guardduty:GetDetector', jsonResult({ status: 'ENABLED', createdAt: '2024-01-01T00:00:00.000Z', serviceRole: 'x' }))
        .on('securityhub:DescribeHub', jsonResult({ HubArn: 'arn:aws:securityhub:us-east-1:123456789012:hub/default' }))
        .on('account:GetAlternateContact', jsonResult({ AlternateContact: { AlternateContactType: 'SECURITY', EmailAddress: 'soc@example.com' } }))
        .on('organizations:DescribeEffectivePolicy', awsJsonResult({ EffectivePolicy: { PolicyContent: '{"services":{}}' } }));
      const factory = detectionFactory(wire);
      const regions = ['us-east-1', 'eu-west-1'];
      const snapshot = await collectAccount({ factory, accountId: ACCOUNT, partition: 'aws', regions, sourceIds: DETECTION_SOURCES.map((s) => s.id), sleep: noSleep });
      for (const [id, byRegion] of Object.entries(snapshot.sources)) {
        for (const [region, result] of Object.entries(byRegion)) assert.equal(result.status, 'ok', `${id}@${region}: ${JSON.stringify(result)}`);
      }
      assert.deepEqual(DETECTION_COLLECTORS.map((c) => c.id).sort(), DETECTION_SOURCES.map((s) => s.id).sort());

      const declared = new Set(DETECTION_SOURCES.flatMap((s) => s.actions));
      const sent = new Set(wire.calls.map((c) => c.action));
      assert.deepEqual([...sent].sort(), [...declared].sort());
      const keys = wire.calls.map((c) => JSON.stringify([c.action, c.region, Object.entries(c.params).sort(([a], [b]) => a.localeCompare(b))]));
      assert.equal(new Set(keys).size, keys.length, 'no call is sent twice');
      // Global sources once, in the IAM region; regional ones once per region.
      assert.deepEqual(wire.callsTo('organizations:DescribeEffectivePolicy').map((c) => c.region), ['us-east-1']);
      assert.deepEqual(wire.callsTo('securityhub:DescribeHub').map((c) => c.region).sort(), ['eu-west-1', 'us-east-1']);
    });
  });
});
