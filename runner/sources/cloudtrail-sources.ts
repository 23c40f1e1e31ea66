// Data sources: CloudTrail trails, status and event selectors.
import type { SourceDecl } from './source.js';

export const CLOUDTRAIL_SOURCES: readonly SourceDecl[] = [];
