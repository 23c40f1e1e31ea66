// The qbusiness collectors, one per data source in runner/sources/qbusiness-sources.ts.
import type { Collector } from './collector.js';
import { logDeliveriesCollector } from './logs-deliveries.js';
import { applicationsCollector } from './qbusiness-applications.js';
import {
  dataAccessorsCollector,
  dataSourcesCollector,
  indicesCollector,
  pluginsCollector,
  retrieversCollector,
  webExperiencesCollector,
} from './qbusiness-resources.js';
import { chatControlsCollector, resourcePoliciesCollector } from './qbusiness-settings.js';

export const QBUSINESS_COLLECTORS: readonly Collector[] = [
  applicationsCollector,
  indicesCollector,
  dataSourcesCollector,
  retrieversCollector,
  pluginsCollector,
  webExperiencesCollector,
  chatControlsCollector,
  dataAccessorsCollector,
  resourcePoliciesCollector,
  logDeliveriesCollector,
];
