// IAM Access Analyzer: the analyzers of each region, and the ACTIVE findings of each ACTIVE
// external-access analyzer. Findings are listed per analyzer; one analyzer's failure is recorded
// in that analyzer's entry and does not hide the others.
import { paginateListAnalyzers, paginateListFindings, type AccessAnalyzerClient, type FindingSummary } from '@aws-sdk/client-accessanalyzer';
import pLimit from 'p-limit';
import {
  isActiveExternalAccessAnalyzer, type AccessAnalyzer, type AccessAnalyzerFindingsData, type AccessAnalyzersData, type AnalyzerFindings,
  type ExternalAccessFinding,
} from '../sources/detection-sources.js';
import type { Collector } from './collector.js';
import { toSourceError } from './source-error.js';

function iso(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

export const accessAnalyzersCollector: Collector = {
  id: 'accessanalyzer.analyzers',
  async collect(ctx): Promise<AccessAnalyzersData> {
    const analyzers: AccessAnalyzer[] = [];
    // No type filter: unused-access analyzers are listed too, so the check can say they do not count.
    for await (const page of paginateListAnalyzers({ client: ctx.clients.get('access-analyzer') }, {})) {
      for (const a of page.analyzers ?? []) {
        analyzers.push({
          arn: a.arn ?? '',
          name: a.name ?? '',
          type: a.type ?? 'UNKNOWN',
          status: a.status ?? 'UNKNOWN',
          status_reason: a.statusReason?.code ?? null,
          created_at: iso(a.createdAt),
          last_resource_analyzed_at: iso(a.lastResourceAnalyzedAt),
        });
      }
    }
    return { analyzers };
  },
};

function finding(f: FindingSummary): ExternalAccessFinding {
  return {
    id: f.id ?? '',
    resource: f.resource ?? null,
    resource_type: f.resourceType ?? 'UNKNOWN',
    resource_owner_account: f.resourceOwnerAccount ?? null,
    principal: { ...(f.principal ?? {}) },
    action: [...(f.action ?? [])],
    is_public: f.isPublic === true,
    condition: { ...(f.condition ?? {}) },
    status: f.status ?? 'UNKNOWN',
    created_at: iso(f.createdAt),
    updated_at: iso(f.updatedAt),
    analyzed_at: iso(f.analyzedAt),
    error: f.error ?? null,
  };
}

async function analyzerFindings(client: AccessAnalyzerClient, analyzer: AccessAnalyzer): Promise<AnalyzerFindings> {
  const entry = { analyzer_arn: analyzer.arn, analyzer_name: analyzer.name, analyzer_type: analyzer.type };
  try {
    const findings: ExternalAccessFinding[] = [];
    // ListFindings (not V2): both are authorised by access-analyzer:ListFindings, and only V1 says
    // who has access (principal, action, isPublic), which is what a responder needs to see.
    const pages = paginateListFindings({ client }, { analyzerArn: analyzer.arn, filter: { status: { eq: ['ACTIVE'] } } });
    for await (const page of pages) for (const f of page.findings ?? []) findings.push(finding(f));
    return { ...entry, findings };
  } catch (err) {
    return { ...entry, findings: null, error: toSourceError(err) };
  }
}

export const accessAnalyzerFindingsCollector: Collector = {
  id: 'accessanalyzer.findings',
  async collect(ctx): Promise<AccessAnalyzerFindingsData> {
    const { analyzers } = ctx.deps['accessanalyzer.analyzers'] as AccessAnalyzersData;
    const client = ctx.clients.get('access-analyzer');
    const limit = pLimit(ctx.concurrency);
    const active = analyzers.filter(isActiveExternalAccessAnalyzer);
    return { analyzers: await Promise.all(active.map((a) => limit(() => analyzerFindings(client, a)))) };
  },
};
