// Data sources: Amazon Q Business applications and their resources, CloudWatch Logs deliveries.
import type { SourceDecl } from './source.js';

export const QBUSINESS_SOURCES: readonly SourceDecl[] = [];
