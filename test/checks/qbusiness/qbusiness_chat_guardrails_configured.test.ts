import { checkCases, failed } from '../../helpers/check-tester.js';
import { APP_A, APP_B, application, chatControls, denied, qbusinessSources, topic } from './fixtures.js';

checkCases('qbusiness_chat_guardrails_configured', [
  {
    name: 'PASS with blocked phrases and topics, with topics only (no blocked phrases), with phrases only; FAIL with neither',
    sources: qbusinessSources([
      { app: application('both0000-0000-0000-0000-000000000000', { display_name: 'both' }), chatControls: chatControls({ blocked_phrases: ['salary'], topics: [topic('legal')] }) },
      { app: application('topic000-0000-0000-0000-000000000000', { display_name: 'topics-only' }), chatControls: chatControls({ blocked_phrases: [], topics: [topic('hr'), topic('legal')] }) },
      { app: application('phrase00-0000-0000-0000-000000000000', { display_name: 'phrases-only' }), chatControls: chatControls({ blocked_phrases: ['merger'] }) },
      { app: application('none0000-0000-0000-0000-000000000000', { display_name: 'open' }), chatControls: chatControls({ response_scope: 'EXTENDED_KNOWLEDGE_ENABLED' }) },
    ]),
    expect: [
      { status: 'PASS', resource: 'both', message: ['1 blocked phrase(s)', '1 topic control(s)', 'ENTERPRISE_CONTENT_ONLY'] },
      { status: 'PASS', resource: 'topics-only', message: ['0 blocked phrase(s)', '2 topic control(s) (hr, legal)'] },
      { status: 'PASS', resource: 'phrases-only', message: '1 blocked phrase(s)' },
      { status: 'FAIL', resource: 'open', message: ['no blocked phrases and no topic controls', 'response scope EXTENDED_KNOWLEDGE_ENABLED'] },
    ],
  },
  {
    name: 'response scope not reported: the message says so',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'alpha' }), chatControls: chatControls({ response_scope: null }) }]),
    expect: [{ status: 'FAIL', resource: 'alpha', message: 'response scope not reported' }],
  },
  {
    name: 'GetChatControlsConfiguration denied for application B only: ERROR for B naming the permission, A still evaluated',
    sources: qbusinessSources([
      { app: application(APP_A, { display_name: 'alpha' }), chatControls: chatControls({ blocked_phrases: ['x'] }) },
      { app: application(APP_B, { display_name: 'beta' }), chatControls: denied('qbusiness:GetChatControlsConfiguration') },
    ]),
    expect: [
      { status: 'PASS', resource: 'alpha' },
      { status: 'ERROR', resource: 'beta', message: ['Missing permission qbusiness:GetChatControlsConfiguration', 'AccessDeniedException'] },
    ],
  },
  {
    name: 'an application missing from the chat-controls data: ERROR (not collected), never PASS',
    sources: { ...qbusinessSources([{ app: application(APP_A, { display_name: 'alpha' }) }]), 'qbusiness.chat_controls': { applications: [] } },
    expect: [{ status: 'ERROR', resource: 'alpha', message: 'NotCollected' }],
  },
  { name: 'no application in the region: one account-level PASS', sources: qbusinessSources([]), expect: [{ status: 'PASS', message: 'No Amazon Q Business application in this region' }] },
  {
    name: 'the chat-controls source failed as a whole: ERROR',
    sources: { ...qbusinessSources([{ app: application(APP_A) }]), 'qbusiness.chat_controls': failed('ThrottlingException', 'qbusiness:GetChatControlsConfiguration', 'Rate exceeded') },
    expect: [{ status: 'ERROR', message: ['qbusiness:GetChatControlsConfiguration', 'ThrottlingException'] }],
  },
]);
