// The investigate allowlist: every bad file is an InputError with file:line (schema and code
// checks: CIDR blocks, principal patterns); the matcher compares principals by ARN, role ARN and
// key, IPs by CIDR block (v4 and v6), user agents by substring or whole-value glob, event names
// exactly; examples/investigate-allowlist.yaml is valid and means what its comments say.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllowlistMatcher, compileStarGlob, loadAllowlist, parseAllowlist, parseIpEntry } from '../../runner/investigate/allowlist.js';
import type { EventPrincipal } from '../../runner/investigate/event.js';
import { packageRoot } from '../../runner/util/package-root.js';
import { inputError } from '../helpers/input-error.js';
import { makeTmp, removeTmp } from '../cli/harness.js';

const FILE = 'allow.yaml';

function principal(over: Partial<EventPrincipal>): EventPrincipal {
  return { key: over.arn ?? 'unknown:x', type: 'IAMUser', arn: null, accountId: '111122223333', sessionIssuerArn: null, onBehalfOf: null, accessKeyId: null, name: 'x', ...over };
}

describe('investigate allowlist: loading', () => {
  it('reads the four lists into the Allowlist shape', () => {
    const list = parseAllowlist(
      ['principals:', '  - arn:aws:iam::111122223333:user/alice', 'source_ips: ["203.0.113.0/24", "2001:db8::/32"]', 'user_agents: [AmazonQ-For-VSCode/]', 'event_names: [Chat, SendMessage]'].join('\n'),
      FILE,
    );
    assert.deepEqual(list, {
      principals: ['arn:aws:iam::111122223333:user/alice'],
      sourceIps: ['203.0.113.0/24', '2001:db8::/32'],
      userAgents: ['AmazonQ-For-VSCode/'],
      eventNames: ['Chat', 'SendMessage'],
    });
  });

  it('leaves lists that are not given empty', () => {
    assert.deepEqual(parseAllowlist('event_names: [Chat]\n', FILE), { principals: [], sourceIps: [], userAgents: [], eventNames: ['Chat'] });
  });

  const bad: [string, string, number, RegExp][] = [
    ['an empty file', '', 1, /the allowlist is empty/],
    ['an empty map', '{}\n', 1, /the allowlist is empty/],
    ['an unknown field', 'event_names: [Chat]\nsource_ip: [10.0.0.1]\n', 2, /unknown field 'source_ip'/],
    ['a list that is not a list', 'principals: arn:aws:iam::111122223333:user/a\n', 1, /principals: must be array/],
    ['an address that is not one', 'source_ips:\n  - 10.0.0.1\n  - 10.0.0.300\n', 3, /source_ips\.1: "10\.0\.0\.300" is not an IP address or CIDR block/],
    ['a prefix too long for IPv4', 'source_ips:\n  - 10.0.0.0/33\n', 2, /source_ips\.0: "10\.0\.0\.0\/33" is not an IP address or CIDR block/],
    ['a prefix too long for IPv6', 'source_ips:\n  - "2001:db8::/129"\n', 2, /source_ips\.0: .* is not an IP address or CIDR block/],
    ['a host name', 'source_ips:\n  - vpn.example.com\n', 2, /source_ips\.0: "vpn\.example\.com" is not an IP address or CIDR block/],
    ['a bare user name as principal', 'principals:\n  - arn:aws:iam::111122223333:user/a\n  - alice\n', 3, /principals\.1: "alice" is not an ARN.*\*:user\/alice/],
    ['a principal with spaces', 'principals:\n  - "arn:aws:iam::1:user/a b"\n', 2, /principals\.0: .* is not an ARN or glob/],
    ['an event name with spaces', 'event_names:\n  - Chat Sync\n', 2, /event_names\.0: "Chat Sync" is not an event name/],
    ['a blank user agent', 'user_agents:\n  - "  "\n', 2, /user_agents\.0: .* is empty or has leading or trailing spaces/],
    ['a number instead of a string', 'event_names:\n  - Chat\n  - 42\n', 3, /event_names\.1: must be string/],
    ['invalid YAML', 'principals: [a\n', 2, /invalid YAML/],
  ];
  for (const [what, text, line, message] of bad) {
    it(`rejects ${what} with file and line`, () => {
      const e = inputError(() => parseAllowlist(text, FILE));
      assert.equal(e.file, FILE);
      assert.equal(e.line, line, e.message);
      assert.match(e.detail, message);
    });
  }

  it('reports an unreadable file by name', () => {
    const e = inputError(() => loadAllowlist('/nonexistent/allow.yaml'));
    assert.match(e.message, /\/nonexistent\/allow\.yaml: cannot read file/);
  });

  it('loads a file from disk', () => {
    const dir = makeTmp();
    try {
      const file = join(dir, 'allow.yaml');
      writeFileSync(file, 'source_ips:\n  - 198.51.100.7\n');
      assert.deepEqual(loadAllowlist(file).sourceIps, ['198.51.100.7']);
    } finally {
      removeTmp(dir);
    }
  });
});

