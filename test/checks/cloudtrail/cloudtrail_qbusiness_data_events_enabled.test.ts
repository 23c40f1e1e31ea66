// cloudtrail_qbusiness_data_events_enabled: each Amazon Q Business application against the trails
// that cover its region, with the full advanced-selector semantics.
import type { AdvancedFieldSelector, FieldOperator } from '../../../runner/sources/cloudtrail-sources.js';
import {
  ACCOUNT_ID, advanced, application, CLASSIC_ALL, cloudtrailCheckCases, dataSelector, failed, MANAGEMENT, orgTrail, Q_APP, Q_DATA_SOURCE, Q_INDEX, spread, trail,
} from './cloudtrail-fixtures.js';

const T = 'cloudtrail.trails';
const Q = 'qbusiness.applications';
const APP_TYPE = 'AWS::QBusiness::Application';
const sales = application('a1b2c3d4-0000-0000-0000-000000000001', 'eu-west-1', 'Sales assistant');
const hr = application('a1b2c3d4-0000-0000-0000-000000000002', 'us-east-1', 'HR helpdesk');
/**
 * Applications per region. By default Q Business is collected in eu-west-1 only (as with
 * `service_regions: { qbusiness: [eu-west-1] }`); with `use1`, in us-east-1 too.
 */
const apps = (euw1 = [sales], use1?: (typeof sales)[]) => ({
  [Q]: { ...(use1 ? { 'us-east-1': { applications: use1 } } : {}), 'eu-west-1': { applications: euw1 } },
});
const qTrail = (...selectors: Parameters<typeof advanced>) => spread([trail('main', { selectors: advanced(MANAGEMENT, ...selectors) })]);
const arn = (op: FieldOperator, ...values: string[]): AdvancedFieldSelector => ({ Field: 'resources.ARN', [op]: values });
const selectorsDenied = { code: 'AccessDeniedException', message: 'User is not authorized to perform: cloudtrail:GetEventSelectors', action: 'cloudtrail:GetEventSelectors' };
const statusDenied = { code: 'AccessDeniedException', message: 'User is not authorized to perform: cloudtrail:GetTrailStatus', action: 'cloudtrail:GetTrailStatus' };

const EXCLUDING: [FieldOperator, string][] = [
  ['Equals', application('ffffffff-0000-0000-0000-000000000009', 'eu-west-1').arn],
  ['NotEquals', sales.arn],
  ['StartsWith', `arn:aws:qbusiness:us-east-1:${ACCOUNT_ID}:application/`],
  ['NotStartsWith', `arn:aws:qbusiness:eu-west-1:${ACCOUNT_ID}:`],
  ['EndsWith', '000000000009'],
  ['NotEndsWith', '000000000001'],
];
const ADMITTING: [FieldOperator, string][] = [
  ['Equals', sales.arn],
  ['NotEquals', application('ffffffff-0000-0000-0000-000000000009', 'eu-west-1').arn],
  ['StartsWith', `arn:aws:qbusiness:eu-west-1:${ACCOUNT_ID}:application/`],
  ['NotStartsWith', `arn:aws:qbusiness:us-east-1:`],
  ['EndsWith', '000000000001'],
  ['NotEndsWith', '000000000009'],
];

