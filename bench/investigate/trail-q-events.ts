// Amazon Q records: Q Business chat and document data events, Q Business administration
// (applications, plugins, data sources, chat controls), Q Developer console chat and
// troubleshooting (q.amazonaws.com), Q Developer in the IDE (codewhisperer data events) and
// Q Apps. Frequencies follow a busy deployment: chat and completions dominate, resource
// creation and guardrail changes are rare.
import { Q_DEVELOPER_REGION, type QBusinessApp } from './trail-estate.js';
import { adminCaller, browserPersonCaller, dataSourceCaller, ideCaller, webExperienceCaller } from './trail-callers.js';
import { accessDenied, Weighted, type Caller, type EventContext, type EventParts } from './trail-record.js';

const QBUSINESS = 'qbusiness.amazonaws.com';

const appArn = (c: EventContext, app: QBusinessApp): string => `arn:aws:qbusiness:${c.region}:${c.account.id}:application/${app.id}`;
const appResource = (c: EventContext, app: QBusinessApp): string => `{"accountId":"${c.account.id}","type":"AWS::QBusiness::Application","ARN":"${appArn(c, app)}"}`;
const indexResource = (c: EventContext, app: QBusinessApp): string => `{"accountId":"${c.account.id}","type":"AWS::QBusiness::Index","ARN":"${appArn(c, app)}/index/${app.indexId}"}`;
const pickApp = (c: EventContext): QBusinessApp => c.rng.pick(c.account.apps[c.region]);

function qbusinessChat(c: EventContext, name: string, caller: Caller): EventParts {
  const rng = c.rng;
  const app = pickApp(c);
  const conversation = rng.uuid();
  const base = `"applicationId":"${app.id}","conversationId":"${conversation}"`;
  let request = `{${base}}`;
  let response = 'null';
  if (name === 'Chat') request = `{${base},"parentMessageId":"${rng.uuid()}","clientToken":"${rng.uuid()}"}`;
  else if (name === 'ChatSync') {
    // A few chats carry file attachments (the document-upload analysis counts them).
    const attachment = rng.next() < 0.04 ? `,"attachments":[{"name":"quarterly-forecast-${rng.int(100)}.xlsx","data":"***"}]` : '';
    request = `{${base},"userMessage":"***","parentMessageId":"${rng.uuid()}","clientToken":"${rng.uuid()}"${attachment}}`;
    response = `{"conversationId":"${conversation}","systemMessage":"***","systemMessageId":"${rng.uuid()}","userMessageId":"${rng.uuid()}","sourceAttributions":"***"}`;
  } else if (name === 'ListConversations') request = `{"applicationId":"${app.id}","maxResults":50}`;
  else if (name === 'ListMessages') request = `{${base},"maxResults":20}`;
  else if (name === 'PutFeedback') request = `{${base},"messageId":"${rng.uuid()}","messageUsefulness":{"usefulness":"${rng.next() < 0.8 ? 'USEFUL' : 'NOT_USEFUL'}","submittedAt":"${c.iso}"}}`;
  const readOnly = name.startsWith('List');
  return { caller, source: QBUSINESS, name, request, response, resources: `[${appResource(c, app)}]`, readOnly, data: true };
}

function qbusinessDocuments(c: EventContext, name: string, caller: Caller): EventParts {
  const rng = c.rng;
  const app = pickApp(c);
  const ids = `"applicationId":"${app.id}","indexId":"${app.indexId}"`;
  const bucket = c.account.buckets[3];
  let request = `{${ids},"maxResults":100}`;
  let response = 'null';
  let resources = `[${appResource(c, app)},${indexResource(c, app)}]`;
  if (name === 'BatchPutDocument') {
    const key = `policies/${rng.pick(['hr', 'finance', 'security', 'engineering'])}/doc-${rng.int(100000)}.pdf`;
    request = `{${ids},"documents":[{"id":"s3://${bucket}/${key}","title":"***","contentType":"PDF","content":{"s3":{"bucket":"${bucket}","key":"${key}"}},"accessConfiguration":"***","attributes":"***"}],"roleArn":"${c.account.dataSourceRole.roleArn}"}`;
    response = '{"failedDocuments":[]}';
  } else if (name === 'BatchDeleteDocument') {
    request = `{${ids},"documents":[{"documentId":"s3://${bucket}/policies/doc-${rng.int(100000)}.pdf"}]}`;
    response = '{"failedDocuments":[]}';
  } else if (name === 'StartDataSourceSyncJob') {
    const dataSource = rng.pick(app.dataSourceIds);
    request = `{${ids},"dataSourceId":"${dataSource}"}`;
    response = `{"executionId":"${rng.uuid()}"}`;
    resources = `[{"accountId":"${c.account.id}","type":"AWS::QBusiness::DataSource","ARN":"${appArn(c, app)}/index/${app.indexId}/data-source/${dataSource}"}]`;
  } else if (name === 'PutGroup') request = `{${ids},"groupName":"${rng.pick(['engineering', 'finance', 'hr', 'security'])}","type":"INDEX","groupMembers":"***"}`;
  return { caller, source: QBUSINESS, name, request, response, resources, readOnly: name.startsWith('List'), data: true };
}

