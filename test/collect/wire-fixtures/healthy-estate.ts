// A healthy account with every data source answered, on one wire: the IAM account of
// iam-wire-fixtures.ts plus CloudTrail, the detection services, Amazon Q Business and CloudWatch
// Logs (wire-fixtures/*.ts), enabled in us-east-1 and eu-west-1 (ListRegions, two pages).
import { jsonPages, type AwsWire } from '../../helpers/aws-wire.js';
import { healthyAccount } from '../iam-wire-fixtures.js';
import { scriptCloudTrail } from './cloudtrail.js';
import { ESTATE_REGIONS } from './common.js';
import { scriptDetection } from './detection.js';
import { scriptQBusiness } from './qbusiness.js';

export { ESTATE_REGIONS };

export function healthyEstate(): AwsWire {
  const wire = healthyAccount().on('account:ListRegions', jsonPages(ESTATE_REGIONS.map((r) => ({ Regions: [{ RegionName: r, RegionOptStatus: 'ENABLED_BY_DEFAULT' }] }))));
  return scriptQBusiness(scriptDetection(scriptCloudTrail(wire)));
}
