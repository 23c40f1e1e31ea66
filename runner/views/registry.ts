// Every view, by id. A check's `source` names one of these.
import { passwordPolicyView, rootMfaView, supportAccessView } from './iam-account.js';
import { activeAccessKeysView, credentialInventoryView, rootCredentialsView, userCredentialsView } from './iam-credentials.js';
import { customPoliciesView, userMfaDevicesView, userPoliciesView } from './iam-principals.js';
import type { ViewDef } from './view.js';

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
];

const BY_ID = new Map(VIEWS.map((v) => [v.id, v]));

export function findView(id: string): ViewDef | undefined {
  return BY_ID.get(id);
}
