// GuardDuty: the detectors of each region and their status. A region has at most one detector per
// account, so a failed GetDetector fails the region (ERROR) rather than guessing its status.
import { GetDetectorCommand, paginateListDetectors } from '@aws-sdk/client-guardduty';
import pLimit from 'p-limit';
import type { GuardDutyDetector, GuardDutyDetectorsData } from '../sources/detection-sources.js';
import type { Collector } from './collector.js';

export const guardDutyDetectorsCollector: Collector = {
  id: 'guardduty.detectors',
  async collect(ctx): Promise<GuardDutyDetectorsData> {
    const client = ctx.clients.get('guardduty');
    const ids: string[] = [];
    for await (const page of paginateListDetectors({ client }, {})) ids.push(...(page.DetectorIds ?? []));
    const limit = pLimit(ctx.concurrency);
    const detectors = await Promise.all(ids.map((id) => limit(async (): Promise<GuardDutyDetector> => {
      const d = await client.send(new GetDetectorCommand({ DetectorId: id }));
      return {
        id,
        status: d.Status ?? 'UNKNOWN',
        created_at: d.CreatedAt ?? null,
        updated_at: d.UpdatedAt ?? null,
        finding_publishing_frequency: d.FindingPublishingFrequency ?? null,
      };
    })));
    return { detectors };
  },
};
