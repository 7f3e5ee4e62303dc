/**
 * The workspace in the synthesised template (real CDK synth, bundling skipped), read as a reviewer would:
 * who can call the API (Cognito access tokens with the route's scope, nothing unauthenticated), who can
 * read the site bucket (only this distribution, through OAC), what the distribution does with /api/* and
 * page paths, which headers every response carries, and what config.json tells the page.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { App, Stack, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_ROUTES } from '../../infra/catalogRoutes.js';
import { PostshowStack } from '../../infra/postshowStack.js';
import { WorkspaceAuth } from '../../infra/workspaceAuth.js';
import { SPA_ROUTING_SOURCE, STRIP_API_PREFIX_SOURCE } from '../../infra/workspaceEdgeFunctions.js';
import { WorkspaceSite } from '../../infra/workspaceSite.js';
import { createStubProject, NO_BUNDLING_CONTEXT } from './stubProject.js';
import { asArray, joinWithNames, resourcesOf, type Resource, type Statement } from './templateQueries.js';

const projectRoot = createStubProject();
afterAll(() => rmSync(projectRoot, { recursive: true, force: true }));

function synth(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...NO_BUNDLING_CONTEXT, ...context } });
  const stack = new PostshowStack(app, 'Test', { projectRoot });
  return { app, stack, template: Template.fromStack(stack) };
}

const { stack, template } = synth();
const logicalId = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as CfnResource);
const only = (type: string): [string, Resource] => {
  const entries = Object.entries(resourcesOf(template, type));
  expect(entries, type).toHaveLength(1);
  return entries[0]!;
};

const userPool = logicalId(stack.auth.userPool);
const webClient = logicalId(stack.auth.webClient);
const machineClient = logicalId(stack.auth.machineClient);
const distribution = logicalId(stack.site.distribution);
const siteBucket = logicalId(stack.site.bucket);
const domain = logicalId(stack.auth.domain);
/** Logical ids -> readable names for joinWithNames. */
const names: Record<string, string> = {
  [distribution]: 'DIST',
  [domain]: 'PREFIX',
  [webClient]: 'WEB-CLIENT-ID',
  [machineClient]: 'MACHINE-CLIENT-ID',
  [userPool]: 'POOL',
  [logicalId(stack.storage.outputs)]: 'OUTPUTS-BUCKET',
  // A resource server's Ref is its identifier.
  [logicalId(stack.auth.resourceServer)]: 'postshow',
};
/** A template value with references and pseudo parameters spelled out. */
const readable = (value: unknown): string =>
  joinWithNames(value, { ...names, 'AWS::Region': 'REGION', 'AWS::URLSuffix': 'amazonaws.com' });

describe('catalog API authorisation', () => {
  const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'));
  const [authorizerId, authorizer] = only('AWS::ApiGatewayV2::Authorizer');

  it('accepts only access tokens of this pool for the web and machine clients', () => {
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    const jwt = authorizer.Properties?.JwtConfiguration as { Audience: unknown[]; Issuer: unknown };
    expect(jwt.Audience).toEqual([{ Ref: webClient }, { Ref: machineClient }]);
    expect(readable(jwt.Issuer)).toBe('https://cognito-idp.REGION.amazonaws.com/POOL');
  });

  it('gives every route of the table the authorizer and its scope, and no other route exists', () => {
    const byKey = Object.fromEntries(routes.map((route) => [route.Properties?.RouteKey as string, route.Properties]));
    expect(Object.keys(byKey).sort()).toEqual(CATALOG_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of CATALOG_ROUTES) {
      const key = `${route.method} ${route.path}`;
      expect(byKey[key], key).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId }, AuthorizationScopes: [`postshow/${route.scope}`] });
      expect(route.scope, key).toBe(route.method === 'GET' ? 'read' : 'write');
    }
  });

  it('leaves no route unauthenticated', () => {
    const open = routes.filter((route) => route.Properties?.AuthorizationType === undefined || route.Properties.AuthorizationType === 'NONE' || !route.Properties.AuthorizerId);
    expect(open).toEqual([]);
  });
});

