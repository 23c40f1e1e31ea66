// cloudtrail_qdeveloper_data_events_enabled: one account finding; both Q Developer regions
// (us-east-1, eu-central-1) must be covered for every profile ARN.
import { advanced, cloudtrailCheckCases, dataSelector, failed, MANAGEMENT, orgTrail, Q_APP, Q_DEV, spread, trail } from './cloudtrail-fixtures.js';

const T = 'cloudtrail.trails';
const R3 = ['us-east-1', 'eu-central-1', 'eu-west-1'];
const PROFILE = 'AWS::CodeWhisperer::Profile';
const selectorsDenied = { code: 'AccessDeniedException', message: 'denied', action: 'cloudtrail:GetEventSelectors' };

cloudtrailCheckCases('cloudtrail_qdeveloper_data_events_enabled', [
  {
    name: 'PASS: a multi-region logging trail with a CodeWhisperer profile selector covers both regions',
    sources: { [T]: spread([trail('main', { selectors: advanced(MANAGEMENT, Q_DEV) })]) },
    expect: [{ status: 'PASS', region: 'us-east-1', resource: '123456789012', message: 'Logging trails record every AWS::CodeWhisperer::Profile data event in us-east-1, eu-central-1' }],
  },
  {
    name: 'PASS: two single-region trails, one in each Q Developer region',
    regions: R3,
    sources: {
      [T]: spread([
        trail('use1', { is_multi_region: false, selectors: advanced(Q_DEV) }),
        trail('euc1', { is_multi_region: false, home_region: 'eu-central-1', selectors: advanced(Q_DEV) }),
      ], R3),
    },
    expect: [{ status: 'PASS' }],
  },
  {
    name: 'PASS through an organization trail',
    sources: { [T]: spread([orgTrail('org-trail', { selectors: advanced(Q_DEV) })]) },
    expect: [{ status: 'PASS' }],
  },
  {
    name: 'PASS with a resources.ARN StartsWith that admits every profile',
    sources: { [T]: spread([trail('main', { selectors: advanced(dataSelector('qdev', PROFILE, { Field: 'resources.ARN', StartsWith: ['arn:aws:codewhisperer:'] })) })]) },
    expect: [{ status: 'PASS' }],
  },
  {
    name: 'FAIL naming both regions when no trail selects profile data events',
    regions: R3,
    sources: { [T]: spread([trail('main', { selectors: advanced(MANAGEMENT, Q_APP) })], R3) },
    expect: [{
      status: 'FAIL', region: 'us-east-1',
      message: ['AWS::CodeWhisperer::Profile data events are not recorded in us-east-1 (main: no selector captures all', 'eu-central-1 (main: no selector captures all', '"Q Business applications" does not select AWS::CodeWhisperer::Profile'],
    }],
  },
  {
    name: 'FAIL for us-east-1, with eu-central-1 (not scanned: a single-region trail there could exist) named as unknown',
    sources: { [T]: spread([trail('main', { selectors: advanced(MANAGEMENT, Q_APP) })]) },
    expect: [{ status: 'FAIL', message: ['not recorded in us-east-1 (main:', 'coverage unknown in eu-central-1'] }],
  },
  {
    name: 'FAIL naming eu-central-1 when only us-east-1 has a single-region trail (region not covered)',
    regions: R3,
    sources: { [T]: spread([trail('use1', { is_multi_region: false, selectors: advanced(Q_DEV) })], R3) },
    expect: [{ status: 'FAIL', message: 'not recorded in eu-central-1 (no trail covers it)', not: ['us-east-1 ('] }],
  },
  {
    name: 'FAIL when the selector names one profile only (other profiles are left out)',
    sources: { [T]: spread([trail('main', { selectors: advanced(dataSelector('one', PROFILE, { Field: 'resources.ARN', Equals: ['arn:aws:codewhisperer:us-east-1:123456789012:profile/ABCDEF'] })) })]) },
    expect: [{ status: 'FAIL', message: 'leaves out every ARN starting with arn:aws:codewhisperer:us-east-1:123456789012:profile/' }],
  },
  {
    name: 'FAIL when the trail is not logging',
    sources: { [T]: spread([trail('main', { logging: false, selectors: advanced(Q_DEV) })]) },
    expect: [{ status: 'FAIL', message: 'main: it is not logging' }],
  },
  {
    name: 'FAIL for us-east-1 even though eu-central-1 was not scanned (that one is named as unknown)',
    sources: { [T]: spread([trail('use1', { is_multi_region: false, logging: false, selectors: advanced(Q_DEV) })]) },
    expect: [{ status: 'FAIL', message: ['not recorded in us-east-1 (use1: it is not logging)', 'coverage unknown in eu-central-1'] }],
  },
  {
    name: 'ERROR when eu-central-1 was not scanned and only a single-region us-east-1 trail covers',
    sources: { [T]: spread([trail('use1', { is_multi_region: false, selectors: advanced(Q_DEV) })]) },
    expect: [{ status: 'ERROR', message: 'eu-central-1: not scanned' }],
  },
  {
    name: 'ERROR when the organization trail\'s GetEventSelectors is denied',
    sources: { [T]: spread([orgTrail('org-trail', { selectors: null, selectors_error: selectorsDenied })]) },
    expect: [{ status: 'ERROR', message: ['org-trail', 'cloudtrail:GetEventSelectors'] }],
  },
  {
    name: 'ERROR in every region when DescribeTrails is denied',
    sources: { [T]: { 'us-east-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails'), 'eu-west-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails') } },
    expect: [{ status: 'ERROR', region: 'us-east-1', message: 'cloudtrail:DescribeTrails' }, { status: 'ERROR', region: 'eu-west-1' }],
  },
]);
