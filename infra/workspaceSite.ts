/**
 * The workspace in the browser: the bundled front end (web/buildSite.ts, built once per synth into a temp
 * directory) and its config.json in a private bucket, behind one CloudFront distribution that also proxies
 * the catalog API under /api/* (so the page and the API share an origin and no CORS is needed).
 *
 * - Pages: the bucket through Origin Access Control (only this distribution may read it); a viewer-request
 *   function serves index.html for the app's page paths (infra/workspaceEdgeFunctions.ts).
 * - /api/*: the HTTP API's own domain, never cached, every viewer header but Host forwarded (with caching
 *   disabled that includes Authorization, which the JWT authorizer reads); a function strips `/api`.
 * - Every response carries a strict Content-Security-Policy, HSTS and nosniff. The CSP lets media and
 *   thumbnails come only from the site and the outputs bucket's presigned URLs, and lets scripts talk only
 *   to the site and the Cognito sign-in domain (the token exchange after sign-in).
 *
 * `deploy(config)` uploads the files; it is separate because config.json names the web client, whose
 * callback URL is this distribution's address.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { writeWorkspaceSite } from '../web/buildSite.js';
import { SPA_ROUTING_SOURCE, STRIP_API_PREFIX_SOURCE } from './workspaceEdgeFunctions.js';

/** Where the page finds the API on its own origin. */
export const API_PATH_PREFIX = '/api';

/** What the page reads from `/config.json` at start: where the API is and how to sign in. */
export interface WorkspaceConfig {
  /** Prefix of API requests on the site's origin. */
  readonly apiBase: string;
  readonly auth: {
    readonly kind: 'cognito';
    /** Hosted sign-in base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
    readonly domain: string;
    /** The public web client (authorization code with PKCE). */
    readonly clientId: string;
    readonly scopes: readonly string[];
    /** Path on the site the sign-in redirects back to with `?code=`. */
    readonly redirectPath: string;
  };
}

export interface WorkspaceSiteProps {
  /** Host name of the catalog HTTP API (`<api-id>.execute-api.<region>.amazonaws.com`). */
  readonly apiDomainName: string;
  /** Base URL of the Cognito hosted sign-in; the page exchanges the authorization code there. */
  readonly signInUrl: string;
  /** https origins of presigned clip and thumbnail URLs (the outputs bucket), allowed as media and images. */
  readonly mediaOrigins: readonly string[];
  /** A directory already holding the built site. @default web/buildSite.ts writes one under os.tmpdir() */
  readonly siteDirectory?: string;
}

export class WorkspaceSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeaders: ResponseHeadersPolicy;
  readonly spaRouting: CloudFrontFunction;
  readonly stripApiPrefix: CloudFrontFunction;
  /** The built site this construct deploys. */
  readonly siteDirectory: string;
  private deployment: BucketDeployment | undefined;
  private deployedConfig: WorkspaceConfig | undefined;

  constructor(scope: Construct, id: string, props: WorkspaceSiteProps) {
    super(scope, id);
    this.siteDirectory = props.siteDirectory ?? buildSiteDirectory();
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Only build output, rebuilt by every deploy; the deployment empties it when the stack goes (retainOnDelete: false).
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      // Policy names are per account, not per region: the region keeps two deployments of a stack apart.
      responseHeadersPolicyName: `${Names.uniqueResourceName(this, { maxLength: 80 })}-SecurityHeaders-${Stack.of(this).region}`,
      comment: 'postshow workspace: CSP, HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.signInUrl, props.mediaOrigins), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        // Page paths name shows and clips; other origins learn only the site.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    const viewerFunction = (id: string, code: string, comment: string) =>
      new CloudFrontFunction(this, id, { code: FunctionCode.fromInline(code), runtime: FunctionRuntime.JS_2_0, comment });
    this.spaRouting = viewerFunction('SpaRouting', SPA_ROUTING_SOURCE, 'postshow workspace: page paths -> /index.html');
    this.stripApiPrefix = viewerFunction('StripApiPrefix', STRIP_API_PREFIX_SOURCE, 'postshow workspace: /api/x -> /x for the HTTP API');

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'postshow workspace and catalog API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeaders,
        functionAssociations: [{ function: this.spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        [`${API_PATH_PREFIX}/*`]: {
          origin: new HttpOrigin(props.apiDomainName, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2] }),
          // Bearer tokens travel here: refuse plain HTTP instead of redirecting after the token was sent.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.responseHeaders,
          functionAssociations: [{ function: this.stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.node.addValidation({ validate: () => (this.deployment ? [] : ['WorkspaceSite: deploy(config) was never called, so the site bucket stays empty']) });
  }

  /** `https://<distribution>.cloudfront.net`, without a trailing slash. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** What `deploy` writes to config.json (its tokens resolve at deploy time). */
  get config(): WorkspaceConfig | undefined {
    return this.deployedConfig;
  }

  /**
   * Uploads the built site and config.json, then invalidates the distribution: app.js keeps its name
   * across builds, so cached copies must go (and browsers revalidate: `Cache-Control: no-cache`).
   */
  deploy(config: WorkspaceConfig): BucketDeployment {
    if (this.deployment) throw new Error('WorkspaceSite: deployed already');
    this.deployedConfig = config;
    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.asset(this.siteDirectory), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [CacheControl.noCache()],
      retainOnDelete: false,
      logGroup: new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
    });
    return this.deployment;
  }
}

/** Bundles web/src with esbuild into a fresh temp directory (synchronously: synth cannot wait). */
function buildSiteDirectory(): string {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'postshow-workspace-site-'));
  writeWorkspaceSite(directory);
  return directory;
}

/**
 * The page's Content-Security-Policy. Scripts, style sheets and fonts only from the site (plus inline style attributes); media and images also
 * from presigned URLs of the outputs bucket; fetches to the site (the API is under /api), the sign-in domain
 * (token endpoint) and the outputs bucket (ranged reads); no plugins, no framing, no foreign form targets.
 */
export function contentSecurityPolicy(signInUrl: string, mediaOrigins: readonly string[]): string {
  const media = mediaOrigins.join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Inline style attributes only (bar widths, swatch colours in the review drawn by shared/core/report); they run
    // no script, and script-src stays 'self'.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' ${media}`,
    // blob: the clip page hands the master's <track> its captions as a WebVTT blob made from the SRT sidecar.
    `media-src 'self' blob: ${media}`,
    `connect-src 'self' ${signInUrl} ${media}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
