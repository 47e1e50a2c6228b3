import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import { ClassFileError, parseClassFile } from './classfile';
import { ArchiveClassPath, BUNDLED_DIRECTORY_ENTRY } from './classpath';
import { classEntry } from './java';
import type { ZipArchive } from './zip';

/**
 * What a connector or function class implements, read from class files the way the JVM would
 * resolve it: super classes and interfaces, transitively, across the archive's class path.
 *
 * Pulsar refuses a class whose kind does not match its role: the Java instance
 * (`JavaInstanceRunnable.setupJavaInstance`) requires a function class to be an
 * `org.apache.pulsar.functions.api.Function` or a `java.util.function.Function`; sources must be a
 * `Source` or a `BatchSource`, sinks a `Sink` (`setupInput`/`setupOutput`), and every one is
 * created with `Reflections.createInstance`, which fails for abstract classes and interfaces.
 */

export type PulsarRole =
  'source' | 'batch-source' | 'sink' | 'pulsar-function' | 'java-function' | 'window-function';

export type WantedRole = 'source' | 'sink' | 'function';

/** The type that gives each role. */
export const ROLE_TYPES: Record<PulsarRole, string> = {
  source: 'org.apache.pulsar.io.core.Source',
  'batch-source': 'org.apache.pulsar.io.core.BatchSource',
  sink: 'org.apache.pulsar.io.core.Sink',
  'pulsar-function': 'org.apache.pulsar.functions.api.Function',
  'java-function': 'java.util.function.Function',
  'window-function': 'org.apache.pulsar.functions.api.WindowFunction',
};

/** Roles that satisfy each wanted role. */
const ACCEPTS: Record<WantedRole, PulsarRole[]> = {
  source: ['source', 'batch-source'],
  sink: ['sink'],
  // A WindowFunction runs through WindowFunctionExecutor when the function has a window config.
  function: ['pulsar-function', 'java-function', 'window-function'],
};

interface KnownType {
  abstract: boolean;
  superClass?: string;
  interfaces: string[];
}

/**
 * The hierarchy of the types the runtime provides, as declared in Pulsar 4.0 (apache/pulsar
 * branch-4.0: pulsar-io/core and pulsar-functions/api-java) and the JDK. The NAR class loader
 * asks its parent first, so these win over copies bundled in the archive; types of the runtime
 * that are missing here and are not in the archive are reported as unresolved.
 */
export const PULSAR_RUNTIME_TYPES: Readonly<Record<string, KnownType>> = {
  'java.lang.Object': { abstract: false, interfaces: [] },
  'java.lang.AutoCloseable': { abstract: true, interfaces: [] },
  'java.io.Closeable': { abstract: true, interfaces: ['java.lang.AutoCloseable'] },
  'java.io.Serializable': { abstract: true, interfaces: [] },
  'java.util.function.Function': { abstract: true, interfaces: [] },
  'java.util.function.UnaryOperator': {
    abstract: true,
    interfaces: ['java.util.function.Function'],
  },
  'org.apache.pulsar.io.core.Source': { abstract: true, interfaces: ['java.lang.AutoCloseable'] },
  'org.apache.pulsar.io.core.BatchSource': {
    abstract: true,
    interfaces: ['java.lang.AutoCloseable'],
  },
  'org.apache.pulsar.io.core.Sink': { abstract: true, interfaces: ['java.lang.AutoCloseable'] },
  'org.apache.pulsar.io.core.AbstractPushSource': {
    abstract: true,
    superClass: 'java.lang.Object',
    interfaces: [],
  },
  'org.apache.pulsar.io.core.PushSource': {
    abstract: true,
    superClass: 'org.apache.pulsar.io.core.AbstractPushSource',
    interfaces: ['org.apache.pulsar.io.core.Source'],
  },
  'org.apache.pulsar.io.core.BatchPushSource': {
    abstract: true,
    superClass: 'org.apache.pulsar.io.core.AbstractPushSource',
    interfaces: ['org.apache.pulsar.io.core.BatchSource'],
  },
  'org.apache.pulsar.io.core.BatchSourceTriggerer': { abstract: true, interfaces: [] },
  'org.apache.pulsar.functions.api.Function': { abstract: true, interfaces: [] },
  'org.apache.pulsar.functions.api.WindowFunction': { abstract: true, interfaces: [] },
};

export interface RoleFound {
  role: PulsarRole;
  /** From the class to the role's type, e.g. [MySink, AbstractSink, org.apache.pulsar.io.core.Sink]. */
  chain: string[];
}

export interface ClassRoles {
  className: string;
  /** 'unknown' when the class file itself cannot be read (a stand-in, truncated, too big). */
  status: 'resolved' | 'unknown';
  /** Why the status is unknown. */
  reason?: string;
  /** Abstract class or interface. */
  abstract: boolean;
  roles: RoleFound[];
  /** Types of the hierarchy found neither on the class path nor among the runtime's types. */
  unresolved: string[];
}

