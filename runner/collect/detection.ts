// The detection collectors, one per data source in runner/sources/detection-sources.ts.
import type { Collector } from './collector.js';

export const DETECTION_COLLECTORS: readonly Collector[] = [];
