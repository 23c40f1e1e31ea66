// The records around the Amazon Q ones: IAM, STS, CloudTrail and CloudWatch Logs (the
// investigation keeps these: tampering, principals' context), with a rare StopLogging,
// PutEventSelectors, DeleteTrail or log-delivery deletion; the bulk of ordinary traffic (S3 and
// Lambda data events, EC2 Describe calls, KMS, DynamoDB, SSM…), which the investigation drops;
// and a trickle of calls Amazon Q makes on a person's behalf (invokedBy q.amazonaws.com).
import { adminCaller, iamUserCaller, personCaller, qOnBehalfCaller, serviceCaller, workloadCaller } from './trail-callers.js';
import { accessDenied, Weighted, type Caller, type EventContext, type EventParts } from './trail-record.js';

const TRAIL_NAME = 'org-trail';

type Builder = (c: EventContext, caller: Caller) => EventParts;
type Choice = readonly [Builder, (c: EventContext) => Caller];

/** The organisation trail, created in the management account's us-east-1. */
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:111122223333:trail/${TRAIL_NAME}`;

function assumeRole(c: EventContext, caller: Caller): EventParts {
  const rng = c.rng;
  const role = rng.pick(c.account.workloads);
  const expiration = c.iso.slice(0, 11) + '23:59:59Z';
  const token = `IQoJb3JpZ2luX2VjE${rng.alnum(40)}${rng.hex(120)}`;
  return {
    caller,
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    request: `{"roleArn":"${role.roleArn}","roleSessionName":"${role.sessionName}","durationSeconds":3600}`,
    response: `{"credentials":{"accessKeyId":"ASIA${rng.alnum(16)}","sessionToken":"${token}","expiration":"${expiration}"},"assumedRoleUser":{"assumedRoleId":"${role.roleId}:${role.sessionName}","arn":"arn:aws:sts::${c.account.id}:assumed-role/${role.roleName}/${role.sessionName}"}}`,
    resources: `[{"accountId":"${c.account.id}","type":"AWS::IAM::Role","ARN":"${role.roleArn}"}]`,
    readOnly: true,
    data: false,
    tls: caller.identity.includes('"AWSService"') ? false : true,
    sharedEventId: rng.uuid(),
  };
}

const simple =
  (source: string, name: string, request: (c: EventContext) => string, readOnly = true): Builder =>
  (c, caller) => ({ caller, source, name, request: request(c), response: 'null', readOnly, data: false });

const none = (): string => 'null';

/** IAM lives in us-east-1; its events appear in that region's logs only. */
const IAM_EVENTS: (readonly [Choice, number])[] = [
  [[simple('iam.amazonaws.com', 'ListRoles', () => '{"maxItems":1000}'), personCaller], 5],
  [[simple('iam.amazonaws.com', 'GetRole', (c) => `{"roleName":"${c.rng.pick(c.account.workloads).roleName}"}`), personCaller], 5],
  [[simple('iam.amazonaws.com', 'ListPolicies', () => '{"scope":"Local","onlyAttached":false,"maxItems":1000}'), personCaller], 3],
  [[simple('iam.amazonaws.com', 'ListAttachedRolePolicies', (c) => `{"roleName":"${c.rng.pick(c.account.workloads).roleName}"}`), personCaller], 3],
  [[simple('iam.amazonaws.com', 'CreateAccessKey', (c) => `{"userName":"${c.rng.pick(c.account.iamUsers).name}"}`, false), adminCaller], 0.05],
  [[simple('iam.amazonaws.com', 'AttachRolePolicy', (c) => `{"roleName":"${c.rng.pick(c.account.workloads).roleName}","policyArn":"arn:aws:iam::aws:policy/AmazonQFullAccess"}`, false), adminCaller], 0.05],
];

const REGIONAL_RELATED_EVENTS: (readonly [Choice, number])[] = [
  [[assumeRole, () => serviceCaller('lambda.amazonaws.com')], 20],
  [[assumeRole, () => serviceCaller('ecs-tasks.amazonaws.com')], 12],
  [[assumeRole, personCaller], 8],
  [[simple('sts.amazonaws.com', 'GetCallerIdentity', none), workloadCaller], 12],
  [[simple('sts.amazonaws.com', 'GetCallerIdentity', none), personCaller], 6],
  [[simple('cloudtrail.amazonaws.com', 'DescribeTrails', () => '{"trailNameList":[],"includeShadowTrails":true}'), personCaller], 3],
  [[simple('cloudtrail.amazonaws.com', 'GetTrailStatus', () => `{"name":"${TRAIL_ARN}"}`), personCaller], 2],
  [[simple('cloudtrail.amazonaws.com', 'LookupEvents', () => '{"maxResults":50,"lookupAttributes":[{"attributeKey":"EventSource","attributeValue":"qbusiness.amazonaws.com"}]}'), personCaller], 2],
  [[simple('cloudtrail.amazonaws.com', 'GetEventSelectors', () => `{"trailName":"${TRAIL_ARN}"}`), personCaller], 1],
  [[simple('logs.amazonaws.com', 'DescribeLogGroups', () => '{"limit":50}'), personCaller], 2],
  [[simple('logs.amazonaws.com', 'DescribeDeliveries', () => '{"limit":50}'), personCaller], 0.5],
  // Tampering: a handful in a million records.
  [[simple('cloudtrail.amazonaws.com', 'StopLogging', () => `{"name":"${TRAIL_ARN}"}`, false), adminCaller], 0.0015],
  [[putEventSelectors, adminCaller], 0.003],
  [[simple('cloudtrail.amazonaws.com', 'DeleteTrail', (c) => `{"name":"arn:aws:cloudtrail:${c.region}:${c.account.id}:trail/team-trail"}`, false), adminCaller], 0.0007],
  [[simple('logs.amazonaws.com', 'DeleteDelivery', (c) => `{"id":"${c.rng.alnum(16)}"}`, false), adminCaller], 0.001],
];

/** Drops the Q Business data-event selector: the guardrail analysis must notice. */
function putEventSelectors(_c: EventContext, caller: Caller): EventParts {
  return {
    caller,
    source: 'cloudtrail.amazonaws.com',
    name: 'PutEventSelectors',
    request: `{"trailName":"${TRAIL_ARN}","advancedEventSelectors":[{"name":"Management events","fieldSelectors":[{"field":"eventCategory","equals":["Management"]}]}]}`,
    response: `{"trailARN":"${TRAIL_ARN}","advancedEventSelectors":[{"name":"Management events","fieldSelectors":[{"field":"eventCategory","equals":["Management"]}]}]}`,
    readOnly: false,
    data: false,
  };
}

const US_EAST_1_RELATED = new Weighted<Choice>([...REGIONAL_RELATED_EVENTS, ...IAM_EVENTS]);
const OTHER_REGION_RELATED = new Weighted<Choice>(REGIONAL_RELATED_EVENTS);

export function relatedEvent(c: EventContext): EventParts {
  const [builder, caller] = (c.region === 'us-east-1' ? US_EAST_1_RELATED : OTHER_REGION_RELATED).pick(c.rng);
  return builder(c, caller(c));
}

function s3Object(name: string): Builder {
  return (c, caller) => {
    const rng = c.rng;
    const bucket = rng.pick(c.account.buckets);
    const key = `exports/${c.iso.slice(0, 10).replaceAll('-', '/')}/part-${String(rng.int(100000)).padStart(5, '0')}.parquet`;
    const out = name === 'PutObject' ? 0 : 1024 + rng.int(8_000_000);
    return {
      caller,
      source: 's3.amazonaws.com',
      name,
      request: `{"bucketName":"${bucket}","Host":"${bucket}.s3.${c.region}.amazonaws.com","key":"${key}"}`,
      response: name === 'PutObject' ? '{"x-amz-server-side-encryption":"aws:kms","x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:' + c.region + ':' + c.account.id + ':key/' + c.account.kmsKeyIds[c.region][0] + '"}' : 'null',
      additional: `{"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":${name === 'PutObject' ? 1024 + rng.int(8_000_000) : 0},"AuthenticationMethod":"AuthHeader","x-amz-id-2":"${rng.alnum(60)}=","bytesTransferredOut":${out}}`,
      resources: `[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::${bucket}/${key}"},{"accountId":"${c.account.id}","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::${bucket}"}]`,
      readOnly: name !== 'PutObject',
      data: true,
    };
  };
}

