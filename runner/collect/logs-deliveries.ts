// qbusiness.log_deliveries: CloudWatch Logs vended-log delivery sources and deliveries of the region (all
// pages of each). Amazon Q Business sends conversation and feedback logs through a delivery
// source of log type EVENT_LOGS whose resource is the application ARN; a delivery connects that
// source to a destination (CloudWatch Logs, S3 or Firehose).
import { paginateDescribeDeliveries, paginateDescribeDeliverySources } from '@aws-sdk/client-cloudwatch-logs';
import type { LogDeliveriesData } from '../sources/qbusiness-data.js';
import type { Collector } from './collector.js';
import { listAll } from './qbusiness-common.js';

/** The largest page DescribeDeliverySources and DescribeDeliveries accept. */
const PAGE_SIZE = 50;

export const logDeliveriesCollector: Collector = {
  id: 'qbusiness.log_deliveries',
  async collect(ctx): Promise<LogDeliveriesData> {
    const client = ctx.clients.get('logs');
    const [sources, deliveries] = await Promise.all([
      listAll(paginateDescribeDeliverySources({ client, pageSize: PAGE_SIZE }, {}), (p) => p.deliverySources),
      listAll(paginateDescribeDeliveries({ client, pageSize: PAGE_SIZE }, {}), (p) => p.deliveries),
    ]);
    return {
      delivery_sources: sources.map((s) => ({
        name: s.name ?? '',
        arn: s.arn ?? null,
        service: s.service ?? null,
        log_type: s.logType ?? null,
        resource_arns: s.resourceArns ?? [],
        status: s.status ?? null,
      })),
      deliveries: deliveries.map((d) => ({
        id: d.id ?? '',
        arn: d.arn ?? null,
        delivery_source_name: d.deliverySourceName ?? null,
        delivery_destination_arn: d.deliveryDestinationArn ?? null,
        delivery_destination_type: d.deliveryDestinationType ?? null,
      })),
    };
  },
};
