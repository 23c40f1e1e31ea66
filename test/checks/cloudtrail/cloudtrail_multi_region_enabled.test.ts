// cloudtrail_multi_region_enabled: one finding per account, in the home region of the trail that
// passes; organization and shadow trails resolved through their home region.
import { CLASSIC_ALL, cloudtrailCheckCases, dataSelector, failed, orgTrail, advanced, Q_APP, spread, trail } from './cloudtrail-fixtures.js';

const T = 'cloudtrail.trails';
const selectorsDenied = { code: 'AccessDeniedException', message: 'User is not authorized to perform: cloudtrail:GetEventSelectors', action: 'cloudtrail:GetEventSelectors' };
const statusDenied = { code: 'AccessDeniedException', message: 'User is not authorized to perform: cloudtrail:GetTrailStatus', action: 'cloudtrail:GetTrailStatus' };

cloudtrailCheckCases('cloudtrail_multi_region_enabled', [
  {
    name: 'PASS: a multi-region trail, logging, with an advanced Management selector (one finding although every region lists it)',
    sources: { [T]: spread([trail('main')]) },
    expect: [{ status: 'PASS', region: 'us-east-1', resource: '123456789012', message: 'Multi-region trail main (home us-east-1) is logging and records read and write management events' }],
  },
  {
    name: 'PASS: classic selector with IncludeManagementEvents and ReadWriteType All',
    sources: { [T]: spread([trail('classic', { selectors: CLASSIC_ALL })]) },
    expect: [{ status: 'PASS', message: 'classic' }],
  },
  {
    name: 'PASS in the home region of the trail that passes',
    sources: { [T]: spread([trail('eu-main', { home_region: 'eu-west-1' })]) },
    expect: [{ status: 'PASS', region: 'eu-west-1', message: 'eu-main' }],
  },
  {
    name: 'PASS: an organization trail seen from a member account counts',
    sources: { [T]: spread([orgTrail('org-trail')]) },
    expect: [{ status: 'PASS', region: 'us-east-1', message: 'Multi-region organization trail org-trail of account 999988887777 (home us-east-1)' }],
  },
  {
    name: 'PASS when one of several trails qualifies (the others single-region, not logging, write-only)',
    sources: {
      [T]: spread([
        trail('single', { is_multi_region: false }),
        trail('stopped', { logging: false }),
        trail('writes', { selectors: { event_selectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }], advanced_event_selectors: [] } }),
        trail('good', { home_region: 'eu-west-1' }),
      ]),
    },
    expect: [{ status: 'PASS', region: 'eu-west-1', message: 'good' }],
  },
  {
    name: 'FAIL: the account has no trail (one finding, in us-east-1)',
    sources: { [T]: spread([]) },
    expect: [{ status: 'FAIL', region: 'us-east-1', resource: '123456789012', message: /^The account has no CloudTrail trail$/ }],
  },
  {
    name: 'FAIL: only single-region trails',
    sources: { [T]: spread([trail('use1', { is_multi_region: false }), trail('euw1', { is_multi_region: false, home_region: 'eu-west-1' })]) },
    expect: [{ status: 'FAIL', region: 'us-east-1', message: ['No multi-region trail is logging read and write management events', 'use1: it is a single-region trail of us-east-1', 'euw1: it is a single-region trail of eu-west-1'] }],
  },
  {
    name: 'FAIL: the multi-region trail is not logging',
    sources: { [T]: spread([trail('main', { logging: false })]) },
    expect: [{ status: 'FAIL', message: 'main: it is not logging' }],
  },
  {
    name: 'FAIL: management events for writes only (advanced readOnly false)',
    sources: { [T]: spread([trail('main', { selectors: advanced({ Name: 'writes', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] }) })]) },
    expect: [{ status: 'FAIL', message: 'main: it records only read or only write management events' }],
  },
  {
    name: 'FAIL: data events only, no management events',
    sources: { [T]: spread([trail('data-only', { selectors: advanced(Q_APP, dataSelector('s3', 'AWS::S3::Object')) })]) },
    expect: [{ status: 'FAIL', message: 'data-only: it records no management events' }],
  },
  {
    name: 'PASS: an organization trail whose selectors are denied does not matter when the account\'s own trail qualifies',
    sources: { [T]: spread([orgTrail('org-trail', { selectors: null, selectors_error: selectorsDenied }), trail('own')]) },
    expect: [{ status: 'PASS', message: 'own' }],
  },
  {
    name: 'ERROR: the only multi-region trail is an organization trail whose GetEventSelectors is denied to the member account',
    sources: { [T]: spread([orgTrail('org-trail', { selectors: null, selectors_error: selectorsDenied }), trail('single', { is_multi_region: false })]) },
    expect: [{ status: 'ERROR', region: 'us-east-1', message: ['org-trail', 'cloudtrail:GetEventSelectors'] }],
  },
  {
    name: 'ERROR: GetTrailStatus denied for a trail whose selectors qualify',
    sources: { [T]: spread([trail('main', { status: null, status_error: statusDenied })]) },
    expect: [{ status: 'ERROR', message: 'cloudtrail:GetTrailStatus' }],
  },
  {
    name: 'FAIL, not ERROR: a known "no" (not a multi-region trail, not logging) does not need the denied part',
    sources: { [T]: spread([trail('stopped', { logging: false, selectors: null, selectors_error: selectorsDenied })]) },
    expect: [{ status: 'FAIL' }],
  },
  {
    name: 'ERROR: the trail\'s home region was not scanned, so its status is unknown',
    regions: ['us-east-1', 'eu-west-1'],
    sources: { [T]: spread([trail('apse2', { home_region: 'ap-southeast-2' })], ['us-east-1', 'eu-west-1']) },
    expect: [{ status: 'ERROR', region: 'us-east-1', message: ['apse2', 'ap-southeast-2 was not scanned'] }],
  },
  {
    name: 'ERROR in every region when DescribeTrails is denied',
    sources: { [T]: { 'us-east-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails'), 'eu-west-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails') } },
    expect: [
      { status: 'ERROR', region: 'us-east-1', message: ['Missing permission', 'cloudtrail:DescribeTrails'] },
      { status: 'ERROR', region: 'eu-west-1', message: 'cloudtrail:DescribeTrails' },
    ],
  },
  {
    name: 'DescribeTrails denied in one region: ERROR there; the trail homed in the other region still PASSes',
    sources: { [T]: { 'us-east-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails'), 'eu-west-1': spread([trail('eu-main', { home_region: 'eu-west-1' })])['eu-west-1'] } },
    expect: [{ status: 'ERROR', region: 'us-east-1', message: 'cloudtrail:DescribeTrails' }, { status: 'PASS', region: 'eu-west-1', message: 'eu-main' }],
  },
]);
