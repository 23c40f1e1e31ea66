import assert from 'node:assert/strict';
import { GetAccountSummaryCommand, GetCredentialReportCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ClientFactory, failedAction, UndeclaredActionError } from '../../runner/collect/clients.js';
import { accessDenied, AwsWire, queryError } from '../helpers/aws-wire.js';
import { accountSummary, callerIdentity, TEST_CREDENTIALS, wireFactory } from './iam-wire-fixtures.js';

describe('ClientFactory and the read-only guard', () => {
  it('refuses an action outside the allow-list before anything reaches the wire', async () => {
    const wire = new AwsWire().on('iam:GetAccountSummary', accountSummary);
    const factory = wireFactory(wire);
    const iam = factory.client('iam', 'us-east-1', ['iam:GetAccountSummary']);

    await assert.rejects(iam.send(new ListUsersCommand({})), (err: unknown) => {
      assert.ok(err instanceof UndeclaredActionError);
      assert.equal(err.action, 'iam:ListUsers');
      assert.deepEqual(err.allowed, ['iam:GetAccountSummary']);
      assert.equal(failedAction(err), 'iam:ListUsers');
      return true;
    });
    assert.deepEqual(wire.calls, []);
    assert.deepEqual(factory.sent, []);
  });

  it('prefixes actions by the client\'s service, so an IAM allow-list does not open STS', async () => {
    const wire = new AwsWire().on('sts:GetCallerIdentity', callerIdentity());
    const factory = wireFactory(wire);
    const sts = factory.client('sts', 'us-east-1', ['iam:GetCallerIdentity']);
    await assert.rejects(sts.send(new GetCallerIdentityCommand({})), UndeclaredActionError);
    assert.equal(wire.calls.length, 0);
  });

  it('lets declared actions through and logs them with region and input', async () => {
    const wire = new AwsWire().on('iam:GetAccountSummary', accountSummary);
    const factory = wireFactory(wire);
    const out = await factory.client('iam', 'us-east-1', ['iam:GetAccountSummary']).send(new GetAccountSummaryCommand({}));
    assert.equal(out.SummaryMap?.AccountMFAEnabled, 1);
    assert.deepEqual(factory.sent, [{ action: 'iam:GetAccountSummary', region: 'us-east-1', params: {} }]);
    assert.deepEqual(wire.calls.map((c) => [c.action, c.region]), [['iam:GetAccountSummary', 'us-east-1']]);
  });

  it('annotates a failed call with its IAM action', async () => {
    const wire = new AwsWire().on('iam:GetCredentialReport', accessDenied('iam:GetCredentialReport'));
    const iam = wireFactory(wire).client('iam', 'us-east-1', ['iam:GetCredentialReport']);
    await assert.rejects(iam.send(new GetCredentialReportCommand({})), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.equal(err.name, 'AccessDenied');
      assert.equal(failedAction(err), 'iam:GetCredentialReport');
      return true;
    });
  });

  it('retries throttling through the SDK retry middleware, logging one call but two wire attempts', async () => {
    const wire = new AwsWire().on('iam:GetAccountSummary', queryError('Throttling', 'Rate exceeded'), accountSummary);
    const factory = wireFactory(wire);
    const out = await factory.client('iam', 'us-east-1', ['iam:GetAccountSummary']).send(new GetAccountSummaryCommand({}));
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(wire.calls.length, 2);
    assert.equal(factory.sent.length, 1);
  });

  it('gives up after maxAttempts and reports the throttling error', async () => {
    const wire = new AwsWire().on('iam:GetAccountSummary', queryError('Throttling', 'Rate exceeded'));
    const iam = wireFactory(wire, 2).client('iam', 'us-east-1', ['iam:GetAccountSummary']);
    await assert.rejects(iam.send(new GetAccountSummaryCommand({})), { name: 'Throttling' });
    assert.equal(wire.calls.length, 2);
  });

  it('reuses a client for the same (service, region, allow-list) and separates different allow-lists', () => {
    const factory = wireFactory(new AwsWire());
    const a = factory.client('iam', 'us-east-1', ['iam:GetAccountSummary', 'iam:ListMFADevices']);
    assert.equal(factory.client('iam', 'us-east-1', ['iam:ListMFADevices', 'iam:GetAccountSummary']), a);
    assert.notEqual(factory.client('iam', 'us-east-1', ['iam:GetAccountSummary']), a);
    assert.notEqual(factory.client('iam', 'eu-west-1', ['iam:GetAccountSummary', 'iam:ListMFADevices']), a);
  });

  it('uses adaptive retries with 5 attempts unless told otherwise', async () => {
    const iam = new ClientFactory({ credentials: TEST_CREDENTIALS }).client('iam', 'us-east-1', []);
    assert.equal(await iam.config.maxAttempts(), 5);
    const strategy = await iam.config.retryStrategy();
    assert.equal('mode' in strategy && strategy.mode, 'adaptive');
  });

  it('resolves credentials once for all its clients', async () => {
    let resolved = 0;
    const credentials = () => { resolved++; return Promise.resolve(TEST_CREDENTIALS); };
    const wire = new AwsWire().on('iam:GetAccountSummary', accountSummary).on('sts:GetCallerIdentity', callerIdentity());
    const factory = new ClientFactory({ requestHandler: wire.requestHandler, credentials });
    await factory.client('iam', 'us-east-1', ['iam:GetAccountSummary']).send(new GetAccountSummaryCommand({}));
    await factory.client('sts', 'eu-west-1', ['sts:GetCallerIdentity']).send(new GetCallerIdentityCommand({}));
    await factory.client('iam', 'us-east-1', ['iam:GetAccountSummary', 'iam:ListUsers']).send(new GetAccountSummaryCommand({}));
    assert.equal(wire.calls.length, 3);
    assert.equal(resolved, 1);
  });

  describe('with AWS_ENDPOINT_URL', () => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env.AWS_ENDPOINT_URL;
      process.env.AWS_ENDPOINT_URL = 'http://localhost.localstack.cloud:4566';
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    });

    it('sends to the configured endpoint (the SDK resolves it; the factory must not override it)', async () => {
      const wire = new AwsWire().on('iam:GetAccountSummary', accountSummary);
      await wireFactory(wire).client('iam', 'us-east-1', ['iam:GetAccountSummary']).send(new GetAccountSummaryCommand({}));
      assert.equal(wire.calls[0].host, 'localhost.localstack.cloud');
    });
  });
});
