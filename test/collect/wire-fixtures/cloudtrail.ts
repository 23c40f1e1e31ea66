// CloudTrail (awsJson1_1) of the healthy estate: one multi-region trail homed in us-east-1, logging,
// KMS-encrypted, with log file validation, CloudWatch Logs delivery and advanced event selectors
// for management events. DescribeTrails (with shadow trails) shows it in every region; its status
// and event selectors answer only in the home region, for the trail's ARN.
import type { AwsWire } from '../../helpers/aws-wire.js';
import { ACCOUNT, epoch, expecting } from './common.js';

export const TRAIL_HOME = 'us-east-1';
export const TRAIL_ARN = `arn:aws:cloudtrail:${TRAIL_HOME}:${ACCOUNT}:trail/management-events`;

export const TRAIL = {
  Name: 'management-events',
  S3BucketName: `aws-cloudtrail-logs-${ACCOUNT}-management`,
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: TRAIL_HOME,
  TrailARN: TRAIL_ARN,
  LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:${TRAIL_HOME}:${ACCOUNT}:log-group:aws-cloudtrail-logs:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailToCloudWatchLogs`,
  KmsKeyId: `arn:aws:kms:${TRAIL_HOME}:${ACCOUNT}:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`,
  HasCustomEventSelectors: true,
  HasInsightSelectors: false,
  IsOrganizationTrail: false,
};

export function scriptCloudTrail(wire: AwsWire): AwsWire {
  const home = (call: { region: string }): boolean => call.region === TRAIL_HOME;
  return wire
    .on('cloudtrail:DescribeTrails', expecting(() => ({ includeShadowTrails: true }), () => ({ trailList: [TRAIL] }), 'InvalidParameterException', 400))
    .on('cloudtrail:GetTrailStatus', expecting((call) => (home(call) ? { Name: TRAIL_ARN } : null), () => ({
      IsLogging: true,
      LatestDeliveryTime: epoch('2026-11-30T21:55:00Z'),
      LatestDigestDeliveryTime: epoch('2026-11-30T21:00:00Z'),
      LatestCloudWatchLogsDeliveryTime: epoch('2026-11-30T21:56:00Z'),
      StartLoggingTime: epoch('2024-02-01T09:00:00Z'),
      TimeLoggingStarted: '2024-02-01T09:00:00Z',
    }), 'TrailNotFoundException'))
    .on('cloudtrail:GetEventSelectors', expecting((call) => (home(call) ? { TrailName: TRAIL_ARN } : null), () => ({
      TrailARN: TRAIL_ARN,
      AdvancedEventSelectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        { Name: 'Q Business data events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::QBusiness::Application'] }] },
      ],
    }), 'TrailNotFoundException'));
}