/** Q Business management events (GetX, ListX and the rare resource and guardrail changes). */
function qbusinessAdmin(c: EventContext, name: string, caller: Caller): EventParts {
  const rng = c.rng;
  const app = pickApp(c);
  const acct = c.account.id;
  const arn = appArn(c, app);
  const appId = `"applicationId":"${app.id}"`;
  let request = `{${appId}}`;
  let response = 'null';
  switch (name) {
    case 'ListApplications':
      request = '{"maxResults":100}';
      break;
    case 'GetIndex':
      request = `{${appId},"indexId":"${app.indexId}"}`;
      break;
    case 'CreatePlugin': {
      const id = rng.uuid();
      request = `{${appId},"displayName":"jira-cloud-${rng.int(10)}","type":"JIRA","authConfiguration":{"basicAuthConfiguration":{"secretArn":"arn:aws:secretsmanager:${c.region}:${acct}:secret:qbusiness-jira-${rng.alnum(6)}","roleArn":"arn:aws:iam::${acct}:role/service-role/QBusinessPluginRole"}},"serverUrl":"https://example.atlassian.net","clientToken":"${rng.uuid()}"}`;
      response = `{"pluginId":"${id}","pluginArn":"${arn}/plugin/${id}","buildStatus":"READY"}`;
      break;
    }
    case 'UpdatePlugin':
      request = `{${appId},"pluginId":"${rng.pick(app.pluginIds)}","state":"${rng.next() < 0.5 ? 'ENABLED' : 'DISABLED'}"}`;
      break;
    case 'DeletePlugin':
      request = `{${appId},"pluginId":"${rng.pick(app.pluginIds)}"}`;
      break;
    case 'UpdateChatControlsConfiguration':
      request = `{${appId},"responseScope":"EXTENDED_KNOWLEDGE_ENABLED","blockedPhrasesConfigurationUpdate":{"blockedPhrasesToDelete":["***"]},"clientToken":"${rng.uuid()}"}`;
      break;
    case 'CreateDataSource': {
      const id = rng.uuid();
      request = `{${appId},"indexId":"${app.indexId}","displayName":"confluence-wiki-${rng.int(10)}","configuration":"***","roleArn":"${c.account.dataSourceRole.roleArn}","clientToken":"${rng.uuid()}"}`;
      response = `{"dataSourceId":"${id}","dataSourceArn":"${arn}/index/${app.indexId}/data-source/${id}"}`;
      break;
    }
    case 'DeleteDataSource':
      request = `{${appId},"indexId":"${app.indexId}","dataSourceId":"${rng.pick(app.dataSourceIds)}"}`;
      break;
    case 'CreateApplication': {
      const id = rng.uuid();
      request = `{"displayName":"hr-assistant-${rng.int(100)}","identityType":"AWS_IAM_IDC","identityCenterInstanceArn":"arn:aws:sso:::instance/ssoins-${rng.hex(8)}","roleArn":"arn:aws:iam::${acct}:role/service-role/QBusinessApplicationRole","attachmentsConfiguration":{"attachmentsControlMode":"ENABLED"},"clientToken":"${rng.uuid()}"}`;
      response = `{"applicationId":"${id}","applicationArn":"arn:aws:qbusiness:${c.region}:${acct}:application/${id}"}`;
      break;
    }
    case 'CreateIndex': {
      const id = rng.uuid();
      request = `{${appId},"displayName":"main-index","type":"ENTERPRISE","capacityConfiguration":{"units":1},"clientToken":"${rng.uuid()}"}`;
      response = `{"indexId":"${id}","indexArn":"${arn}/index/${id}"}`;
      break;
    }
    case 'CreateWebExperience': {
      const id = rng.uuid();
      request = `{${appId},"title":"***","subtitle":"***","welcomeMessage":"***","samplePromptsControlMode":"ENABLED","roleArn":"${c.account.webExperienceRole.roleArn}","clientToken":"${rng.uuid()}"}`;
      response = `{"webExperienceId":"${id}","webExperienceArn":"${arn}/web-experience/${id}"}`;
      break;
    }
    case 'CreateDataAccessor': {
      const id = rng.uuid();
      request = `{${appId},"principal":"arn:aws:iam::999988887777:role/IsvDataAccessRole","actionConfigurations":[{"action":"qbusiness:SearchRelevantContent"}],"displayName":"isv-connector","clientToken":"${rng.uuid()}"}`;
      response = `{"dataAccessorId":"${id}","dataAccessorArn":"${arn}/data-accessor/${id}","idcApplicationArn":"arn:aws:sso::${acct}:application/ssoins-${rng.hex(8)}/apl-${rng.hex(8)}"}`;
      break;
    }
  }
  const readOnly = name.startsWith('Get') || name.startsWith('List');
  const resources = name === 'ListApplications' || name === 'CreateApplication' ? undefined : `[${appResource(c, app)}]`;
  return { caller, source: QBUSINESS, name, request, response, resources, readOnly, data: false };
}

