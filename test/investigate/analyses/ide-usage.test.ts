import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { createIdeUsageAnalysis, ideClientOf } from '../../../runner/investigate/analyses/ide-usage.js';
import { isQAgentUserAgent } from '../../../runner/investigate/normalise.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { ACCOUNT, assumedRole, identityCenterUser, invokedByQ, qAgentUserAgent, qbusinessDataEvent, record, type RawRecord, type RecordOptions } from '../records.js';
import { atMinute, ev, runAnalysis, shuffled } from './harness.js';

const run = (events: TrailEvent[]): Answer => runAnalysis(createIdeUsageAnalysis, events);

// User agents as the clients send them (AWS re:Post sample event; the Q language server; the Q CLI).
const VSCODE_UA = 'aws-sdk-js/0.0.1 ua/2.0 os/win32#10.0.22631 lang/js md/nodejs#18.15.0 api/codewhispererstreaming#0.0.1 AmazonQ-For-VSCode/1.23.0';
const VSCODE_UA_NEWER = 'aws-sdk-js/0.0.1 ua/2.0 os/win32#10.0.22631 lang/js md/nodejs#18.15.0 api/codewhispererstreaming#0.0.1 AmazonQ-For-VSCode/1.24.1';
const JETBRAINS_UA = 'AWS-Language-Servers AmazonQ-Language-Server/1.0.0 Amazon-Q-For-JetBrains/3.40 IntelliJ-IDEA/2024.3 ClientId/0c1d2e3f';
const CLI_UA = 'aws-sdk-rust/1.3.9 ua/2.1 api/codewhispererstreaming/0.1.0 os/macos lang/rust/1.87.0 m/F app/AmazonQ-For-CLI md/appVersion-1.12.0';
const BROWSER_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

const ALICE = '94482488-3041-7026-18f3-be45837cd0e4';
const BOB = 'c4f8a1d2-7011-70e3-9b55-0a1b2c3d4e5f';
const PROFILE = `arn:aws:codewhisperer:us-east-1:${ACCOUNT}:profile/PROFILE1EXAMPLE`;

function ide(eventName: string, minute: number, userId: string, userAgent: string, extra: Partial<RecordOptions> = {}): RawRecord {
  return record({
    eventSource: 'codewhisperer.amazonaws.com',
    eventName,
    eventTime: atMinute(minute),
    eventCategory: 'Data',
    userIdentity: identityCenterUser(userId),
    userAgent,
    sourceIPAddress: '198.51.100.23',
    requestParameters: { profileArn: PROFILE },
    resources: [{ ARN: PROFILE, type: 'AWS::CodeWhisperer::Profile' }],
    ...extra,
  });
}

function scenario(): TrailEvent[] {
  return [
    ide('GenerateCompletions', 0, ALICE, VSCODE_UA),
    ide('GenerateCompletions', 1, ALICE, VSCODE_UA_NEWER),
    ide('GenerateAssistantResponse', 2, ALICE, VSCODE_UA),
    ide('GenerateAssistantResponse', 3, ALICE, CLI_UA),
    ide('CreateUploadUrl', 4, BOB, JETBRAINS_UA, { errorCode: 'AccessDeniedException' }),
    ide('GenerateCompletions', 5, BOB, JETBRAINS_UA),
    // A CodeWhisperer data event from a client nobody has taught us: still IDE use.
    ide('GenerateCompletions', 6, BOB, 'aws-sdk-go-v2/1.30.0 os/linux lang/go#1.22'),
    // The catalogue does not know this name yet: still counted, under its logged name.
    ide('GenerateBrandNewThing', 7, BOB, JETBRAINS_UA),
    // Q Developer chat from inside the IDE (management event of q.amazonaws.com) names the plugin.
    record({ eventSource: 'q.amazonaws.com', eventName: 'SendMessage', eventTime: atMinute(8), userIdentity: assumedRole('Developer', 'erin'), userAgent: VSCODE_UA }),
    // Not IDE use: an administrator creating a profile in the console, a Q Business chat from the CLI.
    record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'CreateProfile', eventTime: atMinute(9), userAgent: BROWSER_UA, requestParameters: { profileName: 'pro' } }),
    qbusinessDataEvent('ChatSync', { eventTime: atMinute(10) }),
    // An IAM event with an IDE user agent is not an Amazon Q event.
    record({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', eventTime: atMinute(11), userAgent: VSCODE_UA }),
  ].map(ev);
}