function kms(name: string): Builder {
  return (c, caller) => {
    const key = `arn:aws:kms:${c.region}:${c.account.id}:key/${c.rng.pick(c.account.kmsKeyIds[c.region])}`;
    const context = `{"aws:s3:arn":"arn:aws:s3:::${c.rng.pick(c.account.buckets)}"}`;
    return {
      caller,
      source: 'kms.amazonaws.com',
      name,
      request: name === 'GenerateDataKey' ? `{"keyId":"${key}","encryptionContext":${context},"keySpec":"AES_256"}` : `{"encryptionContext":${context},"encryptionAlgorithm":"SYMMETRIC_DEFAULT"}`,
      response: 'null',
      resources: `[{"accountId":"${c.account.id}","type":"AWS::KMS::Key","ARN":"${key}"}]`,
      readOnly: true,
      data: false,
      tls: !caller.identity.includes('"AWSService"'),
    };
  };
}

const lambdaInvoke: Builder = (c, caller) => {
  const fn = `arn:aws:lambda:${c.region}:${c.account.id}:function:${c.rng.pick(['orders-api-handler', 'inventory-sync', 'thumbnailer', 'audit-forwarder'])}`;
  return {
    caller,
    source: 'lambda.amazonaws.com',
    name: 'Invoke',
    request: `{"functionName":"${fn}","invocationType":"RequestResponse","logType":"None"}`,
    response: 'null',
    additional: '{"functionVersion":"$LATEST"}',
    resources: `[{"accountId":"${c.account.id}","type":"AWS::Lambda::Function","ARN":"${fn}"}]`,
    readOnly: false,
    data: true,
  };
};