/** Q Developer in the console: chat and troubleshooting (management events, text redacted). */
function qDeveloperConsole(c: EventContext, name: string, caller: Caller): EventParts {
  const rng = c.rng;
  const conversation = rng.uuid();
  let request = `{"conversationId":"${conversation}"}`;
  let response = 'null';
  if (name === 'SendMessage') {
    request = `{"conversationId":"${conversation}","utterance":"***","source":"CONSOLE","conversationToken":"***","dryRun":false}`;
    response = `{"result":"***","metadata":{"conversationId":"${conversation}","utteranceId":"${rng.uuid()}"},"conversationToken":"***"}`;
  } else if (name === 'StartConversation') {
    request = '{"origin":"CONSOLE","source":"CONSOLE","dryRun":false}';
    response = `{"conversationId":"${conversation}","conversationToken":"***","expiresAt":"${c.iso}"}`;
  } else if (name === 'ListConversations') request = '{"maxResults":20}';
  else if (name === 'PassRequest') request = `{"conversationId":"${conversation}","requestId":"${rng.uuid()}"}`;
  else if (name === 'StartTroubleshootingAnalysis') {
    request = '{"errorDetail":"***","resolution":"***"}';
    response = `{"sessionId":"${rng.uuid()}"}`;
  } else if (name === 'GetTroubleshootingResults') request = `{"sessionId":"${rng.uuid()}"}`;
  else if (name === 'UsePlugin') request = `{"pluginArn":"arn:aws:qdeveloper:${c.region}:${c.account.id}:plugin/CloudZero/${rng.alnum(10)}"}`;
  const readOnly = name.startsWith('Get') || name.startsWith('List');
  return { caller, source: 'q.amazonaws.com', name, request, response, readOnly, data: false };
}

/** Q Developer in the IDE: codewhisperer data events on the Pro profile. */
function ideEvent(c: EventContext, name: string, caller: Caller): EventParts {
  const rng = c.rng;
  const profile = c.account.qDeveloperProfileArn;
  let request = `{"profileArn":"${profile}"}`;
  let response = 'null';
  if (name === 'GenerateCompletions') {
    const language = rng.pick(['typescript', 'python', 'java', 'go', 'terraform']);
    request = `{"fileContext":{"leftFileContent":"***","rightFileContent":"***","filename":"***","programmingLanguage":{"languageName":"${language}"}},"maxResults":1,"referenceTrackerConfiguration":{"recommendationsWithReferences":"ALLOW"},"profileArn":"${profile}"}`;
    response = '{"completions":"***"}';
  } else if (name === 'SendTelemetryEvent') {
    request = `{"telemetryEvent":"***","optOutPreference":"OPTIN","userContext":{"ideCategory":"${caller.ua.includes('JetBrains') ? 'JETBRAINS' : 'VSCODE'}","operatingSystem":"MAC","product":"CodeWhisperer","clientId":"${rng.uuid()}"},"profileArn":"${profile}"}`;
  } else if (name === 'GenerateAssistantResponse') {
    request = `{"conversationState":"***","profileArn":"${profile}"}`;
    response = `{"conversationId":"${rng.uuid()}","generateAssistantResponseResponse":"***"}`;
  } else if (name === 'CreateUploadUrl') {
    request = `{"contentMd5":"***","artifactType":"SourceCode","uploadIntent":"TRANSFORMATION","profileArn":"${profile}"}`;
    response = `{"uploadId":"${rng.uuid()}","uploadUrl":"***"}`;
  }
  const resources = `[{"accountId":"${c.account.id}","type":"AWS::CodeWhisperer::Profile","ARN":"${profile}"}]`;
  return { caller, source: 'codewhisperer.amazonaws.com', name, request, response, resources, readOnly: name.startsWith('List'), data: true };
}

