// The demo accounts' qbusiness data sources (prod mostly passes, sandbox mostly fails).
import type { DemoSources } from './common.js';

export const qbusinessDemoSources: DemoSources = () => ({});
