// The principals behind generated records, each with the identity block, source IP and user
// agent CloudTrail logs for it: people in SSO role sessions (console or CLI), workload roles,
// IAM users, AWS services, Identity Center users (Q Developer in the IDE, Q Business chat through
// the web experience role with onBehalfOf), Amazon Q acting for a person, and the intruder.
import { USER_AGENTS, type RoleSessionIdentity } from './trail-estate.js';
import { assumedRoleArn, assumedRoleIdentity, type Caller, type EventContext } from './trail-record.js';

function roleCaller(c: EventContext, r: RoleSessionIdentity, ip: string, ua: string, console: boolean, extra = ''): Caller {
  return { identity: assumedRoleIdentity(c, r, extra), arn: assumedRoleArn(c, r), ip, ua, console };
}

/** A person in an SSO role session, in the console (browser) or the CLI. */
export function personCaller(c: EventContext, people = c.account.people): Caller {
  const rng = c.rng;
  const person = rng.pick(people);
  const inConsole = rng.next() < 0.55;
  return roleCaller(c, person, rng.pick(c.estate.officeIps), inConsole ? rng.pick(USER_AGENTS.console) : rng.pick(USER_AGENTS.cli), inConsole);
}

/** A person in the console, with the browser's user agent (Q chat in the console logs that). */
export function browserPersonCaller(c: EventContext): Caller {
  const rng = c.rng;
  return roleCaller(c, rng.pick(c.account.people), rng.pick(c.estate.officeIps), rng.pick(USER_AGENTS.browser), true);
}

export const adminCaller = (c: EventContext): Caller => personCaller(c, c.account.admins);

export function workloadCaller(c: EventContext): Caller {
  const rng = c.rng;
  return roleCaller(c, rng.pick(c.account.workloads), rng.pick(c.estate.workloadIps), rng.pick(USER_AGENTS.sdk), false);
}

export function iamUserCaller(c: EventContext): Caller {
  const rng = c.rng;
  const u = rng.pick(c.account.iamUsers);
  const acct = c.account.id;
  const arn = `arn:aws:iam::${acct}:user/${u.name}`;
  return {
    identity: `{"type":"IAMUser","principalId":"${u.id}","arn":"${arn}","accountId":"${acct}","accessKeyId":"${u.accessKeyId}","userName":"${u.name}"}`,
    arn,
    ip: rng.pick(c.estate.workloadIps),
    ua: rng.pick(USER_AGENTS.sdk),
    console: false,
  };
}

/** An AWS service calling another on its own behalf (sourceIPAddress and userAgent name it). */
export function serviceCaller(service: string): Caller {
  return { identity: `{"type":"AWSService","invokedBy":"${service}"}`, arn: service, ip: service, ua: service, console: false };
}

function identityCenterUser(c: EventContext): string {
  return c.rng.pick(c.estate.identityCenterUsers);
}

/** Q Business chat through the web experience: its role, onBehalfOf the signed-in user. */
export function webExperienceCaller(c: EventContext): Caller {
  const rng = c.rng;
  const onBehalfOf = `,"onBehalfOf":{"userId":"${identityCenterUser(c)}","identityStoreArn":"${c.estate.identityStoreArn}"}`;
  return roleCaller(c, c.account.webExperienceRole, rng.pick(c.estate.officeIps), rng.pick(USER_AGENTS.browser), false, onBehalfOf);
}

export function dataSourceCaller(c: EventContext): Caller {
  const rng = c.rng;
  return roleCaller(c, c.account.dataSourceRole, rng.pick(c.estate.workloadIps), USER_AGENTS.sdk[1], false);
}

/** Q Developer in the IDE: an Identity Center user, the IDE plugin in the user agent. */
export function ideCaller(c: EventContext): Caller {
  const rng = c.rng;
  const userId = identityCenterUser(c);
  return {
    identity: `{"type":"IdentityCenterUser","accountId":"${c.account.id}","onBehalfOf":{"userId":"${userId}","identityStoreArn":"${c.estate.identityStoreArn}"},"credentialId":"${rng.hex(16)}"}`,
    arn: `identitycenter:${userId}`,
    ip: rng.pick(c.estate.officeIps),
    ua: rng.pick(USER_AGENTS.ide),
    console: false,
  };
}

/** Amazon Q calling a service for the person chatting with it (after q:PassRequest). */
export function qOnBehalfCaller(c: EventContext): Caller {
  const person = c.rng.pick(c.account.people);
  return roleCaller(c, person, 'q.amazonaws.com', 'q.amazonaws.com', false, ',"invokedBy":"q.amazonaws.com"');
}

export function intruderCaller(c: EventContext): Caller {
  return roleCaller(c, c.account.intruder, c.estate.intruderIp, USER_AGENTS.intruder, false);
}
