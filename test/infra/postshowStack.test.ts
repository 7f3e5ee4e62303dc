/**
 * The synthesised template (bundling skipped; stub entries stand in for functions/lambda/*.ts),
 * read as a reviewer would: data resources locked down, one queue + DLQ per stage, each function's
 * environment and grants exactly what its stage needs, every API route behind the Cognito JWT
 * authorizer, alarms everywhere. The workspace (user pool, site, distribution) is read in
 * workspace.test.ts. Expectations are written out here from the contract, not derived from infra/stageConfig.ts.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { PostshowStack, type PostshowStackProps } from '../../infra/postshowStack.js';
import { unzippedSizeValidation } from '../../infra/sizeBudget.js';
import { DEFAULT_MAX_CONCURRENCY, STAGE_SIZING } from '../../infra/stageConfig.js';
import { API_THROTTLING } from '../../infra/catalogApi.js';
import { STAGES, type StageName } from '../../shared/pipeline/messages.js';
import { createStubProject, NO_BUNDLING_CONTEXT } from './stubProject.js';
import { asArray, joinWithNames, resourcesOf, roleOfFunction, statementsOfRole, target, type Resource, type Statement } from './templateQueries.js';

const projectRoot = createStubProject();
afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));

/** Variants skip CDK's built-in CloudFormation validation (seconds each); the main template runs it. */
function synth(context: Record<string, unknown> = {}, props: Partial<PostshowStackProps> = {}, validate = false) {
  const app = new App({ context: { ...NO_BUNDLING_CONTEXT, ...context }, builtinCloudFormationValidation: validate });
  const stack = new PostshowStack(app, 'Test', { projectRoot, ...props });
  return { app, stack, template: Template.fromStack(stack) };
}

const { app, stack, template } = synth({}, {}, true);
const logicalId = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as CfnResource);

/** logical id -> readable name: 'recordings', 'outputs', '<stage>', '<stage>-dlq', 'table', 'secret'. */
const names: Record<string, string> = {
  [logicalId(stack.storage.recordings)]: 'recordings',
  [logicalId(stack.storage.outputs)]: 'outputs',
  [logicalId(stack.catalogApi.handler)]: 'catalogApi',
  ...Object.fromEntries(Object.entries(template.findResources('AWS::DynamoDB::Table')).map(([id]) => [id, 'table'])),
  ...Object.fromEntries(Object.entries(template.findResources('AWS::SecretsManager::Secret')).map(([id]) => [id, 'secret'])),
};
for (const stage of STAGES) {
  names[logicalId(stack.pipeline.queues[stage].queue)] = stage;
  names[logicalId(stack.pipeline.queues[stage].deadLetterQueue)] = `${stage}-dlq`;
  names[logicalId(stack.pipeline.functions[stage])] = `${stage}-function`;
}

