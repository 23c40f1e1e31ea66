// Every view, by id. A check's `source` names one of these.
import { passwordPolicyView, rootMfaView, supportAccessView } from './iam-account.js';
import { activeAccessKeysView, credentialInventoryView, rootCredentialsView, userCredentialsView } from './iam-credentials.js';
import { customPoliciesView, userMfaDevicesView, userPoliciesView } from './iam-principals.js';
import type { ViewDef } from './view.js';
import { CLOUDTRAIL_VIEWS } from './cloudtrail-views.js';
import { DETECTION_VIEWS } from './detection-views.js';
import { QBUSINESS_VIEWS } from './qbusiness-views.js';
import { QPERMISSIONS_VIEWS } from './qpermissions-views.js';

export const VIEWS: readonly ViewDef[] = [
  rootCredentialsView,
  userCredentialsView,
  activeAccessKeysView,
  credentialInventoryView,
  passwordPolicyView,
  rootMfaView,
  supportAccessView,
  userMfaDevicesView,
  userPoliciesView,
  customPoliciesView,
  ...CLOUDTRAIL_VIEWS,
  ...DETECTION_VIEWS,
  ...QBUSINESS_VIEWS,
  ...QPERMISSIONS_VIEWS,
];

const BY_ID = new Map(VIEWS.map((v) => [v.id, v]));

export function findView(id: string): ViewDef | undefined {
  return BY_ID.get(id);
}
