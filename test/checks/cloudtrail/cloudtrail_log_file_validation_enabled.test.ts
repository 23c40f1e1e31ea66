// cloudtrail_log_file_validation_enabled and cloudtrail_kms_encryption_enabled: each trail once,
// in its home region, whatever the number of regions that list it.
import { cloudtrailCheckCases, failed, ORG_ACCOUNT, orgTrail, spread, trail } from './cloudtrail-fixtures.js';

const T = 'cloudtrail.trails';
const selectorsDenied = { code: 'AccessDeniedException', message: 'denied', action: 'cloudtrail:GetEventSelectors' };

cloudtrailCheckCases('cloudtrail_log_file_validation_enabled', [
  {
    name: 'PASS and FAIL per trail; a multi-region trail is reported once, in its home region; single-region trails in theirs',
    sources: {
      [T]: spread([
        trail('main'),
        trail('no-validation', { is_multi_region: false, home_region: 'eu-west-1', log_file_validation_enabled: false }),
        trail('use1-single', { is_multi_region: false }),
      ]),
    },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: 'main', message: 'Trail main validates its log files' },
      { status: 'PASS', region: 'us-east-1', resource: 'use1-single' },
      { status: 'FAIL', region: 'eu-west-1', resource: 'no-validation', message: 'Trail no-validation does not validate its log files' },
    ],
  },
  {
    name: 'an organization trail seen from a member account names its owner',
    sources: { [T]: spread([orgTrail('org-trail', { log_file_validation_enabled: false })]) },
    expect: [{ status: 'FAIL', resource: 'org-trail', message: `Organization trail org-trail (account ${ORG_ACCOUNT}) does not validate` }],
  },
  {
    name: 'a trail not logging or with denied selectors is still evaluated on what DescribeTrails says',
    sources: { [T]: spread([trail('stopped', { logging: false, selectors: null, selectors_error: selectorsDenied })]) },
    expect: [{ status: 'PASS', resource: 'stopped' }],
  },
  {
    name: 'a trail whose home region was not scanned is reported once, in the first region that lists it',
    sources: { [T]: spread([trail('apse2', { home_region: 'ap-southeast-2', log_file_validation_enabled: false })]) },
    expect: [{ status: 'FAIL', region: 'us-east-1', resource: 'apse2' }],
  },
  {
    name: 'FAIL once for the account when there is no trail at all',
    sources: { [T]: spread([]) },
    expect: [{ status: 'FAIL', region: 'us-east-1', resource: '123456789012', message: 'The account has no CloudTrail trail' }],
  },
  {
    name: 'ERROR in every region when DescribeTrails is denied',
    sources: { [T]: { 'us-east-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails'), 'eu-west-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails') } },
    expect: [{ status: 'ERROR', region: 'us-east-1', message: 'cloudtrail:DescribeTrails' }, { status: 'ERROR', region: 'eu-west-1', message: 'cloudtrail:DescribeTrails' }],
  },
  {
    name: 'DescribeTrails denied in the home region: ERROR there, and the trail is reported from a region that lists it',
    sources: { [T]: { 'us-east-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails'), 'eu-west-1': spread([trail('main')])['eu-west-1'] } },
    expect: [{ status: 'ERROR', region: 'us-east-1' }, { status: 'PASS', region: 'eu-west-1', resource: 'main' }],
  },
]);

cloudtrailCheckCases('cloudtrail_kms_encryption_enabled', [
  {
    name: 'PASS with a KMS key, FAIL without (SSE-S3); each trail once',
    sources: { [T]: spread([trail('main'), trail('plain', { home_region: 'eu-west-1', kms_key_id: null })]) },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: 'main', message: 'encrypts its log files with KMS key arn:aws:kms:us-east-1:' },
      { status: 'FAIL', region: 'eu-west-1', resource: 'plain', message: 'Trail plain does not encrypt its log files with a KMS key' },
    ],
  },
  {
    name: 'an organization trail without KMS names its owner account',
    sources: { [T]: spread([orgTrail('org-trail', { kms_key_id: null })]) },
    expect: [{ status: 'FAIL', message: `Organization trail org-trail (account ${ORG_ACCOUNT})` }],
  },
  {
    name: 'FAIL once for the account when there is no trail at all',
    sources: { [T]: spread([]) },
    expect: [{ status: 'FAIL', region: 'us-east-1', message: 'The account has no CloudTrail trail' }],
  },
  {
    name: 'ERROR when DescribeTrails is denied',
    regions: ['us-east-1'],
    sources: { [T]: { 'us-east-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails') } },
    expect: [{ status: 'ERROR', message: ['Missing permission', 'cloudtrail:DescribeTrails'] }],
  },
]);
