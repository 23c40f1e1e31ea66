// Views over the qbusiness data sources.
import type { ViewDef } from './view.js';

export const QBUSINESS_VIEWS: readonly ViewDef[] = [];
