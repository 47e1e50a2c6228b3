#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
function endpointsOf(ctx){if(ctx.endpoints)return ctx.endpoints;const env=ctx.env;const pick=name=>env[name]?.trim()||void 0;return{googleSts:pick("SLIPWAY_GOOGLE_STS_URL"),googleIamCredentials:pick("SLIPWAY_GOOGLE_IAM_CREDENTIALS_URL"),artifactRegistry:pick("SLIPWAY_ARTIFACT_REGISTRY_URL"),azureAuthorityHost:pick("SLIPWAY_AZURE_AUTHORITY_HOST")}}var OncePerRepository=class{runs=new Map;run(target,create){const key=`${target.registry}/${target.repository}`;let done=this.runs.get(key);if(!done){done=create(target);this.runs.set(key,done)}return done}};export{endpointsOf,OncePerRepository};
