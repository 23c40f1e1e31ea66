// Data sources: IAM Access Analyzer, GuardDuty, Security Hub, account contacts, Organizations AI opt-out.
import type { SourceDecl } from './source.js';

export const DETECTION_SOURCES: readonly SourceDecl[] = [];
