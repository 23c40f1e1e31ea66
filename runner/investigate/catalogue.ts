// PLACEHOLDER until the event catalogue lands: knows the Q event sources, classifies nothing.
import type { EventCatalogue } from './event.js';

const Q_SOURCES = new Set(['qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com']);

export function loadEventCatalogue(): EventCatalogue {
  return { isQSource: (s) => Q_SOURCES.has(s), classify: () => null };
}
