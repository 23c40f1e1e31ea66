import assert from 'node:assert/strict';
import { AccountClient, ListRegionsCommand, type ListRegionsCommandInput, type ListRegionsCommandOutput } from '@aws-sdk/client-account';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { enabledRegions } from '../../runner/collect/regions.js';
import { arnPartition, callerIdentity } from '../../runner/collect/sts.js';
import { AwsWire } from '../helpers/aws-wire.js';
import { callerIdentity as callerIdentityReply, listRegionsPages, wireFactory } from './iam-wire-fixtures.js';

describe('callerIdentity', () => {
  it('reads account and partition from GetCallerIdentity at the wire', async () => {
    const wire = new AwsWire().on('sts:GetCallerIdentity', callerIdentityReply('arn:aws-us-gov:sts::210987654321:assumed-role/qready/s'));
    const identity = await callerIdentity(wireFactory(wire), 'us-gov-west-1');
    assert.deepEqual(identity, { accountId: '210987654321', partition: 'aws-us-gov', arn: 'arn:aws-us-gov:sts::210987654321:assumed-role/qready/s' });
    assert.deepEqual(wire.calls.map((c) => [c.action, c.region]), [['sts:GetCallerIdentity', 'us-gov-west-1']]);
  });

  it('arnPartition rejects what is not an ARN', () => {
    assert.equal(arnPartition('arn:aws-cn:iam::1:user/x'), 'aws-cn');
    assert.throws(() => arnPartition('not-an-arn'), /not an ARN/);
  });
});

describe('enabledRegions', () => {
  // Wire detail does not matter here (the restJson paging is covered below): mock the client.
  describe('with aws-sdk-client-mock', () => {
    // Created in a hook, not at load time: the mock patches every AccountClient until restored.
    let account: AwsClientStub<AccountClient>;
    before(() => { account = mockClient(AccountClient); });
    after(() => account.restore());

    it('asks for enabled and enabled-by-default regions, follows NextToken, returns sorted names', async () => {
      // Copies, because the SDK paginator reuses (and mutates) one input object for every page.
      const inputs: ListRegionsCommandInput[] = [];
      const pages: ListRegionsCommandOutput[] = [
        { Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-central-1' }], NextToken: 'n1', $metadata: {} },
        { Regions: [{ RegionName: 'af-south-1' }, {}], $metadata: {} },
      ];
      account.on(ListRegionsCommand).callsFake((input: ListRegionsCommandInput) => {
        inputs.push({ ...input });
        return pages[inputs.length - 1];
      });
      const regions = await enabledRegions(wireFactory(new AwsWire()), 'aws');
      assert.deepEqual(regions, ['af-south-1', 'eu-central-1', 'us-east-1']);
      assert.deepEqual(inputs.map((i) => i.RegionOptStatusContains), [['ENABLED', 'ENABLED_BY_DEFAULT'], ['ENABLED', 'ENABLED_BY_DEFAULT']]);
      assert.deepEqual(inputs.map((i) => i.NextToken), [undefined, 'n1']);
    });
  });

  it('parses restJson1 pages at the wire', async () => {
    const wire = new AwsWire().on('account:ListRegions', listRegionsPages);
    assert.deepEqual(await enabledRegions(wireFactory(wire), 'aws'), ['ap-southeast-2', 'eu-central-1', 'eu-south-1', 'us-east-1']);
    assert.deepEqual(wire.calls.map((c) => c.params.NextToken), [undefined, 'token-1']);
    assert.deepEqual(wire.calls[0].params.RegionOptStatusContains, ['ENABLED', 'ENABLED_BY_DEFAULT']);
  });
});