cloudtrailCheckCases('cloudtrail_qbusiness_data_events_enabled', [
  {
    name: 'PASS, naming the application, index and data source selectors as covered',
    sources: { ...apps(), [T]: qTrail(Q_APP, Q_INDEX, Q_DATA_SOURCE) },
    expect: [{
      status: 'PASS', region: 'eu-west-1', resource: 'Sales assistant',
      message: ['Trail main records every AWS::QBusiness::Application data event of Amazon Q Business application Sales assistant', 'selector "Q Business applications"', 'Also covered: AWS::QBusiness::Index, AWS::QBusiness::DataSource.'],
      not: ['Gap'],
    }],
  },
  {
    name: 'PASS with the index and data source named as gaps when only the application is selected',
    sources: { ...apps(), [T]: qTrail(Q_APP) },
    expect: [{ status: 'PASS', message: 'Gaps, not covered: AWS::QBusiness::Index, AWS::QBusiness::DataSource.', not: ['Also covered'] }],
  },
  {
    name: 'PASS naming the index as covered and the data source as a gap',
    sources: { ...apps(), [T]: qTrail(Q_APP, Q_INDEX) },
    expect: [{ status: 'PASS', message: ['Also covered: AWS::QBusiness::Index.', 'Gap, not covered: AWS::QBusiness::DataSource.'] }],
  },
  {
    name: 'an index selector limited to another application\'s indices is a gap',
    sources: { ...apps(), [T]: qTrail(Q_APP, dataSelector('idx', 'AWS::QBusiness::Index', arn('StartsWith', `${hr.arn}/index/`))) },
    expect: [{ status: 'PASS', message: 'Gaps, not covered: AWS::QBusiness::Index' }],
  },
  {
    name: 'an index selector for this application\'s ARN prefix covers its indices',
    sources: { ...apps(), [T]: qTrail(Q_APP, dataSelector('idx', 'AWS::QBusiness::Index', arn('StartsWith', `${sales.arn}/`))) },
    expect: [{ status: 'PASS', message: 'Also covered: AWS::QBusiness::Index.' }],
  },
  {
    name: 'PASS per scanned Q Business region when there is no application',
    sources: { ...apps([], []), [T]: spread([]) },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: ACCOUNT_ID, message: 'No Amazon Q Business application in this region' },
      { status: 'PASS', region: 'eu-west-1', message: 'No Amazon Q Business application in this region' },
    ],
  },
  {
    name: 'FAIL without any data-event selector (management events only)',
    sources: { ...apps(), [T]: qTrail() },
    expect: [{ status: 'FAIL', region: 'eu-west-1', resource: 'Sales assistant', message: ['No logging trail that covers eu-west-1 records every AWS::QBusiness::Application data event', 'Sales assistant', 'trails checked: main'] }],
  },
  {
    name: 'FAIL when the covering trail is not logging',
    sources: { ...apps(), [T]: spread([trail('main', { logging: false, selectors: advanced(Q_APP) })]) },
    expect: [{ status: 'FAIL' }],
  },
  {
    name: 'FAIL when there is no trail at all',
    sources: { ...apps(), [T]: spread([]) },
    expect: [{ status: 'FAIL', message: 'no trail covers the region' }],
  },
  {
    name: 'region not covered: a single-region trail of us-east-1 covers the us-east-1 application only',
    sources: { ...apps([sales], [hr]), [T]: spread([trail('use1', { is_multi_region: false, selectors: advanced(Q_APP) })]) },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: 'HR helpdesk', message: 'Trail use1' },
      { status: 'FAIL', region: 'eu-west-1', resource: 'Sales assistant', message: 'no trail covers the region' },
    ],
  },
  {
    name: 'a single-region trail homed in the application\'s region covers it',
    sources: { ...apps(), [T]: spread([trail('euw1', { is_multi_region: false, home_region: 'eu-west-1', selectors: advanced(Q_APP) })]) },
    expect: [{ status: 'PASS', message: 'Trail euw1' }],
  },
  ...EXCLUDING.map(([op, value]) => ({
    name: `FAIL when the selector's resources.ARN ${op} excludes the application`,
    sources: { ...apps(), [T]: qTrail(dataSelector('scoped', APP_TYPE, arn(op, value))) },
    expect: [{ status: 'FAIL' as const, resource: 'Sales assistant' }],
  })),
  ...ADMITTING.map(([op, value]) => ({
    name: `PASS when the selector's resources.ARN ${op} admits the application`,
    sources: { ...apps(), [T]: qTrail(dataSelector('scoped', APP_TYPE, arn(op, value))) },
    expect: [{ status: 'PASS' as const, message: 'selector "scoped"' }],
  })),
  {
    name: 'PASS with a read-only and a write-only selector together',
    sources: {
      ...apps(),
      [T]: qTrail(dataSelector('reads', APP_TYPE, { Field: 'readOnly', Equals: ['true'] }), dataSelector('writes', APP_TYPE, { Field: 'readOnly', Equals: ['false'] })),
    },
    expect: [{ status: 'PASS', message: 'selectors "reads" and "writes"' }],
  },
  {
    name: 'FAIL with a read-only selector alone',
    sources: { ...apps(), [T]: qTrail(dataSelector('reads', APP_TYPE, { Field: 'readOnly', Equals: ['true'] })) },
    expect: [{ status: 'FAIL' }],
  },
  {
    name: 'FAIL with an eventName filter (only some events)',
    sources: { ...apps(), [T]: qTrail(dataSelector('chat', APP_TYPE, { Field: 'eventName', Equals: ['Chat', 'ChatSync'] })) },
    expect: [{ status: 'FAIL' }],
  },
  {
    name: 'FAIL with classic event selectors (they cannot log Q Business data events)',
    sources: { ...apps(), [T]: spread([trail('classic', { selectors: CLASSIC_ALL })]) },
    expect: [{ status: 'FAIL' }],
  },
  {
    name: 'PASS through an organization trail seen from a member account (its home region is us-east-1, the application in eu-west-1)',
    sources: { ...apps(), [T]: spread([orgTrail('org-trail', { selectors: advanced(MANAGEMENT, Q_APP) })]) },
    expect: [{ status: 'PASS', message: 'Organization trail org-trail (account 999988887777) records every AWS::QBusiness::Application data event' }],
  },
  {
    name: 'PASS: the shadow copy in eu-west-1 has no selectors; they are read from the trail\'s home region',
    sources: { ...apps(), [T]: spread([trail('main', { home_region: 'us-east-1', selectors: advanced(Q_APP) })]) },
    expect: [{ status: 'PASS', region: 'eu-west-1' }],
  },
  {
    name: 'ERROR when the organization trail\'s GetEventSelectors is denied and no other trail covers the application',
    sources: { ...apps(), [T]: spread([orgTrail('org-trail', { selectors: null, selectors_error: selectorsDenied })]) },
    expect: [{ status: 'ERROR', resource: 'Sales assistant', message: ['org-trail', 'cloudtrail:GetEventSelectors', 'AccessDeniedException'] }],
  },
  {
    name: 'PASS although the organization trail\'s selectors are denied, when the account\'s own trail covers the application',
    sources: { ...apps(), [T]: spread([orgTrail('org-trail', { selectors: null, selectors_error: selectorsDenied }), trail('own', { selectors: advanced(Q_APP) })]) },
    // The organization trail might record the index and data source events: that part is unknown.
    expect: [{ status: 'PASS', message: ['Trail own', 'Coverage unknown: AWS::QBusiness::Index, AWS::QBusiness::DataSource.'] }],
  },
  {
    name: 'only the affected trail\'s application is ERROR when one trail\'s selectors are denied',
    sources: {
      ...apps([sales], [hr]),
      [T]: spread([
        trail('use1', { is_multi_region: false, selectors: advanced(Q_APP) }),
        trail('euw1', { is_multi_region: false, home_region: 'eu-west-1', selectors: null, selectors_error: selectorsDenied }),
      ]),
    },
    expect: [{ status: 'PASS', region: 'us-east-1', resource: 'HR helpdesk' }, { status: 'ERROR', region: 'eu-west-1', resource: 'Sales assistant', message: 'euw1' }],
  },
  {
    name: 'ERROR when GetTrailStatus is denied for the trail whose selectors cover the application',
    sources: { ...apps(), [T]: spread([trail('main', { status: null, status_error: statusDenied, selectors: advanced(Q_APP) })]) },
    expect: [{ status: 'ERROR', message: 'cloudtrail:GetTrailStatus' }],
  },
  {
    name: 'ERROR when the application region\'s DescribeTrails is denied and no multi-region trail covers it',
    sources: { ...apps(), [T]: { 'us-east-1': { trails: [] }, 'eu-west-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails') } },
    expect: [{ status: 'ERROR', message: ['the trails of eu-west-1 could not be listed', 'cloudtrail:DescribeTrails'] }],
  },
  {
    name: 'PASS although the application region\'s DescribeTrails is denied, when a multi-region trail seen from another region covers it',
    sources: { ...apps(), [T]: { 'us-east-1': spread([trail('main', { selectors: advanced(Q_APP) })])['us-east-1'], 'eu-west-1': failed('AccessDeniedException', 'cloudtrail:DescribeTrails') } },
    expect: [{ status: 'PASS', message: 'Trail main' }],
  },
  {
    name: 'ERROR for each application when the trails were not collected at all',
    sources: { ...apps([sales], [hr]) },
    expect: [{ status: 'ERROR', resource: 'HR helpdesk', message: 'cloudtrail.trails was not collected' }, { status: 'ERROR', resource: 'Sales assistant' }],
  },
  {
    name: 'ERROR in a region where listing the applications is denied; the other region is evaluated',
    sources: { [Q]: { 'us-east-1': failed('AccessDeniedException', 'qbusiness:ListApplications'), 'eu-west-1': { applications: [sales] } }, [T]: qTrail(Q_APP) },
    expect: [{ status: 'ERROR', region: 'us-east-1', message: 'qbusiness:ListApplications' }, { status: 'PASS', region: 'eu-west-1' }],
  },
]);
