#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  connect
} from "./chunk-LFVPRIUP.js";
import {
  describeVerified
} from "./chunk-DO347EGP.js";
import "./chunk-B3QBHUTN.js";
import "./chunk-CNQ2QFJG.js";
import "./chunk-HZ5WA2AJ.js";
import "./chunk-FCCLLEZB.js";
import "./chunk-H6QOYTIP.js";
import {
  parseReference
} from "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import {
  InputError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/run/verify.ts
import { existsSync, readFileSync } from "node:fs";
function verifyPolicy(inputs) {
  const key = inputs["public-key"];
  if (key) {
    const pem = key.includes("-----BEGIN") ? key : readInput("public-key", key);
    return { publicKey: pem };
  }
  if (!inputs["certificate-oidc-issuer"]) {
    throw new InputError(
      "slipway verify needs certificate-identity (or certificate-identity-regexp) and certificate-oidc-issuer, or public-key for key-based signatures."
    );
  }
  return {
    identity: inputs["certificate-identity"] || void 0,
    identityRegexp: inputs["certificate-identity-regexp"] || void 0,
    issuer: inputs["certificate-oidc-issuer"]
  };
}
function readInput(name, file) {
  if (!existsSync(file)) {
    throw new InputError(`Input "${name}": the file ${file} does not exist; give its path.`);
  }
  return readFileSync(file, "utf8");
}
async function verifyPushed(reference, inputs, ctx) {
  const ref = parseReference(reference, { input: "IMAGE", defaultTag: "latest" });
  const policy = verifyPolicy(inputs);
  let trustedRoot;
  if (inputs["trusted-root"]) {
    const text = readInput("trusted-root", inputs["trusted-root"]);
    try {
      trustedRoot = JSON.parse(text);
    } catch (err) {
      throw new InputError(
        `Input "trusted-root": ${inputs["trusted-root"]} is not JSON (${errorMessage(err)}); give a Sigstore TrustedRoot file.`
      );
    }
  }
  const { verifyImage } = await import("./verify-NILWW3MN.js");
  const connection = connect(inputs, ctx, ref.repositoryOnly());
  const { transport } = connection;
  try {
    return await verifyImage(ref, policy, { transport, trustedRoot, logger: ctx.logger });
  } finally {
    await connection.close();
  }
}
export {
  describeVerified,
  verifyPolicy,
  verifyPushed
};
