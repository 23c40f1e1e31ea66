import { checkCases, failed } from '../../helpers/check-tester.js';
import { APP_A, APP_B, appArn, application, eventLogs, qbusinessSources } from './fixtures.js';

const two = [{ app: application(APP_A, { display_name: 'alpha' }) }, { app: application(APP_B, { display_name: 'beta' }) }];

checkCases('qbusiness_conversation_logging_enabled', [
  {
    name: 'PASS when an EVENT_LOGS delivery source names the application and has a delivery; FAIL for the application without one',
    sources: qbusinessSources(two, eventLogs(appArn(APP_A), true)),
    expect: [
      { status: 'PASS', resource: 'alpha', message: ['delivers conversation logs', 'CWL'] },
      { status: 'FAIL', resource: 'beta', message: 'no CloudWatch Logs delivery source of log type EVENT_LOGS names the application' },
    ],
  },
  {
    name: 'a delivery source without a delivery FAILs and is named',
    sources: qbusinessSources([two[0]], eventLogs(appArn(APP_A), false)),
    expect: [{ status: 'FAIL', resource: 'alpha', message: `delivery source qb-${APP_A} has no delivery` }],
  },
  {
    name: 'a delivery source of another log type does not count',
    sources: qbusinessSources([two[0]], eventLogs(appArn(APP_A), true, 'ERROR_LOGS')),
    expect: [{ status: 'FAIL', resource: 'alpha' }],
  },
  {
    name: 'the ARN is known even when GetApplication failed, so the check still evaluates',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'alpha', error: { code: 'AccessDeniedException', message: 'no', action: 'qbusiness:GetApplication' } }) }], eventLogs(appArn(APP_A), true)),
    expect: [{ status: 'PASS', resource: 'alpha' }],
  },
  { name: 'no application in the region: one account-level PASS', sources: qbusinessSources([]), expect: [{ status: 'PASS', message: 'No Amazon Q Business application' }] },
  {
    name: 'DescribeDeliverySources denied: ERROR naming the permission',
    sources: { ...qbusinessSources(two), 'qbusiness.log_deliveries': failed('AccessDeniedException', 'logs:DescribeDeliverySources') },
    expect: [{ status: 'ERROR', message: 'Missing permission logs:DescribeDeliverySources' }],
  },
]);
