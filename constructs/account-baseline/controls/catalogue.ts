import { EBS_OPTIMIZED_INSTANCE } from './aws-gr-ebs-optimized-instance';
import { EC2_VOLUME_INUSE_CHECK } from './aws-gr-ec2-volume-inuse-check';
import { ENCRYPTED_VOLUMES } from './aws-gr-encrypted-volumes';
import { IAM_USER_MFA_ENABLED } from './aws-gr-iam-user-mfa-enabled';
import { MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS } from './aws-gr-mfa-enabled-for-iam-console-access';
import { RDS_INSTANCE_PUBLIC_ACCESS_CHECK } from './aws-gr-rds-instance-public-access-check';
import { RDS_SNAPSHOTS_PUBLIC_PROHIBITED } from './aws-gr-rds-snapshots-public-prohibited';
import { RDS_STORAGE_ENCRYPTED } from './aws-gr-rds-storage-encrypted';
import { RESTRICT_ROOT_USER } from './aws-gr-restrict-root-user';
import { RESTRICT_ROOT_USER_ACCESS_KEYS } from './aws-gr-restrict-root-user-access-keys';
import { RESTRICT_S3_CROSS_REGION_REPLICATION } from './aws-gr-restrict-s3-cross-region-replication';
import { RESTRICT_S3_DELETE_WITHOUT_MFA } from './aws-gr-restrict-s3-delete-without-mfa';
import { RESTRICTED_COMMON_PORTS } from './aws-gr-restricted-common-ports';
import { RESTRICTED_SSH } from './aws-gr-restricted-ssh';
import { ROOT_ACCOUNT_MFA_ENABLED } from './aws-gr-root-account-mfa-enabled';
import { S3_BUCKET_PUBLIC_READ_PROHIBITED } from './aws-gr-s3-bucket-public-read-prohibited';
import { S3_BUCKET_PUBLIC_WRITE_PROHIBITED } from './aws-gr-s3-bucket-public-write-prohibited';
import { S3_VERSIONING_ENABLED } from './aws-gr-s3-versioning-enabled';
import { Control } from './control';

/**
 * The typed catalogue of Control Tower controls Gantry knows, composed from one file per control.
 * Only controls whose identifiers were checked against the Control Tower Controls Reference are
 * listed; declare others with `Control.fromArn`. Add a control by adding one file and one line here.
 */