/** Follows the hierarchy of `className` breadth first (the nearest chain to each role wins). */
export async function findRoles(
  classPath: ArchiveClassPath,
  className: string,
): Promise<ClassRoles> {
  const result: ClassRoles = {
    className,
    status: 'resolved',
    abstract: false,
    roles: [],
    unresolved: [],
  };
  const parent = new Map<string, string | undefined>([[className, undefined]]);
  const queue = [className];
  const chainTo = (name: string): string[] => {
    const chain: string[] = [];
    for (let at: string | undefined = name; at !== undefined; at = parent.get(at))
      chain.unshift(at);
    return chain;
  };
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const role = (Object.keys(ROLE_TYPES) as PulsarRole[]).find((r) => ROLE_TYPES[r] === name);
    if (role && !result.roles.some((r) => r.role === role)) {
      result.roles.push({ role, chain: chainTo(name) });
    }
    const type = await typeOf(classPath, name);
    if (name === className) {
      if (type.kind === 'unreadable') {
        return { ...result, status: 'unknown', reason: type.reason };
      }
      if (type.kind === 'known') result.abstract = type.abstract;
    }
    if (type.kind !== 'known') {
      if (type.kind === 'missing' || type.kind === 'unreadable') result.unresolved.push(name);
      continue;
    }
    for (const next of [type.superClass, ...type.interfaces]) {
      if (next === undefined || parent.has(next)) continue;
      parent.set(next, name);
      queue.push(next);
    }
  }
  return result;
}

type TypeInfo =
  | ({ kind: 'known' } & KnownType)
  | { kind: 'jdk' }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

async function typeOf(classPath: ArchiveClassPath, name: string): Promise<TypeInfo> {
  const runtime = PULSAR_RUNTIME_TYPES[name];
  if (runtime) return { kind: 'known', ...runtime };
  // Parent first: the JDK's own types come from the JDK; none of the others gives a Pulsar role.
  if (/^(java|javax|jdk|sun)\./.test(name)) return { kind: 'jdk' };
  let found;
  try {
    found = await classPath.find(name);
  } catch (err) {
    return { kind: 'unreadable', reason: errorMessage(err) };
  }
  if (!found) return { kind: 'missing' };
  try {
    const head = parseClassFile(found.bytes);
    return {
      kind: 'known',
      abstract: head.isAbstract,
      superClass: head.superClass,
      interfaces: head.interfaces,
    };
  } catch (err) {
    if (!(err instanceof ClassFileError)) throw err;
    return {
      kind: 'unreadable',
      reason: `${found.where} is not a readable class file (${err.message})`,
    };
  }
}

function describeRoles(found: ClassRoles): string {
  if (found.roles.length === 0) return 'implements none of Source, BatchSource, Sink or Function';
  return `implements ${found.roles.map((r) => `${ROLE_TYPES[r.role]} (${r.chain.join(' → ')})`).join(' and ')}`;
}

const ROLE_WORD: Record<WantedRole, string> = {
  source: 'org.apache.pulsar.io.core.Source or BatchSource',
  sink: 'org.apache.pulsar.io.core.Sink',
  function: 'org.apache.pulsar.functions.api.Function or java.util.function.Function',
};

/** The connector type that would run a class with these roles, for the fix. */
function typeFor(found: ClassRoles): string | undefined {
  const roles = found.roles.map((r) => r.role);
  if (roles.includes('sink')) return 'pulsar-sink';
  if (roles.includes('source') || roles.includes('batch-source')) return 'pulsar-source';
  if (ACCEPTS.function.some((r) => roles.includes(r))) return 'pulsar-function';
  return undefined;
}

export interface RoleCheck {
  roles: ClassRoles;
  /** Set when Pulsar would refuse the class: the rest of a sentence after the class name. */
  problem?: string;
}

/**
 * Checks that `className` can run as `wanted`. A class whose own file cannot be read (a stand-in,
 * a truncated file) and a hierarchy that leads to types found nowhere are accepted with a debug
 * log: Slipway refuses only what it can show Pulsar would refuse.
 */
