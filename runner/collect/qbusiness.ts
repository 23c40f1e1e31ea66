// The qbusiness collectors, one per data source in runner/sources/qbusiness-sources.ts.
import type { Collector } from './collector.js';

export const QBUSINESS_COLLECTORS: readonly Collector[] = [];