function qApps(c: EventContext, name: string, caller: Caller): EventParts {
  const rng = c.rng;
  const app = pickApp(c);
  const qApp = `"instanceId":"${app.id}","appId":"${rng.uuid()}"`;
  let request = `{${qApp}}`;
  let response = 'null';
  if (name === 'ListQApps') request = `{"instanceId":"${app.id}","limit":25}`;
  else if (name === 'StartQAppSession') {
    request = `{${qApp},"appVersion":${1 + rng.int(4)},"initialValues":"***"}`;
    response = `{"sessionId":"${rng.uuid()}","sessionArn":"arn:aws:qapps:${c.region}:${c.account.id}:application/${app.id}/qapp-session/${rng.uuid()}"}`;
  } else if (name === 'CreateQApp') {
    request = `{"instanceId":"${app.id}","title":"***","description":"***","appDefinition":"***"}`;
    response = `{"appId":"${rng.uuid()}","appVersion":1,"status":"DRAFT"}`;
  }
  const data = name.includes('Session') || name === 'PredictQApp';
  return { caller, source: 'qapps.amazonaws.com', name, request, response, readOnly: name.startsWith('List') || name.startsWith('Get'), data };
}

type Builder = (c: EventContext, name: string, caller: Caller) => EventParts;
type QChoice = readonly [builder: Builder, name: string, caller: (c: EventContext) => Caller];

const QBUSINESS_EVENTS: (readonly [QChoice, number])[] = [
  [[qbusinessChat, 'Chat', webExperienceCaller], 20],
  [[qbusinessChat, 'ChatSync', webExperienceCaller], 15],
  [[qbusinessChat, 'ListConversations', webExperienceCaller], 8],
  [[qbusinessChat, 'ListMessages', webExperienceCaller], 8],
  [[qbusinessChat, 'PutFeedback', webExperienceCaller], 3],
  [[qbusinessChat, 'DeleteConversation', webExperienceCaller], 0.5],
  [[qbusinessDocuments, 'BatchPutDocument', dataSourceCaller], 4],
  [[qbusinessDocuments, 'BatchDeleteDocument', dataSourceCaller], 0.4],
  [[qbusinessDocuments, 'ListDocuments', adminCaller], 1],
  [[qbusinessDocuments, 'StartDataSourceSyncJob', adminCaller], 0.8],
  [[qbusinessDocuments, 'PutGroup', dataSourceCaller], 0.3],
  [[qbusinessAdmin, 'ListApplications', adminCaller], 4],
  [[qbusinessAdmin, 'GetApplication', adminCaller], 4],
  [[qbusinessAdmin, 'GetIndex', adminCaller], 1],
  [[qbusinessAdmin, 'ListPlugins', adminCaller], 1],
  [[qbusinessAdmin, 'GetChatControlsConfiguration', adminCaller], 1],
  [[qbusinessAdmin, 'CreatePlugin', adminCaller], 0.02],
  [[qbusinessAdmin, 'UpdatePlugin', adminCaller], 0.03],
  [[qbusinessAdmin, 'DeletePlugin', adminCaller], 0.005],
  [[qbusinessAdmin, 'UpdateChatControlsConfiguration', adminCaller], 0.01],
  [[qbusinessAdmin, 'CreateDataSource', adminCaller], 0.02],
  [[qbusinessAdmin, 'DeleteDataSource', adminCaller], 0.005],
  [[qbusinessAdmin, 'CreateApplication', adminCaller], 0.003],
  [[qbusinessAdmin, 'CreateIndex', adminCaller], 0.003],
  [[qbusinessAdmin, 'CreateWebExperience', adminCaller], 0.003],
  [[qbusinessAdmin, 'CreateDataAccessor', adminCaller], 0.002],
];

