// The cloudtrail collectors, one per data source in runner/sources/cloudtrail-sources.ts.
import type { Collector } from './collector.js';
import { cloudtrailTrailsCollector } from './cloudtrail-trails.js';

export const CLOUDTRAIL_COLLECTORS: readonly Collector[] = [cloudtrailTrailsCollector];
