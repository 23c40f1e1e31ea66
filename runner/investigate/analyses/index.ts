// The eight analyses, in the order the playbook asks its questions (ANALYSIS_IDS).
import { ANALYSIS_IDS, type AnalysisId } from '../answers.js';
import { createActionsByQAnalysis } from './actions-by-q.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { createApplicationAccessAnalysis } from './application-access.js';
import { createDocumentsAnalysis } from './documents.js';
import { createIdeUsageAnalysis } from './ide-usage.js';
import { createPluginsAnalysis } from './plugins.js';
import { createResourcesCreatedDeletedAnalysis } from './resources-created-deleted.js';
import { createTamperingAnalysis } from './tampering.js';
import { createUnknownActivityAnalysis } from './unknown-activity.js';

const FACTORIES: Record<AnalysisId, (ctx: AnalysisContext) => Analysis> = {
  resources_created_deleted: createResourcesCreatedDeletedAnalysis,
  plugins: createPluginsAnalysis,
  application_access: createApplicationAccessAnalysis,
  documents: createDocumentsAnalysis,
  ide_usage: createIdeUsageAnalysis,
  tampering: createTamperingAnalysis,
  actions_by_q: createActionsByQAnalysis,
  unknown_activity: createUnknownActivityAnalysis,
};

export function createAnalyses(ctx: AnalysisContext): Analysis[] {
  return ANALYSIS_IDS.map((id) => FACTORIES[id](ctx));
}
