#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  requireOidcToken
} from "./chunk-X6WEFAWC.js";
import {
  importCommonJs
} from "./chunk-WKKBWN5R.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  RunError,
  SlipwayError,
  errorMessage
} from "./chunk-B27IFLT6.js";

// src/providers/aws.ts
var STS_AUDIENCE = "sts.amazonaws.com";
var REFRESH_BEFORE_MS = 5 * 6e4;
function awsErrorName(error) {
  if (typeof error !== "object" || error === null) return void 0;
  const name = error.name;
  return typeof name === "string" ? name : void 0;
}
var EXPIRED_OR_INVALID = /* @__PURE__ */ new Set([
  "ExpiredTokenException",
  "ExpiredToken",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch"
]);
var DENIED = /* @__PURE__ */ new Set(["AccessDeniedException", "AccessDenied"]);
function awsFailure(service, action, host, error, permissions = action) {
  if (error instanceof SlipwayError) return error;
  const name = awsErrorName(error);
  const said = secrets.redact(errorMessage(error));
  if (name === "CredentialsProviderError" || /could not load credentials/i.test(said)) {
    return new RunError(
      `${service}: no AWS credentials to call ${action} for ${host}: set "aws-role-to-assume" (keyless, with the CI's OIDC token) or provide credentials through the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_PROFILE or an instance role).`
    );
  }
  if (name !== void 0 && EXPIRED_OR_INVALID.has(name)) {
    return new RunError(
      `${service}: AWS rejected the credentials as expired or invalid (${name}) when calling ${action} for ${host}: refresh them (re-run the CI's AWS login step) or use "aws-role-to-assume".`
    );
  }
  if (name !== void 0 && DENIED.has(name)) {
    return new RunError(
      `${service}: AWS denied ${action} for ${host} (${said}): allow the IAM action ${permissions} for the identity Slipway runs as.`
    );
  }
  return new RunError(`${service}: ${action} for ${host} failed (${name ?? "error"}: ${said}).`);
}
function sessionName(env) {
  const run = env.GITHUB_RUN_ID ?? env.CI_JOB_ID ?? String(Date.now());
  return `slipway-${run}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}
var AwsIdentity = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  assumed;
  /** Where credentials come from, for the log. */
  describe() {
    const role = this.ctx.inputs["aws-role-to-assume"];
    return role ? `role ${role} (CI OIDC token)` : "the AWS default credential chain";
  }
  /**
   * A credential source for an SDK client, or undefined to let the SDK use its default chain
   * (env, web identity file, SSO, profiles, IMDS).
   */
  source(region) {
    const role = this.ctx.inputs["aws-role-to-assume"];
    if (!role) return void 0;
    return async () => {
      const current = this.assumed && await this.assumed.catch(() => void 0);
      if (current?.expiration && current.expiration.getTime() - REFRESH_BEFORE_MS < Date.now()) {
        this.assumed = void 0;
      }
      this.assumed ??= this.assumeRole(role, region);
      const pending = this.assumed;
      pending.catch(() => {
        if (this.assumed === pending) this.assumed = void 0;
      });
      return pending;
    };
  }
  async assumeRole(roleArn, region) {
    const webIdentityToken = await requireOidcToken(this.ctx, STS_AUDIENCE, "aws-role-to-assume");
    const { STSClient, AssumeRoleWithWebIdentityCommand } = await importCommonJs(
      () => import("./dist-cjs-CO3K65VL.js")
    );
    const sts = new STSClient({ region });
    try {
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName(this.ctx.env),
          WebIdentityToken: webIdentityToken,
          DurationSeconds: 3600
        })
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new RunError(
          `AWS STS returned no credentials for role ${roleArn}; check the role and try again.`
        );
      }
      secrets.add(c.SecretAccessKey);
      secrets.add(c.SessionToken);
      this.ctx.logger.info(
        `aws: assumed ${out.AssumedRoleUser?.Arn ?? roleArn} with the CI's OIDC token`
      );
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration
      };
    } catch (error) {
      throw assumeRoleFailure(roleArn, error);
    } finally {
      sts.destroy();
    }
  }
};
function assumeRoleFailure(roleArn, error) {
  if (error instanceof RunError) return error;
  const name = awsErrorName(error);
  const code = name?.replace(/Exception$/, "");
  const said = secrets.redact(errorMessage(error));
  if (code === "AccessDenied") {
    return new RunError(
      `AWS STS denied AssumeRoleWithWebIdentity for "aws-role-to-assume" ${roleArn} (${said}): the role's trust policy must allow sts:AssumeRoleWithWebIdentity for the CI's OIDC provider with aud ${STS_AUDIENCE} and a sub condition matching this repository and branch.`
    );
  }
  if (code === "InvalidIdentityToken" || code === "IDPRejectedClaim" || code === "ExpiredToken") {
    return new RunError(
      `AWS STS rejected the CI's OIDC token for "aws-role-to-assume" ${roleArn} (${name}: ${said}): add the CI's OIDC issuer as an IAM identity provider with audience ${STS_AUDIENCE}, and use a fresh token.`
    );
  }
  return new RunError(
    `AWS STS AssumeRoleWithWebIdentity for "aws-role-to-assume" ${roleArn} failed (${name ?? "error"}: ${said}).`
  );
}

export {
  awsErrorName,
  awsFailure,
  AwsIdentity
};
