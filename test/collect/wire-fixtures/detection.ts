// Detection services of the healthy estate: in each region an ACTIVE external-access analyzer with
// one ACTIVE finding (and an unused-access analyzer whose findings are not read), an enabled
// GuardDuty detector and an enabled Security Hub; for the account a SECURITY alternate contact and
// an organization whose effective AI services opt-out policy opts out of everything.
import { awsJsonResult, jsonResult, type AwsWire } from '../../helpers/aws-wire.js';
import { ACCOUNT, expecting, isEstateRegion, type EstateRegion } from './common.js';

export const analyzerArn = (region: string, name = 'external-access'): string => `arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer/${name}`;

export const DETECTOR_IDS: Record<EstateRegion, string> = {
  'us-east-1': '12abc34d567e8fa901bc2d34e56789f0',
  'eu-west-1': '98fed76c543b2a109fe8d76c54321ba0',
};

/** The one ACTIVE finding of each region's external-access analyzer. */
export const FINDINGS: Record<EstateRegion, Record<string, unknown>> = {
  'us-east-1': {
    id: '0a1b2c3d-0000-4000-8000-00000000a001', resource: `arn:aws:iam::${ACCOUNT}:role/VendorAudit`, resourceType: 'AWS::IAM::Role', resourceOwnerAccount: ACCOUNT,
    principal: { AWS: '999988887777' }, action: ['sts:AssumeRole'], isPublic: false, condition: { 'sts:ExternalId': 'vendor-1' }, status: 'ACTIVE',
    createdAt: '2026-10-01T00:00:00Z', analyzedAt: '2026-11-30T00:00:00Z', updatedAt: '2026-10-01T00:00:00Z',
  },
  'eu-west-1': {
    id: '0a1b2c3d-0000-4000-8000-00000000e001', resource: 'arn:aws:s3:::shared-exports-eu', resourceType: 'AWS::S3::Bucket', resourceOwnerAccount: ACCOUNT,
    principal: { AWS: '444455556666' }, action: ['s3:GetObject', 's3:ListBucket'], isPublic: false, condition: {}, status: 'ACTIVE',
    createdAt: '2026-09-01T00:00:00Z', analyzedAt: '2026-11-30T00:00:00Z', updatedAt: '2026-09-02T00:00:00Z',
  },
};

export const AI_OPT_OUT_POLICY = { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } };

const regional = <T>(call: { region: string }, value: (region: EstateRegion) => T): T | null => (isEstateRegion(call.region) ? value(call.region) : null);

export function scriptDetection(wire: AwsWire): AwsWire {
  return wire
    .on('access-analyzer:ListAnalyzers', (call) => jsonResult({
      analyzers: [
        { arn: analyzerArn(call.region), name: 'external-access', type: 'ACCOUNT', status: 'ACTIVE', createdAt: '2025-01-02T03:04:05Z', lastResourceAnalyzedAt: '2026-11-29T10:00:00Z' },
        { arn: analyzerArn(call.region, 'unused-access'), name: 'unused-access', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: '2025-01-02T03:04:05Z', configuration: { unusedAccess: { unusedAccessAge: 90 } } },
      ],
    }))
    .on('access-analyzer:ListFindings', expecting(
      (call) => regional(call, (region) => ({ analyzerArn: analyzerArn(region), filter: { status: { eq: ['ACTIVE'] } } })),
      (call) => ({ findings: [FINDINGS[call.region as EstateRegion]] })))
    .on('guardduty:ListDetectors', (call) => jsonResult({ detectorIds: regional(call, (region) => [DETECTOR_IDS[region]]) ?? [] }))
    .on('guardduty:GetDetector', expecting(
      (call) => regional(call, (region) => ({ DetectorId: DETECTOR_IDS[region] })),
      () => ({
        createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES',
        serviceRole: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      }), 'BadRequestException', 400))
    .on('securityhub:DescribeHub', expecting((call) => regional(call, () => ({ HubArn: undefined })), (call) => ({
      HubArn: `arn:aws:securityhub:${call.region}:${ACCOUNT}:hub/default`, SubscribedAt: '2024-03-04T05:06:07.000Z', AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL',
    }), 'InvalidAccessException', 401))
    .on('account:GetAlternateContact', expecting(() => ({ AlternateContactType: 'SECURITY', AccountId: undefined }), () => ({
      AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Security Operations', Title: 'SOC lead', EmailAddress: 'soc@example.com', PhoneNumber: '+49 30 1234567' },
    })))
    .on('organizations:DescribeEffectivePolicy', (call) => (call.params.PolicyType === 'AISERVICES_OPT_OUT_POLICY' && call.params.TargetId === undefined
      ? awsJsonResult({
          EffectivePolicy: { PolicyContent: JSON.stringify(AI_OPT_OUT_POLICY), LastUpdatedTimestamp: 1_780_000_000, TargetId: ACCOUNT, PolicyType: 'AISERVICES_OPT_OUT_POLICY' },
        })
      : expecting(() => null, () => null, 'EffectivePolicyNotFoundException', 400)(call)));
}
