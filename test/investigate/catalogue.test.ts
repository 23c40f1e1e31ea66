// The Amazon Q event catalogue (check-metadata/q-event-catalogue.yaml): every Q event name of
// shared/REFERENCE.md, every command of the installed Q Business SDK and every action of the
// Service Authorization Reference is classified; REFERENCE.md's data events are data events and the
// rest of qbusiness is management; the playbook's misspellings resolve; unknown names stay
// unclassified; and bad files fail with file and line.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEventCatalogue, parseEventCatalogue, type LoadedEventCatalogue } from '../../runner/investigate/catalogue.js';
import { Q_EVENT_SOURCES, EVENT_CATEGORIES, EVENT_OPERATIONS } from '../../runner/investigate/event.js';
import { normaliseRecord } from '../../runner/investigate/normalise.js';
import { serviceActions } from '../../runner/iam/action-catalogue.js';
import { packageRoot } from '../../runner/util/package-root.js';
import { InputError } from '../../runner/util/yaml-file.js';

const QBUSINESS = 'qbusiness.amazonaws.com';
const Q_SOURCES = [QBUSINESS, 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com'];

function reference(): string {
  return readFileSync(join(packageRoot(), '..', 'shared', 'REFERENCE.md'), 'utf8');
}

/** The lines of a `## ` section of REFERENCE.md. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `REFERENCE.md has a "${heading}" section`);
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  return end >= 0 ? rest.slice(0, end) : rest;
}

/** Top-level bullets of a section, continuation lines joined. */
function bullets(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('- ')) out.push(line.slice(2));
    else if (/^\s+\S/.test(line) && out.length > 0) out[out.length - 1] += ` ${line.trim()}`;
  }
  return out;
}

const isEventName = (s: string): boolean => /^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(s);

/** The q.amazonaws.com row of the "Amazon Q surfaces" table: the event names in its notes. */
function referenceQDeveloperNames(text: string): string[] {
  const row = text.split('\n').find((l) => l.startsWith('|') && l.includes('`q.amazonaws.com`') && !l.includes('invokedBy'));
  assert.ok(row, 'REFERENCE.md has a q.amazonaws.com row');
  const notes = row.split('|').slice(1, -1).map((c) => c.trim())[3];
  return notes.split('(')[0].split(',').map((s) => s.replace('…', '').trim()).filter(isEventName);
}

/** `service:Action` mentions of the Q services anywhere in REFERENCE.md (not ARNs: `arn:aws:qbusiness:REGION`). */
function referenceActionMentions(text: string): { source: string; name: string }[] {
  return [...text.matchAll(/(?<![\w:])(q|qbusiness|qapps|codewhisperer):([A-Z][A-Za-z]+)\b/g)].map((m) => ({ source: `${m[1]}.amazonaws.com`, name: m[2] }));
}

/** The qbusiness data-event lists of "CloudTrail for Q Business", per resource type. */
function referenceDataEvents(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of bullets(section(text, 'CloudTrail for Q Business'))) {
    const m = /^`(AWS::QBusiness::\w+)`[^:]*:\s*(.*)$/.exec(b);
    if (!m) continue;
    out.set(m[1], m[2].replace(/\.$/, '').split(',').map((s) => s.trim()));
  }
  return out;
}

/** The German playbook bullet: the backticked names it uses. */
function referencePlaybookNames(text: string): string[] {
  const b = bullets(section(text, 'CloudTrail for Q Business')).find((x) => x.startsWith('The German playbook'));
  assert.ok(b, 'REFERENCE.md has the German playbook bullet');
  return [...b.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]).filter(isEventName);
}

function sdkQBusinessOperations(): string[] {
  const dir = join(packageRoot(), 'node_modules', '@aws-sdk', 'client-qbusiness', 'dist-types', 'commands');
  return readdirSync(dir).filter((f) => f.endsWith('Command.d.ts')).map((f) => f.slice(0, -'Command.d.ts'.length)).sort();
}

function names(catalogue: LoadedEventCatalogue, source: string): string[] {
  return catalogue.entries().filter((e) => e.eventSource === source).map((e) => e.name);
}

