/**
 * Alarms to one SNS topic (optionally mailed, CDK context `alarmEmail`): a message in any DLQ is a
 * show that stopped, and any function error (crash, timeout, out of memory; handled stage failures
 * are reported per message and do not count) needs a look.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

const PERIOD = Duration.minutes(5);

export interface PipelineAlarmsProps {
  readonly email?: string;
}

export class PipelineAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps = {}) {
    super(scope, id);
    // Alarm messages name functions and queues: encrypted at rest with a key of our own, rotated yearly.
    // CloudWatch must be allowed to use it, or alarms fail to publish to an encrypted topic without a word.
    const key = new Key(this, 'TopicKey', { description: 'postshow alarm topic', enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY, pendingWindow: Duration.days(7) });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'postshow alarms', enforceSSL: true, masterKey: key });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  watchDeadLetters(id: string, queue: IQueue, what: string): Alarm {
    return this.alarm(id, {
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
      alarmDescription: `Messages in the ${what} dead-letter queue: a show stopped at this stage. Read the failure in the show's status.json, then redrive or delete.`,
    });
  }

  watchErrors(id: string, fn: IFunction, what: string): Alarm {
    return this.alarm(id, {
      metric: fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
      alarmDescription: `${what} failed as a whole (crash, timeout or out of memory); its batch will be redelivered.`,
    });
  }

  private alarm(id: string, props: { metric: Alarm['metric']; alarmDescription: string }): Alarm {
    const alarm = new Alarm(this, id, {
      ...props,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data means no messages or no invocations: nothing wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
