// The demo accounts' detection data sources (prod mostly passes, sandbox mostly fails).
import type { DemoSources } from './common.js';

export const detectionDemoSources: DemoSources = () => ({});
