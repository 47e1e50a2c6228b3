#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  client_exports as client_exports2,
  dist_es_exports,
  httpAuthSchemes_exports,
  init_client as init_client2,
  init_dist_es,
  init_httpAuthSchemes,
  init_protocols,
  init_protocols2,
  init_retry,
  protocols_exports,
  protocols_exports2,
  require_dist_cjs2 as require_dist_cjs,
  require_dist_cjs3 as require_dist_cjs2,
  retry_exports
} from "./chunk-WYXRFYQS.js";
import {
  checksum_exports,
  client_exports,
  config_exports,
  endpoints_exports,
  init_checksum,
  init_client,
  init_config,
  init_endpoints,
  init_schema,
  init_serde,
  schema_exports,
  serde_exports
} from "./chunk-43Z6P3IS.js";
import {
  __commonJS,
  __toCommonJS
} from "./chunk-3ILMJHGQ.js";

// node_modules/@aws-sdk/client-ecr-public/dist-cjs/index.js
var require_dist_cjs3 = __commonJS({
  "node_modules/@aws-sdk/client-ecr-public/dist-cjs/index.js"(exports) {
    var { awsEndpointFunctions, emitWarningIfUnsupportedVersion: emitWarningIfUnsupportedVersion$1, createDefaultUserAgentProvider, NODE_APP_ID_CONFIG_OPTIONS, getAwsRegionExtensionConfiguration, resolveAwsRegionExtensionConfiguration, resolveUserAgentConfig, resolveHostHeaderConfig, getUserAgentPlugin, getHostHeaderPlugin, getLoggerPlugin, getRecursionDetectionPlugin } = (init_client2(), __toCommonJS(client_exports2));
    var { getHttpAuthSchemeEndpointRuleSetPlugin, DefaultIdentityProviderConfig, getHttpSigningPlugin, createPaginator } = (init_dist_es(), __toCommonJS(dist_es_exports));
    var { normalizeProvider, getSmithyContext, ServiceException, NoOpLogger, emitWarningIfUnsupportedVersion, loadConfigsForDefaultMode, getDefaultExtensionConfiguration, resolveDefaultRuntimeConfig, Client, makeBuilder, createAggregatedClient } = (init_client(), __toCommonJS(client_exports));
    var { Command: $Command } = (init_client(), __toCommonJS(client_exports));
    exports.$Command = $Command;
    exports.__Client = Client;
    var { resolveDefaultsModeConfig, loadConfig, NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS, resolveRegionConfig } = (init_config(), __toCommonJS(config_exports));
    var { BinaryDecisionDiagram, EndpointCache, decideEndpoint, customEndpointFunctions, resolveEndpointConfig, getEndpointPlugin } = (init_endpoints(), __toCommonJS(endpoints_exports));
    var { parseUrl, getHttpHandlerExtensionConfiguration, resolveHttpHandlerRuntimeConfig, getContentLengthPlugin } = (init_protocols(), __toCommonJS(protocols_exports));
    var { DEFAULT_RETRY_MODE, NODE_RETRY_MODE_CONFIG_OPTIONS, NODE_MAX_ATTEMPT_CONFIG_OPTIONS, resolveRetryConfig, getRetryPlugin } = (init_retry(), __toCommonJS(retry_exports));
    var { TypeRegistry, getSchemaSerdePlugin } = (init_schema(), __toCommonJS(schema_exports));
    var { resolveAwsSdkSigV4Config, AwsSdkSigV4Signer, NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } = (init_httpAuthSchemes(), __toCommonJS(httpAuthSchemes_exports));
    var { defaultProvider } = require_dist_cjs2();
    var { toUtf8, fromUtf8, toBase64, fromBase64, calculateBodyLength } = (init_serde(), __toCommonJS(serde_exports));
    var { streamCollector, NodeHttpHandler } = require_dist_cjs();
    var { AwsJson1_1Protocol } = (init_protocols2(), __toCommonJS(protocols_exports2));
    var { Sha256 } = (init_checksum(), __toCommonJS(checksum_exports));
    var defaultECRPUBLICHttpAuthSchemeParametersProvider = async (config, context, input) => {
      return {
        operation: getSmithyContext(context).operation,
        region: await normalizeProvider(config.region)() || (() => {
          throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
        })()
      };
    };
    function createAwsAuthSigv4HttpAuthOption(authParameters) {
      return {
        schemeId: "aws.auth#sigv4",
        signingProperties: {
          name: "ecr-public",
          region: authParameters.region
        },
        propertiesExtractor: (config, context) => ({
          signingProperties: {
            config,
            context
          }
        })
      };
    }
    var defaultECRPUBLICHttpAuthSchemeProvider = (authParameters) => {
      const options = [];
      switch (authParameters.operation) {
        default: {
          options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
        }
      }
      return options;
    };
    var resolveHttpAuthSchemeConfig = (config) => {
      const config_0 = resolveAwsSdkSigV4Config(config);
      return Object.assign(config_0, {
        authSchemePreference: normalizeProvider(config.authSchemePreference ?? [])
      });
    };
    var resolveClientEndpointParameters = (options) => {
      return Object.assign(options, {
        useDualstackEndpoint: options.useDualstackEndpoint ?? false,
        useFipsEndpoint: options.useFipsEndpoint ?? false,
        defaultSigningName: "ecr-public"
      });
    };
    var commonParams = {
      UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
      Endpoint: { type: "builtInParams", name: "endpoint" },
      Region: { type: "builtInParams", name: "region" },
      UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
    };
    var version = "3.1107.0";
    var packageInfo = {
      version
    };
    var k = "ref";
    var a = -1;
    var b = true;
    var c = "isSet";
    var d = "PartitionResult";
    var e = "booleanEquals";
    var f = "getAttr";
    var g = { [k]: "Endpoint" };
    var h = { [k]: d };
    var i = {};
    var j = [{ [k]: "Region" }];
    var _data = {
      conditions: [
        [c, [g]],
        [c, j],
        ["aws.partition", j, d],
        [e, [{ [k]: "UseFIPS" }, b]],
        [e, [{ [k]: "UseDualStack" }, b]],
        [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
        [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
        ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws"]]
      ],
      results: [
        [a],
        [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
        [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
        [g, i],
        ["https://api.ecr-public-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
        ["https://api.ecr-public-fips.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "FIPS is enabled but this partition does not support FIPS"],
        ["https://ecr-public.{Region}.api.aws", i],
        ["https://api.ecr-public.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
        [a, "DualStack is enabled but this partition does not support DualStack"],
        ["https://api.ecr-public.{Region}.{PartitionResult#dnsSuffix}", i],
        [a, "Invalid Configuration: Missing Region"]
      ]
    };
    var root = 2;
    var r = 1e8;
    var nodes = new Int32Array([
      -1,
      1,
      -1,
      0,
      13,
      3,
      1,
      4,
      r + 12,
      2,
      5,
      r + 12,
      3,
      9,
      6,
      4,
      7,
      r + 11,
      5,
      8,
      r + 10,
      7,
      r + 8,
      r + 9,
      4,
      11,
      10,
      6,
      r + 6,
      r + 7,
      5,
      12,
      r + 5,
      6,
      r + 4,
      r + 5,
      3,
      r + 1,
      14,
      4,
      r + 2,
      r + 3
    ]);
    var bdd = BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);
    var cache = new EndpointCache({
      size: 50,
      params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"]
    });
    var defaultEndpointResolver = (endpointParams, context = {}) => {
      return cache.get(endpointParams, () => decideEndpoint(bdd, {
        endpointParams,
        logger: context.logger
      }));
    };
    customEndpointFunctions.aws = awsEndpointFunctions;
    var ECRPUBLICServiceException = class _ECRPUBLICServiceException extends ServiceException {
      constructor(options) {
        super(options);
        Object.setPrototypeOf(this, _ECRPUBLICServiceException.prototype);
      }
    };
    var InvalidParameterException = class _InvalidParameterException extends ECRPUBLICServiceException {
      name = "InvalidParameterException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "InvalidParameterException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _InvalidParameterException.prototype);
      }
    };
    var RegistryNotFoundException = class _RegistryNotFoundException extends ECRPUBLICServiceException {
      name = "RegistryNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "RegistryNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _RegistryNotFoundException.prototype);
      }
    };
    var RepositoryNotFoundException = class _RepositoryNotFoundException extends ECRPUBLICServiceException {
      name = "RepositoryNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "RepositoryNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _RepositoryNotFoundException.prototype);
      }
    };
    var ServerException = class _ServerException extends ECRPUBLICServiceException {
      name = "ServerException";
      $fault = "server";
      constructor(opts) {
        super({
          name: "ServerException",
          $fault: "server",
          ...opts
        });
        Object.setPrototypeOf(this, _ServerException.prototype);
      }
    };
    var UnsupportedCommandException = class _UnsupportedCommandException extends ECRPUBLICServiceException {
      name = "UnsupportedCommandException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "UnsupportedCommandException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _UnsupportedCommandException.prototype);
      }
    };
    var EmptyUploadException = class _EmptyUploadException extends ECRPUBLICServiceException {
      name = "EmptyUploadException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "EmptyUploadException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _EmptyUploadException.prototype);
      }
    };
    var InvalidLayerException = class _InvalidLayerException extends ECRPUBLICServiceException {
      name = "InvalidLayerException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "InvalidLayerException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _InvalidLayerException.prototype);
      }
    };
    var LayerAlreadyExistsException = class _LayerAlreadyExistsException extends ECRPUBLICServiceException {
      name = "LayerAlreadyExistsException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "LayerAlreadyExistsException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _LayerAlreadyExistsException.prototype);
      }
    };
    var LayerPartTooSmallException = class _LayerPartTooSmallException extends ECRPUBLICServiceException {
      name = "LayerPartTooSmallException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "LayerPartTooSmallException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _LayerPartTooSmallException.prototype);
      }
    };
    var UploadNotFoundException = class _UploadNotFoundException extends ECRPUBLICServiceException {
      name = "UploadNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "UploadNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _UploadNotFoundException.prototype);
      }
    };
    var InvalidTagParameterException = class _InvalidTagParameterException extends ECRPUBLICServiceException {
      name = "InvalidTagParameterException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "InvalidTagParameterException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _InvalidTagParameterException.prototype);
      }
    };
    var LimitExceededException = class _LimitExceededException extends ECRPUBLICServiceException {
      name = "LimitExceededException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "LimitExceededException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _LimitExceededException.prototype);
      }
    };
    var RepositoryAlreadyExistsException = class _RepositoryAlreadyExistsException extends ECRPUBLICServiceException {
      name = "RepositoryAlreadyExistsException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "RepositoryAlreadyExistsException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _RepositoryAlreadyExistsException.prototype);
      }
    };
    var TooManyTagsException = class _TooManyTagsException extends ECRPUBLICServiceException {
      name = "TooManyTagsException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "TooManyTagsException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _TooManyTagsException.prototype);
      }
    };
    var RepositoryNotEmptyException = class _RepositoryNotEmptyException extends ECRPUBLICServiceException {
      name = "RepositoryNotEmptyException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "RepositoryNotEmptyException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _RepositoryNotEmptyException.prototype);
      }
    };
    var RepositoryPolicyNotFoundException = class _RepositoryPolicyNotFoundException extends ECRPUBLICServiceException {
      name = "RepositoryPolicyNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "RepositoryPolicyNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _RepositoryPolicyNotFoundException.prototype);
      }
    };
    var ImageNotFoundException = class _ImageNotFoundException extends ECRPUBLICServiceException {
      name = "ImageNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "ImageNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ImageNotFoundException.prototype);
      }
    };
    var RepositoryCatalogDataNotFoundException = class _RepositoryCatalogDataNotFoundException extends ECRPUBLICServiceException {
      name = "RepositoryCatalogDataNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "RepositoryCatalogDataNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _RepositoryCatalogDataNotFoundException.prototype);
      }
    };
    var ImageAlreadyExistsException = class _ImageAlreadyExistsException extends ECRPUBLICServiceException {
      name = "ImageAlreadyExistsException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "ImageAlreadyExistsException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ImageAlreadyExistsException.prototype);
      }
    };
    var ImageDigestDoesNotMatchException = class _ImageDigestDoesNotMatchException extends ECRPUBLICServiceException {
      name = "ImageDigestDoesNotMatchException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "ImageDigestDoesNotMatchException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ImageDigestDoesNotMatchException.prototype);
      }
    };
    var ImageTagAlreadyExistsException = class _ImageTagAlreadyExistsException extends ECRPUBLICServiceException {
      name = "ImageTagAlreadyExistsException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "ImageTagAlreadyExistsException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ImageTagAlreadyExistsException.prototype);
      }
    };
    var InvalidLayerPartException = class _InvalidLayerPartException extends ECRPUBLICServiceException {
      name = "InvalidLayerPartException";
      $fault = "client";
      registryId;
      repositoryName;
      uploadId;
      lastValidByteReceived;
      constructor(opts) {
        super({
          name: "InvalidLayerPartException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _InvalidLayerPartException.prototype);
        this.registryId = opts.registryId;
        this.repositoryName = opts.repositoryName;
        this.uploadId = opts.uploadId;
        this.lastValidByteReceived = opts.lastValidByteReceived;
      }
    };
    var LayersNotFoundException = class _LayersNotFoundException extends ECRPUBLICServiceException {
      name = "LayersNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "LayersNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _LayersNotFoundException.prototype);
      }
    };
    var ReferencedImagesNotFoundException = class _ReferencedImagesNotFoundException extends ECRPUBLICServiceException {
      name = "ReferencedImagesNotFoundException";
      $fault = "client";
      constructor(opts) {
        super({
          name: "ReferencedImagesNotFoundException",
          $fault: "client",
          ...opts
        });
        Object.setPrototypeOf(this, _ReferencedImagesNotFoundException.prototype);
      }
    };
    var _AD = "AuthorizationData";
    var _BCLA = "BatchCheckLayerAvailability";
    var _BCLAR = "BatchCheckLayerAvailabilityRequest";
    var _BCLARa = "BatchCheckLayerAvailabilityResponse";
    var _BDI = "BatchDeleteImage";
    var _BDIR = "BatchDeleteImageRequest";
    var _BDIRa = "BatchDeleteImageResponse";
    var _CLU = "CompleteLayerUpload";
    var _CLUR = "CompleteLayerUploadRequest";
    var _CLURo = "CompleteLayerUploadResponse";
    var _CR = "CreateRepository";
    var _CRR = "CreateRepositoryRequest";
    var _CRRr = "CreateRepositoryResponse";
    var _DI = "DescribeImages";
    var _DIR = "DescribeImagesRequest";
    var _DIRe = "DescribeImagesResponse";
    var _DIT = "DescribeImageTags";
    var _DITR = "DescribeImageTagsRequest";
    var _DITRe = "DescribeImageTagsResponse";
    var _DR = "DeleteRepository";
    var _DRP = "DeleteRepositoryPolicy";
    var _DRPR = "DeleteRepositoryPolicyRequest";
    var _DRPRe = "DeleteRepositoryPolicyResponse";
    var _DRR = "DeleteRepositoryRequest";
    var _DRRe = "DeleteRepositoryResponse";
    var _DRRes = "DescribeRegistriesRequest";
    var _DRResc = "DescribeRegistriesResponse";
    var _DRRescr = "DescribeRepositoriesRequest";
    var _DRRescri = "DescribeRepositoriesResponse";
    var _DRe = "DescribeRegistries";
    var _DRes = "DescribeRepositories";
    var _EUE = "EmptyUploadException";
    var _GAT = "GetAuthorizationToken";
    var _GATR = "GetAuthorizationTokenRequest";
    var _GATRe = "GetAuthorizationTokenResponse";
    var _GRCD = "GetRegistryCatalogData";
    var _GRCDR = "GetRegistryCatalogDataRequest";
    var _GRCDRe = "GetRegistryCatalogDataResponse";
    var _GRCDRet = "GetRepositoryCatalogDataRequest";
    var _GRCDRete = "GetRepositoryCatalogDataResponse";
    var _GRCDe = "GetRepositoryCatalogData";
    var _GRP = "GetRepositoryPolicy";
    var _GRPR = "GetRepositoryPolicyRequest";
    var _GRPRe = "GetRepositoryPolicyResponse";
    var _I = "Image";
    var _IAEE = "ImageAlreadyExistsException";
    var _ID = "ImageDetail";
    var _IDDNME = "ImageDigestDoesNotMatchException";
    var _IDL = "ImageDetailList";
    var _IF = "ImageFailure";
    var _IFL = "ImageFailureList";
    var _II = "ImageIdentifier";
    var _IIL = "ImageIdentifierList";
    var _ILE = "InvalidLayerException";
    var _ILPE = "InvalidLayerPartException";
    var _ILU = "InitiateLayerUpload";
    var _ILUR = "InitiateLayerUploadRequest";
    var _ILURn = "InitiateLayerUploadResponse";
    var _INFE = "ImageNotFoundException";
    var _IPE = "InvalidParameterException";
    var _ITAEE = "ImageTagAlreadyExistsException";
    var _ITD = "ImageTagDetail";
    var _ITDL = "ImageTagDetailList";
    var _ITPE = "InvalidTagParameterException";
    var _K = "Key";
    var _L = "Layer";
    var _LAEE = "LayerAlreadyExistsException";
    var _LEE = "LimitExceededException";
    var _LF = "LayerFailure";
    var _LFL = "LayerFailureList";
    var _LL = "LayerList";
    var _LNFE = "LayersNotFoundException";
    var _LPTSE = "LayerPartTooSmallException";
    var _LTFR = "ListTagsForResource";
    var _LTFRR = "ListTagsForResourceRequest";
    var _LTFRRi = "ListTagsForResourceResponse";
    var _PI = "PutImage";
    var _PIR = "PutImageRequest";
    var _PIRu = "PutImageResponse";
    var _PRCD = "PutRegistryCatalogData";
    var _PRCDR = "PutRegistryCatalogDataRequest";
    var _PRCDRu = "PutRegistryCatalogDataResponse";
    var _PRCDRut = "PutRepositoryCatalogDataRequest";
    var _PRCDRute = "PutRepositoryCatalogDataResponse";
    var _PRCDu = "PutRepositoryCatalogData";
    var _R = "Registry";
    var _RA = "RegistryAlias";
    var _RAEE = "RepositoryAlreadyExistsException";
    var _RAL = "RegistryAliasList";
    var _RCD = "RegistryCatalogData";
    var _RCDI = "RepositoryCatalogDataInput";
    var _RCDNFE = "RepositoryCatalogDataNotFoundException";
    var _RCDe = "RepositoryCatalogData";
    var _RID = "ReferencedImageDetail";
    var _RINFE = "ReferencedImagesNotFoundException";
    var _RL = "RegistryList";
    var _RLe = "RepositoryList";
    var _RNEE = "RepositoryNotEmptyException";
    var _RNFE = "RegistryNotFoundException";
    var _RNFEe = "RepositoryNotFoundException";
    var _RPNFE = "RepositoryPolicyNotFoundException";
    var _Re = "Repository";
    var _SE = "ServerException";
    var _SRP = "SetRepositoryPolicy";
    var _SRPR = "SetRepositoryPolicyRequest";
    var _SRPRe = "SetRepositoryPolicyResponse";
    var _T = "Tag";
    var _TL = "TagList";
    var _TMTE = "TooManyTagsException";
    var _TR = "TagResource";
    var _TRR = "TagResourceRequest";
    var _TRRa = "TagResourceResponse";
    var _UCE = "UnsupportedCommandException";
    var _ULP = "UploadLayerPart";
    var _ULPR = "UploadLayerPartRequest";
    var _ULPRp = "UploadLayerPartResponse";
    var _UNFE = "UploadNotFoundException";
    var _UR = "UntagResource";
    var _URR = "UntagResourceRequest";
    var _URRn = "UntagResourceResponse";
    var _V = "Value";
    var _a = "aliases";
    var _aD = "authorizationData";
    var _aMT = "artifactMediaType";
    var _aT = "authorizationToken";
    var _aTb = "aboutText";
    var _ar = "architectures";
    var _c = "client";
    var _cA = "createdAt";
    var _cD = "catalogData";
    var _d = "description";
    var _dN = "displayName";
    var _dRA = "defaultRegistryAlias";
    var _e = "error";
    var _eA = "expiresAt";
    var _f = "failures";
    var _fC = "failureCode";
    var _fR = "failureReason";
    var _fo = "force";
    var _i = "image";
    var _iD = "imageDetails";
    var _iDm = "imageDigest";
    var _iDma = "imageDetail";
    var _iI = "imageIds";
    var _iIm = "imageId";
    var _iM = "imageManifest";
    var _iMMT = "imageManifestMediaType";
    var _iPA = "imagePushedAt";
    var _iSIB = "imageSizeInBytes";
    var _iT = "imageTags";
    var _iTD = "imageTagDetails";
    var _iTm = "imageTag";
    var _l = "layers";
    var _lA = "layerAvailability";
    var _lBR = "lastByteReceived";
    var _lD = "layerDigests";
    var _lDa = "layerDigest";
    var _lIB = "logoImageBlob";
    var _lPB = "layerPartBlob";
    var _lS = "layerSize";
    var _lU = "logoUrl";
    var _lVBR = "lastValidByteReceived";
    var _m = "message";
    var _mC = "marketplaceCertified";
    var _mR = "maxResults";
    var _mT = "mediaType";
    var _n = "name";
    var _nT = "nextToken";
    var _oS = "operatingSystems";
    var _pFB = "partFirstByte";
    var _pLB = "partLastByte";
    var _pRA = "primaryRegistryAlias";
    var _pS = "partSize";
    var _pT = "policyText";
    var _r = "repository";
    var _rA = "resourceArn";
    var _rAe = "registryArn";
    var _rAep = "repositoryArn";
    var _rCD = "registryCatalogData";
    var _rI = "registryId";
    var _rN = "repositoryName";
    var _rNe = "repositoryNames";
    var _rU = "registryUri";
    var _rUe = "repositoryUri";
    var _re = "registries";
    var _rep = "repositories";
    var _s = "smithy.ts.sdk.synthetic.com.amazonaws.ecrpublic";
    var _se = "server";
    var _st = "status";
    var _t = "tags";
    var _tK = "tagKeys";
    var _uI = "uploadId";
    var _uT = "usageText";
    var _v = "verified";
    var n0 = "com.amazonaws.ecrpublic";
    var _s_registry = TypeRegistry.for(_s);
    var ECRPUBLICServiceException$ = [-3, _s, "ECRPUBLICServiceException", 0, [], []];
    _s_registry.registerError(ECRPUBLICServiceException$, ECRPUBLICServiceException);
    var n0_registry = TypeRegistry.for(n0);
    var EmptyUploadException$ = [
      -3,
      n0,
      _EUE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(EmptyUploadException$, EmptyUploadException);
    var ImageAlreadyExistsException$ = [
      -3,
      n0,
      _IAEE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(ImageAlreadyExistsException$, ImageAlreadyExistsException);
    var ImageDigestDoesNotMatchException$ = [
      -3,
      n0,
      _IDDNME,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(ImageDigestDoesNotMatchException$, ImageDigestDoesNotMatchException);
    var ImageNotFoundException$ = [
      -3,
      n0,
      _INFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(ImageNotFoundException$, ImageNotFoundException);
    var ImageTagAlreadyExistsException$ = [
      -3,
      n0,
      _ITAEE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(ImageTagAlreadyExistsException$, ImageTagAlreadyExistsException);
    var InvalidLayerException$ = [
      -3,
      n0,
      _ILE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(InvalidLayerException$, InvalidLayerException);
    var InvalidLayerPartException$ = [
      -3,
      n0,
      _ILPE,
      { [_e]: _c },
      [_rI, _rN, _uI, _lVBR, _m],
      [0, 0, 0, 1, 0]
    ];
    n0_registry.registerError(InvalidLayerPartException$, InvalidLayerPartException);
    var InvalidParameterException$ = [
      -3,
      n0,
      _IPE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(InvalidParameterException$, InvalidParameterException);
    var InvalidTagParameterException$ = [
      -3,
      n0,
      _ITPE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(InvalidTagParameterException$, InvalidTagParameterException);
    var LayerAlreadyExistsException$ = [
      -3,
      n0,
      _LAEE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(LayerAlreadyExistsException$, LayerAlreadyExistsException);
    var LayerPartTooSmallException$ = [
      -3,
      n0,
      _LPTSE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(LayerPartTooSmallException$, LayerPartTooSmallException);
    var LayersNotFoundException$ = [
      -3,
      n0,
      _LNFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(LayersNotFoundException$, LayersNotFoundException);
    var LimitExceededException$ = [
      -3,
      n0,
      _LEE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(LimitExceededException$, LimitExceededException);
    var ReferencedImagesNotFoundException$ = [
      -3,
      n0,
      _RINFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(ReferencedImagesNotFoundException$, ReferencedImagesNotFoundException);
    var RegistryNotFoundException$ = [
      -3,
      n0,
      _RNFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(RegistryNotFoundException$, RegistryNotFoundException);
    var RepositoryAlreadyExistsException$ = [
      -3,
      n0,
      _RAEE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(RepositoryAlreadyExistsException$, RepositoryAlreadyExistsException);
    var RepositoryCatalogDataNotFoundException$ = [
      -3,
      n0,
      _RCDNFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(RepositoryCatalogDataNotFoundException$, RepositoryCatalogDataNotFoundException);
    var RepositoryNotEmptyException$ = [
      -3,
      n0,
      _RNEE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(RepositoryNotEmptyException$, RepositoryNotEmptyException);
    var RepositoryNotFoundException$ = [
      -3,
      n0,
      _RNFEe,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(RepositoryNotFoundException$, RepositoryNotFoundException);
    var RepositoryPolicyNotFoundException$ = [
      -3,
      n0,
      _RPNFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(RepositoryPolicyNotFoundException$, RepositoryPolicyNotFoundException);
    var ServerException$ = [
      -3,
      n0,
      _SE,
      { [_e]: _se },
      [_m],
      [0]
    ];
    n0_registry.registerError(ServerException$, ServerException);
    var TooManyTagsException$ = [
      -3,
      n0,
      _TMTE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(TooManyTagsException$, TooManyTagsException);
    var UnsupportedCommandException$ = [
      -3,
      n0,
      _UCE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(UnsupportedCommandException$, UnsupportedCommandException);
    var UploadNotFoundException$ = [
      -3,
      n0,
      _UNFE,
      { [_e]: _c },
      [_m],
      [0]
    ];
    n0_registry.registerError(UploadNotFoundException$, UploadNotFoundException);
    var errorTypeRegistries = [
      _s_registry,
      n0_registry
    ];
    var AuthorizationData$ = [
      3,
      n0,
      _AD,
      0,
      [_aT, _eA],
      [0, 4]
    ];
    var BatchCheckLayerAvailabilityRequest$ = [
      3,
      n0,
      _BCLAR,
      0,
      [_rN, _lD, _rI],
      [0, 64 | 0, 0],
      2
    ];
    var BatchCheckLayerAvailabilityResponse$ = [
      3,
      n0,
      _BCLARa,
      0,
      [_l, _f],
      [() => LayerList, () => LayerFailureList]
    ];
    var BatchDeleteImageRequest$ = [
      3,
      n0,
      _BDIR,
      0,
      [_rN, _iI, _rI],
      [0, () => ImageIdentifierList, 0],
      2
    ];
    var BatchDeleteImageResponse$ = [
      3,
      n0,
      _BDIRa,
      0,
      [_iI, _f],
      [() => ImageIdentifierList, () => ImageFailureList]
    ];
    var CompleteLayerUploadRequest$ = [
      3,
      n0,
      _CLUR,
      0,
      [_rN, _uI, _lD, _rI],
      [0, 0, 64 | 0, 0],
      3
    ];
    var CompleteLayerUploadResponse$ = [
      3,
      n0,
      _CLURo,
      0,
      [_rI, _rN, _uI, _lDa],
      [0, 0, 0, 0]
    ];
    var CreateRepositoryRequest$ = [
      3,
      n0,
      _CRR,
      0,
      [_rN, _cD, _t],
      [0, () => RepositoryCatalogDataInput$, () => TagList],
      1
    ];
    var CreateRepositoryResponse$ = [
      3,
      n0,
      _CRRr,
      0,
      [_r, _cD],
      [() => Repository$, () => RepositoryCatalogData$]
    ];
    var DeleteRepositoryPolicyRequest$ = [
      3,
      n0,
      _DRPR,
      0,
      [_rN, _rI],
      [0, 0],
      1
    ];
    var DeleteRepositoryPolicyResponse$ = [
      3,
      n0,
      _DRPRe,
      0,
      [_rI, _rN, _pT],
      [0, 0, 0]
    ];
    var DeleteRepositoryRequest$ = [
      3,
      n0,
      _DRR,
      0,
      [_rN, _rI, _fo],
      [0, 0, 2],
      1
    ];
    var DeleteRepositoryResponse$ = [
      3,
      n0,
      _DRRe,
      0,
      [_r],
      [() => Repository$]
    ];
    var DescribeImagesRequest$ = [
      3,
      n0,
      _DIR,
      0,
      [_rN, _rI, _iI, _nT, _mR],
      [0, 0, () => ImageIdentifierList, 0, 1],
      1
    ];
    var DescribeImagesResponse$ = [
      3,
      n0,
      _DIRe,
      0,
      [_iD, _nT],
      [() => ImageDetailList, 0]
    ];
    var DescribeImageTagsRequest$ = [
      3,
      n0,
      _DITR,
      0,
      [_rN, _rI, _nT, _mR],
      [0, 0, 0, 1],
      1
    ];
    var DescribeImageTagsResponse$ = [
      3,
      n0,
      _DITRe,
      0,
      [_iTD, _nT],
      [() => ImageTagDetailList, 0]
    ];
    var DescribeRegistriesRequest$ = [
      3,
      n0,
      _DRRes,
      0,
      [_nT, _mR],
      [0, 1]
    ];
    var DescribeRegistriesResponse$ = [
      3,
      n0,
      _DRResc,
      0,
      [_re, _nT],
      [() => RegistryList, 0],
      1
    ];
    var DescribeRepositoriesRequest$ = [
      3,
      n0,
      _DRRescr,
      0,
      [_rI, _rNe, _nT, _mR],
      [0, 64 | 0, 0, 1]
    ];
    var DescribeRepositoriesResponse$ = [
      3,
      n0,
      _DRRescri,
      0,
      [_rep, _nT],
      [() => RepositoryList, 0]
    ];
    var GetAuthorizationTokenRequest$ = [
      3,
      n0,
      _GATR,
      0,
      [],
      []
    ];
    var GetAuthorizationTokenResponse$ = [
      3,
      n0,
      _GATRe,
      0,
      [_aD],
      [() => AuthorizationData$]
    ];
    var GetRegistryCatalogDataRequest$ = [
      3,
      n0,
      _GRCDR,
      0,
      [],
      []
    ];
    var GetRegistryCatalogDataResponse$ = [
      3,
      n0,
      _GRCDRe,
      0,
      [_rCD],
      [() => RegistryCatalogData$],
      1
    ];
    var GetRepositoryCatalogDataRequest$ = [
      3,
      n0,
      _GRCDRet,
      0,
      [_rN, _rI],
      [0, 0],
      1
    ];
    var GetRepositoryCatalogDataResponse$ = [
      3,
      n0,
      _GRCDRete,
      0,
      [_cD],
      [() => RepositoryCatalogData$]
    ];
    var GetRepositoryPolicyRequest$ = [
      3,
      n0,
      _GRPR,
      0,
      [_rN, _rI],
      [0, 0],
      1
    ];
    var GetRepositoryPolicyResponse$ = [
      3,
      n0,
      _GRPRe,
      0,
      [_rI, _rN, _pT],
      [0, 0, 0]
    ];
    var Image$ = [
      3,
      n0,
      _I,
      0,
      [_rI, _rN, _iIm, _iM, _iMMT],
      [0, 0, () => ImageIdentifier$, 0, 0]
    ];
    var ImageDetail$ = [
      3,
      n0,
      _ID,
      0,
      [_rI, _rN, _iDm, _iT, _iSIB, _iPA, _iMMT, _aMT],
      [0, 0, 0, 64 | 0, 1, 4, 0, 0]
    ];
    var ImageFailure$ = [
      3,
      n0,
      _IF,
      0,
      [_iIm, _fC, _fR],
      [() => ImageIdentifier$, 0, 0]
    ];
    var ImageIdentifier$ = [
      3,
      n0,
      _II,
      0,
      [_iDm, _iTm],
      [0, 0]
    ];
    var ImageTagDetail$ = [
      3,
      n0,
      _ITD,
      0,
      [_iTm, _cA, _iDma],
      [0, 4, () => ReferencedImageDetail$]
    ];
    var InitiateLayerUploadRequest$ = [
      3,
      n0,
      _ILUR,
      0,
      [_rN, _rI],
      [0, 0],
      1
    ];
    var InitiateLayerUploadResponse$ = [
      3,
      n0,
      _ILURn,
      0,
      [_uI, _pS],
      [0, 1]
    ];
    var Layer$ = [
      3,
      n0,
      _L,
      0,
      [_lDa, _lA, _lS, _mT],
      [0, 0, 1, 0]
    ];
    var LayerFailure$ = [
      3,
      n0,
      _LF,
      0,
      [_lDa, _fC, _fR],
      [0, 0, 0]
    ];
    var ListTagsForResourceRequest$ = [
      3,
      n0,
      _LTFRR,
      0,
      [_rA],
      [0],
      1
    ];
    var ListTagsForResourceResponse$ = [
      3,
      n0,
      _LTFRRi,
      0,
      [_t],
      [() => TagList]
    ];
    var PutImageRequest$ = [
      3,
      n0,
      _PIR,
      0,
      [_rN, _iM, _rI, _iMMT, _iTm, _iDm],
      [0, 0, 0, 0, 0, 0],
      2
    ];
    var PutImageResponse$ = [
      3,
      n0,
      _PIRu,
      0,
      [_i],
      [() => Image$]
    ];
    var PutRegistryCatalogDataRequest$ = [
      3,
      n0,
      _PRCDR,
      0,
      [_dN],
      [0]
    ];
    var PutRegistryCatalogDataResponse$ = [
      3,
      n0,
      _PRCDRu,
      0,
      [_rCD],
      [() => RegistryCatalogData$],
      1
    ];
    var PutRepositoryCatalogDataRequest$ = [
      3,
      n0,
      _PRCDRut,
      0,
      [_rN, _cD, _rI],
      [0, () => RepositoryCatalogDataInput$, 0],
      2
    ];
    var PutRepositoryCatalogDataResponse$ = [
      3,
      n0,
      _PRCDRute,
      0,
      [_cD],
      [() => RepositoryCatalogData$]
    ];
    var ReferencedImageDetail$ = [
      3,
      n0,
      _RID,
      0,
      [_iDm, _iSIB, _iPA, _iMMT, _aMT],
      [0, 1, 4, 0, 0]
    ];
    var Registry$ = [
      3,
      n0,
      _R,
      0,
      [_rI, _rAe, _rU, _v, _a],
      [0, 0, 0, 2, () => RegistryAliasList],
      5
    ];
    var RegistryAlias$ = [
      3,
      n0,
      _RA,
      0,
      [_n, _st, _pRA, _dRA],
      [0, 0, 2, 2],
      4
    ];
    var RegistryCatalogData$ = [
      3,
      n0,
      _RCD,
      0,
      [_dN],
      [0]
    ];
    var Repository$ = [
      3,
      n0,
      _Re,
      0,
      [_rAep, _rI, _rN, _rUe, _cA],
      [0, 0, 0, 0, 4]
    ];
    var RepositoryCatalogData$ = [
      3,
      n0,
      _RCDe,
      0,
      [_d, _ar, _oS, _lU, _aTb, _uT, _mC],
      [0, 64 | 0, 64 | 0, 0, 0, 0, 2]
    ];
    var RepositoryCatalogDataInput$ = [
      3,
      n0,
      _RCDI,
      0,
      [_d, _ar, _oS, _lIB, _aTb, _uT],
      [0, 64 | 0, 64 | 0, 21, 0, 0]
    ];
    var SetRepositoryPolicyRequest$ = [
      3,
      n0,
      _SRPR,
      0,
      [_rN, _pT, _rI, _fo],
      [0, 0, 0, 2],
      2
    ];
    var SetRepositoryPolicyResponse$ = [
      3,
      n0,
      _SRPRe,
      0,
      [_rI, _rN, _pT],
      [0, 0, 0]
    ];
    var Tag$ = [
      3,
      n0,
      _T,
      0,
      [_K, _V],
      [0, 0]
    ];
    var TagResourceRequest$ = [
      3,
      n0,
      _TRR,
      0,
      [_rA, _t],
      [0, () => TagList],
      2
    ];
    var TagResourceResponse$ = [
      3,
      n0,
      _TRRa,
      0,
      [],
      []
    ];
    var UntagResourceRequest$ = [
      3,
      n0,
      _URR,
      0,
      [_rA, _tK],
      [0, 64 | 0],
      2
    ];
    var UntagResourceResponse$ = [
      3,
      n0,
      _URRn,
      0,
      [],
      []
    ];
    var UploadLayerPartRequest$ = [
      3,
      n0,
      _ULPR,
      0,
      [_rN, _uI, _pFB, _pLB, _lPB, _rI],
      [0, 0, 1, 1, 21, 0],
      5
    ];
    var UploadLayerPartResponse$ = [
      3,
      n0,
      _ULPRp,
      0,
      [_rI, _rN, _uI, _lBR],
      [0, 0, 0, 1]
    ];
    var ImageDetailList = [
      1,
      n0,
      _IDL,
      0,
      () => ImageDetail$
    ];
    var ImageFailureList = [
      1,
      n0,
      _IFL,
      0,
      () => ImageFailure$
    ];
    var ImageIdentifierList = [
      1,
      n0,
      _IIL,
      0,
      () => ImageIdentifier$
    ];
    var ImageTagDetailList = [
      1,
      n0,
      _ITDL,
      0,
      () => ImageTagDetail$
    ];
    var LayerFailureList = [
      1,
      n0,
      _LFL,
      0,
      () => LayerFailure$
    ];
    var LayerList = [
      1,
      n0,
      _LL,
      0,
      () => Layer$
    ];
    var RegistryAliasList = [
      1,
      n0,
      _RAL,
      0,
      () => RegistryAlias$
    ];
    var RegistryList = [
      1,
      n0,
      _RL,
      0,
      () => Registry$
    ];
    var RepositoryList = [
      1,
      n0,
      _RLe,
      0,
      () => Repository$
    ];
    var TagList = [
      1,
      n0,
      _TL,
      0,
      () => Tag$
    ];
    var BatchCheckLayerAvailability$ = [
      9,
      n0,
      _BCLA,
      0,
      () => BatchCheckLayerAvailabilityRequest$,
      () => BatchCheckLayerAvailabilityResponse$
    ];
    var BatchDeleteImage$ = [
      9,
      n0,
      _BDI,
      0,
      () => BatchDeleteImageRequest$,
      () => BatchDeleteImageResponse$
    ];
    var CompleteLayerUpload$ = [
      9,
      n0,
      _CLU,
      0,
      () => CompleteLayerUploadRequest$,
      () => CompleteLayerUploadResponse$
    ];
    var CreateRepository$ = [
      9,
      n0,
      _CR,
      0,
      () => CreateRepositoryRequest$,
      () => CreateRepositoryResponse$
    ];
    var DeleteRepository$ = [
      9,
      n0,
      _DR,
      0,
      () => DeleteRepositoryRequest$,
      () => DeleteRepositoryResponse$
    ];
    var DeleteRepositoryPolicy$ = [
      9,
      n0,
      _DRP,
      0,
      () => DeleteRepositoryPolicyRequest$,
      () => DeleteRepositoryPolicyResponse$
    ];
    var DescribeImages$ = [
      9,
      n0,
      _DI,
      0,
      () => DescribeImagesRequest$,
      () => DescribeImagesResponse$
    ];
    var DescribeImageTags$ = [
      9,
      n0,
      _DIT,
      0,
      () => DescribeImageTagsRequest$,
      () => DescribeImageTagsResponse$
    ];
    var DescribeRegistries$ = [
      9,
      n0,
      _DRe,
      0,
      () => DescribeRegistriesRequest$,
      () => DescribeRegistriesResponse$
    ];
    var DescribeRepositories$ = [
      9,
      n0,
      _DRes,
      0,
      () => DescribeRepositoriesRequest$,
      () => DescribeRepositoriesResponse$
    ];
    var GetAuthorizationToken$ = [
      9,
      n0,
      _GAT,
      0,
      () => GetAuthorizationTokenRequest$,
      () => GetAuthorizationTokenResponse$
    ];
    var GetRegistryCatalogData$ = [
      9,
      n0,
      _GRCD,
      0,
      () => GetRegistryCatalogDataRequest$,
      () => GetRegistryCatalogDataResponse$
    ];
    var GetRepositoryCatalogData$ = [
      9,
      n0,
      _GRCDe,
      0,
      () => GetRepositoryCatalogDataRequest$,
      () => GetRepositoryCatalogDataResponse$
    ];
    var GetRepositoryPolicy$ = [
      9,
      n0,
      _GRP,
      0,
      () => GetRepositoryPolicyRequest$,
      () => GetRepositoryPolicyResponse$
    ];
    var InitiateLayerUpload$ = [
      9,
      n0,
      _ILU,
      0,
      () => InitiateLayerUploadRequest$,
      () => InitiateLayerUploadResponse$
    ];
    var ListTagsForResource$ = [
      9,
      n0,
      _LTFR,
      0,
      () => ListTagsForResourceRequest$,
      () => ListTagsForResourceResponse$
    ];
    var PutImage$ = [
      9,
      n0,
      _PI,
      0,
      () => PutImageRequest$,
      () => PutImageResponse$
    ];
    var PutRegistryCatalogData$ = [
      9,
      n0,
      _PRCD,
      0,
      () => PutRegistryCatalogDataRequest$,
      () => PutRegistryCatalogDataResponse$
    ];
    var PutRepositoryCatalogData$ = [
      9,
      n0,
      _PRCDu,
      0,
      () => PutRepositoryCatalogDataRequest$,
      () => PutRepositoryCatalogDataResponse$
    ];
    var SetRepositoryPolicy$ = [
      9,
      n0,
      _SRP,
      0,
      () => SetRepositoryPolicyRequest$,
      () => SetRepositoryPolicyResponse$
    ];
    var TagResource$ = [
      9,
      n0,
      _TR,
      0,
      () => TagResourceRequest$,
      () => TagResourceResponse$
    ];
    var UntagResource$ = [
      9,
      n0,
      _UR,
      0,
      () => UntagResourceRequest$,
      () => UntagResourceResponse$
    ];
    var UploadLayerPart$ = [
      9,
      n0,
      _ULP,
      0,
      () => UploadLayerPartRequest$,
      () => UploadLayerPartResponse$
    ];
    var getRuntimeConfig$1 = (config) => {
      return {
        apiVersion: "2020-10-30",
        base64Decoder: config?.base64Decoder ?? fromBase64,
        base64Encoder: config?.base64Encoder ?? toBase64,
        disableHostPrefix: config?.disableHostPrefix ?? false,
        endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
        extensions: config?.extensions ?? [],
        httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultECRPUBLICHttpAuthSchemeProvider,
        httpAuthSchemes: config?.httpAuthSchemes ?? [
          {
            schemeId: "aws.auth#sigv4",
            identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
            signer: new AwsSdkSigV4Signer()
          }
        ],
        logger: config?.logger ?? new NoOpLogger(),
        protocol: config?.protocol ?? AwsJson1_1Protocol,
        protocolSettings: config?.protocolSettings ?? {
          defaultNamespace: "com.amazonaws.ecrpublic",
          errorTypeRegistries,
          xmlNamespace: "http://ecr-public.amazonaws.com/doc/2020-12-02/",
          version: "2020-10-30",
          serviceTarget: "SpencerFrontendService"
        },
        serviceId: config?.serviceId ?? "ECR PUBLIC",
        sha256: config?.sha256 ?? Sha256,
        urlParser: config?.urlParser ?? parseUrl,
        utf8Decoder: config?.utf8Decoder ?? fromUtf8,
        utf8Encoder: config?.utf8Encoder ?? toUtf8
      };
    };
    var getRuntimeConfig = (config) => {
      emitWarningIfUnsupportedVersion(process.version);
      const defaultsMode = resolveDefaultsModeConfig(config);
      const defaultConfigProvider = () => defaultsMode().then(loadConfigsForDefaultMode);
      const clientSharedValues = getRuntimeConfig$1(config);
      emitWarningIfUnsupportedVersion$1(process.version);
      const loaderConfig = {
        profile: config?.profile,
        logger: clientSharedValues.logger
      };
      return {
        ...clientSharedValues,
        ...config,
        runtime: "node",
        defaultsMode,
        authSchemePreference: config?.authSchemePreference ?? loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
        bodyLengthChecker: config?.bodyLengthChecker ?? calculateBodyLength,
        credentialDefaultProvider: config?.credentialDefaultProvider ?? defaultProvider,
        defaultUserAgentProvider: config?.defaultUserAgentProvider ?? createDefaultUserAgentProvider({ serviceId: clientSharedValues.serviceId, clientVersion: packageInfo.version }),
        maxAttempts: config?.maxAttempts ?? loadConfig(NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
        region: config?.region ?? loadConfig(NODE_REGION_CONFIG_OPTIONS, { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
        requestHandler: NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
        retryMode: config?.retryMode ?? loadConfig({
          ...NODE_RETRY_MODE_CONFIG_OPTIONS,
          default: async () => (await defaultConfigProvider()).retryMode || DEFAULT_RETRY_MODE
        }, config),
        streamCollector: config?.streamCollector ?? streamCollector,
        useDualstackEndpoint: config?.useDualstackEndpoint ?? loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        useFipsEndpoint: config?.useFipsEndpoint ?? loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
        userAgentAppId: config?.userAgentAppId ?? loadConfig(NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
      };
    };
    var getHttpAuthExtensionConfiguration = (runtimeConfig) => {
      const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
      let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
      let _credentials = runtimeConfig.credentials;
      return {
        setHttpAuthScheme(httpAuthScheme) {
          const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
          if (index === -1) {
            _httpAuthSchemes.push(httpAuthScheme);
          } else {
            _httpAuthSchemes.splice(index, 1, httpAuthScheme);
          }
        },
        httpAuthSchemes() {
          return _httpAuthSchemes;
        },
        setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
          _httpAuthSchemeProvider = httpAuthSchemeProvider;
        },
        httpAuthSchemeProvider() {
          return _httpAuthSchemeProvider;
        },
        setCredentials(credentials) {
          _credentials = credentials;
        },
        credentials() {
          return _credentials;
        }
      };
    };
    var resolveHttpAuthRuntimeConfig = (config) => {
      return {
        httpAuthSchemes: config.httpAuthSchemes(),
        httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
        credentials: config.credentials()
      };
    };
    var resolveRuntimeExtensions = (runtimeConfig, extensions) => {
      const extensionConfiguration = Object.assign(getAwsRegionExtensionConfiguration(runtimeConfig), getDefaultExtensionConfiguration(runtimeConfig), getHttpHandlerExtensionConfiguration(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
      extensions.forEach((extension) => extension.configure(extensionConfiguration));
      return Object.assign(runtimeConfig, resolveAwsRegionExtensionConfiguration(extensionConfiguration), resolveDefaultRuntimeConfig(extensionConfiguration), resolveHttpHandlerRuntimeConfig(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
    };
    var ECRPUBLICClient = class extends Client {
      config;
      constructor(...[configuration]) {
        const _config_0 = getRuntimeConfig(configuration || {});
        super(_config_0);
        this.initConfig = _config_0;
        const _config_1 = resolveClientEndpointParameters(_config_0);
        const _config_2 = resolveUserAgentConfig(_config_1);
        const _config_3 = resolveRetryConfig(_config_2);
        const _config_4 = resolveRegionConfig(_config_3);
        const _config_5 = resolveHostHeaderConfig(_config_4);
        const _config_6 = resolveEndpointConfig(_config_5);
        const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
        const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
        this.config = _config_8;
        this.middlewareStack.use(getSchemaSerdePlugin(this.config));
        this.middlewareStack.use(getUserAgentPlugin(this.config));
        this.middlewareStack.use(getRetryPlugin(this.config));
        this.middlewareStack.use(getContentLengthPlugin(this.config));
        this.middlewareStack.use(getHostHeaderPlugin(this.config));
        this.middlewareStack.use(getLoggerPlugin(this.config));
        this.middlewareStack.use(getRecursionDetectionPlugin(this.config));
        this.middlewareStack.use(getHttpAuthSchemeEndpointRuleSetPlugin(this.config, {
          httpAuthSchemeParametersProvider: defaultECRPUBLICHttpAuthSchemeParametersProvider,
          identityProviderConfigProvider: async (config) => new DefaultIdentityProviderConfig({
            "aws.auth#sigv4": config.credentials
          })
        }));
        this.middlewareStack.use(getHttpSigningPlugin(this.config));
      }
      destroy() {
        super.destroy();
      }
    };
    var command = makeBuilder(commonParams, "SpencerFrontendService", "ECRPUBLICClient", getEndpointPlugin);
    var _ep0 = {};
    var _mw0 = (Command, cs, config, o) => [];
    var BatchCheckLayerAvailabilityCommand = class extends command(_ep0, _mw0, "BatchCheckLayerAvailability", BatchCheckLayerAvailability$) {
    };
    var BatchDeleteImageCommand = class extends command(_ep0, _mw0, "BatchDeleteImage", BatchDeleteImage$) {
    };
    var CompleteLayerUploadCommand = class extends command(_ep0, _mw0, "CompleteLayerUpload", CompleteLayerUpload$) {
    };
    var CreateRepositoryCommand = class extends command(_ep0, _mw0, "CreateRepository", CreateRepository$) {
    };
    var DeleteRepositoryCommand = class extends command(_ep0, _mw0, "DeleteRepository", DeleteRepository$) {
    };
    var DeleteRepositoryPolicyCommand = class extends command(_ep0, _mw0, "DeleteRepositoryPolicy", DeleteRepositoryPolicy$) {
    };
    var DescribeImagesCommand = class extends command(_ep0, _mw0, "DescribeImages", DescribeImages$) {
    };
    var DescribeImageTagsCommand = class extends command(_ep0, _mw0, "DescribeImageTags", DescribeImageTags$) {
    };
    var DescribeRegistriesCommand = class extends command(_ep0, _mw0, "DescribeRegistries", DescribeRegistries$) {
    };
    var DescribeRepositoriesCommand = class extends command(_ep0, _mw0, "DescribeRepositories", DescribeRepositories$) {
    };
    var GetAuthorizationTokenCommand = class extends command(_ep0, _mw0, "GetAuthorizationToken", GetAuthorizationToken$) {
    };
    var GetRegistryCatalogDataCommand = class extends command(_ep0, _mw0, "GetRegistryCatalogData", GetRegistryCatalogData$) {
    };
    var GetRepositoryCatalogDataCommand = class extends command(_ep0, _mw0, "GetRepositoryCatalogData", GetRepositoryCatalogData$) {
    };
    var GetRepositoryPolicyCommand = class extends command(_ep0, _mw0, "GetRepositoryPolicy", GetRepositoryPolicy$) {
    };
    var InitiateLayerUploadCommand = class extends command(_ep0, _mw0, "InitiateLayerUpload", InitiateLayerUpload$) {
    };
    var ListTagsForResourceCommand = class extends command(_ep0, _mw0, "ListTagsForResource", ListTagsForResource$) {
    };
    var PutImageCommand = class extends command(_ep0, _mw0, "PutImage", PutImage$) {
    };
    var PutRegistryCatalogDataCommand = class extends command(_ep0, _mw0, "PutRegistryCatalogData", PutRegistryCatalogData$) {
    };
    var PutRepositoryCatalogDataCommand = class extends command(_ep0, _mw0, "PutRepositoryCatalogData", PutRepositoryCatalogData$) {
    };
    var SetRepositoryPolicyCommand = class extends command(_ep0, _mw0, "SetRepositoryPolicy", SetRepositoryPolicy$) {
    };
    var TagResourceCommand = class extends command(_ep0, _mw0, "TagResource", TagResource$) {
    };
    var UntagResourceCommand = class extends command(_ep0, _mw0, "UntagResource", UntagResource$) {
    };
    var UploadLayerPartCommand = class extends command(_ep0, _mw0, "UploadLayerPart", UploadLayerPart$) {
    };
    var paginateDescribeImages = createPaginator(ECRPUBLICClient, DescribeImagesCommand, "nextToken", "nextToken", "maxResults");
    var paginateDescribeImageTags = createPaginator(ECRPUBLICClient, DescribeImageTagsCommand, "nextToken", "nextToken", "maxResults");
    var paginateDescribeRegistries = createPaginator(ECRPUBLICClient, DescribeRegistriesCommand, "nextToken", "nextToken", "maxResults");
    var paginateDescribeRepositories = createPaginator(ECRPUBLICClient, DescribeRepositoriesCommand, "nextToken", "nextToken", "maxResults");
    var commands = {
      BatchCheckLayerAvailabilityCommand,
      BatchDeleteImageCommand,
      CompleteLayerUploadCommand,
      CreateRepositoryCommand,
      DeleteRepositoryCommand,
      DeleteRepositoryPolicyCommand,
      DescribeImagesCommand,
      DescribeImageTagsCommand,
      DescribeRegistriesCommand,
      DescribeRepositoriesCommand,
      GetAuthorizationTokenCommand,
      GetRegistryCatalogDataCommand,
      GetRepositoryCatalogDataCommand,
      GetRepositoryPolicyCommand,
      InitiateLayerUploadCommand,
      ListTagsForResourceCommand,
      PutImageCommand,
      PutRegistryCatalogDataCommand,
      PutRepositoryCatalogDataCommand,
      SetRepositoryPolicyCommand,
      TagResourceCommand,
      UntagResourceCommand,
      UploadLayerPartCommand
    };
    var paginators = {
      paginateDescribeImages,
      paginateDescribeImageTags,
      paginateDescribeRegistries,
      paginateDescribeRepositories
    };
    var ECRPUBLIC = class extends ECRPUBLICClient {
    };
    createAggregatedClient(commands, ECRPUBLIC, { paginators });
    var LayerFailureCode = {
      InvalidLayerDigest: "InvalidLayerDigest",
      MissingLayerDigest: "MissingLayerDigest"
    };
    var LayerAvailability = {
      AVAILABLE: "AVAILABLE",
      UNAVAILABLE: "UNAVAILABLE"
    };
    var ImageFailureCode = {
      ImageNotFound: "ImageNotFound",
      ImageReferencedByManifestList: "ImageReferencedByManifestList",
      ImageTagDoesNotMatchDigest: "ImageTagDoesNotMatchDigest",
      InvalidImageDigest: "InvalidImageDigest",
      InvalidImageTag: "InvalidImageTag",
      KmsError: "KmsError",
      MissingDigestAndTag: "MissingDigestAndTag"
    };
    var RegistryAliasStatus = {
      ACTIVE: "ACTIVE",
      PENDING: "PENDING",
      REJECTED: "REJECTED"
    };
    exports.AuthorizationData$ = AuthorizationData$;
    exports.BatchCheckLayerAvailability$ = BatchCheckLayerAvailability$;
    exports.BatchCheckLayerAvailabilityCommand = BatchCheckLayerAvailabilityCommand;
    exports.BatchCheckLayerAvailabilityRequest$ = BatchCheckLayerAvailabilityRequest$;
    exports.BatchCheckLayerAvailabilityResponse$ = BatchCheckLayerAvailabilityResponse$;
    exports.BatchDeleteImage$ = BatchDeleteImage$;
    exports.BatchDeleteImageCommand = BatchDeleteImageCommand;
    exports.BatchDeleteImageRequest$ = BatchDeleteImageRequest$;
    exports.BatchDeleteImageResponse$ = BatchDeleteImageResponse$;
    exports.CompleteLayerUpload$ = CompleteLayerUpload$;
    exports.CompleteLayerUploadCommand = CompleteLayerUploadCommand;
    exports.CompleteLayerUploadRequest$ = CompleteLayerUploadRequest$;
    exports.CompleteLayerUploadResponse$ = CompleteLayerUploadResponse$;
    exports.CreateRepository$ = CreateRepository$;
    exports.CreateRepositoryCommand = CreateRepositoryCommand;
    exports.CreateRepositoryRequest$ = CreateRepositoryRequest$;
    exports.CreateRepositoryResponse$ = CreateRepositoryResponse$;
    exports.DeleteRepository$ = DeleteRepository$;
    exports.DeleteRepositoryCommand = DeleteRepositoryCommand;
    exports.DeleteRepositoryPolicy$ = DeleteRepositoryPolicy$;
    exports.DeleteRepositoryPolicyCommand = DeleteRepositoryPolicyCommand;
    exports.DeleteRepositoryPolicyRequest$ = DeleteRepositoryPolicyRequest$;
    exports.DeleteRepositoryPolicyResponse$ = DeleteRepositoryPolicyResponse$;
    exports.DeleteRepositoryRequest$ = DeleteRepositoryRequest$;
    exports.DeleteRepositoryResponse$ = DeleteRepositoryResponse$;
    exports.DescribeImageTags$ = DescribeImageTags$;
    exports.DescribeImageTagsCommand = DescribeImageTagsCommand;
    exports.DescribeImageTagsRequest$ = DescribeImageTagsRequest$;
    exports.DescribeImageTagsResponse$ = DescribeImageTagsResponse$;
    exports.DescribeImages$ = DescribeImages$;
    exports.DescribeImagesCommand = DescribeImagesCommand;
    exports.DescribeImagesRequest$ = DescribeImagesRequest$;
    exports.DescribeImagesResponse$ = DescribeImagesResponse$;
    exports.DescribeRegistries$ = DescribeRegistries$;
    exports.DescribeRegistriesCommand = DescribeRegistriesCommand;
    exports.DescribeRegistriesRequest$ = DescribeRegistriesRequest$;
    exports.DescribeRegistriesResponse$ = DescribeRegistriesResponse$;
    exports.DescribeRepositories$ = DescribeRepositories$;
    exports.DescribeRepositoriesCommand = DescribeRepositoriesCommand;
    exports.DescribeRepositoriesRequest$ = DescribeRepositoriesRequest$;
    exports.DescribeRepositoriesResponse$ = DescribeRepositoriesResponse$;
    exports.ECRPUBLIC = ECRPUBLIC;
    exports.ECRPUBLICClient = ECRPUBLICClient;
    exports.ECRPUBLICServiceException = ECRPUBLICServiceException;
    exports.ECRPUBLICServiceException$ = ECRPUBLICServiceException$;
    exports.EmptyUploadException = EmptyUploadException;
    exports.EmptyUploadException$ = EmptyUploadException$;
    exports.GetAuthorizationToken$ = GetAuthorizationToken$;
    exports.GetAuthorizationTokenCommand = GetAuthorizationTokenCommand;
    exports.GetAuthorizationTokenRequest$ = GetAuthorizationTokenRequest$;
    exports.GetAuthorizationTokenResponse$ = GetAuthorizationTokenResponse$;
    exports.GetRegistryCatalogData$ = GetRegistryCatalogData$;
    exports.GetRegistryCatalogDataCommand = GetRegistryCatalogDataCommand;
    exports.GetRegistryCatalogDataRequest$ = GetRegistryCatalogDataRequest$;
    exports.GetRegistryCatalogDataResponse$ = GetRegistryCatalogDataResponse$;
    exports.GetRepositoryCatalogData$ = GetRepositoryCatalogData$;
    exports.GetRepositoryCatalogDataCommand = GetRepositoryCatalogDataCommand;
    exports.GetRepositoryCatalogDataRequest$ = GetRepositoryCatalogDataRequest$;
    exports.GetRepositoryCatalogDataResponse$ = GetRepositoryCatalogDataResponse$;
    exports.GetRepositoryPolicy$ = GetRepositoryPolicy$;
    exports.GetRepositoryPolicyCommand = GetRepositoryPolicyCommand;
    exports.GetRepositoryPolicyRequest$ = GetRepositoryPolicyRequest$;
    exports.GetRepositoryPolicyResponse$ = GetRepositoryPolicyResponse$;
    exports.Image$ = Image$;
    exports.ImageAlreadyExistsException = ImageAlreadyExistsException;
    exports.ImageAlreadyExistsException$ = ImageAlreadyExistsException$;
    exports.ImageDetail$ = ImageDetail$;
    exports.ImageDigestDoesNotMatchException = ImageDigestDoesNotMatchException;
    exports.ImageDigestDoesNotMatchException$ = ImageDigestDoesNotMatchException$;
    exports.ImageFailure$ = ImageFailure$;
    exports.ImageFailureCode = ImageFailureCode;
    exports.ImageIdentifier$ = ImageIdentifier$;
    exports.ImageNotFoundException = ImageNotFoundException;
    exports.ImageNotFoundException$ = ImageNotFoundException$;
    exports.ImageTagAlreadyExistsException = ImageTagAlreadyExistsException;
    exports.ImageTagAlreadyExistsException$ = ImageTagAlreadyExistsException$;
    exports.ImageTagDetail$ = ImageTagDetail$;
    exports.InitiateLayerUpload$ = InitiateLayerUpload$;
    exports.InitiateLayerUploadCommand = InitiateLayerUploadCommand;
    exports.InitiateLayerUploadRequest$ = InitiateLayerUploadRequest$;
    exports.InitiateLayerUploadResponse$ = InitiateLayerUploadResponse$;
    exports.InvalidLayerException = InvalidLayerException;
    exports.InvalidLayerException$ = InvalidLayerException$;
    exports.InvalidLayerPartException = InvalidLayerPartException;
    exports.InvalidLayerPartException$ = InvalidLayerPartException$;
    exports.InvalidParameterException = InvalidParameterException;
    exports.InvalidParameterException$ = InvalidParameterException$;
    exports.InvalidTagParameterException = InvalidTagParameterException;
    exports.InvalidTagParameterException$ = InvalidTagParameterException$;
    exports.Layer$ = Layer$;
    exports.LayerAlreadyExistsException = LayerAlreadyExistsException;
    exports.LayerAlreadyExistsException$ = LayerAlreadyExistsException$;
    exports.LayerAvailability = LayerAvailability;
    exports.LayerFailure$ = LayerFailure$;
    exports.LayerFailureCode = LayerFailureCode;
    exports.LayerPartTooSmallException = LayerPartTooSmallException;
    exports.LayerPartTooSmallException$ = LayerPartTooSmallException$;
    exports.LayersNotFoundException = LayersNotFoundException;
    exports.LayersNotFoundException$ = LayersNotFoundException$;
    exports.LimitExceededException = LimitExceededException;
    exports.LimitExceededException$ = LimitExceededException$;
    exports.ListTagsForResource$ = ListTagsForResource$;
    exports.ListTagsForResourceCommand = ListTagsForResourceCommand;
    exports.ListTagsForResourceRequest$ = ListTagsForResourceRequest$;
    exports.ListTagsForResourceResponse$ = ListTagsForResourceResponse$;
    exports.PutImage$ = PutImage$;
    exports.PutImageCommand = PutImageCommand;
    exports.PutImageRequest$ = PutImageRequest$;
    exports.PutImageResponse$ = PutImageResponse$;
    exports.PutRegistryCatalogData$ = PutRegistryCatalogData$;
    exports.PutRegistryCatalogDataCommand = PutRegistryCatalogDataCommand;
    exports.PutRegistryCatalogDataRequest$ = PutRegistryCatalogDataRequest$;
    exports.PutRegistryCatalogDataResponse$ = PutRegistryCatalogDataResponse$;
    exports.PutRepositoryCatalogData$ = PutRepositoryCatalogData$;
    exports.PutRepositoryCatalogDataCommand = PutRepositoryCatalogDataCommand;
    exports.PutRepositoryCatalogDataRequest$ = PutRepositoryCatalogDataRequest$;
    exports.PutRepositoryCatalogDataResponse$ = PutRepositoryCatalogDataResponse$;
    exports.ReferencedImageDetail$ = ReferencedImageDetail$;
    exports.ReferencedImagesNotFoundException = ReferencedImagesNotFoundException;
    exports.ReferencedImagesNotFoundException$ = ReferencedImagesNotFoundException$;
    exports.Registry$ = Registry$;
    exports.RegistryAlias$ = RegistryAlias$;
    exports.RegistryAliasStatus = RegistryAliasStatus;
    exports.RegistryCatalogData$ = RegistryCatalogData$;
    exports.RegistryNotFoundException = RegistryNotFoundException;
    exports.RegistryNotFoundException$ = RegistryNotFoundException$;
    exports.Repository$ = Repository$;
    exports.RepositoryAlreadyExistsException = RepositoryAlreadyExistsException;
    exports.RepositoryAlreadyExistsException$ = RepositoryAlreadyExistsException$;
    exports.RepositoryCatalogData$ = RepositoryCatalogData$;
    exports.RepositoryCatalogDataInput$ = RepositoryCatalogDataInput$;
    exports.RepositoryCatalogDataNotFoundException = RepositoryCatalogDataNotFoundException;
    exports.RepositoryCatalogDataNotFoundException$ = RepositoryCatalogDataNotFoundException$;
    exports.RepositoryNotEmptyException = RepositoryNotEmptyException;
    exports.RepositoryNotEmptyException$ = RepositoryNotEmptyException$;
    exports.RepositoryNotFoundException = RepositoryNotFoundException;
    exports.RepositoryNotFoundException$ = RepositoryNotFoundException$;
    exports.RepositoryPolicyNotFoundException = RepositoryPolicyNotFoundException;
    exports.RepositoryPolicyNotFoundException$ = RepositoryPolicyNotFoundException$;
    exports.ServerException = ServerException;
    exports.ServerException$ = ServerException$;
    exports.SetRepositoryPolicy$ = SetRepositoryPolicy$;
    exports.SetRepositoryPolicyCommand = SetRepositoryPolicyCommand;
    exports.SetRepositoryPolicyRequest$ = SetRepositoryPolicyRequest$;
    exports.SetRepositoryPolicyResponse$ = SetRepositoryPolicyResponse$;
    exports.Tag$ = Tag$;
    exports.TagResource$ = TagResource$;
    exports.TagResourceCommand = TagResourceCommand;
    exports.TagResourceRequest$ = TagResourceRequest$;
    exports.TagResourceResponse$ = TagResourceResponse$;
    exports.TooManyTagsException = TooManyTagsException;
    exports.TooManyTagsException$ = TooManyTagsException$;
    exports.UnsupportedCommandException = UnsupportedCommandException;
    exports.UnsupportedCommandException$ = UnsupportedCommandException$;
    exports.UntagResource$ = UntagResource$;
    exports.UntagResourceCommand = UntagResourceCommand;
    exports.UntagResourceRequest$ = UntagResourceRequest$;
    exports.UntagResourceResponse$ = UntagResourceResponse$;
    exports.UploadLayerPart$ = UploadLayerPart$;
    exports.UploadLayerPartCommand = UploadLayerPartCommand;
    exports.UploadLayerPartRequest$ = UploadLayerPartRequest$;
    exports.UploadLayerPartResponse$ = UploadLayerPartResponse$;
    exports.UploadNotFoundException = UploadNotFoundException;
    exports.UploadNotFoundException$ = UploadNotFoundException$;
    exports.errorTypeRegistries = errorTypeRegistries;
    exports.paginateDescribeImageTags = paginateDescribeImageTags;
    exports.paginateDescribeImages = paginateDescribeImages;
    exports.paginateDescribeRegistries = paginateDescribeRegistries;
    exports.paginateDescribeRepositories = paginateDescribeRepositories;
  }
});
export default require_dist_cjs3();
