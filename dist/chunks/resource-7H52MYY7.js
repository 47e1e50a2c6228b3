#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  loadYaml
} from "./chunk-WKKBWN5R.js";
import {
  isRecord
} from "./chunk-NPESS7R3.js";
import {
  InputError
} from "./chunk-B27IFLT6.js";
import "./chunk-3ILMJHGQ.js";

// src/connectors/functionmesh/resource.ts
import { existsSync, readFileSync, statSync } from "node:fs";
import { posix, resolve } from "node:path";

// src/connectors/functionmesh/admission.ts
var OPERATOR_VERSION = "v0.27.2";
function refusal(kind, problems, by) {
  const list = problems.map((p) => `${p.field} ${p.rule} (fix: ${p.fix})`).join("; ");
  return new InputError(
    `The Function Mesh ${kind} would be refused by ${by} (function-mesh ${OPERATOR_VERSION}): ${list}; change function-mesh-values accordingly.`
  );
}
var MAX_NAME_LENGTH = 43;
var DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
var PULSAR_NAME = /^[-=:.\w]*$/;
function topicNameError(name) {
  let complete = name;
  if (!complete.includes("://")) {
    const parts = complete.split("/");
    if (parts.length === 3) complete = `persistent://${complete}`;
    else if (parts.length === 1) complete = `persistent://public/default/${parts[0]}`;
    else return "a short name is <topic> or <tenant>/<namespace>/<topic>";
  }
  const at = complete.indexOf("://");
  const domain = complete.slice(0, at);
  if (domain !== "persistent" && domain !== "non-persistent") {
    return `the domain is persistent or non-persistent, not "${domain}"`;
  }
  const rest = complete.slice(at + 3);
  const first = rest.indexOf("/");
  const second = first < 0 ? -1 : rest.indexOf("/", first + 1);
  if (second < 0) return "a full name is <domain>://<tenant>/<namespace>/<topic>";
  const tenant = rest.slice(0, first);
  const namespace = rest.slice(first + 1, second);
  if (rest.slice(second + 1) === "") return "the topic part is empty";
  if (tenant === "" || namespace === "") return "the tenant or namespace is empty";
  if (!PULSAR_NAME.test(tenant)) return `tenant "${tenant}" may hold only a-z, A-Z, 0-9 and _-=:.`;
  if (!PULSAR_NAME.test(namespace)) {
    return `namespace "${namespace}" may hold only a-z, A-Z, 0-9 and _-=:.`;
  }
  return void 0;
}
var QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))?$/;
var BINARY = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
var DECIMAL = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18
};
function quantityValue(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : void 0;
  if (typeof value !== "string") return void 0;
  const m = QUANTITY.exec(value);
  if (!m) return void 0;
  const number = Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix === "") return number;
  if (suffix in BINARY) return number * 1024 ** BINARY[suffix];
  if (suffix in DECIMAL) return number * 10 ** DECIMAL[suffix];
  return number * 10 ** Number(suffix.slice(1));
}
var DEFAULT_RESOURCES = { cpu: "1", memory: "1Gi" };
function fillResourceDefaults(resource, logger) {
  const spec = resource.spec;
  if (!isRecord(spec)) return;
  if (spec.resources === void 0) spec.resources = {};
  const resources = spec.resources;
  if (!isRecord(resources)) return;
  for (const side of ["requests", "limits"]) {
    if (resources[side] === void 0) resources[side] = {};
  }
  const { requests, limits } = resources;
  if (!isRecord(requests) || !isRecord(limits)) return;
  const filled = [];
  for (const name of ["cpu", "memory"]) {
    if (requests[name] === void 0) {
      requests[name] = limits[name] ?? DEFAULT_RESOURCES[name];
      filled.push(`requests.${name}=${String(requests[name])}`);
    }
    if (limits[name] === void 0) {
      limits[name] = requests[name];
      filled.push(`limits.${name}=${String(limits[name])}`);
    }
  }
  if (filled.length > 0) {
    logger?.info(
      `function mesh: spec.resources ${filled.join(", ")} filled in (Pulsar Functions' default resources, cpu ${DEFAULT_RESOURCES.cpu} and memory ${DEFAULT_RESOURCES.memory}; the ${OPERATOR_VERSION} operator refuses a resource without memory requests and limits); set resources in function-mesh-values to change them`
    );
  }
}
function obj(v) {
  return isRecord(v) ? v : void 0;
}
function str(v) {
  return typeof v === "string" ? v : "";
}
function num(v) {
  return typeof v === "number" ? v : void 0;
}
function collectAllInputTopics(input) {
  if (!input) return [];
  const topics = [];
  if (Array.isArray(input.topics)) topics.push(...input.topics.map(String));
  if (str(input.topicPattern) !== "") topics.push(str(input.topicPattern));
  for (const key of ["customSerdeSources", "customSchemaSources", "sourceSpecs"]) {
    const map = obj(input[key]);
    if (map) topics.push(...Object.keys(map));
  }
  return topics;
}
function packageLocationError(location) {
  const lower = location.toLowerCase();
  if (/^(function|source|sink):\/\//.test(lower)) {
    const parts = location.split("://");
    const rest = parts[1] ?? "";
    const withVersion = rest.includes("@") ? rest : `${rest}@`;
    const pkg = withVersion.split("@");
    if (parts.length !== 2 || pkg.length !== 2 || pkg[0].split("/").length !== 3) {
      return `is not a valid package name ("${location}")`;
    }
    return void 0;
  }
  if (lower.startsWith("http://") || lower.startsWith("https://")) return void 0;
  return `is not a supported package URL ("${location}")`;
}
function checkName(metadata, kind, problems) {
  const name = str(metadata.name);
  if (name === "") {
    problems.push({
      field: "metadata.name",
      rule: "is required",
      fix: "set metadata: {name: my-connector}"
    });
    return;
  }
  if (name.length > MAX_NAME_LENGTH) {
    problems.push({
      field: "metadata.name",
      rule: `must be no more than ${MAX_NAME_LENGTH} characters (the ${kind.toLowerCase()} webhook's limit; "${name}" has ${name.length})`,
      fix: `use a name of at most ${MAX_NAME_LENGTH} characters`
    });
  }
  if (!DNS1035_LABEL.test(name)) {
    problems.push({
      field: "metadata.name",
      rule: `"${name}" must be lowercase letters, digits and "-", starting with a letter (the operator's Service "${name}-${kind.toLowerCase()}-headless" must be an RFC 1035 label)`,
      fix: "use a name such as my-connector"
    });
  }
  const namespace = metadata.namespace;
  if (namespace !== void 0 && (typeof namespace !== "string" || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(namespace))) {
    problems.push({
      field: "metadata.namespace",
      rule: "must be a Kubernetes namespace name (an RFC 1123 label)",
      fix: 'use lowercase letters, digits and "-", or leave it out'
    });
  }
}
function checkPulsarNames(spec, problems) {
  for (const key of ["tenant", "namespace", "clusterName"]) {
    const value = spec[key];
    if (typeof value === "string" && !PULSAR_NAME.test(value)) {
      problems.push({
        field: `spec.${key}`,
        rule: `"${value}" holds characters Pulsar does not allow in a ${key === "clusterName" ? "cluster" : key} name (pulsar-client-go CheckName: a-z, A-Z, 0-9 and _-=:.)`,
        fix: "use only those characters"
      });
    }
  }
}
function checkRuntime(spec, kind, problems) {
  const java = obj(spec.java);
  const python = obj(spec.python);
  const golang = obj(spec.golang);
  if (kind === "Function") {
    if (!java && !python && !golang && spec.genericRuntime === void 0) {
      problems.push({
        field: "spec.java / spec.python / spec.golang",
        rule: "runtime cannot be empty",
        fix: "give one runtime"
      });
    }
    const set = ["java", "python", "golang"].filter((r) => spec[r] !== void 0);
    if (set.length > 1) {
      problems.push({
        field: `spec.${set.join(", spec.")}`,
        rule: "you can only specify one runtime",
        fix: `keep one of ${set.join(" and ")}`
      });
    }
  } else if (!java) {
    problems.push({
      field: "spec.java",
      rule: `${kind.toLowerCase()} must have java runtime specified`,
      fix: "give java: {jar: connectors/<file>.nar}"
    });
  }
  const className = str(spec.className);
  const runtimes = [
    ["java", java, "jar", "jarLocation"],
    ["python", python, "py", "pyLocation"],
    ["golang", golang, "go", "goLocation"]
  ];
  for (const [runtime, body, file, location] of runtimes) {
    if (!body) continue;
    if (runtime !== "golang" && className === "") {
      problems.push({
        field: "spec.className",
        rule: "class name cannot be empty",
        fix: kind === "Function" ? "set class-name (the function class), or className in the values" : "set class-name (the connector class)"
      });
    }
    if (str(body[file]) === "") {
      problems.push({
        field: `spec.${runtime}.${file}`,
        rule: `${file} cannot be empty in ${runtime} runtime`,
        fix: `give the path of the ${runtime === "golang" ? "Go binary" : runtime === "python" ? "Python file" : "jar or NAR"}`
      });
    }
    const where = str(body[location]);
    const error = where === "" ? void 0 : packageLocationError(where);
    if (error) {
      problems.push({
        field: `spec.${runtime}.${location}`,
        rule: error,
        fix: 'use function://, source:// or sink://<tenant>/<namespace>/<name>[@version], an http(s) URL, or "" for the file in the image'
      });
    }
  }
}
function defaultedReplicas(spec) {
  let replicas = num(spec.replicas);
  let minReplicas = num(spec.minReplicas);
  if (replicas === void 0 || minReplicas === void 0) {
    if (minReplicas !== void 0) replicas = minReplicas;
    else if (replicas !== void 0) minReplicas = replicas;
    else replicas = minReplicas = 1;
  }
  return { replicas, minReplicas };
}
function checkReplicas(spec, problems) {
  const { replicas, minReplicas } = defaultedReplicas(spec);
  const maxReplicas = num(spec.maxReplicas);
  const given = (field) => spec[field] === void 0 ? " (defaulted by the webhook)" : "";
  if (replicas !== void 0 && replicas < 0) {
    problems.push({ field: "spec.replicas", rule: "cannot be negative", fix: "use 1 or more" });
  }
  if (maxReplicas !== void 0 && replicas !== void 0) {
    if (replicas > maxReplicas) {
      problems.push({
        field: "spec.maxReplicas",
        rule: `must be greater than or equal to replicas (${replicas})`,
        fix: `set maxReplicas to ${replicas} or more, or lower replicas`
      });
    }
    if (replicas === 0) {
      problems.push({
        field: "spec.replicas",
        rule: "cannot be zero when maxReplicas (HPA) is set",
        fix: "use 1 or more"
      });
    }
  }
  if (minReplicas !== void 0 && minReplicas <= 0) {
    problems.push({
      field: "spec.minReplicas",
      rule: `cannot be zero or negative (it is ${minReplicas}${given("minReplicas")})`,
      fix: "use 1 or more for replicas and minReplicas"
    });
  }
  if (minReplicas !== void 0 && replicas !== void 0 && minReplicas > replicas) {
    problems.push({
      field: "spec.minReplicas",
      rule: `must be less than or equal to replicas (${replicas}${given("replicas")})`,
      fix: `set minReplicas to at most ${replicas}`
    });
  }
  if (minReplicas !== void 0 && maxReplicas !== void 0 && minReplicas > maxReplicas) {
    problems.push({
      field: "spec.minReplicas",
      rule: `must be less than or equal to maxReplicas (${maxReplicas})`,
      fix: `set minReplicas to at most ${maxReplicas}`
    });
  }
}
function checkPod(spec, kind, problems) {
  const pod = obj(spec.pod);
  const vpa = obj(pod?.vpa);
  if (vpa) {
    if (spec.maxReplicas !== void 0) {
      problems.push({
        field: "spec.pod.vpa",
        rule: "you can not enable HPA (maxReplicas) and VPA at the same time",
        fix: "remove pod.vpa or maxReplicas"
      });
    }
    const policies = obj(vpa.resourcePolicy)?.containerPolicies;
    if (Array.isArray(policies) && policies.some((p) => str(obj(p)?.containerName) === "")) {
      problems.push({
        field: "spec.pod.vpa.resourcePolicy.containerPolicies",
        rule: "container name must be specified",
        fix: "give each policy a containerName"
      });
    }
  }
  if (kind === "Function" && Array.isArray(pod?.builtinAutoscaler)) {
    const rules = pod.builtinAutoscaler.map(String);
    for (const metric of ["CPU", "Memory"]) {
      if (rules.filter((r) => r.startsWith(`AverageUtilization${metric}Percent`)).length > 1) {
        problems.push({
          field: "spec.pod.builtinAutoscaler",
          rule: `Duplicate ${metric} autoscaler metrics are set`,
          fix: `keep one AverageUtilization${metric}Percent rule`
        });
      }
    }
  }
}
function checkResources(spec, problems) {
  const resources = obj(spec.resources) ?? {};
  const sides = { requests: obj(resources.requests) ?? {}, limits: obj(resources.limits) ?? {} };
  const value = (side, name) => quantityValue(sides[side][name]) ?? 0;
  for (const side of ["requests", "limits"]) {
    if (!(value(side, "memory") > 0)) {
      problems.push({
        field: `spec.resources.${side}.memory`,
        rule: "must be greater than 0 (the webhook requires memory in both requests and limits)",
        fix: `set resources: {${side}: {memory: 1Gi}}`
      });
    }
    for (const name of ["cpu", "storage"]) {
      if (value(side, name) < 0) {
        problems.push({
          field: `spec.resources.${side}.${name}`,
          rule: "cannot be negative",
          fix: `set a positive ${name} quantity`
        });
      }
    }
  }
  if (value("requests", "memory") > value("limits", "memory") && value("limits", "memory") > 0) {
    problems.push({
      field: "spec.resources.requests.memory",
      rule: `must not exceed limits.memory (${String(sides.limits.memory)})`,
      fix: "raise limits.memory or lower requests.memory"
    });
  }
  if (value("limits", "cpu") !== 0 && value("requests", "cpu") > value("limits", "cpu")) {
    problems.push({
      field: "spec.resources.requests.cpu",
      rule: `must not exceed limits.cpu (${String(sides.limits.cpu)})`,
      fix: "raise limits.cpu or lower requests.cpu"
    });
  }
}
function checkGuarantees(spec, kind, problems) {
  const effectivelyOnce = spec.processingGuarantee === "effectively_once";
  const maxMessageRetry = num(spec.maxMessageRetry) ?? 0;
  if (kind !== "Source") {
    if ((num(spec.timeout) ?? 0) !== 0 && effectivelyOnce) {
      problems.push({
        field: "spec.timeout",
        rule: "message timeout can only be set for atleast_once processing guarantee",
        fix: "remove timeout or change processingGuarantee"
      });
    }
    if (maxMessageRetry > 0 && effectivelyOnce) {
      problems.push({
        field: "spec.maxMessageRetry",
        rule: "MaxMessageRetries and effectively_once are not compatible",
        fix: "remove maxMessageRetry or change processingGuarantee"
      });
    }
    if (maxMessageRetry <= 0 && str(spec.deadLetterTopic) !== "") {
      problems.push({
        field: "spec.maxMessageRetry",
        rule: "dead letter topic is set but max message retry is set to infinity",
        fix: "set maxMessageRetry to 1 or more, or remove deadLetterTopic"
      });
    }
  }
  if (kind === "Function") {
    if (spec.retainKeyOrdering === true && effectivelyOnce) {
      problems.push({
        field: "spec.retainKeyOrdering",
        rule: "cannot be set with the effectively_once processing guarantee",
        fix: "remove retainKeyOrdering or change processingGuarantee"
      });
    }
    if (spec.retainKeyOrdering === true && spec.retainOrdering === true) {
      problems.push({
        field: "spec.retainKeyOrdering",
        rule: "only one of retainOrdering or retainKeyOrdering can be set",
        fix: "keep one of them"
      });
    }
  }
}
function topicProblem(field, what, topic) {
  const error = topicNameError(topic);
  if (!error) return void 0;
  return {
    field,
    rule: `${what} "${topic}" is invalid: ${error}`,
    fix: "use <topic>, <tenant>/<namespace>/<topic> or persistent://<tenant>/<namespace>/<topic>"
  };
}
function checkInputOutput(spec, kind, problems) {
  const push = (p) => {
    if (p) problems.push(p);
  };
  const checkInput = kind === "Sink" || kind === "Function" && spec.sourceConfig === void 0;
  const checkOutput = kind === "Source" || kind === "Function" && spec.sinkConfig === void 0;
  const input = kind === "Source" ? void 0 : obj(spec.input) ?? {};
  const inputs = collectAllInputTopics(input);
  if (input && checkInput) {
    if (inputs.length === 0) {
      problems.push({
        field: "spec.input",
        rule: `No input topic(s) specified for the ${kind.toLowerCase()}`,
        fix: kind === "Function" ? "give input: {topics: [persistent://public/default/in]}, or a sourceConfig" : "give input: {topics: [persistent://public/default/in]}"
      });
    }
    for (const topic2 of inputs) push(topicProblem("spec.input", "input topic", topic2));
    for (const [topic2, conf] of Object.entries(obj(input.sourceSpecs) ?? {})) {
      const spec2 = obj(conf) ?? {};
      if ((num(spec2.receiverQueueSize) ?? 0) < 0) {
        problems.push({
          field: `spec.input.sourceSpecs["${topic2}"].receiverQueueSize`,
          rule: "should be >= zero",
          fix: "use 0 or more"
        });
      }
      const crypto = obj(spec2.cryptoConfig);
      if (crypto && str(crypto.cryptoKeyReaderClassName) === "") {
        problems.push({
          field: `spec.input.sourceSpecs["${topic2}"].cryptoConfig.cryptoKeyReaderClassName`,
          rule: "is required",
          fix: "name the CryptoKeyReader class"
        });
      }
    }
  }
  const output = obj(spec.output);
  const topic = str(output?.topic);
  if (checkOutput && output && topic !== "") {
    push(topicProblem("spec.output.topic", "output topic", topic));
    if (inputs.includes(topic)) {
      problems.push({
        field: "spec.output.topic",
        rule: `${topic} is also being used as an input topic (topics must be one or the other)`,
        fix: "use a different output topic"
      });
    }
    const crypto = obj(obj(output.producerConf)?.cryptoConfig);
    if (crypto) {
      if (str(crypto.cryptoKeyReaderClassName) === "") {
        problems.push({
          field: "spec.output.producerConf.cryptoConfig.cryptoKeyReaderClassName",
          rule: "is required",
          fix: "name the CryptoKeyReader class"
        });
      }
      if (!Array.isArray(crypto.encryptionKeys) || crypto.encryptionKeys.length === 0) {
        problems.push({
          field: "spec.output.producerConf.cryptoConfig.encryptionKeys",
          rule: "must provide encryption key name for crypto key reader",
          fix: "list at least one key name"
        });
      }
    }
  }
  if (kind === "Function" && str(spec.logTopic) !== "") {
    push(topicProblem("spec.logTopic", "log topic", str(spec.logTopic)));
  }
  if (kind !== "Source" && str(spec.deadLetterTopic) !== "") {
    push(topicProblem("spec.deadLetterTopic", "dead letter topic", str(spec.deadLetterTopic)));
  }
}
function checkFunctionExtras(spec, problems) {
  const stateful = obj(obj(spec.statefulConfig)?.pulsar);
  if (stateful) {
    const golangOnly = spec.golang !== void 0 && spec.python === void 0 && spec.java === void 0;
    if (golangOnly) {
      problems.push({
        field: "spec.statefulConfig",
        rule: "Golang functions do not support stateful functions yet",
        fix: "remove statefulConfig"
      });
    } else if (str(stateful.serviceUrl) === "") {
      problems.push({
        field: "spec.statefulConfig.pulsar.serviceUrl",
        rule: "cannot be empty",
        fix: "give the state storage service URL"
      });
    }
  }
  const window = obj(spec.windowConfig);
  if (!window) return;
  const count = num(window.windowLengthCount);
  const duration = num(window.windowLengthDurationMs);
  const rule = (field, text, fix) => {
    problems.push({ field: `spec.windowConfig${field}`, rule: text, fix });
  };
  if (count !== void 0 && window.slidingIntervalCount === void 0 && (window.maxLagMs === void 0 || window.watermarkEmitIntervalMs === void 0)) {
    rule(
      "",
      "with windowLengthCount and no slidingIntervalCount needs maxLagMs and watermarkEmitIntervalMs (the webhook fails without them)",
      "set slidingIntervalCount, or maxLagMs and watermarkEmitIntervalMs"
    );
  }
  if (count === void 0 && duration === void 0) {
    rule("", "Window length is not specified", "set windowLengthCount or windowLengthDurationMs");
    return;
  }
  if (count !== void 0 && duration !== void 0) {
    rule("", "Window length for time and count are set", "set only one of them");
    return;
  }
  const positive = [
    ["windowLengthCount", "Window length"],
    ["windowLengthDurationMs", "Window length"],
    ["slidingIntervalCount", "Sliding interval"],
    ["slidingIntervalDurationMs", "Sliding interval"],
    ...window.timestampExtractorClassName !== void 0 ? [
      ["maxLagMs", "Lag duration"],
      ["watermarkEmitIntervalMs", "Watermark interval"]
    ] : []
  ];
  for (const [key, what] of positive) {
    const v = num(window[key]);
    if (v !== void 0 && v <= 0) rule(`.${key}`, `${what} must be positive`, "use 1 or more");
  }
}
function checkMessaging(spec, problems) {
  if (str(obj(spec.pulsar)?.pulsarConfig) === "") {
    problems.push({
      field: "spec.pulsar.pulsarConfig",
      rule: "Pulsar configuration needs to be set",
      fix: "name the ConfigMap with webServiceURL and brokerServiceURL, e.g. pulsar: {pulsarConfig: my-pulsar}"
    });
  }
  const packages = spec.pulsarPackageService;
  if (packages !== void 0 && str(obj(packages)?.pulsarConfig) === "") {
    problems.push({
      field: "spec.pulsarPackageService.pulsarConfig",
      rule: "needs to be set",
      fix: "name the ConfigMap, or remove pulsarPackageService"
    });
  }
}
function admissionProblems(resource) {
  const kind = resource.kind;
  const spec = obj(resource.spec) ?? {};
  const problems = [];
  checkName(obj(resource.metadata) ?? {}, kind, problems);
  checkPulsarNames(spec, problems);
  if (kind === "Sink" && spec.sinkConfig === void 0) {
    problems.push({
      field: "spec.sinkConfig",
      rule: "sink config is not provided",
      fix: "give the sink configuration mapping (may be {})"
    });
  }
  if (kind === "Source" && spec.sourceConfig === void 0) {
    problems.push({
      field: "spec.sourceConfig",
      rule: "source config is not provided",
      fix: "give the source configuration mapping (may be {})"
    });
  }
  checkRuntime(spec, kind, problems);
  checkReplicas(spec, problems);
  checkPod(spec, kind, problems);
  checkResources(spec, problems);
  checkGuarantees(spec, kind, problems);
  checkInputOutput(spec, kind, problems);
  if (kind === "Function") checkFunctionExtras(spec, problems);
  checkMessaging(spec, problems);
  return problems;
}

