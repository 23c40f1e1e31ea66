// Per-application settings of Amazon Q Business: chat controls (every page of topic
// configurations) and the resource-based policy. A failure for one application is recorded on it.
import { GetPolicyCommand, paginateGetChatControlsConfiguration, type GetChatControlsConfigurationResponse } from '@aws-sdk/client-qbusiness';
import type { QBusinessChatControls, QBusinessChatControlsData, QBusinessResourcePoliciesData } from '../sources/qbusiness-data.js';
import type { Collector } from './collector.js';
import { listedApplications, qbusinessCalls, type Outcome } from './qbusiness-common.js';

/** GetChatControlsConfiguration's largest page of topic configurations. */
const TOPICS_PAGE_SIZE = 50;

/** Settings come from the first page; topic configurations from all of them. */
export function mergeChatControls(pages: GetChatControlsConfigurationResponse[]): QBusinessChatControls {
  const first = pages[0] ?? {};
  return {
    response_scope: first.responseScope ?? null,
    blocked_phrases: first.blockedPhrases?.blockedPhrases ?? [],
    system_message_override: first.blockedPhrases?.systemMessageOverride ?? null,
    topics: pages.flatMap((p) => p.topicConfigurations ?? []).map((t) => ({
      name: t.name ?? '',
      description: t.description ?? null,
      rule_types: (t.rules ?? []).map((r) => r.ruleType ?? '').filter((r) => r !== ''),
      example_chat_messages: t.exampleChatMessages?.length ?? 0,
    })),
    creator_mode: first.creatorModeConfiguration?.creatorModeControl ?? null,
    hallucination_reduction: first.hallucinationReductionConfiguration?.hallucinationReductionControl ?? null,
    orchestration: first.orchestrationConfiguration?.control ?? null,
  };
}

export const chatControlsCollector: Collector = {
  id: 'qbusiness.chat_controls',
  async collect(ctx): Promise<QBusinessChatControlsData> {
    const q = qbusinessCalls(ctx);
    return {
      applications: await Promise.all(listedApplications(ctx).map(async ({ application_id }) => {
        const out = await q.run(async () => {
          const pages: GetChatControlsConfigurationResponse[] = [];
          for await (const page of paginateGetChatControlsConfiguration({ client: q.client, pageSize: TOPICS_PAGE_SIZE }, { applicationId: application_id })) pages.push(page);
          return pages;
        });
        return out.ok ? { application_id, chat_controls: mergeChatControls(out.value) } : { application_id, chat_controls: null, error: out.error };
      })),
    };
  },
};

/** The policy document decoded; text that is not JSON is kept as it is. */
function decodePolicy(text: string | undefined): unknown {
  if (text === undefined || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const resourcePoliciesCollector: Collector = {
  id: 'qbusiness.resource_policies',
  async collect(ctx): Promise<QBusinessResourcePoliciesData> {
    const q = qbusinessCalls(ctx);
    return {
      applications: await Promise.all(listedApplications(ctx).map(async ({ application_id }) => {
        const out: Outcome<{ policy?: string }> = await q.run(() => q.client.send(new GetPolicyCommand({ applicationId: application_id })));
        if (out.ok) return { application_id, policy: decodePolicy(out.value.policy) };
        // An application without a resource-based policy answers ResourceNotFoundException: no policy, not a failure.
        if (out.error.code === 'ResourceNotFoundException') return { application_id, policy: null };
        return { application_id, policy: null, error: out.error };
      })),
    };
  },
};
