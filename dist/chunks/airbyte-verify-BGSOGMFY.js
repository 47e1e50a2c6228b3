#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  insecureRegistries
} from "./chunk-LFVPRIUP.js";
import {
  dockerCliOptions,
  verifyAirbyteSpec
} from "./chunk-5ON3ZDTC.js";
import "./chunk-B3QBHUTN.js";
import "./chunk-CNQ2QFJG.js";
import "./chunk-HZ5WA2AJ.js";
import "./chunk-JIXT4NLB.js";
import "./chunk-NDJXUN3L.js";
import "./chunk-FCCLLEZB.js";
import "./chunk-H6QOYTIP.js";
import "./chunk-7ZB3PTRR.js";
import "./chunk-OG2YEZ62.js";
import "./chunk-5NM6JZDE.js";
import {
  formatPlatform,
  normalizePlatform
} from "./chunk-PAQHD33Z.js";
import "./chunk-MPILWNXU.js";
import "./chunk-MKQXDKX4.js";
import "./chunk-NPESS7R3.js";
import "./chunk-ZRIQ3J3R.js";
import "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/run/airbyte-verify.ts
var OCI_ARCH = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm",
  ia32: "386",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64"
};
function runsHere(platform, arch = process.arch) {
  const p = normalizePlatform(platform);
  return p.os === "linux" && p.architecture === (OCI_ARCH[arch] ?? arch);
}
function isAirbyte(info) {
  return info.connectorType === "airbyte-source" || info.connectorType === "airbyte-destination";
}
async function verifySpec(check, repository, images) {
  const { inputs, logger } = check;
  if (!isAirbyte(check.info)) {
    logger.warn("verify applies to Airbyte connectors only; nothing to verify for this artifact");
    return;
  }
  const cli = await dockerCliOptions(
    {
      ...check.session,
      repository,
      insecureRegistries: insecureRegistries(inputs, repository),
      skipTlsVerify: inputs["skip-tls-verify"]
    },
    "",
    { command: inputs["docker-command"], logger, tmpDir: check.tmpDir }
  );
  for (const image of images) {
    const ref = `${repository.name()}@${image.digest}`;
    if (image.platform && !runsHere(image.platform)) {
      logger.warn(
        `verify: ${formatPlatform(image.platform)} not verified (${ref}): this runner cannot run it`
      );
      continue;
    }
    await verifyAirbyteSpec({ ...cli, image: ref });
    logger.info(`verified: ${ref} answers spec with a SPEC message`);
  }
}
export {
  isAirbyte,
  runsHere,
  verifySpec
};