function dynamo(name: string): Builder {
  return (c, caller) => {
    const table = c.rng.pick(['orders', 'inventory', 'sessions']);
    return {
      caller,
      source: 'dynamodb.amazonaws.com',
      name,
      request: `{"tableName":"${table}","key":{"pk":"***","sk":"***"}${name === 'GetItem' ? ',"consistentRead":false' : ',"returnValues":"NONE"'}}`,
      response: 'null',
      resources: `[{"accountId":"${c.account.id}","type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:${c.region}:${c.account.id}:table/${table}"}]`,
      readOnly: name === 'GetItem',
      data: true,
    };
  };
}

const describe = (name: string, request: string): Builder => simple('ec2.amazonaws.com', name, () => request);

const ORDINARY = new Weighted<Choice>([
  [[s3Object('GetObject'), workloadCaller], 16],
  [[s3Object('PutObject'), workloadCaller], 5],
  [[s3Object('HeadObject'), iamUserCaller], 3],
  [[lambdaInvoke, workloadCaller], 8],
  [[kms('Decrypt'), () => serviceCaller('s3.amazonaws.com')], 14],
  [[kms('Decrypt'), workloadCaller], 4],
  [[kms('GenerateDataKey'), () => serviceCaller('s3.amazonaws.com')], 9],
  [[dynamo('GetItem'), workloadCaller], 4],
  [[dynamo('PutItem'), workloadCaller], 2],
  [[describe('DescribeInstances', '{"instancesSet":{},"filterSet":{"items":[{"name":"tag:Environment","valueSet":{"items":[{"value":"prod"}]}}]}}'), personCaller], 5],
  [[describe('DescribeInstances', '{"instancesSet":{},"filterSet":{}}'), workloadCaller], 3],
  [[describe('DescribeSecurityGroups', '{"securityGroupSet":{},"securityGroupIdSet":{},"filterSet":{}}'), personCaller], 4],
  [[describe('DescribeVolumes', '{"volumeSet":{},"filterSet":{},"maxResults":500}'), workloadCaller], 3],
  [[describe('DescribeNetworkInterfaces', '{"networkInterfaceIdSet":{},"filterSet":{"items":[{"name":"vpc-id","valueSet":{"items":[{"value":"vpc-0a1b2c3d"}]}}]}}'), workloadCaller], 3],
  [[simple('ssm.amazonaws.com', 'GetParameter', () => '{"name":"/prod/orders/db-host","withDecryption":false}'), workloadCaller], 3],
  [[simple('secretsmanager.amazonaws.com', 'GetSecretValue', (c) => `{"secretId":"arn:aws:secretsmanager:${c.region}:${c.account.id}:secret:prod/orders/db-AbCdEf"}`), workloadCaller], 2],
  [[simple('monitoring.amazonaws.com', 'GetMetricData', () => '{"metricDataQueries":[{"id":"cpu","metricStat":{"metric":{"namespace":"AWS/EC2","metricName":"CPUUtilization"},"period":300,"stat":"Average"}}],"startTime":"***","endTime":"***"}'), personCaller], 3],
  [[simple('ecr.amazonaws.com', 'GetAuthorizationToken', none), workloadCaller], 1],
]);

