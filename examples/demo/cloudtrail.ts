// The demo accounts' cloudtrail data sources (prod mostly passes, sandbox mostly fails).
import type { DemoSources } from './common.js';

export const cloudtrailDemoSources: DemoSources = () => ({});
