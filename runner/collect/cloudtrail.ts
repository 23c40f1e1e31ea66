// The cloudtrail collectors, one per data source in runner/sources/cloudtrail-sources.ts.
import type { Collector } from './collector.js';

export const CLOUDTRAIL_COLLECTORS: readonly Collector[] = [];
