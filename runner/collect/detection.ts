// The detection collectors, one per data source in runner/sources/detection-sources.ts.
import type { Collector } from './collector.js';
import { securityContactCollector } from './detection-account.js';
import { accessAnalyzerFindingsCollector, accessAnalyzersCollector } from './detection-accessanalyzer.js';
import { guardDutyDetectorsCollector } from './detection-guardduty.js';
import { aiOptOutPolicyCollector } from './detection-organizations.js';
import { securityHubCollector } from './detection-securityhub.js';

export const DETECTION_COLLECTORS: readonly Collector[] = [
  accessAnalyzersCollector,
  accessAnalyzerFindingsCollector,
  guardDutyDetectorsCollector,
  securityHubCollector,
  securityContactCollector,
  aiOptOutPolicyCollector,
];