const Q_DEVELOPER_EVENTS: (readonly [QChoice, number])[] = [
  [[qDeveloperConsole, 'SendMessage', browserPersonCaller], 8],
  [[qDeveloperConsole, 'StartConversation', browserPersonCaller], 3],
  [[qDeveloperConsole, 'GetConversation', browserPersonCaller], 2],
  [[qDeveloperConsole, 'ListConversations', browserPersonCaller], 1],
  [[qDeveloperConsole, 'PassRequest', browserPersonCaller], 2],
  [[qDeveloperConsole, 'StartTroubleshootingAnalysis', browserPersonCaller], 0.5],
  [[qDeveloperConsole, 'GetTroubleshootingResults', browserPersonCaller], 0.5],
  [[qDeveloperConsole, 'UsePlugin', browserPersonCaller], 0.2],
  [[ideEvent, 'GenerateCompletions', ideCaller], 14],
  [[ideEvent, 'SendTelemetryEvent', ideCaller], 5],
  [[ideEvent, 'GenerateAssistantResponse', ideCaller], 2.5],
  [[ideEvent, 'ListAvailableCustomizations', ideCaller], 1],
  [[ideEvent, 'CreateUploadUrl', ideCaller], 0.3],
];

const Q_APPS_EVENTS: (readonly [QChoice, number])[] = [
  [[qApps, 'ListQApps', webExperienceCaller], 1.5],
  [[qApps, 'GetQApp', webExperienceCaller], 1],
  [[qApps, 'StartQAppSession', webExperienceCaller], 1.5],
  [[qApps, 'PredictQApp', webExperienceCaller], 0.4],
  [[qApps, 'CreateQApp', adminCaller], 0.1],
];

/** us-east-1 has every Q surface; the other regions only Q Business and Q Apps. */
const Q_DEVELOPER_REGION_TABLE = new Weighted<QChoice>([...QBUSINESS_EVENTS, ...Q_DEVELOPER_EVENTS, ...Q_APPS_EVENTS]);
const OTHER_REGION_TABLE = new Weighted<QChoice>([...QBUSINESS_EVENTS, ...Q_APPS_EVENTS]);

export function qEvent(c: EventContext): EventParts {
  const [builder, name, caller] = (c.region === Q_DEVELOPER_REGION ? Q_DEVELOPER_REGION_TABLE : OTHER_REGION_TABLE).pick(c.rng);
  const who = caller(c);
  const parts = builder(c, name, who);
  // Now and then a person lacks a permission (a routine trickle, not a burst).
  if (who.console && c.rng.next() < 0.01) parts.error = accessDenied(who, parts.source, name, '*');
  return parts;
}

const INTRUDER_Q_EVENTS = new Weighted<readonly [Builder, string]>([
  [[qbusinessAdmin, 'ListApplications'], 4],
  [[qbusinessAdmin, 'GetApplication'], 3],
  [[qbusinessAdmin, 'ListPlugins'], 2],
  [[qbusinessChat, 'ListConversations'], 3],
  [[qbusinessChat, 'ChatSync'], 3],
  [[qbusinessDocuments, 'ListDocuments'], 1],
  [[qbusinessAdmin, 'CreatePlugin'], 0.3],
  [[qbusinessAdmin, 'UpdateChatControlsConfiguration'], 0.3],
]);

/** The intruder probing Q Business: half the calls are denied (the AccessDenied burst). */
export function intruderQEvent(c: EventContext, caller: Caller): EventParts {
  const [builder, name] = INTRUDER_Q_EVENTS.pick(c.rng);
  const parts = builder(c, name, caller);
  if (c.rng.next() < 0.5) {
    parts.error = accessDenied(caller, parts.source, name, parts.resources ? appArnOf(parts.resources) : '*');
    parts.response = 'null';
  }
  return parts;
}

const appArnOf = (resources: string): string => /"ARN":"([^"]+)"/.exec(resources)?.[1] ?? '*';