const functions = resourcesOf(template, 'AWS::Lambda::Function');
const ourFunctions = Object.entries(functions).filter(([id]) => names[id]?.endsWith('-function') || names[id] === 'catalogApi');
const stageFunction = (stage: StageName): Resource => {
  const fn = functions[logicalId(stack.pipeline.functions[stage])];
  if (!fn) throw new Error(`no function for ${stage}`);
  return fn;
};
const environmentOf = (fn: Resource) => (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
const actionsOf = (statement: Statement) => asArray(statement.Action);

/** What a function's role may do, in words: 'send:audio', 's3:outputs:write:shows/*', 'dynamodb:read', 'secret'. */
function grantsOf(fn: Resource): string[] {
  const grants = new Set<string>();
  const tableActions: string[] = [];
  for (const statement of statementsOfRole(template, roleOfFunction(fn))) {
    const actions = actionsOf(statement);
    const resources = asArray(statement.Resource).map(target).filter((ref) => ref !== undefined);
    for (const { id, suffix } of resources) {
      const name = names[id] ?? id;
      if (actions.includes('sqs:SendMessage')) grants.add(`send:${name}`);
      if (actions.includes('sqs:ReceiveMessage')) grants.add(`receive:${name}`);
      if (suffix) {
        if (actions.includes('s3:GetObject*')) grants.add(`s3:${name}:read:${suffix.slice(1)}`);
        if (actions.includes('s3:PutObject')) grants.add(`s3:${name}:write:${suffix.slice(1)}`);
        if (actions.some((action) => action.startsWith('s3:DeleteObject'))) grants.add(`s3:${name}:delete:${suffix.slice(1)}`);
      }
      if (name === 'table') tableActions.push(...actions);
      if (actions.includes('secretsmanager:GetSecretValue')) grants.add(`read:${name}`);
    }
  }
  if (tableActions.length > 0) grants.add(tableActions.includes('dynamodb:PutItem') ? 'dynamodb:readwrite' : 'dynamodb:read');
  return [...grants].sort();
}

const OPENAI_STAGES: readonly StageName[] = ['audio', 'transcribe', 'analyze', 'clip', 'suggest'];
const MEDIA_STAGES: readonly StageName[] = ['ingest', 'audio', 'transcribe', 'clip'];
const NEXT: Record<StageName, StageName[]> = {
  ingest: ['audio'],
  audio: ['transcribe'],
  transcribe: ['analyze'],
  analyze: ['clip', 'suggest'],
  clip: ['suggest', 'catalog'],
  suggest: ['catalog'],
  catalog: ['report'],
  report: [],
};

it("passes CDK's built-in CloudFormation template validation", () => {
  const report = path.join(app.outdir, 'validation-report.json');
  // CDK_VALIDATION=false (a developer's shortcut) turns the validation off; otherwise it must have run.
  if (process.env.CDK_VALIDATION === 'false') return;
  expect(existsSync(report)).toBe(true);
  const reports = (JSON.parse(readFileSync(report, 'utf8')) as { pluginReports: { violations?: unknown[] }[] }).pluginReports;
  expect(reports.flatMap((entry) => entry.violations ?? [])).toEqual([]);
});

describe('data resources', () => {
  it('keeps every bucket encrypted, private and TLS-only, the data buckets retained; CORS only for reads of the outputs bucket', () => {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    // recordings, outputs and the workspace site.
    expect(Object.keys(buckets)).toHaveLength(3);
    for (const data of [stack.storage.recordings, stack.storage.outputs]) expect(buckets[logicalId(data)]?.DeletionPolicy).toBe('Retain');
    expect(buckets[logicalId(stack.storage.recordings)]?.Properties?.CorsConfiguration).toBeUndefined();
    expect(buckets[logicalId(stack.site.bucket)]?.Properties?.CorsConfiguration).toBeUndefined();
    expect(buckets[logicalId(stack.storage.outputs)]?.Properties?.CorsConfiguration).toEqual({
      CorsRules: [
        { AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: ['*'], AllowedHeaders: ['Range'], ExposedHeaders: ['Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag'], MaxAge: 3600 },
      ],
    });
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it('expires intermediate/ after 7 days and aborts stale multipart uploads on both buckets', () => {
    const rules = (bucket: 'recordings' | 'outputs') =>
      (resourcesOf(template, 'AWS::S3::Bucket')[logicalId(stack.storage[bucket])]?.Properties?.LifecycleConfiguration as { Rules: object[] }).Rules;
    const abort = expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' });
    expect(rules('recordings')).toEqual([abort]);
    expect(rules('outputs')).toEqual(
      expect.arrayContaining([abort, expect.objectContaining({ Prefix: 'intermediate/', ExpirationInDays: 7, Status: 'Enabled' })]),
    );
    expect(rules('outputs')).toHaveLength(2);
  });

  it('sends object-created events under recordings/ of the recordings bucket to the ingest queue', () => {
    template.resourceCountIs('Custom::S3BucketNotifications', 1);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: logicalId(stack.storage.recordings) },
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'recordings/' }] } },
            QueueArn: { 'Fn::GetAtt': [logicalId(stack.pipeline.queues.ingest.queue), 'Arn'] },
          },
        ],
      },
    });
  });

  it('has the catalog table of the contract: pk/sk strings, on demand, point-in-time recovery, retained, no GSIs', () => {
    const tables = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    expect(tables[0]?.DeletionPolicy).toBe('Retain');
    expect(tables[0]?.Properties).toEqual({
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });
});

