// Views over the detection data sources.
import type { ViewDef } from './view.js';

export const DETECTION_VIEWS: readonly ViewDef[] = [];
