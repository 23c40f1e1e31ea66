import assert from 'node:assert/strict';
import { originProblem } from '../../../runner/views/qbusiness-common.js';
import { checkCases, failed } from '../../helpers/check-tester.js';
import { APP_A, APP_B, application, denied, qbusinessSources, webExperience } from './fixtures.js';

const web = (title: string, origins: string[]) => webExperience(APP_A, title, { title, origins });

checkCases('qbusiness_web_experience_origins_restricted', [
  {
    name: 'specific https origins PASS; "*", a wildcard host and plain http FAIL; http://localhost with or without port PASS',
    sources: qbusinessSources([{
      app: application(APP_A, { display_name: 'alpha' }),
      webExperiences: [
        web('exact', ['https://intranet.example.com', 'https://portal.example.com:8443']),
        web('star', ['*']),
        web('wildcard-host', ['https://*.example.com']),
        web('plain-http', ['https://ok.example.com', 'http://intranet.example.com']),
        web('localhost-port', ['http://localhost:3000', 'https://intranet.example.com']),
        web('localhost', ['http://localhost']),
        web('not-localhost', ['http://localhost.evil.example']),
        web('none', []),
      ],
    }]),
    expect: [
      { status: 'PASS', resource: 'exact', message: 'allows only https://intranet.example.com, https://portal.example.com:8443' },
      { status: 'FAIL', resource: 'star', message: '* (wildcard)' },
      { status: 'FAIL', resource: 'wildcard-host', message: 'https://*.example.com (wildcard)' },
      { status: 'FAIL', resource: 'plain-http', message: 'http://intranet.example.com (plain HTTP)' },
      { status: 'PASS', resource: 'localhost-port' },
      { status: 'PASS', resource: 'localhost' },
      { status: 'FAIL', resource: 'not-localhost', message: 'plain HTTP' },
      { status: 'PASS', resource: 'none', message: 'allows no embedding origin' },
    ],
  },
  {
    name: 'GetWebExperience denied for one web experience: ERROR for it; ListWebExperiences denied for B: ERROR on B',
    sources: qbusinessSources([
      { app: application(APP_A), webExperiences: [web('fine', ['https://a.example.com']), webExperience(APP_A, 'w2', { title: null, error: denied('qbusiness:GetWebExperience') })] },
      { app: application(APP_B, { display_name: 'beta' }), webExperiences: denied('qbusiness:ListWebExperiences') },
    ]),
    expect: [
      { status: 'PASS', resource: 'fine' },
      { status: 'ERROR', resource: 'w2', message: 'qbusiness:GetWebExperience' },
      { status: 'ERROR', resource: 'beta', message: 'qbusiness:ListWebExperiences' },
    ],
  },
  { name: 'no web experience in the region: one account-level PASS', sources: qbusinessSources([{ app: application(APP_A) }]), expect: [{ status: 'PASS', message: 'No Amazon Q Business web experience' }] },
  {
    name: 'source failed: ERROR',
    sources: { ...qbusinessSources([{ app: application(APP_A) }]), 'qbusiness.web_experiences': failed('AccessDeniedException', 'qbusiness:ListWebExperiences') },
    expect: [{ status: 'ERROR', message: 'qbusiness:ListWebExperiences' }],
  },
]);

describe('originProblem', () => {
  it('reads schemes case-insensitively and accepts a trailing slash on localhost', () => {
    assert.equal(originProblem('HTTP://EXAMPLE.COM'), 'plain HTTP');
    assert.equal(originProblem('http://localhost:8080/'), null);
    assert.equal(originProblem('HTTPS://example.com'), null);
    assert.equal(originProblem('https://app.example.com*'), 'wildcard');
  });
});