export function ordinaryEvent(c: EventContext): EventParts {
  const [builder, caller] = ORDINARY.pick(c.rng);
  const who = caller(c);
  const parts = builder(c, who);
  if (who.console && c.rng.next() < 0.01) parts.error = accessDenied(who, parts.source, parts.name, '*');
  return parts;
}

/** Amazon Q acting on a person's behalf (after q:PassRequest): the q_invoked scope. */
const Q_INVOKED = new Weighted<Builder>([
  [describe('DescribeInstances', '{"instancesSet":{},"filterSet":{},"maxResults":100}'), 4],
  [simple('lambda.amazonaws.com', 'ListFunctions20150331', () => '{"maxItems":50}'), 2],
  [simple('monitoring.amazonaws.com', 'DescribeAlarms', () => '{"stateValue":"ALARM","maxRecords":50}'), 2],
  [simple('s3.amazonaws.com', 'ListBuckets', () => '{"Host":"s3.amazonaws.com"}'), 1],
]);

export function qInvokedEvent(c: EventContext): EventParts {
  const parts = Q_INVOKED.pick(c.rng)(c, qOnBehalfCaller(c));
  parts.tls = false;
  return parts;
}

/** The intruder looking around and, once in a while, covering tracks. */
const INTRUDER_REGIONAL: (readonly [Builder, number])[] = [
  [simple('sts.amazonaws.com', 'GetCallerIdentity', none), 4],
  [simple('cloudtrail.amazonaws.com', 'DescribeTrails', () => '{"trailNameList":[],"includeShadowTrails":true}'), 2],
  [simple('cloudtrail.amazonaws.com', 'StopLogging', () => `{"name":"${TRAIL_ARN}"}`, false), 0.1],
];
const INTRUDER_US_EAST_1 = new Weighted<Builder>([...INTRUDER_REGIONAL, [simple('iam.amazonaws.com', 'ListRoles', () => '{"maxItems":1000}'), 2]]);
const INTRUDER_OTHER_REGION = new Weighted<Builder>(INTRUDER_REGIONAL);

export function intruderRelatedEvent(c: EventContext, caller: Caller): EventParts {
  const parts = (c.region === 'us-east-1' ? INTRUDER_US_EAST_1 : INTRUDER_OTHER_REGION).pick(c.rng)(c, caller);
  if (c.rng.next() < 0.5) parts.error = accessDenied(caller, parts.source, parts.name, '*');
  return parts;
}
