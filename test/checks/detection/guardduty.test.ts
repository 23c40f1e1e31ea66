// guardduty_enabled, region by region: a region where GuardDuty is denied is ERROR while the others
// are evaluated normally.
import { detectors, everywhere, failed, regionalCheckCases } from './detection-fixtures.js';

regionalCheckCases('guardduty_enabled', [
  {
    name: 'PASS in each region with an ENABLED detector',
    sources: { 'guardduty.detectors': { 'us-east-1': detectors(['d-use1', 'ENABLED']), 'eu-west-1': detectors(['d-euw1', 'ENABLED']) } },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: '123456789012', message: 'GuardDuty is enabled in us-east-1 (detector d-use1)' },
      { status: 'PASS', region: 'eu-west-1', message: 'd-euw1' },
    ],
  },
  {
    name: 'FAIL where there is no detector',
    sources: { 'guardduty.detectors': { 'us-east-1': detectors(['d-use1', 'ENABLED']), 'eu-west-1': detectors() } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'FAIL', region: 'eu-west-1', message: /^GuardDuty has no detector in eu-west-1$/ }],
  },
  {
    name: 'FAIL where the detector is suspended (status DISABLED)',
    sources: { 'guardduty.detectors': everywhere(detectors(['d-susp', 'DISABLED'])) },
    expect: [
      { status: 'FAIL', region: 'us-east-1', message: 'GuardDuty is suspended in us-east-1: detector d-susp (DISABLED)' },
      { status: 'FAIL', region: 'eu-west-1', message: 'suspended' },
    ],
  },
  {
    name: 'FAIL for any status other than ENABLED (a literal SUSPENDED included)',
    regions: ['us-east-1'],
    sources: { 'guardduty.detectors': { 'us-east-1': detectors(['d-x', 'SUSPENDED']) } },
    expect: [{ status: 'FAIL', message: 'GuardDuty is suspended in us-east-1: detector d-x (SUSPENDED)' }],
  },
  {
    name: 'PASS when one of two detectors is enabled',
    regions: ['us-east-1'],
    sources: { 'guardduty.detectors': { 'us-east-1': detectors(['d-old', 'DISABLED'], ['d-new', 'ENABLED']) } },
    expect: [{ status: 'PASS', message: 'd-new' }],
  },
  {
    name: 'ERROR where GuardDuty is denied in one region; the other region is evaluated normally',
    sources: { 'guardduty.detectors': { 'us-east-1': detectors(['d-use1', 'DISABLED']), 'eu-west-1': failed('AccessDeniedException', 'guardduty:ListDetectors') } },
    expect: [{ status: 'FAIL', region: 'us-east-1', message: 'suspended' }, { status: 'ERROR', region: 'eu-west-1', message: ['Missing permission', 'guardduty:ListDetectors'] }],
  },
  {
    name: 'ERROR naming GetDetector when only that call is denied',
    regions: ['us-east-1'],
    sources: { 'guardduty.detectors': { 'us-east-1': failed('AccessDeniedException', 'guardduty:GetDetector') } },
    expect: [{ status: 'ERROR', message: 'guardduty:GetDetector' }],
  },
  {
    name: 'ERROR for a region that is not enabled, only there',
    sources: { 'guardduty.detectors': { 'us-east-1': detectors(['d-use1', 'ENABLED']), 'eu-west-1': failed('UnrecognizedClientException', 'guardduty:ListDetectors', 'The security token included in the request is invalid') } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'ERROR', region: 'eu-west-1', message: 'UnrecognizedClientException' }],
  },
]);
