#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import{secrets}from"./chunk-GJS5ZSDE.js";import{InputError,errorMessage}from"./chunk-DHLIIT3N.js";async function requireOidcToken(ctx,audience,input){const fix=`on GitHub give the job "permissions: id-token: write"; on GitLab add "id_tokens: ${ctx.inputs["oidc-token-variable"]}: aud: ${audience}" to the job`;let token;try{token=await ctx.ciOidcToken(audience)}catch(error){throw new InputError(secrets.redact(`Input "${input}" needs the CI's OIDC token (audience ${audience}), which could not be read (${errorMessage(error)}): ${fix}.`))}if(!token){throw new InputError(`Input "${input}" needs the CI's OIDC token (audience ${audience}), but the CI provided none: ${fix}.`)}secrets.add(token);return token}export{requireOidcToken};