export async function checkRole(
  classPath: ArchiveClassPath,
  className: string,
  wanted: WantedRole,
  options: { suggestion?: string; logger?: Logger } = {},
): Promise<RoleCheck> {
  const roles = await findRoles(classPath, className);
  const log = options.logger;
  if (roles.status === 'unknown') {
    log?.debug(
      `role of ${className} not checked: ${roles.reason ?? 'its class file cannot be read'}.`,
    );
    return { roles };
  }
  const instead =
    options.suggestion && options.suggestion !== className ? ` (e.g. ${options.suggestion})` : '';
  const matching = roles.roles.find((r) => ACCEPTS[wanted].includes(r.role));
  if (matching) {
    log?.debug(`${className} ${describeRoles(roles)}.`);
    if (roles.abstract) {
      return {
        roles,
        problem: `is abstract or an interface, so Pulsar cannot create it; name a concrete class that extends it${instead}`,
      };
    }
    return { roles };
  }
  if (roles.unresolved.length > 0) {
    log?.debug(
      `role of ${className} not checked: ${roles.unresolved.join(', ')} ${roles.unresolved.length === 1 ? 'is' : 'are'} not in the archive nor among Pulsar's own types.`,
    );
    return { roles };
  }
  const other = typeFor(roles);
  const fix =
    other && other !== `pulsar-${wanted}`
      ? `set connector-type: ${other} if that is what it is, or name a class that implements ${ROLE_WORD[wanted]}${instead}`
      : `name a class that implements ${ROLE_WORD[wanted]}${instead}`;
  return {
    roles,
    problem: `${describeRoles(roles)}, not ${ROLE_WORD[wanted]}, so Pulsar refuses it as a ${wanted}; ${fix}`,
  };
}

/**
 * The best suggestion among `candidates` for `wanted`: a concrete class with the role, else one
 * whose role cannot be told (stand-in or unresolved hierarchy); never an abstract class or one
 * known to have another role. Reads at most `limit` class hierarchies.
 */
export async function preferConcrete(
  classPath: ArchiveClassPath,
  candidates: string[],
  wanted: WantedRole,
  limit = 20,
): Promise<string | undefined> {
  let undecided: string | undefined;
  for (const candidate of candidates.slice(0, limit)) {
    let roles: ClassRoles;
    try {
      roles = await findRoles(classPath, candidate);
    } catch {
      continue;
    }
    if (roles.status === 'unknown') {
      undecided ??= candidate;
      continue;
    }
    if (roles.abstract) continue;
    if (roles.roles.some((r) => ACCEPTS[wanted].includes(r.role))) return candidate;
    if (roles.roles.length === 0 && roles.unresolved.length > 0) undecided ??= candidate;
  }
  return undecided;
}

/** The wanted role of a Pulsar connector type. */
export function wantedRole(
  connectorType: 'pulsar-source' | 'pulsar-sink' | 'pulsar-function',
): WantedRole {
  return connectorType === 'pulsar-source'
    ? 'source'
    : connectorType === 'pulsar-sink'
      ? 'sink'
      : 'function';
}

/**
 * The check the inspection runs once a class is known to be in the archive: it must be on the
 * class path Pulsar builds (not only in a bundled jar of an archive Pulsar loads as a plain JAR),
 * concrete, and implement its role. Returns the problem as the rest of a sentence that starts
 * with the class name, or undefined when Pulsar would load it.
 */
export async function classRoleProblem(
  zip: ZipArchive,
  className: string,
  connectorType: 'pulsar-source' | 'pulsar-sink' | 'pulsar-function',
  logger?: Logger,
): Promise<string | undefined> {
  const classPath = ArchiveClassPath.of(zip);
  const wanted = wantedRole(connectorType);
  if (!classPath.asNar && !zip.has(classEntry(className))) {
    const bundled = [...zip.entries.keys()].some((n) => n.startsWith(BUNDLED_DIRECTORY_ENTRY));
    if (bundled) {
      return `is not in the archive root, and ${zip.label} has no ${BUNDLED_DIRECTORY_ENTRY} directory entry, so Pulsar loads it as a plain JAR and never reads its bundled jars (FileUtils.mayBeANarArchive); rebuild the NAR with nifi-nar-maven-plugin or add the directory entry to the archive`;
    }
  }
  const first = await checkRole(classPath, className, wanted, { logger });
  if (!first.problem) return undefined;
  const suggestion = await suggestConcreteClass(classPath, wanted, [className]);
  return (await checkRole(classPath, className, wanted, { suggestion })).problem;
}

/** Classes of the archive named like the role (…Sink, …Source, …Function), concrete ones first. */
export async function suggestConcreteClass(
  classPath: ArchiveClassPath,
  wanted: WantedRole,
  exclude: string[] = [],
): Promise<string | undefined> {
  const suffix = wanted === 'source' ? 'Source' : wanted === 'sink' ? 'Sink' : 'Function';
  const named = (await classPath.classNames()).filter(
    (name) => name.endsWith(suffix) && !exclude.includes(name),
  );
  return preferConcrete(classPath, named, wanted);
}

/** suggestConcreteClass for an archive. */
export async function suggestClassOf(
  zip: ZipArchive,
  connectorType: 'pulsar-source' | 'pulsar-sink' | 'pulsar-function',
): Promise<string | undefined> {
  return suggestConcreteClass(ArchiveClassPath.of(zip), wantedRole(connectorType));
}
