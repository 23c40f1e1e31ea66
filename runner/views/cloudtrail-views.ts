// Views over the cloudtrail data sources.
import type { ViewDef } from './view.js';

export const CLOUDTRAIL_VIEWS: readonly ViewDef[] = [];
