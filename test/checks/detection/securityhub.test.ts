// securityhub_enabled: "not subscribed" is the answer FAIL, AccessDenied is ERROR.
import { failed, hub, NO_HUB, regionalCheckCases } from './detection-fixtures.js';

regionalCheckCases('securityhub_enabled', [
  {
    name: 'PASS where DescribeHub succeeds',
    sources: { 'securityhub.hub': { 'us-east-1': hub('us-east-1'), 'eu-west-1': hub('eu-west-1') } },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: '123456789012', message: 'Security Hub is enabled in us-east-1 since 2024-03-04T05:06:07.000Z' },
      { status: 'PASS', region: 'eu-west-1' },
    ],
  },
  {
    name: 'PASS without a subscription date',
    regions: ['us-east-1'],
    sources: { 'securityhub.hub': { 'us-east-1': { ...hub('us-east-1'), subscribed_at: null } } },
    expect: [{ status: 'PASS', message: /^Security Hub is enabled in us-east-1$/ }],
  },
  {
    name: 'FAIL where the account is not subscribed (InvalidAccessException recorded as not enabled)',
    sources: { 'securityhub.hub': { 'us-east-1': hub('us-east-1'), 'eu-west-1': NO_HUB } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'FAIL', region: 'eu-west-1', message: 'Security Hub is not enabled in eu-west-1 (the account is not subscribed)' }],
  },
  {
    name: 'ERROR, not FAIL, where DescribeHub is denied',
    sources: { 'securityhub.hub': { 'us-east-1': NO_HUB, 'eu-west-1': failed('AccessDeniedException', 'securityhub:DescribeHub') } },
    expect: [{ status: 'FAIL', region: 'us-east-1' }, { status: 'ERROR', region: 'eu-west-1', message: ['Missing permission', 'securityhub:DescribeHub'] }],
  },
  {
    name: 'ERROR for a region that is not enabled, only there',
    sources: { 'securityhub.hub': { 'us-east-1': hub('us-east-1'), 'eu-west-1': failed('UnrecognizedClientException', 'securityhub:DescribeHub', 'The security token included in the request is invalid') } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'ERROR', region: 'eu-west-1' }],
  },
]);
