import assert from 'node:assert/strict';
import { collectAccount } from '../../runner/collect/collector.js';
import { decodePolicyDocument } from '../../runner/collect/iam-authorization-details.js';
import type { SourceResult } from '../../runner/snapshot/snapshot.js';
import type {
  AuthorizationDetailsData, MfaDevicesData, PasswordPolicyData, SupportPolicyEntitiesData, VirtualMfaDevice,
} from '../../runner/sources/iam-data.js';
import { accessDenied, AwsWire, queryError } from '../helpers/aws-wire.js';
import { ACCOUNT, ADMIN_DOC, healthyAccount, INLINE_DOC, mfaDevices, noSleep, TRUST_DOC, wireFactory } from './iam-wire-fixtures.js';

async function collectOne(wire: AwsWire, sourceId: string, partition = 'aws', factory = wireFactory(wire)): Promise<SourceResult> {
  const snapshot = await collectAccount({ factory, accountId: ACCOUNT, partition, regions: [], sourceIds: [sourceId], sleep: noSleep });
  return Object.values(snapshot.sources[sourceId])[0];
}

function okData<T>(result: SourceResult): T {
  assert.equal(result.status, 'ok', JSON.stringify(result));
  return result.data as T;
}

describe('IAM collectors at the wire', () => {
  describe('iam.password_policy', () => {
    it('keeps the fields the account set', async () => {
      const data = okData<PasswordPolicyData>(await collectOne(healthyAccount(), 'iam.password_policy'));
      assert.deepEqual(data.policy, {
        MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 24,
      });
    });

    it('records "no policy" when IAM answers NoSuchEntity', async () => {
      const wire = new AwsWire().on('iam:GetAccountPasswordPolicy',
        queryError('NoSuchEntity', `The Password Policy with domain name ${ACCOUNT} cannot be found.`, 404));
      assert.deepEqual(okData<PasswordPolicyData>(await collectOne(wire, 'iam.password_policy')), { policy: null });
    });
  });

  it('iam.account_summary stores the SummaryMap', async () => {
    const data = okData<Record<string, number>>(await collectOne(healthyAccount(), 'iam.account_summary'));
    assert.deepEqual(data, { Users: 3, AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Roles: 2, Policies: 1 });
  });

  it('iam.virtual_mfa_devices follows Marker/IsTruncated and lists unassigned devices too', async () => {
    const wire = healthyAccount();
    const factory = wireFactory(wire);
    const devices = okData<VirtualMfaDevice[]>(await collectOne(wire, 'iam.virtual_mfa_devices', 'aws', factory));
    // Pages of IAM's maximum size (1,000), not its default of 100.
    const pages = [{ AssignmentStatus: 'Any', MaxItems: 1000 }, { AssignmentStatus: 'Any', Marker: 'page-1', MaxItems: 1000 }];
    assert.deepEqual(wire.callsTo('iam:ListVirtualMFADevices').map((c) => c.params), pages.map((p) => ({ ...p, MaxItems: String(p.MaxItems) })));
    // The guard logs each page's own input although the SDK paginator mutates one input object.
    assert.deepEqual(factory.sent.map((c) => c.params), pages);
    assert.deepEqual(devices, [
      { serial_number: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, user_arn: `arn:aws:iam::${ACCOUNT}:root`, user_name: ACCOUNT, enable_date: '2019-03-05T10:00:00.000Z' },
      { serial_number: `arn:aws:iam::${ACCOUNT}:mfa/unassigned`, user_arn: null, user_name: null, enable_date: null },
      { serial_number: `arn:aws:iam::${ACCOUNT}:mfa/alice`, user_arn: `arn:aws:iam::${ACCOUNT}:user/alice`, user_name: 'alice', enable_date: '2020-01-03T00:00:00.000Z' },
    ]);
  });

  describe('iam.authorization_details', () => {
    it('merges all pages and decodes URL-encoded documents', async () => {
      const wire = healthyAccount();
      const data = okData<AuthorizationDetailsData>(await collectOne(wire, 'iam.authorization_details'));
      const calls = wire.callsTo('iam:GetAccountAuthorizationDetails');
      assert.equal(calls.length, 2);
      assert.equal(calls[1].params.Marker, 'page-1');
      assert.ok(calls.every((c) => c.params.MaxItems === '1000'), 'pages of IAM\'s maximum size');
      assert.deepEqual(
        Object.entries(calls[0].params).filter(([k]) => k.startsWith('Filter.')).map(([, v]) => v),
        ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
      );

      assert.deepEqual(data.users.map((u) => [u.name, u.groups, u.inline_policies]), [['alice', ['admins'], [{ name: 'q-chat', document: INLINE_DOC }]]]);
      assert.deepEqual(data.groups[0].attached_policies, [{ name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
      assert.equal(data.groups[0].inline_policies[0].document, 'not json', 'an unparseable document is kept as text');

      const [role] = data.roles;
      assert.equal(role.path, '/service-role/');
      assert.deepEqual(role.trust_policy, TRUST_DOC);
      assert.equal(role.last_used, '2024-06-09T07:00:00.000Z');
    });

    it('keeps only the default version of each managed policy and marks AWS managed ones', async () => {
      const data = okData<AuthorizationDetailsData>(await collectOne(healthyAccount(), 'iam.authorization_details'));
      const byName = new Map(data.policies.map((p) => [p.name, p]));
      assert.equal(byName.get('AdministratorAccess')?.aws_managed, true);
      assert.deepEqual(byName.get('AdministratorAccess')?.document, ADMIN_DOC);
      const local = byName.get('qready-local');
      assert.equal(local?.aws_managed, false);
      assert.equal(local?.default_version_id, 'v2');
      assert.equal(local?.attachment_count, 1);
      assert.deepEqual(local?.document, INLINE_DOC);
    });

    it('decodePolicyDocument keeps what it cannot decode', () => {
      assert.deepEqual(decodePolicyDocument(encodeURIComponent('{"a":1}')), { a: 1 });
      assert.equal(decodePolicyDocument('%E0%A4%A'), '%E0%A4%A');
      assert.equal(decodePolicyDocument(undefined), null);
    });
  });

  it('iam.support_policy_entities pages through ListEntitiesForPolicy on the partition\'s AWSSupportAccess', async () => {
    const wire = healthyAccount();
    const data = okData<SupportPolicyEntitiesData>(await collectOne(wire, 'iam.support_policy_entities', 'aws-us-gov'));
    assert.deepEqual(data, { policy_arn: 'arn:aws-us-gov:iam::aws:policy/AWSSupportAccess', roles: ['SupportRole'], users: ['alice'], groups: ['support'] });
    assert.deepEqual(wire.callsTo('iam:ListEntitiesForPolicy').map((c) => [c.region, c.params.Marker]), [['us-gov-west-1', undefined], ['us-gov-west-1', 'page-1']]);
  });

  describe('iam.mfa_devices', () => {
    it('lists devices only for non-root users whose report row says mfa_active', async () => {
      const wire = healthyAccount();
      const data = okData<MfaDevicesData>(await collectOne(wire, 'iam.mfa_devices'));
      // root and "bob,ops" (no MFA) cost no calls.
      assert.deepEqual(wire.callsTo('iam:ListMFADevices').map((c) => c.params.UserName).sort(), ['alice', 'carol']);
      assert.deepEqual(data.users, [
        { user: 'alice', devices: [{ serial_number: `arn:aws:iam::${ACCOUNT}:mfa/alice`, enable_date: '2020-01-03T00:00:00.000Z' }] },
        { user: 'carol', devices: [{ serial_number: `arn:aws:iam::${ACCOUNT}:mfa/carol`, enable_date: '2020-01-03T00:00:00.000Z' }] },
      ]);
    });

    it('records a failure for one user in that user\'s entry and still lists the others', async () => {
      const wire = healthyAccount().on('iam:ListMFADevices', (call) => call.params.UserName === 'alice'
        ? accessDenied('iam:ListMFADevices')
        : mfaDevices(String(call.params.UserName), [`arn:aws:iam::${ACCOUNT}:u2f/user/carol/key-1`]));
      const data = okData<MfaDevicesData>(await collectOne(wire, 'iam.mfa_devices'));
      const [alice, carol] = data.users;
      assert.equal(alice.devices, null);
      assert.equal(alice.error?.code, 'AccessDenied');
      assert.equal(alice.error?.action, 'iam:ListMFADevices');
      assert.equal(carol.error, undefined);
      assert.deepEqual(carol.devices?.map((d) => d.serial_number), [`arn:aws:iam::${ACCOUNT}:u2f/user/carol/key-1`]);
    });
  });
});
