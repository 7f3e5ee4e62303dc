/**
 * Who may use the workspace and the catalog API: a Cognito user pool (no self sign-up: an admin invites
 * each marketer by email), its hosted sign-in domain, a resource server `postshow` with the scopes `read`
 * and `write`, and two app clients. The web client is public (a browser cannot keep a secret) and only
 * does the authorization-code grant, which the front end runs with PKCE; the machine client is confidential
 * and gets read-only tokens by client credentials, for scripts. The catalog API accepts access tokens
 * of either client (`authorizer()`), each route asking for its scope (infra/catalogRoutes.ts).
 *
 * The web client is added once the site's address is known (`addWebClient`): its callback URL is on the
 * CloudFront distribution, which in turn needs the sign-in domain for its Content-Security-Policy.
 */
import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { API_RESOURCE_SERVER, API_SCOPE_NAMES, apiScope, type ApiScopeName } from './catalogRoutes.js';

/** Where the hosted sign-in sends the browser back with the authorization code, on the site. */
export const AUTH_CALLBACK_PATH = '/auth/callback';

/** Lifetime of access and ID tokens: a stolen token is useful for an hour at most. */
export const ACCESS_TOKEN_VALIDITY = Duration.hours(1);
/** Lifetime of the web client's refresh token: a working day, then the hosted sign-in asks again. */
export const REFRESH_TOKEN_VALIDITY = Duration.hours(12);

/** Scopes the web client asks for at sign-in (also written into the site's config.json). */
export const WEB_CLIENT_SCOPES = ['openid', 'email', apiScope('read'), apiScope('write')] as const;

const SCOPE_DESCRIPTIONS: Readonly<Record<ApiScopeName, string>> = {
  read: 'List and download clips, read shows, reviews, plans and suggestions',
  write: 'Edit, approve and reject clips',
};

export interface WorkspaceAuthProps {
  /**
   * Prefix of the hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`; unique per
   * region across all AWS accounts. @default `postshow-` and the first 8 hex digits of the stack's id
   * (unique per deployed stack, and unlike the account id not worth hiding)
   */
  readonly domainPrefix?: string;
}

export class WorkspaceAuth extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly resourceServer: UserPoolResourceServer;
  /** Confidential client for scripts: client-credentials grant, `postshow/read` only. */
  readonly machineClient: UserPoolClient;
  private webClientOrUndefined: UserPoolClient | undefined;
  private authorizerOrUndefined: HttpUserPoolAuthorizer | undefined;
  private readonly scopes: Readonly<Record<ApiScopeName, OAuthScope>>;

  constructor(scope: Construct, id: string, props: WorkspaceAuthProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Your postshow workspace account',
        emailBody: 'You have been invited to the postshow workspace. Sign in with {username} and the temporary password {####}; you will choose your own password.',
      },
      // The accounts of the people who review clips: kept when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `postshow-${stackIdPrefix(this)}` },
    });
    const serverScopes = API_SCOPE_NAMES.map((name) => ({ name, scope: new ResourceServerScope({ scopeName: name, scopeDescription: SCOPE_DESCRIPTIONS[name] }) }));
    this.resourceServer = this.userPool.addResourceServer('PostshowApi', {
      identifier: API_RESOURCE_SERVER,
      userPoolResourceServerName: 'postshow catalog API',
      scopes: serverScopes.map(({ scope }) => scope),
    });
    this.scopes = Object.fromEntries(serverScopes.map(({ name, scope }) => [name, OAuthScope.resourceServer(this.resourceServer, scope)])) as Record<ApiScopeName, OAuthScope>;

    this.machineClient = this.userPool.addClient('MachineClient', {
      userPoolClientName: 'postshow scripts',
      generateSecret: true,
      // No user sign-in through this client: only the refresh-token flow remains, which CDK always adds.
      authFlows: { userSrp: false },
      oAuth: { flows: { clientCredentials: true }, scopes: [this.scopes.read] },
      accessTokenValidity: ACCESS_TOKEN_VALIDITY,
      enableTokenRevocation: true,
    });
    this.node.addValidation({ validate: () => (this.webClientOrUndefined ? [] : ['WorkspaceAuth: addWebClient(siteUrl) was never called, so nobody can sign in']) });
  }

  /** The hosted sign-in's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  get domainUrl(): string {
    return this.domain.baseUrl();
  }

  /** The browser's client; defined by `addWebClient`. */
  get webClient(): UserPoolClient {
    if (!this.webClientOrUndefined) throw new Error('WorkspaceAuth: addWebClient(siteUrl) has not been called');
    return this.webClientOrUndefined;
  }

  /**
   * The public client the workspace page signs in with: authorization code only (no implicit grant, no
   * secret; the page adds PKCE), redirecting to `<siteUrl>/auth/callback` and back to `<siteUrl>/` on logout.
   */
  addWebClient(siteUrl: string): UserPoolClient {
    if (this.webClientOrUndefined) throw new Error('WorkspaceAuth: the web client exists already');
    this.webClientOrUndefined = this.userPool.addClient('WebClient', {
      userPoolClientName: 'postshow workspace',
      generateSecret: false,
      // SRP only for API sign-in (refresh tokens come with it); the hosted sign-in needs none.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, this.scopes.read, this.scopes.write],
        callbackUrls: [`${siteUrl}${AUTH_CALLBACK_PATH}`],
        logoutUrls: [`${siteUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: ACCESS_TOKEN_VALIDITY,
      idTokenValidity: ACCESS_TOKEN_VALIDITY,
      refreshTokenValidity: REFRESH_TOKEN_VALIDITY,
      enableTokenRevocation: true,
    });
    return this.webClientOrUndefined;
  }

  /**
   * The catalog API's JWT authorizer: Cognito access tokens of the web or the machine client (the
   * audience API Gateway checks against `client_id`), issued by this pool.
   */
  authorizer(): HttpUserPoolAuthorizer {
    // One instance: it creates its AWS::ApiGatewayV2::Authorizer when the first route binds it.
    this.authorizerOrUndefined ??= new HttpUserPoolAuthorizer('Cognito', this.userPool, {
      userPoolClients: [this.webClient, this.machineClient],
      authorizerName: 'cognito-access-token',
    });
    return this.authorizerOrUndefined;
  }
}

/** The first group of the stack id's UUID (`arn:...:stack/<name>/<uuid>`): 8 lowercase hex digits. */
function stackIdPrefix(scope: Construct): string {
  return Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Stack.of(scope).stackId))));
}
