import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export type PostshowStackProps = StackProps;

/** postshow's AWS resources. Data buckets are retained: they hold users' recordings and clips. */
export class PostshowStack extends Stack {
  readonly recordings: Bucket;
  readonly outputs: Bucket;

  constructor(scope: Construct, id: string, props: PostshowStackProps = {}) {
    super(scope, id, props);
    const dataBucket = (name: string) =>
      new Bucket(this, name, {
        encryption: BucketEncryption.S3_MANAGED,
        blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: false,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.recordings = dataBucket('Recordings');
    this.outputs = dataBucket('Outputs');
    new CfnOutput(this, 'RecordingsBucketName', { value: this.recordings.bucketName });
    new CfnOutput(this, 'OutputsBucketName', { value: this.outputs.bucketName });
  }
}