describe('investigate allowlist: matching', () => {
  it('parses addresses and CIDR blocks of both families', () => {
    assert.deepEqual(parseIpEntry('203.0.113.7'), { address: '203.0.113.7', prefix: 32, family: 'ipv4' });
    assert.deepEqual(parseIpEntry('2001:db8::/32'), { address: '2001:db8::', prefix: 32, family: 'ipv6' });
    assert.equal(parseIpEntry('203.0.113.0/'), null);
    assert.equal(parseIpEntry('203.0.113.0/-1'), null);
    assert.equal(parseIpEntry('q.amazonaws.com'), null);
  });

  it('matches source IPs by block, IPv4 and IPv6, and never matches a non-address', () => {
    const m = new AllowlistMatcher({ principals: [], sourceIps: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'], userAgents: [], eventNames: [] });
    assert.equal(m.sourceIp('203.0.113.200'), true);
    assert.equal(m.sourceIp('203.0.114.1'), false);
    assert.equal(m.sourceIp('198.51.100.7'), true);
    assert.equal(m.sourceIp('198.51.100.8'), false);
    assert.equal(m.sourceIp('2001:db8:1234::5'), true);
    assert.equal(m.sourceIp('2001:db9::5'), false);
    // An IPv4 address logged in its IPv6-mapped form is the same address.
    assert.equal(m.sourceIp('::ffff:203.0.113.9'), true);
    assert.equal(m.sourceIp('q.amazonaws.com'), false);
    assert.equal(m.sourceIp('AWS Internal'), false);
  });

  it('matches a principal by its ARN, its role ARN, its key or its Identity Center user', () => {
    const m = new AllowlistMatcher({
      principals: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:role/Developer', 'arn:aws:sts::*:assumed-role/CI/*', 'identitycenter:94482488-3041'],
      sourceIps: [],
      userAgents: [],
      eventNames: [],
    });
    assert.equal(m.principal(principal({ arn: 'arn:aws:iam::111122223333:user/alice' })), true);
    assert.equal(m.principal(principal({ arn: 'arn:aws:iam::111122223333:user/alice2' })), false);
    assert.equal(m.principal(principal({ arn: 'arn:aws:sts::111122223333:assumed-role/Developer/bob', sessionIssuerArn: 'arn:aws:iam::111122223333:role/Developer' })), true);
    assert.equal(m.principal(principal({ arn: 'arn:aws:sts::111122223333:assumed-role/Admin/bob', sessionIssuerArn: 'arn:aws:iam::111122223333:role/Admin' })), false);
    // '*' crosses '/': the session name after the role is open.
    assert.equal(m.principal(principal({ arn: 'arn:aws:sts::444455556666:assumed-role/CI/build-42' })), true);
    assert.equal(m.principal(principal({ key: 'identitycenter:94482488-3041', type: 'IdentityCenterUser', onBehalfOf: '94482488-3041' })), true);
    // An ARN'd principal acting for that Identity Center user matches too.
    assert.equal(m.principal(principal({ arn: 'arn:aws:sts::1:assumed-role/QBiz/x', onBehalfOf: '94482488-3041' })), true);
    assert.equal(m.principal(principal({ key: 'identitycenter:other', onBehalfOf: 'other' })), false);
  });

  it('matches user agents by substring, or by glob over the whole value', () => {
    const m = new AllowlistMatcher({ principals: [], sourceIps: [], userAgents: ['AmazonQ-For-VSCode/', 'aws-cli/2.* Python/*'], eventNames: [] });
    assert.equal(m.userAgent('aws-sdk-js/0.0.1 ua/2.0 os/win32 lang/js api/codewhispererstreaming#0.0.1 AmazonQ-For-VSCode/1.23.0'), true);
    assert.equal(m.userAgent('aws-cli/2.15.0 Python/3.11.6 Linux/6.1'), true);
    // A glob is anchored: a prefix before it does not match.
    assert.equal(m.userAgent('x aws-cli/2.15.0 Python/3.11.6'), false);
    assert.equal(m.userAgent('aws-cli/1.29.0 Python/3.9'), false);
  });

  it('matches event names exactly, by the logged or the catalogue name', () => {
    const m = new AllowlistMatcher({ principals: [], sourceIps: [], userAgents: [], eventNames: ['Chat', 'StartDataSourceSyncJob'] });
    assert.equal(m.eventName('Chat'), true);
    assert.equal(m.eventName('ChatSync'), false);
    assert.equal(m.eventName('StartDataSourceSyncJob', 'StartDataSourceSyncJobs'), true);
  });

  it('refuses a hand-built list with an invalid address', () => {
    assert.throws(() => new AllowlistMatcher({ principals: [], sourceIps: ['10.0.0.0/40'], userAgents: [], eventNames: [] }), /not an IP address or CIDR block/);
  });

  it('star globs match what a regular expression of the same glob matches', () => {
    const patterns = ['a*', '*a', 'a*b', '*a*b*', 'ab*ab', 'a**b', '*', 'a*b*a', 'x'];
    const values = ['', 'a', 'b', 'ab', 'aab', 'abab', 'abba', 'ba', 'a/b', 'aXbYa', 'x', 'xx'];
    for (const p of patterns) {
      const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`, 's');
      const g = compileStarGlob(p);
      for (const v of values) assert.equal(g(v), re.test(v), `${p} vs ${v}`);
    }
  });
});

describe('examples/investigate-allowlist.yaml', () => {
  let m: AllowlistMatcher;
  before(() => {
    // Loading validates the file (schema, addresses, principal patterns).
    m = new AllowlistMatcher(loadAllowlist(join(packageRoot(), 'examples', 'investigate-allowlist.yaml')));
  });
  const session = (role: string, name: string, path = '/'): EventPrincipal =>
    principal({ type: 'AssumedRole', arn: `arn:aws:sts::111122223333:assumed-role/${role}/${name}`, sessionIssuerArn: `arn:aws:iam::111122223333:role${path}${role}` });
  const user = (name: string): EventPrincipal => principal({ arn: `arn:aws:iam::111122223333:user/${name}` });
  const identityCenter = (id: string): EventPrincipal => principal({ key: `identitycenter:${id}`, type: 'IdentityCenterUser', onBehalfOf: id });

  it('allows the demo account\'s routine principals, and no other user or role', () => {
    // Every session of the Q Business user role; the security team's sessions; the ingestion user.
    assert.equal(m.principal(session('QBusinessUsers', 'dana@example.com')), true);
    assert.equal(m.principal(session('SecurityAdmin', 'jonas.weber@example.com')), true);
    assert.equal(m.principal(user('svc-q-ingest')), true);
    // The developer permission set, whatever the account's suffix of its role.
    assert.equal(m.principal(session('AWSReservedSSO_DeveloperAccess_0123456789abcdef', 'felix.braun@example.com', '/aws-reserved/sso.amazonaws.com/')), true);
    assert.equal(m.principal(identityCenter('94482488-3041-7026-18f3-be45837cd0e4')), true);
    assert.equal(m.principal(identityCenter('c4f8e2a1-6071-70d5-9e1b-3a2f5c6d7e80')), true);
    // Not another permission set, another user, the same role in another account or another Identity Center user.
    assert.equal(m.principal(session('AWSReservedSSO_AdministratorAccess_5e0f1a2b3c4d5e6f', 'daniel.roth@example.com', '/aws-reserved/sso.amazonaws.com/')), false);
    assert.equal(m.principal(user('contractor-temp')), false);
    assert.equal(m.principal(principal({ arn: 'arn:aws:sts::444455556666:assumed-role/QBusinessUsers/x', sessionIssuerArn: 'arn:aws:iam::444455556666:role/QBusinessUsers' })), false);
    assert.equal(m.principal(identityCenter('00000000-0000-0000-0000-000000000000')), false);
  });

  it('allows the office, the VPN, the ingestion NAT gateway and the developers\' home IPv6 prefix', () => {
    assert.equal(m.sourceIp('203.0.113.10'), true);
    assert.equal(m.sourceIp('198.51.100.7'), true);
    assert.equal(m.sourceIp('198.51.100.23'), true);
    assert.equal(m.sourceIp('2001:db8:4a1c::17'), true);
    // Other hosts of the same /24 are not the VPN; another IPv6 prefix is not the developers' ISP.
    assert.equal(m.sourceIp('198.51.100.8'), false);
    assert.equal(m.sourceIp('2001:db8:4a1d::17'), false);
    assert.equal(m.sourceIp('192.0.2.66'), false);
  });

  it('allows browsers, the Q Developer IDE plugins, the ingestion pipeline\'s SDK and Amazon Q acting for a user', () => {
    assert.equal(m.userAgent('Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0'), true);
    assert.equal(m.userAgent('aws-sdk-js/3.687.0 ua/2.1 os/win32#10.0.22631 lang/js api/codewhispererruntime#1.0.0 m/E AmazonQ-For-VSCode/1.38.0'), true);
    assert.equal(m.userAgent('aws-sdk-java/2.29.6 Mac_OS_X/15.1.1 Amazon-Q-For-JetBrains/3.44 IntelliJ-IDEA/2024.3'), true);
    assert.equal(m.userAgent('aws-sdk-js/3.700.0 ua/2.1 os/linux#6.1 lang/js md/nodejs#20.18.0 api/qbusiness#3.700.0 m/E,N'), true);
    assert.equal(m.userAgent('q.amazonaws.com'), true);
    // Not the SDK for another service, nor another SDK calling Q Business.
    assert.equal(m.userAgent('aws-sdk-js/3.687.0 ua/2.1 lang/js api/iam#3.687.0'), false);
    assert.equal(m.userAgent('Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#6.8.0-48-generic lang/python#3.12.3 Botocore/1.35.54'), false);
  });

  it('allows the routine event names, not ChatSync, deleting documents or changing settings', () => {
    const routine = ['Chat', 'ListConversations', 'ListMessages', 'PutFeedback', 'BatchPutDocument', 'ListApplications', 'GetApplication', 'GetChatControlsConfiguration',
      'ListPlugins', 'ListWebExperiences', 'ListDataAccessors', 'GetPolicy', 'StartConversation', 'SendMessage', 'PassRequest', 'GetMetricData',
      'ListAvailableProfiles', 'GenerateCompletions', 'GenerateAssistantResponse'];
    for (const name of routine) assert.equal(m.eventName(name), true, name);
    for (const name of ['ChatSync', 'BatchDeleteDocument', 'UpdateChatControlsConfiguration', 'CreatePlugin', 'DeleteWebExperience']) assert.equal(m.eventName(name), false, name);
  });
});