describe('the Amazon Q event catalogue: coverage', () => {
  const catalogue = loadEventCatalogue();
  const text = reference();

  it('is the four Amazon Q event sources, and nothing else is a Q source', () => {
    assert.deepEqual([...catalogue.sources()].sort(), [...Q_SOURCES].sort());
    assert.deepEqual([...Q_EVENT_SOURCES].sort(), [...Q_SOURCES].sort(), 'the code and the catalogue name the same sources');
    for (const s of Q_SOURCES) assert.equal(catalogue.isQSource(s), true, s);
    for (const s of ['iam.amazonaws.com', 'sts.amazonaws.com', 'kendra.amazonaws.com', 'Q.amazonaws.com', 'qbusiness']) assert.equal(catalogue.isQSource(s), false, s);
  });

  it('classifies every q.amazonaws.com name of the REFERENCE.md surfaces table', () => {
    const listed = referenceQDeveloperNames(text);
    assert.ok(listed.length >= 10, `parsed ${listed.join(', ')}`);
    assert.deepEqual(listed.filter((n) => catalogue.classify('q.amazonaws.com', n) === null), []);
    // The table says these are management events.
    assert.deepEqual(listed.filter((n) => catalogue.classify('q.amazonaws.com', n)?.eventType !== 'management'), []);
  });

  it('classifies every q:/qbusiness:/qapps:/codewhisperer: action REFERENCE.md mentions', () => {
    const mentions = referenceActionMentions(text);
    assert.ok(mentions.length >= 5, `parsed ${mentions.length}`);
    assert.deepEqual(mentions.filter((m) => catalogue.classify(m.source, m.name) === null), []);
  });

  it('makes REFERENCE.md\'s qbusiness data events data events, and every other qbusiness event management', () => {
    const lists = referenceDataEvents(text);
    assert.deepEqual([...lists.keys()].sort(), ['AWS::QBusiness::Application', 'AWS::QBusiness::DataSource', 'AWS::QBusiness::Index']);
    const data = new Set([...lists.values()].flat());
    assert.equal(data.size, 20, [...data].join(', '));
    for (const n of data) {
      const c = catalogue.classify(QBUSINESS, n);
      assert.ok(c, `${n} is classified`);
      assert.equal(c.name, n, `${n} is a real name, not an alias`);
      assert.equal(c.eventType, 'data', n);
    }
    const others = names(catalogue, QBUSINESS).filter((n) => !data.has(n));
    assert.ok(others.length > 50);
    assert.deepEqual(others.filter((n) => catalogue.classify(QBUSINESS, n)?.eventType !== 'management'), []);
  });

  it('classifies every command of the installed @aws-sdk/client-qbusiness (a newer SDK with new operations fails here)', () => {
    const ops = sdkQBusinessOperations();
    assert.ok(ops.length > 70, `${ops.length} commands`);
    assert.deepEqual(ops.filter((op) => catalogue.classify(QBUSINESS, op)?.name !== op), []);
  });

  it('classifies every action of the Service Authorization Reference, except the permission-only ones it names', () => {
    // Permission-only IAM actions that never appear as an event of their own (see the file's header).
    const leftOut: Record<string, string[]> = {
      qbusiness: ['AllowVendedLogDeliveryForResource', 'CreateDataAccessorWithTti', 'DisableAclOnDataSource', 'PutResourcePolicy'],
      codewhisperer: ['AllowVendedLogDeliveryForResource'],
    };
    for (const service of ['q', 'qbusiness', 'qapps', 'codewhisperer']) {
      const actions = serviceActions(service).map((a) => a.slice(service.length + 1));
      assert.ok(actions.length > 10, service);
      const missing = actions.filter((a) => !(leftOut[service] ?? []).includes(a) && catalogue.classify(`${service}.amazonaws.com`, a)?.name !== a);
      assert.deepEqual(missing, [], service);
      for (const a of leftOut[service] ?? []) {
        assert.ok(actions.includes(a), `${service}:${a} is still in the reference (else drop it from the list)`);
        assert.equal(catalogue.classify(`${service}.amazonaws.com`, a), null, `${service}:${a} is left out`);
      }
    }
  });

  it('classifies the Q Developer IDE/CLI events and the Q Apps events the analyses rely on', () => {
    const expected: [string, string, string, string][] = [
      ['codewhisperer.amazonaws.com', 'GenerateCompletions', 'conversation', 'data'],
      ['codewhisperer.amazonaws.com', 'GenerateAssistantResponse', 'conversation', 'data'],
      ['codewhisperer.amazonaws.com', 'CreateUploadUrl', 'document', 'data'],
      ['codewhisperer.amazonaws.com', 'SendTelemetryEvent', 'other', 'data'],
      ['codewhisperer.amazonaws.com', 'StartTransformation', 'other', 'data'],
      ['codewhisperer.amazonaws.com', 'CreateProfile', 'resource_lifecycle', 'management'],
      ['codewhisperer.amazonaws.com', 'CreateCustomization', 'resource_lifecycle', 'management'],
      ['qapps.amazonaws.com', 'CreateQApp', 'resource_lifecycle', 'data'],
      ['qapps.amazonaws.com', 'CreateLibraryItem', 'resource_lifecycle', 'management'],
      ['qapps.amazonaws.com', 'ImportDocument', 'document', 'data'],
      ['qapps.amazonaws.com', 'StartQAppSession', 'conversation', 'data'],
      ['q.amazonaws.com', 'UsePlugin', 'plugin', 'management'],
      ['q.amazonaws.com', 'StartTroubleshootingAnalysis', 'troubleshooting', 'management'],
      ['q.amazonaws.com', 'CreateAssignment', 'user_group', 'management'],
      [QBUSINESS, 'UpdateChatControlsConfiguration', 'guardrail', 'management'],
      [QBUSINESS, 'AssociatePermission', 'guardrail', 'management'],
      [QBUSINESS, 'BatchPutDocument', 'document', 'data'],
      [QBUSINESS, 'CreatePlugin', 'plugin', 'management'],
      [QBUSINESS, 'CreateDataAccessor', 'resource_lifecycle', 'management'],
    ];
    for (const [source, name, category, eventType] of expected) {
      const c = catalogue.classify(source, name);
      assert.ok(c, `${source} ${name}`);
      assert.deepEqual([c.category, c.eventType], [category, eventType], `${source} ${name}`);
    }
  });

  it('uses create/delete/read/change the way the names say', () => {
    for (const e of catalogue.entries()) {
      if (/^(Get|List|Describe|BatchGet|BatchDescribe)[A-Z]/.test(e.name)) assert.equal(e.operation, 'read', `${e.eventSource} ${e.name}`);
      if (/^Delete[A-Z]/.test(e.name) || /^BatchDelete[A-Z]/.test(e.name)) assert.equal(e.operation, 'delete', `${e.eventSource} ${e.name}`);
      if (/^Create[A-Z]/.test(e.name)) assert.equal(e.operation, 'create', `${e.eventSource} ${e.name}`);
      if (/^(Update|Tag|Untag)[A-Z]/.test(e.name)) assert.equal(e.operation, 'change', `${e.eventSource} ${e.name}`);
    }
  });
});

