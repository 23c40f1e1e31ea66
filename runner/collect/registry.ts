// Data source id → the collector that produces it. Every declared source must have one (tested).
import type { Collector } from './collector.js';
import { IAM_COLLECTORS } from './iam.js';
import { CLOUDTRAIL_COLLECTORS } from './cloudtrail.js';
import { DETECTION_COLLECTORS } from './detection.js';
import { QBUSINESS_COLLECTORS } from './qbusiness.js';

export const COLLECTORS: ReadonlyMap<string, Collector> = new Map([...IAM_COLLECTORS, ...CLOUDTRAIL_COLLECTORS, ...DETECTION_COLLECTORS, ...QBUSINESS_COLLECTORS].map((c) => [c.id, c]));

export function collectorFor(sourceId: string): Collector {
  const collector = COLLECTORS.get(sourceId);
  if (!collector) throw new Error(`no collector for data source '${sourceId}'`);
  return collector;
}