// src/connectors/functionmesh/schema.ts
async function loadCrd(kind) {
  const mod = kind === "Function" ? await import("./functions-WROL6ZJC.js") : kind === "Sink" ? await import("./sinks-Y7WEGEEO.js") : await import("./sources-GZFDR3WF.js");
  return mod.default ?? mod;
}
var OBJECT_META = {
  type: "object",
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    generateName: { type: "string" },
    namespace: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
    finalizers: { type: "array", items: { type: "string" } },
    ownerReferences: { type: "array", items: { type: "object" } }
  }
};
function toJsonSchema(node, atRoot = true) {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n, false));
  if (!isRecord(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "x-kubernetes-list-map-keys") out.listMapKeys = value;
    else if (key.startsWith("x-kubernetes-")) continue;
    else if (key === "properties" && isRecord(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, toJsonSchema(child, false)])
      );
    } else out[key] = toJsonSchema(value, false);
  }
  if (node["x-kubernetes-int-or-string"] === true && out.anyOf === void 0) {
    out.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  if (node["x-kubernetes-list-type"] === "set") out.uniqueItems = true;
  const preserve = node["x-kubernetes-preserve-unknown-fields"] === true;
  if (out.type === "object" && !preserve && out.additionalProperties === void 0) {
    out.additionalProperties = false;
  }
  if (atRoot && isRecord(out.properties)) {
    out.properties = { ...out.properties, metadata: OBJECT_META };
  }
  return out;
}
var INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
var validators = /* @__PURE__ */ new Map();
async function compile(kind) {
  const [{ default: AjvClass }, crd] = await Promise.all([import("./ajv-P5F6XJI4.js"), loadCrd(kind)]);
  const ajv = new AjvClass({ strict: false, allErrors: true, verbose: true });
  ajv.addFormat("int32", {
    type: "number",
    validate: (n) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max
  });
  ajv.addFormat("int64", { type: "number", validate: (n) => Number.isSafeInteger(n) });
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  ajv.addKeyword({
    keyword: "listMapKeys",
    type: "array",
    schemaType: "array",
    validate: (keys, list) => {
      const tuples = list.map(
        (item) => JSON.stringify(keys.map((k) => isRecord(item) ? item[k] : void 0))
      );
      return new Set(tuples).size === list.length;
    },
    error: { message: "has two items with the same keys" }
  });
  const schema = toJsonSchema(crd.openAPIV3Schema);
  const top = schema.properties;
  const spec = top.spec;
  const specFields = spec.properties;
  const names = Object.fromEntries(Object.keys(specFields).map((name) => [name, {}]));
  const shallow = { ...schema, properties: { ...top, spec: { ...spec, properties: names } } };
  return { ajv, root: ajv.compile(shallow), specFields, fields: /* @__PURE__ */ new Map() };
}
function validatorsFor(kind) {
  let v = validators.get(kind);
  if (!v) {
    v = compile(kind);
    validators.set(kind, v);
  }
  return v;
}
async function validateResource(resource, kind) {
  const v = await validatorsFor(kind);
  const errors = [];
  if (!v.root(resource)) errors.push(...v.root.errors ?? []);
  const spec = resource.spec;
  if (!isRecord(spec)) return errors;
  for (const [name, value] of Object.entries(spec)) {
    const schema = v.specFields[name];
    if (!isRecord(schema)) continue;
    let validate = v.fields.get(name);
    if (!validate) {
      validate = v.ajv.compile(schema);
      v.fields.set(name, validate);
    }
    if (validate(value)) continue;
    const prefix = `/spec/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    for (const e of validate.errors ?? []) {
      errors.push({ ...e, instancePath: prefix + e.instancePath });
    }
  }
  return errors;
}
function fieldPath(instancePath, child) {
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== void 0) parts.push(child);
  let out = "";
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "the resource" : out;
}
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}
function valueAt(root, instancePath) {
  let node = root;
  for (const raw of instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return void 0;
  }
  return node;
}
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
function closest(name, known) {
  let best;
  let bestScore = Infinity;
  for (const candidate of known) {
    const score = distance(name.toLowerCase(), candidate.toLowerCase());
    if (score < bestScore) [best, bestScore] = [candidate, score];
  }
  return best !== void 0 && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : void 0;
}
var TYPE_EXAMPLES = {
  boolean: "true or false",
  integer: "a whole number without quotes",
  number: "a number without quotes",
  string: "a quoted string",
  object: "a mapping (key: value lines), not a string",
  array: 'a list ([a, b] or "- a" lines)'
};
function toProblem(error, resource, kind) {
  const value = valueAt(resource, error.instancePath);
  const field = fieldPath(error.instancePath);
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(error.params.additionalProperty);
      const known = Object.keys(
        isRecord(error.parentSchema?.properties) ? error.parentSchema.properties : {}
      );
      const suggestion = closest(name, known);
      return {
        field: fieldPath(error.instancePath, name),
        rule: `is not a field of the ${kind} CRD (the API server would drop it silently)`,
        fix: suggestion ? `did you mean ${suggestion}? otherwise remove it` : known.length > 0 ? `remove it or fix its spelling` : `remove it (this mapping takes no fields)`
      };
    }
    case "type": {
      const type = String(error.params.type);
      return {
        field,
        rule: `must be ${type.replace(",", " or ")}, not ${describe(value)}`,
        fix: `write ${TYPE_EXAMPLES[type] ?? type}`
      };
    }
    case "anyOf":
      return {
        field,
        rule: `must be an integer or a string (int-or-string), not ${describe(value)}`,
        fix: 'quote a quantity, e.g. "0.5" or 500m'
      };
    case "pattern":
      return {
        field,
        rule: `${describe(value)} is not a Kubernetes quantity`,
        fix: "write e.g. 500m, 1, 512Mi or 1Gi"
      };
    case "enum": {
      const allowed = error.params.allowedValues;
      return {
        field,
        rule: `must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, not ${describe(value)}`,
        fix: "use one of those values"
      };
    }
    case "required": {
      const missing = String(error.params.missingProperty);
      return {
        field: fieldPath(error.instancePath, missing),
        rule: "is required by the CRD schema",
        fix: `add ${missing}`
      };
    }
    case "format":
      return {
        field,
        rule: `must be ${String(error.params.format)}, not ${describe(value)}`,
        fix: "use a value in range"
      };
    default:
      return {
        field,
        rule: error.message ?? `fails the CRD schema's ${error.keyword} rule`,
        fix: "correct the value"
      };
  }
}
async function schemaProblems(resource) {
  const kind = resource.kind;
  const errors = await validateResource(resource, kind);
  const reported = errors.filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
  const seen = /* @__PURE__ */ new Set();
  const problems = [];
  for (const error of reported) {
    const problem = toProblem(error, resource, kind);
    const key = `${problem.field} ${problem.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

// src/connectors/functionmesh/resource.ts
var FUNCTION_MESH_API_VERSION = "compute.functionmesh.io/v1alpha1";
var RUNNER_HOME = "/pulsar";
function kindOf(connectorType) {
  switch (connectorType) {
    case "pulsar-source":
      return "Source";
    case "pulsar-sink":
      return "Sink";
    case "pulsar-function":
      return "Function";
    default:
      throw new InputError(
        `Input "function-mesh-manifest" applies to Pulsar sources, sinks and functions, but this artifact is ${connectorType ?? "not a connector"}; set function-mesh-manifest: false.`
      );
  }
}
function runtimeOf(kind, format) {
  if (kind !== "Function") return "java";
  if (format === "python") return "python";
  if (format === "go") return "golang";
  return "java";
}
function resourceName(name) {
  const cleaned = (name ?? "connector").toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+|[^a-z0-9]+$/g, "").slice(0, MAX_NAME_LENGTH).replace(/[^a-z0-9]+$/, "");
  return cleaned || "connector";
}
function deepMerge(base, over) {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : value;
  }
  return out;
}
var RESOURCE_KEYS = /* @__PURE__ */ new Set(["apiVersion", "kind", "metadata", "spec"]);
async function readValues(raw, workingDirectory) {
  const trimmed = raw.trim();
  if (trimmed === "") return {};
  let text = raw;
  let label = "function-mesh-values";
  const candidate = resolve(workingDirectory, trimmed);
  if (!trimmed.includes("\n") && existsSync(candidate) && statSync(candidate).isFile()) {
    text = readFileSync(candidate, "utf8");
    label = `function-mesh-values file ${trimmed}`;
  }
  const doc = (await loadYaml()).parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    throw new InputError(
      `Input "${label}" is not valid YAML (${first.message.split("\n")[0]}); fix the syntax, or give a path to a YAML file.`
    );
  }
  const value = doc.toJS();
  if (value === null || value === void 0) return {};
  if (!isRecord(value)) {
    throw new InputError(
      `Input "${label}" must be a YAML mapping, e.g. "input: {topics: [persistent://public/default/in]}"; got ${Array.isArray(value) ? "a list" : "a single value"}.`
    );
  }
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((k) => RESOURCE_KEYS.has(k))) return value;
  return { spec: value };
}
function runtimePath(pathInImage) {
  const rel = posix.relative(RUNNER_HOME, pathInImage);
  return rel.startsWith("..") || posix.isAbsolute(rel) ? pathInImage : rel;
}
async function generateResource(input, logger) {
  const kind = kindOf(input.connectorType);
  const runtime = runtimeOf(kind, input.format);
  const file = runtimePath(input.pathInImage);
  const runtimeSpec = runtime === "java" ? { jar: file, jarLocation: "" } : runtime === "python" ? { py: file, pyLocation: "" } : { go: file, goLocation: "" };
  const spec = {
    image: input.imageRef,
    ...input.className && runtime !== "golang" ? { className: input.className } : {},
    replicas: 1,
    ...kind === "Source" ? {} : { autoAck: true },
    [runtime]: runtimeSpec
  };
  const generated = {
    apiVersion: FUNCTION_MESH_API_VERSION,
    kind,
    metadata: { name: resourceName(input.name) },
    spec
  };
  const values = await readValues(input.values, input.workingDirectory);
  const resource = deepMerge(generated, values);
  const merged = resource.spec;
  if (merged.image !== input.imageRef) {
    logger?.warn(
      `function-mesh-values sets spec.image (${String(merged.image)}); it is replaced by the pushed ${input.imageRef}`
    );
    merged.image = input.imageRef;
  }
  resource.apiVersion = FUNCTION_MESH_API_VERSION;
  resource.kind = kind;
  fillResourceDefaults(resource, logger);
  const typeProblems = await schemaProblems(resource);
  if (typeProblems.length > 0) throw refusal(kind, typeProblems, "the API server");
  checkAdmission(resource);
  const { stringify } = await loadYaml();
  return { kind, resource, yaml: stringify(resource, { lineWidth: 0 }) };
}
function checkAdmission(resource) {
  const problems = admissionProblems(resource);
  if (problems.length > 0) {
    throw refusal(resource.kind, problems, "the operator");
  }
}
export {
  checkAdmission,
  generateResource,
  resourceName
};
