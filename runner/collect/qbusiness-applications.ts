// qbusiness.applications: ListApplications (all pages), then GetApplication and the tags of each
// application. A failed GetApplication or ListTagsForResource stays with that application; only
// a failed ListApplications fails the source (in that region).
import { GetApplicationCommand, paginateListApplications, type Application, type GetApplicationResponse } from '@aws-sdk/client-qbusiness';
import type { QBusinessApplication, QBusinessApplicationsData } from '../sources/qbusiness-data.js';
import type { Collector } from './collector.js';
import { iso, listAll, qbusinessCalls, type QBusinessCalls } from './qbusiness-common.js';

/** ListApplications' largest page. */
const PAGE_SIZE = 100;

function details(g: GetApplicationResponse): Omit<QBusinessApplication, 'application_id' | 'arn' | 'display_name' | 'tags'> {
  return {
    description: g.description ?? null,
    status: g.status ?? null,
    identity_type: g.identityType ?? null,
    role_arn: g.roleArn ?? null,
    identity_center_application_arn: g.identityCenterApplicationArn ?? null,
    iam_identity_provider_arn: g.iamIdentityProviderArn ?? null,
    kms_key_id: g.encryptionConfiguration?.kmsKeyId ?? null,
    attachments_control_mode: g.attachmentsConfiguration?.attachmentsControlMode ?? null,
    q_apps_control_mode: g.qAppsConfiguration?.qAppsControlMode ?? null,
    personalization_control_mode: g.personalizationConfiguration?.personalizationControlMode ?? null,
    auto_subscribe: g.autoSubscriptionConfiguration?.autoSubscribe ?? null,
    created_at: iso(g.createdAt),
    updated_at: iso(g.updatedAt),
  };
}

async function application(q: QBusinessCalls, summary: Application): Promise<QBusinessApplication> {
  const id = summary.applicationId ?? '';
  const builtArn = q.arn(id);
  const [got, tagged] = await Promise.all([
    q.run(() => q.client.send(new GetApplicationCommand({ applicationId: id }))),
    q.tags(builtArn),
  ]);
  if (!got.ok) {
    // What ListApplications said is still worth keeping (and enough for checks that need only the id).
    return {
      application_id: id, arn: builtArn, display_name: summary.displayName ?? id, description: null,
      status: summary.status ?? null, identity_type: summary.identityType ?? null, role_arn: null,
      identity_center_application_arn: null, iam_identity_provider_arn: null, kms_key_id: null,
      attachments_control_mode: null, q_apps_control_mode: null, personalization_control_mode: null, auto_subscribe: null,
      created_at: iso(summary.createdAt), updated_at: iso(summary.updatedAt),
      ...tagged, error: got.error,
    };
  }
  const g = got.value;
  return { application_id: id, arn: g.applicationArn ?? builtArn, display_name: g.displayName ?? summary.displayName ?? id, ...details(g), ...tagged };
}

export const applicationsCollector: Collector = {
  id: 'qbusiness.applications',
  async collect(ctx): Promise<QBusinessApplicationsData> {
    const q = qbusinessCalls(ctx);
    // Without the list there is nothing to report on: a failure fails the source in this region.
    const listed = await q.limit(() => listAll(paginateListApplications({ client: q.client, pageSize: PAGE_SIZE }, {}), (p) => p.applications));
    return { applications: await Promise.all(listed.map((summary) => application(q, summary))) };
  },
};
