// Recorded-style IAM/STS wire responses (element names as in the IAM API reference and the SDK's
// schemas) for one small account: root with MFA, alice (MFA, console, one key), "bob,ops" (a
// user name with a comma, no MFA) and carol (MFA).
import type { ClientFactory } from '../../runner/collect/clients.js';
import { AwsWire, jsonPages, queryPages, queryResult, TEST_CREDENTIALS, type Responder } from '../helpers/aws-wire.js';

export { TEST_CREDENTIALS };
export const ACCOUNT = '123456789012';

/** A factory whose clients talk only to `wire`, with static credentials (no credential chain lookups) and instant retries. */
export function wireFactory(wire: AwsWire, maxAttempts = 3): ClientFactory {
  return wire.factory(maxAttempts);
}

export const noSleep = (): Promise<void> => Promise.resolve();

const HEADER = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,'
  + 'mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,'
  + 'access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,'
  + 'access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';

export const REPORT_CSV = [
  HEADER,
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-03-04T09:10:11+00:00,not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `alice,arn:aws:iam::${ACCOUNT}:user/alice,2020-01-02T03:04:05+00:00,true,2024-06-01T12:00:00+00:00,2024-01-01T00:00:00+00:00,N/A,true,true,2023-02-03T04:05:06+00:00,2024-06-02T08:00:00+00:00,eu-central-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `"bob,ops",arn:aws:iam::${ACCOUNT}:user/ops/bob,2021-05-06T07:08:09+00:00,false,no_information,N/A,N/A,false,true,2022-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `carol,arn:aws:iam::${ACCOUNT}:user/carol,2022-07-08T09:10:11+00:00,true,2024-06-03T00:00:00+00:00,2024-02-02T00:00:00+00:00,N/A,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join('\n') + '\n';

export const generateReport = (state: 'STARTED' | 'INPROGRESS' | 'COMPLETE') => queryResult('iam:GenerateCredentialReport',
  `<State>${state}</State>${state === 'COMPLETE' ? '' : '<Description>No report exists. Starting a new report generation task</Description>'}`);

export const getReport = (csv = REPORT_CSV) => queryResult('iam:GetCredentialReport',
  `<Content>${Buffer.from(csv).toString('base64')}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2024-06-10T08:30:00Z</GeneratedTime>`);

export const passwordPolicy = queryResult('iam:GetAccountPasswordPolicy', `
    <PasswordPolicy>
      <AllowUsersToChangePassword>true</AllowUsersToChangePassword>
      <RequireLowercaseCharacters>true</RequireLowercaseCharacters>
      <RequireUppercaseCharacters>true</RequireUppercaseCharacters>
      <MinimumPasswordLength>14</MinimumPasswordLength>
      <RequireNumbers>true</RequireNumbers>
      <PasswordReusePrevention>24</PasswordReusePrevention>
      <RequireSymbols>true</RequireSymbols>
      <ExpirePasswords>false</ExpirePasswords>
    </PasswordPolicy>`);

export const accountSummary = queryResult('iam:GetAccountSummary', `
    <SummaryMap>
      <entry><key>Users</key><value>3</value></entry>
      <entry><key>AccountMFAEnabled</key><value>1</value></entry>
      <entry><key>AccountAccessKeysPresent</key><value>0</value></entry>
      <entry><key>Roles</key><value>2</value></entry>
      <entry><key>Policies</key><value>1</value></entry>
    </SummaryMap>`);

/** Two pages: the root device and an unassigned one, then alice's. */
export const virtualMfaPages: Responder = queryPages('iam:ListVirtualMFADevices', [
  `<VirtualMFADevices>
      <member>
        <SerialNumber>arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device</SerialNumber>
        <User><Path>/</Path><UserName>${ACCOUNT}</UserName><UserId>${ACCOUNT}</UserId><Arn>arn:aws:iam::${ACCOUNT}:root</Arn><CreateDate>2019-03-04T09:10:11Z</CreateDate></User>
        <EnableDate>2019-03-05T10:00:00Z</EnableDate>
      </member>
      <member><SerialNumber>arn:aws:iam::${ACCOUNT}:mfa/unassigned</SerialNumber></member>
    </VirtualMFADevices>`,
  `<VirtualMFADevices>
      <member>
        <SerialNumber>arn:aws:iam::${ACCOUNT}:mfa/alice</SerialNumber>
        <User><Path>/</Path><UserName>alice</UserName><UserId>AIDAALICE0000000000</UserId><Arn>arn:aws:iam::${ACCOUNT}:user/alice</Arn><CreateDate>2020-01-02T03:04:05Z</CreateDate></User>
        <EnableDate>2020-01-03T00:00:00Z</EnableDate>
      </member>
    </VirtualMFADevices>`,
]);

export const mfaDevices = (user: string, serials: string[]) => queryResult('iam:ListMFADevices', `
    <MFADevices>${serials.map((s) => `
      <member><UserName>${user}</UserName><SerialNumber>${s}</SerialNumber><EnableDate>2020-01-03T00:00:00Z</EnableDate></member>`).join('')}
    </MFADevices>
    <IsTruncated>false</IsTruncated>`);

const enc = (doc: unknown): string => encodeURIComponent(JSON.stringify(doc));
export const ADMIN_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
export const TRUST_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
export const INLINE_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['q:SendMessage', 'q:StartConversation'], Resource: '*' }] };

/** Page 1: a user and a group; page 2: a role and two managed policies (one with an old version). */
export const authorizationDetailsPages: Responder = queryPages('iam:GetAccountAuthorizationDetails', [
  `<UserDetailList>
      <member>
        <Path>/</Path><UserName>alice</UserName><UserId>AIDAALICE0000000000</UserId>
        <Arn>arn:aws:iam::${ACCOUNT}:user/alice</Arn><CreateDate>2020-01-02T03:04:05Z</CreateDate>
        <UserPolicyList><member><PolicyName>q-chat</PolicyName><PolicyDocument>${enc(INLINE_DOC)}</PolicyDocument></member></UserPolicyList>
        <GroupList><member>admins</member></GroupList>
        <AttachedManagedPolicies/>
      </member>
    </UserDetailList>
    <GroupDetailList>
      <member>
        <Path>/</Path><GroupName>admins</GroupName><GroupId>AGPAADMINS000000000</GroupId>
        <Arn>arn:aws:iam::${ACCOUNT}:group/admins</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate>
        <GroupPolicyList><member><PolicyName>broken</PolicyName><PolicyDocument>not%20json</PolicyDocument></member></GroupPolicyList>
        <AttachedManagedPolicies><member><PolicyName>AdministratorAccess</PolicyName><PolicyArn>arn:aws:iam::aws:policy/AdministratorAccess</PolicyArn></member></AttachedManagedPolicies>
      </member>
    </GroupDetailList>
    <RoleDetailList/>
    <Policies/>`,
  `<UserDetailList/>
    <GroupDetailList/>
    <RoleDetailList>
      <member>
        <Path>/service-role/</Path><RoleName>QBusinessWebRole</RoleName><RoleId>AROAQBUSINESS000000</RoleId>
        <Arn>arn:aws:iam::${ACCOUNT}:role/service-role/QBusinessWebRole</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate>
        <AssumeRolePolicyDocument>${enc(TRUST_DOC)}</AssumeRolePolicyDocument>
        <InstanceProfileList/>
        <RolePolicyList/>
        <AttachedManagedPolicies><member><PolicyName>qready-local</PolicyName><PolicyArn>arn:aws:iam::${ACCOUNT}:policy/qready-local</PolicyArn></member></AttachedManagedPolicies>
        <RoleLastUsed><LastUsedDate>2024-06-09T07:00:00Z</LastUsedDate><Region>us-east-1</Region></RoleLastUsed>
      </member>
    </RoleDetailList>
    <Policies>
      <member>
        <PolicyName>AdministratorAccess</PolicyName><PolicyId>ANPAIWMBCKSKIEE64ZLYK</PolicyId>
        <Arn>arn:aws:iam::aws:policy/AdministratorAccess</Arn><Path>/</Path><DefaultVersionId>v1</DefaultVersionId>
        <AttachmentCount>1</AttachmentCount><PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount><IsAttachable>true</IsAttachable>
        <PolicyVersionList><member><Document>${enc(ADMIN_DOC)}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2015-02-06T18:39:46Z</CreateDate></member></PolicyVersionList>
      </member>
      <member>
        <PolicyName>qready-local</PolicyName><PolicyId>ANPALOCAL0000000000</PolicyId>
        <Arn>arn:aws:iam::${ACCOUNT}:policy/qready-local</Arn><Path>/</Path><DefaultVersionId>v2</DefaultVersionId>
        <AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable>
        <PolicyVersionList>
          <member><Document>${enc(ADMIN_DOC)}</Document><VersionId>v1</VersionId><IsDefaultVersion>false</IsDefaultVersion><CreateDate>2023-01-01T00:00:00Z</CreateDate></member>
          <member><Document>${enc(INLINE_DOC)}</Document><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>
        </PolicyVersionList>
      </member>
    </Policies>`,
]);

export const supportEntitiesPages: Responder = queryPages('iam:ListEntitiesForPolicy', [
  `<PolicyRoles><member><RoleName>SupportRole</RoleName><RoleId>AROASUPPORT00000000</RoleId></member></PolicyRoles>
    <PolicyGroups/>
    <PolicyUsers/>`,
  `<PolicyRoles/>
    <PolicyGroups><member><GroupName>support</GroupName><GroupId>AGPASUPPORT00000000</GroupId></member></PolicyGroups>
    <PolicyUsers><member><UserName>alice</UserName><UserId>AIDAALICE0000000000</UserId></member></PolicyUsers>`,
]);

export const callerIdentity = (arn = `arn:aws:sts::${ACCOUNT}:assumed-role/qready-scanner/session`) => queryResult('sts:GetCallerIdentity',
  `<Arn>${arn}</Arn><UserId>AROASCANNER00000000:session</UserId><Account>${arn.split(':')[4]}</Account>`);

export const listRegionsPages: Responder = jsonPages([
  { Regions: [{ RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }, { RegionName: 'eu-central-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' }] },
  { Regions: [{ RegionName: 'ap-southeast-2', RegionOptStatus: 'ENABLED_BY_DEFAULT' }, { RegionName: 'eu-south-1', RegionOptStatus: 'ENABLED' }] },
]);

/** Every IAM source answered successfully (report already COMPLETE; per-user MFA devices for alice and carol). */
export function healthyAccount(): AwsWire {
  return new AwsWire()
    .on('iam:GenerateCredentialReport', generateReport('COMPLETE'))
    .on('iam:GetCredentialReport', getReport())
    .on('iam:GetAccountPasswordPolicy', passwordPolicy)
    .on('iam:GetAccountSummary', accountSummary)
    .on('iam:ListVirtualMFADevices', virtualMfaPages)
    .on('iam:ListMFADevices', (call) => mfaDevices(String(call.params.UserName), [`arn:aws:iam::${ACCOUNT}:mfa/${String(call.params.UserName)}`]))
    .on('iam:GetAccountAuthorizationDetails', authorizationDetailsPages)
    .on('iam:ListEntitiesForPolicy', supportEntitiesPages)
    .on('sts:GetCallerIdentity', callerIdentity())
    .on('account:ListRegions', listRegionsPages);
}