describe('stage queues', () => {
  const queues = resourcesOf(template, 'AWS::SQS::Queue');

  it('gives every stage a queue with its own DLQ after 3 receives; all encrypted, TLS-only, dead letters kept 14 days', () => {
    expect(Object.keys(queues)).toHaveLength(16);
    const deadLetterTargets = new Set<string>();
    for (const stage of STAGES) {
      const queue = queues[logicalId(stack.pipeline.queues[stage].queue)];
      const redrive = queue?.Properties?.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number };
      expect(redrive.maxReceiveCount).toBe(3);
      expect(names[target(redrive.deadLetterTargetArn)?.id ?? '']).toBe(`${stage}-dlq`);
      deadLetterTargets.add(target(redrive.deadLetterTargetArn)?.id ?? '');
      expect(queues[target(redrive.deadLetterTargetArn)?.id ?? '']?.Properties?.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
    expect(deadLetterTargets.size).toBe(8);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    }
  });

  it("keeps each queue's visibility timeout above its consumer's timeout, with batch failures reported per message", () => {
    const mappings = Object.values(resourcesOf(template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(8);
    const consumed = new Set<string>();
    for (const mapping of mappings) {
      const queueName = names[target(mapping.Properties?.EventSourceArn)?.id ?? ''] as StageName;
      const fnId = target(mapping.Properties?.FunctionName)?.id ?? '';
      expect(names[fnId]).toBe(`${queueName}-function`);
      consumed.add(queueName);
      const visibility = queues[logicalId(stack.pipeline.queues[queueName].queue)]?.Properties?.VisibilityTimeout as number;
      expect(visibility).toBeGreaterThan(functions[fnId]?.Properties?.Timeout as number);
      expect(mapping.Properties?.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    }
    expect([...consumed].sort()).toEqual([...STAGES].sort());
  });

  it('runs long media stages one message at a time and caps every stage: SQS maxConcurrency and as much reserved concurrency (overridable)', () => {
    const mappingOf = (tpl: Template, s: Stack, stage: StageName) =>
      Object.values(resourcesOf(tpl, 'AWS::Lambda::EventSourceMapping')).find(
        (mapping) => target(mapping.Properties?.FunctionName)?.id === s.getLogicalId((s as PostshowStack).pipeline.functions[stage].node.defaultChild as CfnResource),
      )?.Properties;
    for (const stage of ['audio', 'clip', 'transcribe'] as const) expect(mappingOf(template, stack, stage)?.BatchSize).toBe(1);
    const functionsById = resourcesOf(template, 'AWS::Lambda::Function');
    const reservedOf = (tpl: Template, s: PostshowStack, stage: StageName) =>
      resourcesOf(tpl, 'AWS::Lambda::Function')[s.getLogicalId(s.pipeline.functions[stage].node.defaultChild as CfnResource)]?.Properties?.ReservedConcurrentExecutions;
    let reserved = 0;
    for (const stage of STAGES) {
      expect(mappingOf(template, stack, stage)?.ScalingConfig).toEqual({ MaximumConcurrency: DEFAULT_MAX_CONCURRENCY[stage] });
      // Reserved as much as the queue may start: a backlog neither starves the account nor is starved by it.
      expect(reservedOf(template, stack, stage)).toBe(DEFAULT_MAX_CONCURRENCY[stage]);
      reserved += DEFAULT_MAX_CONCURRENCY[stage];
    }
    // Modest next to an account's default 1,000 (AWS keeps 100 unreserved).
    expect(reserved).toBeLessThanOrEqual(60);
    expect(Object.keys(functionsById).length).toBeGreaterThan(0);
    // Media stages' caps times their memory stay bounded: at most ~30 GB of ffmpeg stages at once.
    const mediaMemoryMiB = (['ingest', 'audio', 'transcribe', 'clip'] as const).reduce((sum, stage) => sum + DEFAULT_MAX_CONCURRENCY[stage] * STAGE_SIZING[stage].memoryMiB, 0);
    expect(mediaMemoryMiB).toBeLessThan(60 * 1024);

    const capped = synth({}, { maxConcurrency: { transcribe: 3 } });
    expect(mappingOf(capped.template, capped.stack, 'transcribe')?.ScalingConfig).toEqual({ MaximumConcurrency: 3 });
    expect(reservedOf(capped.template, capped.stack, 'transcribe')).toBe(3);
    // Accounts too small to reserve from: still capped by the queues, nothing reserved.
    const unreserved = synth({ reserveConcurrency: 'false' });
    for (const stage of STAGES) {
      expect(reservedOf(unreserved.template, unreserved.stack, stage)).toBeUndefined();
      expect(mappingOf(unreserved.template, unreserved.stack, stage)?.ScalingConfig).toEqual({ MaximumConcurrency: DEFAULT_MAX_CONCURRENCY[stage] });
    }
  });
});

describe('stage functions', () => {
  it('run Node.js 22 on x86_64 with active tracing and a 30-day log group', () => {
    expect(ourFunctions).toHaveLength(9);
    const logGroups = resourcesOf(template, 'AWS::Logs::LogGroup');
    for (const [, fn] of ourFunctions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['x86_64'], Handler: 'index.handler', TracingConfig: { Mode: 'Active' } });
      const logGroup = logGroups[target((fn.Properties?.LoggingConfig as { LogGroup: unknown }).LogGroup)?.id ?? ''];
      expect(logGroup?.Properties?.RetentionInDays).toBe(30);
    }
  });

  it('have exactly the environment of the contract', () => {
    for (const stage of STAGES) {
      const env = environmentOf(stageFunction(stage));
      const expected = [
        'POSTSHOW_STAGE', 'RECORDINGS_BUCKET', 'OUTPUTS_BUCKET', 'STAGE_QUEUE_URLS', 'DEAD_LETTER_QUEUE_URL', 'MAX_ATTEMPTS',
        'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'NODE_OPTIONS',
        ...(stage === 'catalog' ? ['CATALOG_TABLE'] : []),
        ...(OPENAI_STAGES.includes(stage) ? ['OPENAI_SECRET_ARN'] : []),
        ...(MEDIA_STAGES.includes(stage) ? ['FFMPEG_PATH', 'FFPROBE_PATH', 'POSTSHOW_FONTS_DIR', 'POSTSHOW_CAPTION_FONT'] : []),
      ];
      expect(Object.keys(env).sort(), stage).toEqual(expected.sort());
      expect(env).toMatchObject({ POSTSHOW_STAGE: stage, MAX_ATTEMPTS: '3', POWERTOOLS_SERVICE_NAME: 'postshow', POWERTOOLS_METRICS_NAMESPACE: 'Postshow' });
      expect(names[target(env.RECORDINGS_BUCKET)?.id ?? '']).toBe('recordings');
      expect(names[target(env.OUTPUTS_BUCKET)?.id ?? '']).toBe('outputs');
      expect(names[target(env.DEAD_LETTER_QUEUE_URL)?.id ?? '']).toBe(`${stage}-dlq`);
      // STAGE_QUEUE_URLS names only the queues this stage sends to, each pointing at that stage's queue.
      const urls = JSON.parse(joinWithNames(env.STAGE_QUEUE_URLS, names)) as Record<string, string>;
      expect(urls, stage).toEqual(Object.fromEntries(NEXT[stage].map((next) => [next, next])));
      if (MEDIA_STAGES.includes(stage)) {
        expect(env).toMatchObject({ FFMPEG_PATH: '/opt/bin/ffmpeg', FFPROBE_PATH: '/opt/bin/ffprobe', POSTSHOW_FONTS_DIR: '/opt/fonts', POSTSHOW_CAPTION_FONT: stack.captionFont.family });
      }
    }
  });

  it('get the ffmpeg layer only on media stages and the native-modules layer everywhere', () => {
    const ffmpeg = logicalId(stack.layers.ffmpeg);
    const native = logicalId(stack.layers.native);
    for (const stage of STAGES) {
      const layers = (stageFunction(stage).Properties?.Layers as unknown[]).map((layer) => target(layer)?.id);
      expect(layers.sort(), stage).toEqual((MEDIA_STAGES.includes(stage) ? [native, ffmpeg] : [native]).sort());
    }
  });

  it("fail synth when a function and its layers exceed Lambda's 250 MB unzipped", () => {
    const layers = stack.layers.nativeBytes + stack.layers.ffmpegBytes;
    expect(layers).toBeLessThan(220_000_000);
    expect(unzippedSizeValidation(() => [{ fn: stack.pipeline.functions.clip, layerBytes: layers }]).validate()).toEqual([]);
    const errors = unzippedSizeValidation(() => [{ fn: stack.pipeline.functions.clip, layerBytes: 300_000_000 }]).validate();
    expect(errors).toEqual([expect.stringMatching(/Test\/Pipeline\/ClipFunction: code 0\.0 MB \+ layers 300\.0 MB exceeds Lambda's 262\.1 MB unzipped limit/)]);
  });

  it('are sized per stage: long media stages get 15 minutes and room in /tmp, light stages little memory', () => {
    expect(stageFunction('audio').Properties).toMatchObject({ Timeout: 900, EphemeralStorage: { Size: 4096 } });
    expect(stageFunction('clip').Properties).toMatchObject({ Timeout: 900 });
    for (const stage of ['audio', 'clip'] as const) expect(stageFunction(stage).Properties?.MemorySize).toBeGreaterThanOrEqual(3008);
    for (const stage of ['catalog', 'report', 'ingest'] as const) expect(stageFunction(stage).Properties?.MemorySize).toBeLessThanOrEqual(1024);
  });
});

describe('IAM', () => {
  const dataAction = /^(s3|sqs|dynamodb):/;

  it('has no wildcard action and no wildcard resource on data actions in any policy', () => {
    const policies = [...Object.values(resourcesOf(template, 'AWS::IAM::Policy')), ...Object.values(resourcesOf(template, 'AWS::IAM::ManagedPolicy'))];
    const statements = policies.flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
    expect(statements.length).toBeGreaterThan(30);
    for (const statement of statements) {
      for (const action of actionsOf(statement)) expect(action).not.toMatch(/^\*$|^[a-z0-9-]+:\*$/);
      if (actionsOf(statement).some((action) => dataAction.test(action))) expect(asArray(statement.Resource)).not.toContain('*');
    }
  });

  const own = (stage: StageName) => [`receive:${stage}`, `send:${stage}-dlq`];
  const expectedGrants: Record<StageName, string[]> = {
    ingest: [...own('ingest'), 'send:audio', 's3:recordings:read:recordings/*', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*', 's3:outputs:delete:shows/*'],
    audio: [...own('audio'), 'send:transcribe', 's3:recordings:read:recordings/*', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*', 's3:outputs:write:intermediate/*', 'read:secret'],
    transcribe: [...own('transcribe'), 'send:analyze', 's3:outputs:read:shows/*', 's3:outputs:read:intermediate/*', 's3:outputs:write:shows/*', 'read:secret'],
    analyze: [...own('analyze'), 'send:clip', 'send:suggest', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*', 'read:secret'],
    clip: [...own('clip'), 'send:suggest', 'send:catalog', 's3:recordings:read:recordings/*', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*', 'read:secret'],
    suggest: [...own('suggest'), 'send:catalog', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*', 'read:secret'],
    catalog: [...own('catalog'), 'send:report', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*', 'dynamodb:readwrite'],
    report: [...own('report'), 's3:outputs:read:shows/*', 's3:outputs:write:shows/*'],
  };

  it.each(STAGES)('grants the %s stage only what it needs', (stage) => {
    expect(grantsOf(stageFunction(stage))).toEqual([...expectedGrants[stage]].sort());
  });

  it('lets only the OpenAI-calling stages read the secret, and nothing else in the template', () => {
    const readers = Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties?.PolicyDocument as { Statement: Statement[] }).Statement.some((statement) => actionsOf(statement).includes('secretsmanager:GetSecretValue')))
      .flatMap((policy) => asArray(policy.Properties?.Roles as unknown[]).map((role) => target(role)?.id));
    const readerFunctions = ourFunctions.filter(([, fn]) => readers.includes(roleOfFunction(fn))).map(([id]) => names[id]);
    expect(readerFunctions.sort()).toEqual(OPENAI_STAGES.map((stage) => `${stage}-function`).sort());
    expect(readers).toHaveLength(OPENAI_STAGES.length);
  });

  it('gives the catalog API read-only table access, reads of shows/, writes of edit and review records only, and sends to the clip and catalog queues', () => {
    const api = functions[logicalId(stack.catalogApi.handler)];
    if (!api) throw new Error('no catalog API function');
    expect(grantsOf(api)).toEqual(
      ['dynamodb:read', 's3:outputs:read:shows/*', 's3:outputs:write:shows/*/clips/*/edits/*', 's3:outputs:write:shows/*/clips/*/review.json', 'send:clip', 'send:catalog'].sort(),
    );
    const tableActions = statementsOfRole(template, roleOfFunction(api)).flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'));
    expect(tableActions.filter((action) => /Put|Update|Delete|Write/.test(action))).toEqual([]);
    expect(Object.keys(environmentOf(api)).sort()).toEqual(
      ['CATALOG_TABLE', 'RECORDINGS_BUCKET', 'OUTPUTS_BUCKET', 'STAGE_QUEUE_URLS', 'DOWNLOAD_URL_SECONDS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'NODE_OPTIONS'].sort(),
    );
    expect(environmentOf(api).DOWNLOAD_URL_SECONDS).toBe('900');
    expect(JSON.parse(joinWithNames(environmentOf(api).STAGE_QUEUE_URLS, names))).toEqual({ clip: 'clip', catalog: 'catalog' });
  });
});

describe('catalog API', () => {
  const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));

  it('serves the contract routes through the catalog Lambda', () => {
    expect(routes.map((route) => route.Properties?.RouteKey).sort()).toEqual([
      'GET /channels/{channel}/plan',
      'GET /clips',
      'GET /clips/{showId}/{clipId}',
      'GET /shows',
      'GET /shows/{showId}',
      'GET /shows/{showId}/export',
      'GET /shows/{showId}/review',
      'GET /shows/{showId}/status',
      'GET /suggestions',
      'POST /clips/{showId}/{clipId}/approve',
      'POST /clips/{showId}/{clipId}/edit',
      'POST /clips/{showId}/{clipId}/reject',
    ]);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [logicalId(stack.catalogApi.handler), 'Arn'] },
    });
  });

  it('puts every route behind the one JWT authorizer: postshow/read on GET, postshow/write on POST', () => {
    const authorizers = Object.keys(resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizers).toHaveLength(1);
    for (const route of routes) {
      const routeKey = route.Properties?.RouteKey as string;
      expect(route.Properties, routeKey).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizers[0] } });
      expect(route.Properties?.AuthorizationScopes, routeKey).toEqual([routeKey.startsWith('GET ') ? 'postshow/read' : 'postshow/write']);
    }
  });

  it('leaves no IAM way in: no managed invoke policies, no AWS_IAM route', () => {
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(routes.filter((route) => route.Properties?.AuthorizationType !== 'JWT')).toEqual([]);
  });
});

describe('observability', () => {
  const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
  const topic = Object.keys(template.findResources('AWS::SNS::Topic'))[0];

  it('alarms on any message in each DLQ', () => {
    for (const stage of STAGES) {
      const dlq = logicalId(stack.pipeline.queues[stage].deadLetterQueue);
      const alarm = alarms.find(
        (candidate) => candidate.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(candidate.Properties?.Dimensions).includes(dlq),
      );
      expect(alarm?.Properties, stage).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: topic }] });
    }
  });

  it("alarms on each function's errors", () => {
    for (const [id] of ourFunctions) {
      const alarm = alarms.find((candidate) => candidate.Properties?.MetricName === 'Errors' && JSON.stringify(candidate.Properties?.Dimensions).includes(`"${id}"`));
      expect(alarm?.Properties, names[id]).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: topic }] });
    }
    expect(alarms).toHaveLength(8 + 9);
  });

  it('encrypts the alarm topic with a rotated key CloudWatch may use', () => {
    const topics = Object.values(resourcesOf(template, 'AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    const keyId = target(topics[0]?.Properties?.KmsMasterKeyId)?.id;
    const key = keyId ? resourcesOf(template, 'AWS::KMS::Key')[keyId] : undefined;
    expect(key?.Properties?.EnableKeyRotation).toBe(true);
    const statements = asArray((key?.Properties?.KeyPolicy as { Statement?: unknown })?.Statement) as (Statement & { Principal?: unknown })[];
    const cloudwatch = statements.find((statement) => JSON.stringify(statement.Principal ?? {}).includes('cloudwatch.amazonaws.com'));
    expect(asArray(cloudwatch?.Action)).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']));
  });

  it('throttles the catalog API and logs every request as JSON to a log group kept a month', () => {
    const stages = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const properties = stages[0]?.Properties as { DefaultRouteSettings?: Record<string, number>; AccessLogSettings?: { DestinationArn?: unknown; Format?: string } };
    expect(properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: API_THROTTLING.rateLimit, ThrottlingBurstLimit: API_THROTTLING.burstLimit });
    const format = JSON.parse(properties.AccessLogSettings?.Format ?? '{}') as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', path: '$context.path' });
    const logGroupId = target(properties.AccessLogSettings?.DestinationArn)?.id;
    expect(logGroupId && resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]?.Properties?.RetentionInDays).toBe(30);
  });

  it('exports what an operator needs', () => {
    const outputs = Object.keys(template.findOutputs('*'));
    expect(outputs).toEqual(
      expect.arrayContaining([
        'RecordingsBucketName', 'OutputsBucketName', 'CatalogApiUrl', 'CatalogTableName', 'OpenAiSecretArn', 'IngestQueueUrl', 'AlarmTopicArn',
        'WorkspaceUrl', 'UserPoolId', 'WebClientId', 'MachineClientId', 'CognitoDomain',
      ]),
    );
    expect(outputs).not.toContain('CatalogApiInvokePolicyArn');
    expect(outputs).not.toContain('CatalogApiReviewPolicyArn');
  });
});

describe('CDK context', () => {
  it('creates a placeholder secret by default and imports an existing one from openAiSecretArn', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:postshow/openai-AbCdEf';
    const imported = synth({ openAiSecretArn: arn });
    imported.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    expect(environmentOf(Object.values(imported.template.findResources('AWS::Lambda::Function')).find((fn) => environmentOf(fn as Resource)?.POSTSHOW_STAGE === 'audio') as Resource).OPENAI_SECRET_ARN).toBe(arn);
    imported.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: arn })]) },
    });
  });

  it('subscribes alarmEmail to the alarm topic, and rejects malformed context naming the key', () => {
    synth({ alarmEmail: 'ops@example.com' }).template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(() => synth({ alarmEmail: 'not an address' })).toThrow(/CDK context alarmEmail/);
    expect(() => synth({ openAiSecretArn: 'openai' })).toThrow(/CDK context openAiSecretArn/);
    expect(() => synth({ captionFont: '/no/such/font.ttc' })).toThrow(/CDK context captionFont/);
  });
});
