import { checkCases, failed } from '../../helpers/check-tester.js';
import { APP_A, APP_B, application, denied, plugin, qbusinessSources } from './fixtures.js';

const apps = (a: Parameters<typeof qbusinessSources>[0]) => qbusinessSources(a);

checkCases('qbusiness_plugin_requires_auth', [
  {
    name: 'FAIL for noAuthConfiguration; PASS for OAuth 2.0 and IAM Identity Center; basic auth PASSes with a note recommending OAuth 2.0',
    sources: apps([{
      app: application(APP_A, { display_name: 'alpha' }),
      plugins: [
        plugin(APP_A, 'p-none', { display_name: 'weather', type: 'CUSTOM', server_url: 'https://api.example.org', auth_configuration: 'noAuthConfiguration' }),
        plugin(APP_A, 'p-oauth', { display_name: 'jira', auth_configuration: 'oAuth2ClientCredentialConfiguration' }),
        plugin(APP_A, 'p-idc', { display_name: 'asana', type: 'ASANA', auth_configuration: 'idcAuthConfiguration' }),
        plugin(APP_A, 'p-basic', { display_name: 'zendesk', type: 'ZENDESK', auth_configuration: 'basicAuthConfiguration' }),
      ],
    }]),
    expect: [
      { status: 'FAIL', resource: 'weather', message: ['of alpha', 'https://api.example.org', 'without authentication', 'noAuthConfiguration'] },
      { status: 'PASS', resource: 'jira', message: 'authenticates with oAuth2ClientCredentialConfiguration' },
      { status: 'PASS', resource: 'asana', message: 'idcAuthConfiguration' },
      { status: 'PASS', resource: 'zendesk', message: ['basic authentication', 'OAuth 2.0 is recommended'] },
    ],
  },
  {
    name: 'a disabled plugin without authentication still FAILs; an auth kind newer than the SDK is not noAuth and PASSes',
    sources: apps([{
      app: application(APP_A),
      plugins: [
        plugin(APP_A, 'p1', { display_name: 'old', state: 'DISABLED', auth_configuration: 'noAuthConfiguration', server_url: null }),
        plugin(APP_A, 'p2', { display_name: 'future', auth_configuration: 'mtlsAuthConfiguration' }),
      ],
    }]),
    expect: [{ status: 'FAIL', resource: 'old', message: 'calls its server without authentication' }, { status: 'PASS', resource: 'future', message: 'mtlsAuthConfiguration' }],
  },
  {
    name: 'GetPlugin returned no authentication configuration: ERROR, not PASS',
    sources: apps([{ app: application(APP_A), plugins: [plugin(APP_A, 'p1', { display_name: 'mystery', auth_configuration: null })] }]),
    expect: [{ status: 'ERROR', resource: 'mystery', message: ['qbusiness:GetPlugin', 'returned no authConfiguration'] }],
  },
  {
    name: 'GetPlugin denied for one plugin: ERROR for it, the others are evaluated',
    sources: apps([{
      app: application(APP_A),
      plugins: [plugin(APP_A, 'p1', { display_name: 'ok' }), plugin(APP_A, 'p2', { display_name: 'hidden', auth_configuration: null, error: denied('qbusiness:GetPlugin') })],
    }]),
    expect: [{ status: 'PASS', resource: 'ok' }, { status: 'ERROR', resource: 'hidden', message: 'Missing permission qbusiness:GetPlugin' }],
  },
  {
    name: 'ListPlugins denied for application B: ERROR on B, plugins of A evaluated',
    sources: apps([
      { app: application(APP_A), plugins: [plugin(APP_A, 'p1', { display_name: 'a-plugin', auth_configuration: 'noAuthConfiguration' })] },
      { app: application(APP_B, { display_name: 'beta' }), plugins: denied('qbusiness:ListPlugins') },
    ]),
    expect: [{ status: 'FAIL', resource: 'a-plugin' }, { status: 'ERROR', resource: 'beta', message: 'qbusiness:ListPlugins' }],
  },
  {
    name: 'applications without plugins: one account-level PASS',
    sources: apps([{ app: application(APP_A) }, { app: application(APP_B) }]),
    expect: [{ status: 'PASS', resource: '123456789012', message: 'No Amazon Q Business plugin in this region' }],
  },
  {
    name: 'no application in the region: one account-level PASS',
    sources: apps([]),
    expect: [{ status: 'PASS', message: 'nothing to check' }],
  },
  {
    name: 'the plugins source failed as a whole: ERROR naming its permission',
    sources: { ...apps([{ app: application(APP_A) }]), 'qbusiness.plugins': failed('AccessDeniedException', 'qbusiness:ListPlugins') },
    expect: [{ status: 'ERROR', message: 'Missing permission qbusiness:ListPlugins' }],
  },
  {
    name: 'applications could not be listed (plugins depend on them): ERROR naming qbusiness:ListApplications',
    sources: {
      'qbusiness.applications': failed('AccessDeniedException', 'qbusiness:ListApplications'),
      'qbusiness.plugins': failed('DependencyFailed', 'qbusiness:ListApplications', 'depends on qbusiness.applications, which failed'),
    },
    expect: [{ status: 'ERROR', message: 'qbusiness:ListApplications' }],
  },
]);
