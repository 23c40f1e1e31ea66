// Views over the qpermissions data sources.
import type { ViewDef } from './view.js';

export const QPERMISSIONS_VIEWS: readonly ViewDef[] = [];