describe('user pool and clients', () => {
  it('lets only admins create users, signs in by email, asks for strong passwords and is retained', () => {
    const [, pool] = only('AWS::Cognito::UserPool');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
    });
  });

  it('has the resource server postshow with the scopes read and write', () => {
    const [, server] = only('AWS::Cognito::UserPoolResourceServer');
    expect(server.Properties).toMatchObject({ Identifier: 'postshow', UserPoolId: { Ref: userPool } });
    expect((server.Properties?.Scopes as { ScopeName: string }[]).map((scope) => scope.ScopeName)).toEqual(['read', 'write']);
  });

  it('makes the web client public, authorization code only, returning to the distribution, with one-hour tokens', () => {
    const client = resourcesOf(template, 'AWS::Cognito::UserPoolClient')[webClient]?.Properties ?? {};
    expect(client).toMatchObject({ GenerateSecret: false, AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, SupportedIdentityProviders: ['COGNITO'], AccessTokenValidity: 60 });
    expect(client.AllowedOAuthFlows).not.toContain('implicit');
    expect((client.AllowedOAuthScopes as unknown[]).map(readable)).toEqual(['openid', 'email', 'postshow/read', 'postshow/write']);
    expect((client.CallbackURLs as unknown[]).map(readable)).toEqual(['https://DIST/auth/callback']);
    expect((client.LogoutURLs as unknown[]).map(readable)).toEqual(['https://DIST/']);
  });

  it('makes the machine client confidential, client credentials only, postshow/read only', () => {
    const client = resourcesOf(template, 'AWS::Cognito::UserPoolClient')[machineClient]?.Properties ?? {};
    expect(client).toMatchObject({ GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] });
    expect((client.AllowedOAuthScopes as unknown[]).map(readable)).toEqual(['postshow/read']);
  });

  it('names the hosted sign-in domain from the stack id, or from cognitoDomainPrefix, and validates the context', () => {
    const [, derived] = only('AWS::Cognito::UserPoolDomain');
    expect(JSON.stringify(derived.Properties?.Domain)).toContain('AWS::StackId');
    const named = synth({ cognitoDomainPrefix: 'acme-postshow' }).template;
    named.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-postshow' });
    expect(() => synth({ cognitoDomainPrefix: 'my-aws-login' })).toThrow(/CDK context cognitoDomainPrefix: must not contain aws/);
    expect(() => synth({ cognitoDomainPrefix: 'Upper_Case' })).toThrow(/CDK context cognitoDomainPrefix/);
  });
});

