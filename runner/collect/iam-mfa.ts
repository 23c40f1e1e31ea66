// MFA devices: the account's virtual MFA devices, and the devices of each user the credential
// report marks mfa_active (hardware and passkey devices are only visible per user).
import { paginateListMFADevices, paginateListVirtualMFADevices, type IAMClient } from '@aws-sdk/client-iam';
import pLimit from 'p-limit';
import { ROOT_USER, type CredentialReportData, type MfaDevicesData, type MfaDevicesEntry, type VirtualMfaDevice } from '../sources/iam-data.js';
import type { Collector } from './collector.js';
import { toSourceError } from './source-error.js';
import { IAM_MAX_ITEMS } from './iam-paging.js';

function iso(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

export const virtualMfaDevicesCollector: Collector = {
  id: 'iam.virtual_mfa_devices',
  async collect(ctx): Promise<VirtualMfaDevice[]> {
    const devices: VirtualMfaDevice[] = [];
    // 'Any' lists unassigned devices too: an orphaned root device still matters to checks.
    for await (const page of paginateListVirtualMFADevices({ client: ctx.clients.iam(), pageSize: IAM_MAX_ITEMS }, { AssignmentStatus: 'Any' })) {
      for (const d of page.VirtualMFADevices ?? []) {
        devices.push({
          serial_number: d.SerialNumber ?? '',
          user_arn: d.User?.Arn ?? null,
          user_name: d.User?.UserName ?? null,
          enable_date: iso(d.EnableDate),
        });
      }
    }
    return devices;
  },
};

async function userDevices(iam: IAMClient, user: string): Promise<MfaDevicesEntry> {
  try {
    const devices: NonNullable<MfaDevicesEntry['devices']> = [];
    for await (const page of paginateListMFADevices({ client: iam }, { UserName: user })) {
      for (const d of page.MFADevices ?? []) devices.push({ serial_number: d.SerialNumber ?? '', enable_date: iso(d.EnableDate) });
    }
    return { user, devices };
  } catch (err) {
    // One user's failure (for example a permission boundary on that user) must not hide the others.
    return { user, devices: null, error: toSourceError(err) };
  }
}

export const mfaDevicesCollector: Collector = {
  id: 'iam.mfa_devices',
  async collect(ctx): Promise<MfaDevicesData> {
    const report = ctx.deps['iam.credential_report'] as CredentialReportData;
    // Users without MFA have no devices; listing them would only spend API calls and rate limit.
    const users = report.rows.filter((row) => row.user !== ROOT_USER && row.mfa_active === true).map((row) => row.user);
    const iam = ctx.clients.iam();
    const limit = pLimit(ctx.concurrency);
    return { users: await Promise.all(users.map((user) => limit(() => userDevices(iam, user)))) };
  },
};
