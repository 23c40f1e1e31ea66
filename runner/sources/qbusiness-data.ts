// Shapes of the Amazon Q Business data sources as stored in the snapshot (collectors:
// runner/collect/qbusiness*.ts). Other groups' views may rely on the fields marked as shared.

/** Source `qbusiness.applications` (regional): every application with its settings. */
export interface QBusinessApplicationsData {
  applications: QBusinessApplication[];
}

export interface QBusinessApplication {
  /** Shared: read by the CloudTrail data-event check. */
  application_id: string;
  /** Shared: `arn:aws:qbusiness:REGION:ACCOUNT:application/ID`. */
  arn: string;
  /** Shared. */
  display_name: string;
}