describe('the Amazon Q event catalogue: lookups', () => {
  const catalogue = loadEventCatalogue();
  const text = reference();

  it('maps the German playbook\'s misspelt names to the real ones', () => {
    const used = referencePlaybookNames(text);
    assert.ok(used.includes('GetApplications'), used.join(', '));
    for (const n of used) assert.ok(catalogue.classify(QBUSINESS, n), `${n} (from the playbook bullet) resolves`);
    const resolved = Object.fromEntries(used.map((n) => [n, catalogue.classify(QBUSINESS, n)?.name]));
    assert.equal(resolved.StartDataSourceSyncJobs, 'StartDataSourceSyncJob');
    assert.equal(resolved.StopDataSourceSyncJobs, 'StopDataSourceSyncJob');
    assert.equal(resolved.GetApplications, 'GetApplication');
    // An alias is the very classification of the real name, not a copy that could drift.
    assert.equal(catalogue.classify(QBUSINESS, 'GetApplications'), catalogue.classify(QBUSINESS, 'GetApplication'));
    // Aliases belong to their event source only.
    assert.equal(catalogue.classify('qapps.amazonaws.com', 'GetApplications'), null);
    for (const a of catalogue.aliases()) assert.equal(catalogue.classify(a.eventSource, a.alias)?.name, a.name);
  });

  it('answers null for an unknown event name or source, and is case-sensitive like CloudTrail', () => {
    assert.equal(catalogue.classify(QBUSINESS, 'NoSuchOperation'), null);
    assert.equal(catalogue.classify(QBUSINESS, 'chat'), null);
    assert.equal(catalogue.classify('s3.amazonaws.com', 'Chat'), null);
    assert.equal(catalogue.classify(QBUSINESS, ''), null);
  });

  it('returns exactly an EventClass, frozen so that no analysis can change it for every event', () => {
    const c = catalogue.classify(QBUSINESS, 'Chat');
    assert.deepEqual(c, { name: 'Chat', category: 'conversation', operation: 'create', eventType: 'data', resourceKind: 'message' });
    assert.ok(Object.isFrozen(c));
    assert.ok(Object.isFrozen(catalogue.entries()));
    assert.equal(catalogue.classify(QBUSINESS, 'TagResource')?.resourceKind, null);
  });

  it('keeps a Q event with an unknown name, unclassified, through the normaliser', () => {
    const record = {
      eventVersion: '1.09', eventTime: '2026-05-04T10:00:00Z', eventSource: QBUSINESS, eventName: 'BrandNewOperation', awsRegion: 'us-east-1',
      eventID: 'e-1', eventCategory: 'Management', sourceIPAddress: '198.51.100.7', userAgent: 'aws-cli/2',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
      requestParameters: { applicationId: 'app-1' },
    };
    const unknown = normaliseRecord(record, catalogue);
    assert.ok(unknown, 'kept');
    assert.equal(unknown.scope, 'q');
    assert.equal(unknown.qClass, null);
    const known = normaliseRecord({ ...record, eventName: 'StartDataSourceSyncJobs' }, catalogue);
    assert.equal(known?.qClass?.name, 'StartDataSourceSyncJob');
    assert.equal(known?.eventName, 'StartDataSourceSyncJobs', 'the event keeps its name as logged');
  });

  it('loads the built-in file once', () => {
    assert.equal(loadEventCatalogue(), catalogue);
    assert.equal(catalogue.file, 'check-metadata/q-event-catalogue.yaml');
  });

  it('lists, in the schema, exactly the categories and operations of event.ts', () => {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'check-metadata', 'q-event-catalogue.schema.json'), 'utf8')) as {
      definitions: { entry: { properties: { category: { enum: string[] }; operation: { enum: string[] } } } };
    };
    assert.deepEqual(schema.definitions.entry.properties.category.enum, [...EVENT_CATEGORIES]);
    assert.deepEqual(schema.definitions.entry.properties.operation.enum, [...EVENT_OPERATIONS]);
  });
});

