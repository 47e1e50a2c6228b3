/**
 * The AWS identity shared by ECR and ECR Public: the SDK's default credential chain, or a role
 * assumed with the CI's OIDC token (aws-role-to-assume).
 */
import { errorMessage, RunError, SlipwayError } from '../core/errors';
import { secrets } from '../core/secrets';
import type { ProviderContext } from './context';
import { requireOidcToken } from './oidc';
import { importCommonJs } from '../core/lazy';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type AwsCredentialSource = () => Promise<AwsCredentials>;

const STS_AUDIENCE = 'sts.amazonaws.com';
const REFRESH_BEFORE_MS = 5 * 60_000;

/** An AWS SDK error's code ("AccessDeniedException"), when it is one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

const EXPIRED_OR_INVALID = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied']);

/**
 * A user-facing error for a failed AWS call: which service and action, what AWS said, and the
 * fix for the usual causes (missing credentials, expired credentials, a missing IAM permission).
 */
export function awsFailure(
  service: string,
  action: string,
  host: string,
  error: unknown,
  permissions = action,
): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const name = awsErrorName(error);
  const said = secrets.redact(errorMessage(error));
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(said)) {
    return new RunError(
      `${service}: no AWS credentials to call ${action} for ${host}: set "aws-role-to-assume" (keyless, with the CI's OIDC token) or provide credentials through the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_PROFILE or an instance role).`,
    );
  }
  if (name !== undefined && EXPIRED_OR_INVALID.has(name)) {
    return new RunError(
      `${service}: AWS rejected the credentials as expired or invalid (${name}) when calling ${action} for ${host}: refresh them (re-run the CI's AWS login step) or use "aws-role-to-assume".`,
    );
  }
  if (name !== undefined && DENIED.has(name)) {
    return new RunError(
      `${service}: AWS denied ${action} for ${host} (${said}): allow the IAM action ${permissions} for the identity Slipway runs as.`,
    );
  }
  return new RunError(`${service}: ${action} for ${host} failed (${name ?? 'error'}: ${said}).`);
}

/** RoleSessionName allows [\w+=,.@-]{2,64}; the CI's run id makes CloudTrail entries findable. */
function sessionName(env: NodeJS.ProcessEnv): string {
  const run = env.GITHUB_RUN_ID ?? env.CI_JOB_ID ?? String(Date.now());
  return `slipway-${run}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

export class AwsIdentity {
  private assumed: Promise<AwsCredentials> | undefined;

  constructor(private readonly ctx: ProviderContext) {}

  /** Where credentials come from, for the log. */
  describe(): string {
    const role = this.ctx.inputs['aws-role-to-assume'];
    return role ? `role ${role} (CI OIDC token)` : 'the AWS default credential chain';
  }

  /**
   * A credential source for an SDK client, or undefined to let the SDK use its default chain
   * (env, web identity file, SSO, profiles, IMDS).
   */
  source(region: string): AwsCredentialSource | undefined {
    const role = this.ctx.inputs['aws-role-to-assume'];
    if (!role) return undefined;
    return async () => {
      const current = this.assumed && (await this.assumed.catch(() => undefined));
      if (current?.expiration && current.expiration.getTime() - REFRESH_BEFORE_MS < Date.now()) {
        this.assumed = undefined;
      }
      this.assumed ??= this.assumeRole(role, region);
      const pending = this.assumed;
      // A failed assumption is not cached: the next call tries again.
      pending.catch(() => {
        if (this.assumed === pending) this.assumed = undefined;
      });
      return pending;
    };
  }

  private async assumeRole(roleArn: string, region: string): Promise<AwsCredentials> {
    const webIdentityToken = await requireOidcToken(this.ctx, STS_AUDIENCE, 'aws-role-to-assume');
    const { STSClient, AssumeRoleWithWebIdentityCommand } = await importCommonJs(
      () => import('@aws-sdk/client-sts'),
    );
    const sts = new STSClient({ region });
    try {
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName(this.ctx.env),
          WebIdentityToken: webIdentityToken,
          DurationSeconds: 3600,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new RunError(
          `AWS STS returned no credentials for role ${roleArn}; check the role and try again.`,
        );
      }
      secrets.add(c.SecretAccessKey);
      secrets.add(c.SessionToken);
      this.ctx.logger.info(
        `aws: assumed ${out.AssumedRoleUser?.Arn ?? roleArn} with the CI's OIDC token`,
      );
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    } catch (error) {
      throw assumeRoleFailure(roleArn, error);
    } finally {
      sts.destroy();
    }
  }
}

function assumeRoleFailure(roleArn: string, error: unknown): RunError {
  if (error instanceof RunError) return error;
  const name = awsErrorName(error);
  // Modeled STS errors carry an "Exception" suffix in the SDK (InvalidIdentityTokenException).
  const code = name?.replace(/Exception$/, '');
  const said = secrets.redact(errorMessage(error));
  if (code === 'AccessDenied') {
    return new RunError(
      `AWS STS denied AssumeRoleWithWebIdentity for "aws-role-to-assume" ${roleArn} (${said}): the role's trust policy must allow sts:AssumeRoleWithWebIdentity for the CI's OIDC provider with aud ${STS_AUDIENCE} and a sub condition matching this repository and branch.`,
    );
  }
  if (code === 'InvalidIdentityToken' || code === 'IDPRejectedClaim' || code === 'ExpiredToken') {
    return new RunError(
      `AWS STS rejected the CI's OIDC token for "aws-role-to-assume" ${roleArn} (${name}: ${said}): add the CI's OIDC issuer as an IAM identity provider with audience ${STS_AUDIENCE}, and use a fresh token.`,
    );
  }
  return new RunError(
    `AWS STS AssumeRoleWithWebIdentity for "aws-role-to-assume" ${roleArn} failed (${name ?? 'error'}: ${said}).`,
  );
}
