#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  REGISTRY_PROVIDERS
} from "./chunk-HZ5WA2AJ.js";
import {
  normalizeRegistry,
  parseRepository
} from "./chunk-7ZB3PTRR.js";

// src/providers/detect.ts
var ECR_HOST = /^(\d{12})\.(?:dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws)$/;
var GAR_HOST = /^([a-z0-9-]+)-docker\.pkg\.dev$/;
var GCR_HOST = /^(?:[a-z]+\.)?gcr\.io$/;
var ACR_HOST = /^[a-z0-9]+\.azurecr\.(?:io|cn|us)$/;
var ECR_PUBLIC_HOST = "public.ecr.aws";
function parseEcrHost(host) {
  const m = ECR_HOST.exec(host.toLowerCase());
  if (!m) return void 0;
  return { accountId: m[1], region: m[2] ?? m[3] };
}
function garLocation(host) {
  return GAR_HOST.exec(host.toLowerCase())?.[1];
}
function isGoogleHost(host) {
  const h = host.toLowerCase();
  return GAR_HOST.test(h) || GCR_HOST.test(h);
}
function gitlabRegistry(env) {
  const value = env.CI_REGISTRY?.trim();
  return value ? normalizeRegistry(value.replace(/^https?:\/\//, "").replace(/\/+$/, "")) : void 0;
}
function isProvider(value) {
  return REGISTRY_PROVIDERS.includes(value);
}
function providerForHost(registryHost, env = {}) {
  const host = normalizeRegistry(registryHost);
  if (host === gitlabRegistry(env)) return "gitlab";
  if (parseEcrHost(host)) return "ecr";
  if (host === ECR_PUBLIC_HOST) return "ecr-public";
  if (isGoogleHost(host)) return "gar";
  if (ACR_HOST.test(host)) return "acr";
  if (host === "docker.io") return "dockerhub";
  if (host === "ghcr.io") return "ghcr";
  return "generic";
}
function targetRegistry(inputs) {
  return inputs.image ? parseRepository(inputs.image).registry : void 0;
}
function detectProvider(registryHost, inputs, env = {}, target = targetRegistry(inputs)) {
  const chosen = inputs["registry-provider"];
  if (isProvider(chosen) && target !== void 0 && normalizeRegistry(registryHost) === target) {
    return chosen;
  }
  return providerForHost(registryHost, env);
}

export {
  parseEcrHost,
  garLocation,
  targetRegistry,
  detectProvider
};