describe('analysis: ide_usage', () => {
  it('recognises each client of the table, with its version', () => {
    assert.deepEqual(ideClientOf(VSCODE_UA), { client: 'Amazon Q for VS Code', version: '1.23.0' });
    assert.deepEqual(ideClientOf(JETBRAINS_UA), { client: 'Amazon Q for JetBrains', version: '3.40' });
    assert.deepEqual(ideClientOf(CLI_UA), { client: 'Amazon Q Developer CLI', version: null });
    assert.deepEqual(ideClientOf('Q-Developer-CLI/1.4.0 os/linux'), { client: 'Amazon Q Developer CLI', version: '1.4.0' });
    assert.deepEqual(ideClientOf('AWS-Language-Servers AmazonQ-For-Eclipse/1.0.2 Eclipse/4.32'), { client: 'Amazon Q for Eclipse', version: '1.0.2' });
    assert.deepEqual(ideClientOf('AWS-Toolkit-For-VisualStudio/1.60.0.0 VS/17.10'), { client: 'AWS Toolkit for Visual Studio (Amazon Q)', version: '1.60.0.0' });
    assert.deepEqual(ideClientOf('AWS-Toolkit-For-JetBrains/1.68.0 IntelliJ-IDEA/2024.2.2 macOS/14.5'), { client: 'AWS Toolkit for JetBrains', version: '1.68.0' });
    assert.deepEqual(ideClientOf('AWS-Toolkit-For-VSCode/3.1.0 Visual-Studio-Code/1.85.1 ClientId/x'), { client: 'AWS Toolkit for VS Code', version: '3.1.0' });
    assert.deepEqual(ideClientOf('aws-sdk-js/3.590.0 os/macos#14.4.1 lang/nodejs#20.11.1 md/vscode#1.95.3 api/codewhisperer#1.1.52'), { client: 'VS Code (plugin not named)', version: '1.95.3' });
    assert.equal(ideClientOf('aws-cli/2.15.0 Python/3.11.6 Linux/6.1'), null);
    assert.equal(ideClientOf(BROWSER_UA), null);
  });

  it('recognises the Q agent\'s marker on the AWS calls it runs from the CLI or the IDE, with the version', () => {
    assert.deepEqual(ideClientOf(qAgentUserAgent('IDE', '1.94.0')), { client: 'Amazon Q in the IDE (agent)', version: '1.94.0' });
    assert.deepEqual(ideClientOf(qAgentUserAgent('CLI', '1.16.0')), { client: 'Amazon Q Developer CLI', version: '1.16.0' });
    assert.deepEqual(ideClientOf('aws-cli/2.30.0 Python/3.13.7 Linux/6.6 exec-env/AmazonQ-For-IDE Version/1.94.0 exe/x86_64'), { client: 'Amazon Q in the IDE (agent)', version: '1.94.0' });
    assert.deepEqual(ideClientOf('aws-sdk-js/3.700.0 exec-env/AmazonQ-For-CLI-Version/1.2.3 api/s3#3.700.0'), { client: 'Amazon Q Developer CLI', version: '1.2.3' });
    // The normaliser takes the marker after '_' in an exec-env value too (isQAgentUserAgent); so must the client table.
    const joined = 'aws-cli/2.30.0 Python/3.13.7 Linux/6.6 exec-env/CloudShell_AmazonQ-For-CLI-Version-1.16.0';
    assert.equal(isQAgentUserAgent(joined), true);
    assert.deepEqual(ideClientOf(joined), { client: 'Amazon Q Developer CLI', version: '1.16.0' });
    assert.equal(ideClientOf('aws-cli/2.30.0 exec-env/XAmazonQ-For-CLI'), null);
  });

  it('counts the AWS calls the Q agent ran for its user from the IDE or the CLI, not other calls Q made', () => {
    const answer = run([
      record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: atMinute(0), userIdentity: assumedRole('Developer', 'erin'), userAgent: qAgentUserAgent('IDE') }),
      record({ eventSource: 's3.amazonaws.com', eventName: 'DeleteObject', eventTime: atMinute(1), userIdentity: assumedRole('Developer', 'erin'), userAgent: qAgentUserAgent('IDE') }),
      record({ eventSource: 'lambda.amazonaws.com', eventName: 'UpdateFunctionCode20150331v2', eventTime: atMinute(2), userIdentity: assumedRole('Developer', 'erin'), userAgent: qAgentUserAgent('CLI') }),
      // Q Business acting for a user (invokedBy): not an IDE.
      record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: atMinute(3), userIdentity: invokedByQ('Developer', 'carol') }),
    ].map(ev));
    const erin = `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/erin`;
    assert.deepEqual(answer.items.map((i) => [i.detail.principal, i.detail.client, i.detail.event_names, i.detail.client_versions]), [
      [erin, 'Amazon Q in the IDE (agent)', 'DeleteObject (1), DescribeInstances (1)', '1.94.0'],
      [erin, 'Amazon Q Developer CLI', 'UpdateFunctionCode20150331v2 (1)', '1.16.0'],
    ]);
    assert.equal(answer.items[0].detail.event_sources, 'ec2.amazonaws.com, s3.amazonaws.com');
  });

  it('has one row per principal and client, Identity Center users by their user id', () => {
    const answer = run(scenario());
    assert.equal(answer.id, 'ide_usage');
    assert.equal(answer.flagged, false);
    const rows = answer.items.map((i) => [i.detail.principal, i.detail.client, i.eventCount]);
    assert.deepEqual(rows, [
      [`identitycenter:${ALICE}`, 'Amazon Q for VS Code', 3],
      [`identitycenter:${ALICE}`, 'Amazon Q Developer CLI', 1],
      [`identitycenter:${BOB}`, 'Amazon Q for JetBrains', 3],
      [`identitycenter:${BOB}`, 'unrecognised client', 1],
      [`arn:aws:sts::${ACCOUNT}:assumed-role/Developer/erin`, 'Amazon Q for VS Code', 1],
    ]);
    assert.ok(answer.items.every((i) => !i.flagged));
  });

  it('gives each row its event names with counts, versions, failures and the events behind it', () => {
    const answer = run(scenario());
    const alice = answer.items[0];
    assert.equal(alice.label, `Identity Center user ${ALICE} used Amazon Q for VS Code`);
    assert.equal(alice.detail.event_names, 'GenerateCompletions (2), GenerateAssistantResponse (1)');
    assert.equal(alice.detail.client_versions, '1.23.0, 1.24.1');
    assert.equal(alice.detail.principal_type, 'IdentityCenterUser');
    assert.equal(alice.detail.distinct_user_agents, 2);
    assert.equal(alice.detail.user_agent, VSCODE_UA);
    assert.equal(alice.detail.failed_events, 0);
    assert.equal(alice.detail.first_seen, atMinute(0));
    assert.deepEqual(
      alice.events.map((e) => [e.eventName, e.sourceIp, e.resource]),
      [
        ['GenerateCompletions', '198.51.100.23', PROFILE],
        ['GenerateCompletions', '198.51.100.23', PROFILE],
        ['GenerateAssistantResponse', '198.51.100.23', PROFILE],
      ],
    );
    const bob = answer.items[2];
    assert.equal(bob.detail.failed_events, 1);
    assert.equal(bob.detail.event_names, 'CreateUploadUrl (1), GenerateBrandNewThing (1), GenerateCompletions (1)');
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = scenario();
    assert.deepEqual(run(shuffled(events)), run(events));
    assert.deepEqual(run([...events].reverse()), run(events));
  });

  it('says so, and why it may be silent, when there is no IDE activity', () => {
    const answer = run([qbusinessDataEvent('Chat', { eventTime: atMinute(0) })].map(ev));
    assert.deepEqual(answer.items, []);
    assert.match(answer.summary, /^No Amazon Q Developer IDE or CLI activity in the window \(.*data events/);
  });

  it('summarises principals, clients and events', () => {
    assert.equal(run(scenario()).summary, 'Yes: 3 principals used Amazon Q from Amazon Q Developer CLI, Amazon Q for JetBrains, Amazon Q for VS Code, unrecognised client (9 events).');
  });
});