describe('site bucket', () => {
  it('is private, encrypted and TLS-only', () => {
    expect(resourcesOf(template, 'AWS::S3::Bucket')[siteBucket]?.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });

  it('lets only this distribution read it (OAC): one Allow, to CloudFront, on GetObject, conditioned on the distribution', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).find((candidate) => (candidate.Properties?.Bucket as { Ref: string }).Ref === siteBucket);
    const statements = (policy?.Properties?.PolicyDocument as { Statement: (Statement & { Principal: unknown })[] }).Statement;
    expect(statements.filter((statement) => statement.Effect === 'Deny').map((statement) => statement.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    expect(readable((allows[0]?.Condition as { StringEquals: Record<string, unknown> }).StringEquals['AWS:SourceArn'])).toBe('arn:?AWS::Partition:cloudfront::?AWS::AccountId:distribution/DIST');
    const [, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties?.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });
});

describe('distribution', () => {
  const config = resourcesOf(template, 'AWS::CloudFront::Distribution')[distribution]?.Properties?.DistributionConfig as {
    DefaultRootObject: string;
    DefaultCacheBehavior: Record<string, unknown>;
    CacheBehaviors: Record<string, unknown>[];
    Origins: { Id: string; DomainName: unknown; S3OriginConfig?: unknown; OriginAccessControlId?: unknown; CustomOriginConfig?: unknown }[];
    CustomErrorResponses?: unknown;
  };
  const functionCode = (association: unknown): string => {
    const id = ((association as { FunctionARN: { 'Fn::GetAtt': [string] } }).FunctionARN)['Fn::GetAtt'][0];
    const fn = resourcesOf(template, 'AWS::CloudFront::Function')[id]?.Properties;
    expect(fn?.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    return fn?.FunctionCode as string;
  };
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
  const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
  const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

  it('serves the site from the bucket through OAC, index.html at /, page paths rewritten by the SPA function, no error-page tricks', () => {
    expect(config.DefaultRootObject).toBe('index.html');
    const origin = config.Origins.find((candidate) => candidate.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(readable(origin?.DomainName)).toBe(`?${siteBucket}`);
    expect(origin?.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'], CachePolicyId: CACHING_OPTIMIZED });
    const associations = config.DefaultCacheBehavior.FunctionAssociations as { EventType: string }[];
    expect(associations.map((association) => association.EventType)).toEqual(['viewer-request']);
    expect(functionCode(associations[0])).toBe(SPA_ROUTING_SOURCE);
    // Error responses would turn the API's 403/404 answers into index.html too.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('sends /api/* to the HTTP API, HTTPS only, uncached, all methods, every viewer header but Host, /api stripped', () => {
    expect(config.CacheBehaviors).toHaveLength(1);
    const api = config.CacheBehaviors[0]!;
    expect(api).toMatchObject({
      PathPattern: '/api/*',
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
    const origin = config.Origins.find((candidate) => candidate.Id === api.TargetOriginId);
    expect(origin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The host part of the API's endpoint, https://<api-id>.execute-api.<region>.amazonaws.com.
    expect(origin?.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId(stack.catalogApi.api), 'ApiEndpoint'] }] }] });
    const associations = api.FunctionAssociations as { EventType: string }[];
    expect(associations.map((association) => association.EventType)).toEqual(['viewer-request']);
    expect(functionCode(associations[0])).toBe(STRIP_API_PREFIX_SOURCE);
  });

  it('adds a strict CSP, HSTS, nosniff and DENY framing to pages and API answers', () => {
    const [policyId, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(config.CacheBehaviors[0]?.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const policyConfig = policy.Properties?.ResponseHeadersPolicyConfig as { Name: unknown; SecurityHeadersConfig: Record<string, Record<string, unknown>> };
    // Names are per account: the region keeps two regions' deployments of one stack apart.
    expect(readable(policyConfig.Name)).toMatch(/-SecurityHeaders-REGION$/);
    const headers = policyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentSecurityPolicy?.Override).toBe(true);
    const csp = Object.fromEntries(
      readable(headers.ContentSecurityPolicy?.ContentSecurityPolicy)
        .split('; ')
        .map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]),
    );
    const outputs = ['https://OUTPUTS-BUCKET.s3.REGION.amazonaws.com', 'https://OUTPUTS-BUCKET.s3.amazonaws.com'];
    expect(csp).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", ...outputs],
      'media-src': ["'self'", 'blob:', ...outputs],
      'connect-src': ["'self'", 'https://PREFIX.auth.REGION.amazoncognito.com', ...outputs],
      'font-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'upgrade-insecure-requests': [],
    });
  });

  it("allows media from exactly the origin the API's presigner signs for (the SDK, virtual-hosted, regional)", async () => {
    // Bucket names are lowercase; an uppercase stand-in would make the SDK fall back to path-style URLs.
    const region = 'eu-west-1';
    const s3 = new S3Client({ region, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
    const presigned = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'postshow-outputs-example', Key: 'shows/s/clips/c01/16x9.mp4' }), { expiresIn: 900 });
    const [, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    const csp = joinWithNames((policy.Properties?.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } }).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy, {
      ...names,
      [logicalId(stack.storage.outputs)]: 'postshow-outputs-example',
      'AWS::Region': region,
      'AWS::URLSuffix': 'amazonaws.com',
    });
    const sources = (directive: string) => csp.split('; ').find((entry) => entry.startsWith(`${directive} `))?.split(' ') ?? [];
    for (const directive of ['media-src', 'img-src', 'connect-src']) expect(sources(directive), directive).toContain(new URL(presigned).origin);
  });
});

