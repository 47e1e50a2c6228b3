#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  parseEcrHost
} from "./chunk-CNQ2QFJG.js";
import {
  OncePerRepository
} from "./chunk-GUXLXJXB.js";
import {
  awsErrorName,
  awsFailure
} from "./chunk-CGVYV7HB.js";
import "./chunk-X6WEFAWC.js";
import "./chunk-HZ5WA2AJ.js";
import {
  importCommonJs
} from "./chunk-WKKBWN5R.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import {
  secrets
} from "./chunk-MKQXDKX4.js";
import {
  InputError,
  RunError
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/providers/ecr.ts
function decodeToken(service, host, token) {
  if (!token) {
    throw new RunError(
      `${service}: GetAuthorizationToken returned no token for ${host}; try again.`
    );
  }
  secrets.add(token);
  const decoded = Buffer.from(token, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) {
    throw new RunError(
      `${service}: the authorization token for ${host} is not "user:password"; try again.`
    );
  }
  const password = decoded.slice(colon + 1);
  secrets.add(password);
  return { username: decoded.slice(0, colon), password };
}
var EcrProvider = class {
  constructor(ctx, identity) {
    this.ctx = ctx;
    this.identity = identity;
  }
  ctx;
  identity;
  name = "ecr";
  clients = /* @__PURE__ */ new Map();
  ensured = new OncePerRepository();
  /** The host's own region first: an ECR token is valid only in the region that issued it. */
  region(host) {
    const region = parseEcrHost(host)?.region || this.ctx.inputs["aws-region"] || this.ctx.env.AWS_REGION || this.ctx.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new InputError(
        `ECR registry ${host} names no AWS region: set the "aws-region" input (or AWS_REGION).`
      );
    }
    return region;
  }
  async client(region) {
    let client = this.clients.get(region);
    if (!client) {
      const { ECRClient } = await importCommonJs(() => import("./dist-cjs-VNY7M6EX.js"));
      client = new ECRClient({ region, credentials: this.identity.source(region) });
      this.clients.set(region, client);
    }
    return client;
  }
  async credentials(host) {
    const client = await this.client(this.region(host));
    const { GetAuthorizationTokenCommand } = await importCommonJs(
      () => import("./dist-cjs-VNY7M6EX.js")
    );
    let data;
    try {
      const out = await client.send(new GetAuthorizationTokenCommand({}));
      data = out.authorizationData?.[0];
    } catch (error) {
      throw awsFailure("ECR", "ecr:GetAuthorizationToken", host, error);
    }
    return {
      credentials: decodeToken("ECR", host, data?.authorizationToken),
      expiresAt: data?.expiresAt?.getTime(),
      source: `ECR GetAuthorizationToken with ${this.identity.describe()}`
    };
  }
  ensureRepository(target) {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
  }
  /** DescribeRepositories, then CreateRepository only when ECR says it does not exist. */
  async createIfMissing({ registry, repository }) {
    const ecr = await importCommonJs(() => import("./dist-cjs-VNY7M6EX.js"));
    const client = await this.client(this.region(registry));
    const registryId = parseEcrHost(registry)?.accountId;
    try {
      await client.send(
        new ecr.DescribeRepositoriesCommand({ registryId, repositoryNames: [repository] })
      );
      this.ctx.logger.debug(`ecr: repository ${repository} exists in ${registry}`);
      return;
    } catch (error) {
      const name = awsErrorName(error);
      if (name === "AccessDeniedException") {
        this.ctx.logger.warn(
          `ecr: not allowed to check whether repository ${repository} exists in ${registry} (ecr:DescribeRepositories denied); assuming it does. Allow ecr:DescribeRepositories so Slipway can create it when missing.`
        );
        return;
      }
      if (name !== "RepositoryNotFoundException") {
        throw awsFailure("ECR", "ecr:DescribeRepositories", registry, error);
      }
    }
    const mutability = this.ctx.inputs["image-tag-mutability"] === "IMMUTABLE" ? "IMMUTABLE" : "MUTABLE";
    const scanOnPush = this.ctx.inputs["scan-on-push"];
    try {
      await client.send(
        new ecr.CreateRepositoryCommand({
          registryId,
          repositoryName: repository,
          imageTagMutability: mutability,
          imageScanningConfiguration: { scanOnPush }
        })
      );
      this.ctx.logger.info(
        `ecr: created repository ${repository} in ${registry} (tags ${mutability}, scan on push ${scanOnPush})`
      );
    } catch (error) {
      const name = awsErrorName(error);
      if (name === "RepositoryAlreadyExistsException") return;
      if (name === "AccessDeniedException") {
        throw new RunError(
          `ECR: repository ${repository} does not exist in ${registry} and AWS denied ecr:CreateRepository: allow the IAM action ecr:CreateRepository, or create the repository yourself and set "create-repository: false".`
        );
      }
      throw awsFailure("ECR", "ecr:CreateRepository", registry, error);
    }
  }
};
function ecrPublicRepository({ registry, repository }) {
  const slash = repository.indexOf("/");
  if (slash <= 0 || slash === repository.length - 1) {
    throw new InputError(
      `ECR Public image ${registry}/${repository} names no registry alias: write it as public.ecr.aws/<alias>/<repository> (the alias is shown in the ECR Public console), or set "create-repository: false".`
    );
  }
  return { alias: repository.slice(0, slash), name: repository.slice(slash + 1) };
}
var EcrPublicProvider = class {
  constructor(ctx, identity) {
    this.ctx = ctx;
    this.identity = identity;
  }
  ctx;
  identity;
  name = "ecr-public";
  ensured = new OncePerRepository();
  /** The ECR Public API exists in us-east-1 only, whatever region the registry is used from. */
  async withClient(use) {
    const { ECRPUBLICClient } = await importCommonJs(() => import("./dist-cjs-MYJ7OCLW.js"));
    const region = "us-east-1";
    const client = new ECRPUBLICClient({ region, credentials: this.identity.source(region) });
    try {
      return await use(client);
    } finally {
      client.destroy();
    }
  }
  async credentials(host) {
    const { GetAuthorizationTokenCommand } = await importCommonJs(
      () => import("./dist-cjs-MYJ7OCLW.js")
    );
    return this.withClient(async (client) => {
      try {
        const out = await client.send(new GetAuthorizationTokenCommand({}));
        const data = out.authorizationData;
        return {
          credentials: decodeToken("ECR Public", host, data?.authorizationToken),
          expiresAt: data?.expiresAt?.getTime(),
          source: `ECR Public GetAuthorizationToken with ${this.identity.describe()}`
        };
      } catch (error) {
        throw awsFailure(
          "ECR Public",
          "ecr-public:GetAuthorizationToken",
          host,
          error,
          "ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken"
        );
      }
    });
  }
  ensureRepository(target) {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
  }
  /** DescribeRepositories, then CreateRepository only when ECR Public says it does not exist. */
  async createIfMissing(target) {
    const { registry } = target;
    const { alias, name } = ecrPublicRepository(target);
    const api = await importCommonJs(() => import("./dist-cjs-MYJ7OCLW.js"));
    await this.withClient(async (client) => {
      try {
        await client.send(new api.DescribeRepositoriesCommand({ repositoryNames: [name] }));
        this.ctx.logger.debug(`ecr-public: repository ${name} exists in ${registry}/${alias}`);
        return;
      } catch (error) {
        const code = awsErrorName(error);
        if (code === "AccessDeniedException") {
          this.ctx.logger.warn(
            `ecr-public: not allowed to check whether repository ${name} exists in ${registry}/${alias} (ecr-public:DescribeRepositories denied); assuming it does. Allow ecr-public:DescribeRepositories so Slipway can create it when missing.`
          );
          return;
        }
        if (code !== "RepositoryNotFoundException") {
          throw awsFailure("ECR Public", "ecr-public:DescribeRepositories", registry, error);
        }
      }
      try {
        await client.send(new api.CreateRepositoryCommand({ repositoryName: name }));
        this.ctx.logger.info(`ecr-public: created repository ${name} in ${registry}/${alias}`);
      } catch (error) {
        const code = awsErrorName(error);
        if (code === "RepositoryAlreadyExistsException") return;
        if (code === "AccessDeniedException") {
          throw new RunError(
            `ECR Public: repository ${name} does not exist in ${registry}/${alias} and AWS denied ecr-public:CreateRepository: allow the IAM action ecr-public:CreateRepository, or create the repository yourself and set "create-repository: false".`
          );
        }
        throw awsFailure("ECR Public", "ecr-public:CreateRepository", registry, error);
      }
    });
  }
};
export {
  EcrProvider,
  EcrPublicProvider,
  ecrPublicRepository
};