export class ControlCatalogue {
  /** AWS-GR_EBS_OPTIMIZED_INSTANCE (detective): Detect whether Amazon EBS optimization is enabled for EC2 instances. */
  public static readonly EBS_OPTIMIZED_INSTANCE = EBS_OPTIMIZED_INSTANCE;
  /** AWS-GR_EC2_VOLUME_INUSE_CHECK (detective): Detect whether Amazon EBS volumes are attached to EC2 instances. */
  public static readonly EC2_VOLUME_INUSE_CHECK = EC2_VOLUME_INUSE_CHECK;
  /** AWS-GR_ENCRYPTED_VOLUMES (detective): Detect whether Amazon EBS volumes attached to EC2 instances are encrypted. */
  public static readonly ENCRYPTED_VOLUMES = ENCRYPTED_VOLUMES;
  /** AWS-GR_IAM_USER_MFA_ENABLED (detective): Detect whether MFA is enabled for IAM users. */
  public static readonly IAM_USER_MFA_ENABLED = IAM_USER_MFA_ENABLED;
  /** AWS-GR_MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS (detective): Detect whether MFA is enabled for IAM users with console access. */
  public static readonly MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS = MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS;
  /** AWS-GR_RDS_INSTANCE_PUBLIC_ACCESS_CHECK (detective): Detect whether public access to Amazon RDS database instances is enabled. */
  public static readonly RDS_INSTANCE_PUBLIC_ACCESS_CHECK = RDS_INSTANCE_PUBLIC_ACCESS_CHECK;
  /** AWS-GR_RDS_SNAPSHOTS_PUBLIC_PROHIBITED (detective): Detect whether public access to Amazon RDS database snapshots is enabled. */
  public static readonly RDS_SNAPSHOTS_PUBLIC_PROHIBITED = RDS_SNAPSHOTS_PUBLIC_PROHIBITED;
  /** AWS-GR_RDS_STORAGE_ENCRYPTED (detective): Detect whether storage encryption is enabled for Amazon RDS database instances. */
  public static readonly RDS_STORAGE_ENCRYPTED = RDS_STORAGE_ENCRYPTED;
  /** AWS-GR_RESTRICT_ROOT_USER (preventive): Disallow actions as the root user. */
  public static readonly RESTRICT_ROOT_USER = RESTRICT_ROOT_USER;
  /** AWS-GR_RESTRICT_ROOT_USER_ACCESS_KEYS (preventive): Disallow creation of access keys for the root user. */
  public static readonly RESTRICT_ROOT_USER_ACCESS_KEYS = RESTRICT_ROOT_USER_ACCESS_KEYS;
  /** AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION (preventive): Disallow cross-region replication for Amazon S3 buckets. */
  public static readonly RESTRICT_S3_CROSS_REGION_REPLICATION = RESTRICT_S3_CROSS_REGION_REPLICATION;
  /** AWS-GR_RESTRICT_S3_DELETE_WITHOUT_MFA (preventive): Disallow deleting Amazon S3 buckets without MFA. */
  public static readonly RESTRICT_S3_DELETE_WITHOUT_MFA = RESTRICT_S3_DELETE_WITHOUT_MFA;
  /** AWS-GR_RESTRICTED_COMMON_PORTS (detective): Detect whether unrestricted incoming TCP traffic is allowed on common ports. */
  public static readonly RESTRICTED_COMMON_PORTS = RESTRICTED_COMMON_PORTS;
  /** AWS-GR_RESTRICTED_SSH (detective): Detect whether unrestricted incoming SSH traffic is allowed. */
  public static readonly RESTRICTED_SSH = RESTRICTED_SSH;
  /** AWS-GR_ROOT_ACCOUNT_MFA_ENABLED (detective): Detect whether MFA is enabled for the root user. */
  public static readonly ROOT_ACCOUNT_MFA_ENABLED = ROOT_ACCOUNT_MFA_ENABLED;
  /** AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED (detective): Detect whether public read access to Amazon S3 buckets is allowed. */
  public static readonly S3_BUCKET_PUBLIC_READ_PROHIBITED = S3_BUCKET_PUBLIC_READ_PROHIBITED;
  /** AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED (detective): Detect whether public write access to Amazon S3 buckets is allowed. */
  public static readonly S3_BUCKET_PUBLIC_WRITE_PROHIBITED = S3_BUCKET_PUBLIC_WRITE_PROHIBITED;
  /** AWS-GR_S3_VERSIONING_ENABLED (detective): Detect whether versioning is enabled for Amazon S3 buckets. */
  public static readonly S3_VERSIONING_ENABLED = S3_VERSIONING_ENABLED;

  /** Every control of the catalogue, in name order. */
  public static all(): Control[] {
    return [
      EBS_OPTIMIZED_INSTANCE,
      EC2_VOLUME_INUSE_CHECK,
      ENCRYPTED_VOLUMES,
      IAM_USER_MFA_ENABLED,
      MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS,
      RDS_INSTANCE_PUBLIC_ACCESS_CHECK,
      RDS_SNAPSHOTS_PUBLIC_PROHIBITED,
      RDS_STORAGE_ENCRYPTED,
      RESTRICT_ROOT_USER,
      RESTRICT_ROOT_USER_ACCESS_KEYS,
      RESTRICT_S3_CROSS_REGION_REPLICATION,
      RESTRICT_S3_DELETE_WITHOUT_MFA,
      RESTRICTED_COMMON_PORTS,
      RESTRICTED_SSH,
      ROOT_ACCOUNT_MFA_ENABLED,
      S3_BUCKET_PUBLIC_READ_PROHIBITED,
      S3_BUCKET_PUBLIC_WRITE_PROHIBITED,
      S3_VERSIONING_ENABLED,
    ];
  }

  /**
   * A catalogue control by its name (e.g. `AWS-GR_RESTRICTED_SSH`). Throws for a name the catalogue
   * does not hold, listing the names it does.
   */
  public static byName(name: string): Control {
    const found = ControlCatalogue.all().find((control) => control.name === name);
    if (!found) {
      throw new Error(`[ControlCatalogue] unknown control ${JSON.stringify(name)}; known controls: ${ControlCatalogue.all().map((c) => c.name).join(', ')} (declare others with Control.fromArn)`);
    }
    return found;
  }
}