// ---- invalid files -----------------------------------------------------------------------------

const VALID = `sources:
  qbusiness.amazonaws.com:
    CreateApplication: { category: resource_lifecycle, operation: create, event_type: management, resource: application }
    Chat:
      category: conversation
      operation: create
      event_type: data
      resource: message
  qapps.amazonaws.com:
    CreateQApp: { category: resource_lifecycle, operation: create, event_type: data, resource: q_app }
  q.amazonaws.com:
    SendMessage: { category: conversation, operation: create, event_type: management, resource: message }
  codewhisperer.amazonaws.com:
    GenerateCompletions: { category: conversation, operation: read, event_type: data, resource: profile }
aliases:
  qbusiness.amazonaws.com:
    Chats: Chat
`;

/** 1-based line of the first line containing `marker`. */
function lineOf(text: string, marker: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(marker));
  assert.ok(i >= 0, `marker ${marker}`);
  return i + 1;
}

function parseError(text: string, file = 'custom.yaml'): InputError {
  try {
    parseEventCatalogue(text, file);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e;
  }
  assert.fail('expected an InputError');
}

describe('the Amazon Q event catalogue: invalid files', () => {
  it('accepts the minimal valid file the cases below break', () => {
    const c = parseEventCatalogue(VALID, 'custom.yaml');
    assert.equal(c.entries().length, 5);
    assert.equal(c.classify(QBUSINESS, 'Chats')?.name, 'Chat');
    assert.equal(c.classify(QBUSINESS, 'GetApplication'), null, 'a custom file replaces the built-in one');
  });

  const cases: { name: string; from: string; to: string; line: string; says: RegExp }[] = [
    { name: 'a category that does not exist', from: 'category: conversation\n      operation: create', to: 'category: chat\n      operation: create', line: 'category: chat', says: /sources\.qbusiness\.amazonaws\.com\.Chat\.category: must be one of "resource_lifecycle"/ },
    { name: 'an unknown key', from: '      resource: message\n', to: '      resource: message\n      severity: high\n', line: 'severity: high', says: /unknown field 'sources\.qbusiness\.amazonaws\.com\.Chat\.severity'/ },
    { name: 'a misspelt key (reported as unknown, not as a missing one)', from: '      event_type: data\n      resource: message', to: '      event_typ: data\n      resource: message', line: 'event_typ: data', says: /unknown field .*event_typ'/ },
    { name: 'an alias to a missing name', from: 'Chats: Chat', to: 'Chats: Chatt', line: 'Chats: Chatt', says: /aliases\.qbusiness\.amazonaws\.com\.Chats: 'Chatt' is not an event name of qbusiness\.amazonaws\.com/ },
    { name: 'an alias that shadows a real name', from: 'Chats: Chat', to: 'CreateApplication: Chat', line: 'CreateApplication: Chat', says: /'CreateApplication' is itself an event name/ },
    { name: 'an event name that is not PascalCase', from: '    CreateQApp:', to: '    create-q-app:', line: 'create-q-app', says: /'create-q-app' is not an event name/ },
    { name: 'a misspelt event source', from: '  q.amazonaws.com:\n', to: '  q.amazonaws.co:\n', line: 'q.amazonaws.co:', says: /unknown field 'sources\.q\.amazonaws\.co'/ },
    { name: 'an alias under an unknown event source', from: 'aliases:\n  qbusiness.amazonaws.com:', to: 'aliases:\n  qbusines.amazonaws.com:', line: 'qbusines.amazonaws.com', says: /'qbusines\.amazonaws\.com' is not an Amazon Q event source/ },
    { name: 'a resource kind that is not snake_case', from: 'resource: q_app', to: 'resource: QApp', line: 'resource: QApp', says: /resource: must match pattern/ },
    { name: 'an event listed twice', from: '  qapps.amazonaws.com:\n', to: '    Chat: { category: other, operation: read, event_type: data, resource: null }\n  qapps.amazonaws.com:\n', line: 'Chat: { category: other', says: /invalid YAML: Map keys must be unique/ },
    { name: 'an event listed twice in different case', from: '  qapps.amazonaws.com:\n', to: '    CHAT: { category: other, operation: read, event_type: data, resource: null }\n  qapps.amazonaws.com:\n', line: 'CHAT:', says: /listed twice \(as 'Chat' and 'CHAT'\)/ },
  ];
  for (const c of cases) {
    it(`rejects ${c.name}, at its line`, () => {
      assert.ok(VALID.includes(c.from), c.from);
      const text = VALID.replace(c.from, c.to);
      const e = parseError(text);
      assert.equal(e.file, 'custom.yaml');
      assert.equal(e.line, lineOf(text, c.line), e.message);
      assert.match(e.detail, c.says);
    });
  }

  it('rejects a file without one of the four event sources', () => {
    const text = VALID.replace(/ {2}codewhisperer\.amazonaws\.com:\n.*\n/, '');
    const e = parseError(text);
    assert.equal(e.line, lineOf(text, 'sources:'));
    assert.match(e.detail, /missing required field 'codewhisperer\.amazonaws\.com'/);
  });

  it('rejects an empty file', () => {
    const e = parseError('# nothing here\n');
    assert.equal(e.line, 1);
    assert.match(e.detail, /empty/);
  });

  it('names the file it read in errors, with the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qready-catalogue-'));
    try {
      const file = join(dir, 'catalogue.yaml');
      const text = VALID.replace('operation: read', 'operation: generate');
      writeFileSync(file, text);
      assert.throws(() => loadEventCatalogue(file), (e: unknown) => {
        assert.ok(e instanceof InputError);
        assert.equal(e.file, file);
        assert.equal(e.line, lineOf(text, 'operation: generate'));
        assert.ok(e.message.startsWith(`${file}:${e.line}: `), e.message);
        return true;
      });
      assert.throws(() => loadEventCatalogue(join(dir, 'missing.yaml')), (e: unknown) => e instanceof InputError && /cannot read file/.test(e.detail));
      writeFileSync(file, VALID);
      assert.equal(loadEventCatalogue(file).classify('codewhisperer.amazonaws.com', 'GenerateCompletions')?.eventType, 'data');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