describe('site deployment', () => {
  const [, deployment] = only('Custom::CDKBucketDeployment');

  it('uploads the built site and config.json to the site bucket, invalidating the distribution', () => {
    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: { Ref: siteBucket },
      DistributionId: { Ref: distribution },
      DistributionPaths: ['/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
    expect(deployment.Properties?.SourceObjectKeys).toHaveLength(2);
  });

  it('writes config.json with the API base, the sign-in domain, the web client id and its scopes', () => {
    const resolved = stack.resolve(stack.site.config) as { auth: Record<string, unknown> };
    expect({ ...resolved, auth: { ...resolved.auth, domain: readable(resolved.auth.domain), clientId: readable(resolved.auth.clientId) } }).toEqual({
      apiBase: '/api',
      auth: {
        kind: 'cognito',
        domain: 'https://PREFIX.auth.REGION.amazoncognito.com',
        clientId: 'WEB-CLIENT-ID',
        scopes: ['openid', 'email', 'postshow/read', 'postshow/write'],
        redirectPath: '/auth/callback',
      },
    });
    // The second source is config.json: its deploy-time markers are the domain, the region and the web client.
    const markers = Object.values((deployment.Properties?.SourceMarkers as Record<string, unknown>[])[1] ?? {});
    expect(markers).toEqual(expect.arrayContaining([{ Ref: webClient }, { Ref: domain }]));
  });

  it('deploys the front end web/buildSite.ts built', () => {
    const files = readdirSync(stack.site.siteDirectory, { recursive: true }).map(String).sort();
    expect(files).toEqual(expect.arrayContaining(['index.html', path.join('assets', 'app.js')]));
    expect(readFileSync(path.join(stack.site.siteDirectory, 'index.html'), 'utf8')).toContain('<script type="module" src="/assets/app.js"></script>');
  });
});

describe('wiring', () => {
  it('refuses to synthesise a workspace without its web client or its deployment', () => {
    const app = new App({ context: NO_BUNDLING_CONTEXT });
    const half = new Stack(app, 'Half');
    new WorkspaceAuth(half, 'Auth');
    new WorkspaceSite(half, 'Site', { apiDomainName: 'api.example.com', signInUrl: 'https://signin.example.com', mediaOrigins: [], siteDirectory: stack.site.siteDirectory });
    expect(() => app.synth()).toThrow(/addWebClient\(siteUrl\) was never called[\s\S]*deploy\(config\) was never called|deploy\(config\) was never called[\s\S]*addWebClient/);
  });
});

describe('outputs', () => {
  it('prints the workspace URL, the pool, both clients and the sign-in domain', () => {
    const outputs = template.findOutputs('*') as Record<string, { Value: unknown }>;
    expect(readable(outputs.WorkspaceUrl?.Value)).toBe('https://DIST');
    expect(outputs.UserPoolId?.Value).toEqual({ Ref: userPool });
    expect(outputs.WebClientId?.Value).toEqual({ Ref: webClient });
    expect(outputs.MachineClientId?.Value).toEqual({ Ref: machineClient });
    expect(readable(outputs.CognitoDomain?.Value)).toBe('https://PREFIX.auth.REGION.amazoncognito.com');
    expect(asArray(Object.keys(outputs))).toContain('CatalogApiUrl');
  });
});
