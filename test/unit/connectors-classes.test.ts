import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { inspectArtifact } from '../../src/connectors/inspect';
import {
  ClassFileError,
  decodeModifiedUtf8,
  parseClassFile,
} from '../../src/connectors/inspect/classfile';
import { moduleTopLevelNames } from '../../src/connectors/inspect/python-names';
import { compileJava, pick } from '../fixtures/java-classes';
import type { ClassFiles } from '../fixtures/java-classes';
import { CLASS, tempDir, writeZip, zipBuffer } from './connector-fixtures';
import type { ZipContent } from './connector-fixtures';

/**
 * Pulsar's class checks: real class files from javac (against stand-ins of Pulsar's IO and
 * Functions interfaces, same names), packed into NARs and uber JARs with yazl.
 */

const JAVA: Record<string, string> = {
  // A sink through an abstract parent that lives in another (bundled) jar.
  'com/acme/base/AbstractJdbcSink.java': `package com.acme.base;
public abstract class AbstractJdbcSink<T> implements org.apache.pulsar.io.core.Sink<T> {
  public void close() {}
}`,
  'com/acme/PostgresSink.java': `package com.acme;
public class PostgresSink extends com.acme.base.AbstractJdbcSink<String> {
  public void write(String record) {}
}`,
  'com/acme/TwitterSource.java': `package com.acme;
public class TwitterSource extends org.apache.pulsar.io.core.PushSource<String> {
  public void close() {}
}`,
  'com/acme/FilesBatchSource.java': `package com.acme;
public class FilesBatchSource implements org.apache.pulsar.io.core.BatchSource<byte[]> {
  public byte[] readNext() { return null; }
  public void close() {}
}`,
  'com/acme/AbstractAuditSink.java': `package com.acme;
public abstract class AbstractAuditSink implements org.apache.pulsar.io.core.Sink<String> {
  public void close() {}
}`,
  'com/acme/RealAuditSink.java': `package com.acme;
public class RealAuditSink extends AbstractAuditSink {
  public void write(String record) {}
}`,
  'com/acme/Upper.java': `package com.acme;
public class Upper implements java.util.function.Function<String, String> {
  public String apply(String s) { return s.toUpperCase(); }
}`,
  'com/acme/Counter.java': `package com.acme;
public class Counter implements org.apache.pulsar.functions.api.Function<String, Long> {
  private static final long BIG = 1L << 40; private static final double HALF = 0.5;
  public Long process(String s, Object context) {
    Runnable r = () -> System.out.println("n=" + s.length() + BIG + HALF);
    r.run();
    return (long) s.length();
  }
}`,
  'com/acme/Windowed.java': `package com.acme;
public class Windowed implements org.apache.pulsar.functions.api.WindowFunction<String, Integer> {
  public Integer process(java.util.Collection<String> input, Object context) { return input.size(); }
}`,
  'com/acme/Helper.java': `package com.acme;
public class Helper { public static int twice(int x) { return 2 * x; } }`,
};

let classes: ClassFiles;
beforeAll(async () => {
  classes = await compileJava(JAVA);
}, 60_000);

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir('slipway-classes-');
  mkdirSync(join(tmp.dir, 'target'));
});
afterEach(() => tmp.remove());

function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return defaultInputs(overrides);
}

async function expectInputError(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

const MANIFEST = { 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n\r\n' };
const BUNDLED = 'META-INF/bundled-dependencies/';

/** A NAR as nifi-nar-maven-plugin lays it out: the directory entry, the descriptor, bundled jars. */
async function nar(
  file: string,
  ioYaml: string | undefined,
  root: ClassFiles,
  bundled: Record<string, ClassFiles>,
  opts: { directoryEntry?: boolean } = {},
): Promise<string> {
  const entries: ZipContent = { ...MANIFEST, ...root };
  if (opts.directoryEntry ?? true) entries[BUNDLED] = '';
  if (ioYaml !== undefined) entries['META-INF/services/pulsar-io.yaml'] = ioYaml;
  for (const [jar, content] of Object.entries(bundled)) {
    entries[`${BUNDLED}${jar}`] = await zipBuffer(content);
  }
  return writeZip(join(tmp.dir, 'target', file), entries);
}

async function uberJar(file: string, content: ClassFiles): Promise<string> {
  return writeZip(join(tmp.dir, 'target', file), { ...MANIFEST, ...content });
}

describe('class files', () => {
  it('reads this, super, interfaces and flags of javac output (Long/Double, lambdas, indy string concat)', () => {
    const counter = parseClassFile(classes['com/acme/Counter.class']);
    expect(counter).toMatchObject({
      thisClass: 'com.acme.Counter',
      superClass: 'java.lang.Object',
      interfaces: ['org.apache.pulsar.functions.api.Function'],
      isInterface: false,
      isAbstract: false,
      majorVersion: 61,
    });
    expect(parseClassFile(classes['com/acme/base/AbstractJdbcSink.class'])).toMatchObject({
      superClass: 'java.lang.Object',
      interfaces: ['org.apache.pulsar.io.core.Sink'],
      isAbstract: true,
      isInterface: false,
    });
    expect(parseClassFile(classes['org/apache/pulsar/io/core/Sink.class'])).toMatchObject({
      interfaces: ['java.lang.AutoCloseable'],
      isInterface: true,
      isAbstract: true,
    });
  });

  it('walks every constant pool tag, Module, Package and Dynamic included', () => {
    const u1 = (n: number): number[] => [n];
    const u2 = (n: number): number[] => [n >> 8, n & 0xff];
    const utf8 = (s: string): number[] => [1, ...u2(s.length), ...Buffer.from(s)];
    const pool = [
      utf8('a/B'), // 1
      [7, ...u2(1)], // 2 Class a/B
      utf8('java/lang/Object'), // 3
      [7, ...u2(3)], // 4
      [3, 0, 0, 0, 1], // 5 Integer
      [4, 0, 0, 0, 0], // 6 Float
      [5, 0, 0, 0, 0, 0, 0, 0, 1], // 7 Long (takes 7 and 8)
      [6, 0, 0, 0, 0, 0, 0, 0, 0], // 9 Double (9 and 10)
      [8, ...u2(1)], // 11 String
      [12, ...u2(1), ...u2(1)], // 12 NameAndType
      [9, ...u2(2), ...u2(12)], // 13 Fieldref
      [10, ...u2(2), ...u2(12)], // 14 Methodref
      [11, ...u2(2), ...u2(12)], // 15 InterfaceMethodref
      [15, ...u1(6), ...u2(14)], // 16 MethodHandle
      [16, ...u2(1)], // 17 MethodType
      [17, ...u2(0), ...u2(12)], // 18 Dynamic
      [18, ...u2(0), ...u2(12)], // 19 InvokeDynamic
      [19, ...u2(1)], // 20 Module
      [20, ...u2(1)], // 21 Package
      utf8('c/I'), // 22
      [7, ...u2(22)], // 23
    ];
    const bytes = Buffer.from([
      0xca,
      0xfe,
      0xba,
      0xbe,
      ...u2(0),
      ...u2(65),
      ...u2(24),
      ...pool.flat(),
      ...u2(0x0401), // public abstract
      ...u2(2),
      ...u2(4),
      ...u2(1),
      ...u2(23),
    ]);
    expect(parseClassFile(bytes)).toMatchObject({
      thisClass: 'a.B',
      superClass: 'java.lang.Object',
      interfaces: ['c.I'],
      isAbstract: true,
      majorVersion: 65,
    });
    // An unknown tag, a truncated file and the old 8-byte stand-in are not class files.
    const badTag = Buffer.from(bytes);
    badTag[10] = 2;
    expect(() => parseClassFile(badTag)).toThrow(ClassFileError);
    expect(() => parseClassFile(bytes.subarray(0, 40))).toThrow(ClassFileError);
    expect(() => parseClassFile(CLASS)).toThrow('the class file ends at byte 8');
  });

  it('decodes modified UTF-8 (two-byte NUL, surrogate pairs)', () => {
    expect(decodeModifiedUtf8(Buffer.from([0x61, 0xc0, 0x80, 0x62]))).toBe('a\u0000b');
    // U+1F600 as two three-byte surrogates
    const smile = Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]);
    expect(decodeModifiedUtf8(smile)).toBe('\u{1F600}');
  });
});

describe('NAR roles', () => {
  it('accepts a sink that implements Sink through an abstract parent in another bundled jar', async () => {
    await nar(
      'jdbc-1.0.nar',
      'name: jdbc\nsinkClass: com.acme.PostgresSink\n',
      {},
      {
        'a-base-1.0.jar': pick(classes, 'com.acme.base.AbstractJdbcSink'),
        'b-postgres-1.0.jar': pick(classes, 'com.acme.PostgresSink'),
      },
    );
    const logger = new MemoryLogger();
    const info = await inspectArtifact(inputs(), 'target/jdbc-1.0.nar', tmp.dir, logger);
    expect(info).toMatchObject({
      connectorType: 'pulsar-sink',
      className: 'com.acme.PostgresSink',
    });
    expect(logger.lines).toContain(
      'debug: com.acme.PostgresSink implements org.apache.pulsar.io.core.Sink (com.acme.PostgresSink → com.acme.base.AbstractJdbcSink → org.apache.pulsar.io.core.Sink).',
    );
  });

  it('refuses a sinkClass that is a Source, naming what it implements and the fix', async () => {
    await nar(
      'tw-1.0.nar',
      'name: tw\nsinkClass: com.acme.TwitterSource\n',
      pick(classes, 'com.acme.TwitterSource'),
      {},
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/tw-1.0.nar', tmp.dir));
    expect(err.message).toBe(
      'target/tw-1.0.nar!/META-INF/services/pulsar-io.yaml: sinkClass com.acme.TwitterSource implements org.apache.pulsar.io.core.Source (com.acme.TwitterSource → org.apache.pulsar.io.core.PushSource → org.apache.pulsar.io.core.Source), not org.apache.pulsar.io.core.Sink, so Pulsar refuses it as a sink; set connector-type: pulsar-source if that is what it is, or name a class that implements org.apache.pulsar.io.core.Sink.',
    );
  });

  it('accepts a BatchSource and a PushSource as sources', async () => {
    await nar(
      'files-1.0.nar',
      'name: files\nsourceClass: com.acme.FilesBatchSource\n',
      {},
      {
        'files.jar': pick(classes, 'com.acme.FilesBatchSource'),
      },
    );
    await expect(inspectArtifact(inputs(), 'target/files-1.0.nar', tmp.dir)).resolves.toMatchObject(
      {
        connectorType: 'pulsar-source',
        className: 'com.acme.FilesBatchSource',
      },
    );
    await nar(
      'tw-1.0.nar',
      'name: tw\nsourceClass: com.acme.TwitterSource\n',
      pick(classes, 'com.acme.TwitterSource'),
      {},
    );
    await expect(inspectArtifact(inputs(), 'target/tw-1.0.nar', tmp.dir)).resolves.toMatchObject({
      connectorType: 'pulsar-source',
    });
  });

  it('refuses an abstract sinkClass and suggests the concrete one, never an abstract class', async () => {
    const audit = pick(classes, 'com.acme.AbstractAuditSink', 'com.acme.RealAuditSink');
    await nar(
      'audit-1.0.nar',
      'name: audit\nsinkClass: com.acme.AbstractAuditSink\n',
      {},
      { 'audit.jar': audit },
    );
    let err = await expectInputError(inspectArtifact(inputs(), 'target/audit-1.0.nar', tmp.dir));
    expect(err.message).toBe(
      'target/audit-1.0.nar!/META-INF/services/pulsar-io.yaml: sinkClass com.acme.AbstractAuditSink is abstract or an interface, so Pulsar cannot create it; name a concrete class that extends it (e.g. com.acme.RealAuditSink).',
    );
    // AbstractAuditSink sorts first, but the suggestion for the missing key is the concrete class.
    await nar('audit-1.0.nar', 'name: audit\n', {}, { 'audit.jar': audit });
    err = await expectInputError(
      inspectArtifact(inputs({ 'connector-type': 'pulsar-sink' }), 'target/audit-1.0.nar', tmp.dir),
    );
    expect(err.message).toContain('sinkClass is missing; add sinkClass: com.acme.RealAuditSink');
  });

  it('follows Pulsar on NAR detection: without the bundled-dependencies directory entry, bundled jars are not on the class path', async () => {
    await nar(
      'jdbc-1.0.nar',
      'name: jdbc\nsinkClass: com.acme.PostgresSink\n',
      {},
      {
        'all.jar': pick(classes, 'com.acme.base.AbstractJdbcSink', 'com.acme.PostgresSink'),
      },
      { directoryEntry: false },
    );
    const err = await expectInputError(inspectArtifact(inputs(), 'target/jdbc-1.0.nar', tmp.dir));
    expect(err.message).toBe(
      'target/jdbc-1.0.nar!/META-INF/services/pulsar-io.yaml: sinkClass com.acme.PostgresSink is not in the archive root, and target/jdbc-1.0.nar has no META-INF/bundled-dependencies/ directory entry, so Pulsar loads it as a plain JAR and never reads its bundled jars (FileUtils.mayBeANarArchive); rebuild the NAR with nifi-nar-maven-plugin or add the directory entry to the archive.',
    );
    // A .jar with bundled jars but no entry and no descriptor is a plain (uber) JAR for Pulsar.
    await nar(
      'plain-1.0.jar',
      undefined,
      pick(classes, 'com.acme.RealAuditSink', 'com.acme.AbstractAuditSink'),
      {
        'x.jar': pick(classes, 'com.acme.Helper'),
      },
      { directoryEntry: false },
    );
    await expect(
      inspectArtifact(
        inputs({ 'connector-type': 'pulsar-sink', 'class-name': 'com.acme.RealAuditSink' }),
        'target/plain-1.0.jar',
        tmp.dir,
      ),
    ).resolves.toMatchObject({ format: 'uber-jar' });
  });

  it('puts bundled jars named *.JAR on the class path, as NarClassLoader does', async () => {
    await nar(
      'jdbc-1.0.nar',
      'name: jdbc\nsinkClass: com.acme.PostgresSink\n',
      {},
      {
        'BASE.JAR': pick(classes, 'com.acme.base.AbstractJdbcSink'),
        'postgres.jar': pick(classes, 'com.acme.PostgresSink'),
      },
    );
    const logger = new MemoryLogger();
    await expect(
      inspectArtifact(inputs(), 'target/jdbc-1.0.nar', tmp.dir, logger),
    ).resolves.toMatchObject({ className: 'com.acme.PostgresSink' });
    // The parent came from BASE.JAR: the chain reaches Sink through it.
    expect(logger.lines.join('\n')).toContain(
      'com.acme.base.AbstractJdbcSink → org.apache.pulsar.io.core.Sink',
    );
  });

  it('accepts a stand-in class file (role unknown) with a debug line', async () => {
    await nar(
      'x-1.0.nar',
      'name: x\nsinkClass: com.acme.Opaque\n',
      { 'com/acme/Opaque.class': CLASS },
      {},
    );
    const logger = new MemoryLogger();
    await expect(
      inspectArtifact(inputs(), 'target/x-1.0.nar', tmp.dir, logger),
    ).resolves.toMatchObject({
      className: 'com.acme.Opaque',
    });
    expect(logger.lines).toEqual([
      'debug: role of com.acme.Opaque not checked: target/x-1.0.nar!/com/acme/Opaque.class is not a readable class file (the class file ends at byte 8).',
    ]);
  });
});

describe('uber JAR and function JAR roles', () => {
  it('refuses a source used as a sink, and a function class that is no Function', async () => {
    await uberJar('tw-1.0.jar', pick(classes, 'com.acme.TwitterSource'));
    let err = await expectInputError(
      inspectArtifact(
        inputs({ 'connector-type': 'pulsar-sink', 'class-name': 'com.acme.TwitterSource' }),
        'target/tw-1.0.jar',
        tmp.dir,
      ),
    );
    expect(err.message).toContain(
      'Input "class-name" com.acme.TwitterSource in target/tw-1.0.jar implements org.apache.pulsar.io.core.Source',
    );
    expect(err.message).toContain('set connector-type: pulsar-source if that is what it is');

    await uberJar('fn-1.0.jar', pick(classes, 'com.acme.Helper', 'com.acme.Upper'));
    err = await expectInputError(
      inspectArtifact(
        inputs({ 'connector-type': 'pulsar-function', 'class-name': 'com.acme.Helper' }),
        'target/fn-1.0.jar',
        tmp.dir,
      ),
    );
    expect(err.message).toBe(
      'Input "class-name" com.acme.Helper in target/fn-1.0.jar implements none of Source, BatchSource, Sink or Function, not org.apache.pulsar.functions.api.Function or java.util.function.Function, so Pulsar refuses it as a function; name a class that implements org.apache.pulsar.functions.api.Function or java.util.function.Function.',
    );
  });

  it('accepts Pulsar Functions, java.util.function.Function and WindowFunction classes', async () => {
    await uberJar(
      'fn-1.0.jar',
      pick(classes, 'com.acme.Upper', 'com.acme.Counter', 'com.acme.Windowed'),
    );
    for (const className of ['com.acme.Upper', 'com.acme.Counter', 'com.acme.Windowed']) {
      await expect(
        inspectArtifact(
          inputs({ 'connector-type': 'pulsar-function', 'class-name': className }),
          'target/fn-1.0.jar',
          tmp.dir,
        ),
      ).resolves.toMatchObject({ format: 'jar', className });
    }
  });

  it("the example source NAR (javac + jar, stand-in under Pulsar's names) passes", async () => {
    const example = join(tmp.dir, 'pulsar-source-nar');
    cpSync(join(__dirname, '../../examples/pulsar-source-nar'), example, { recursive: true });
    execFileSync('sh', [join(example, 'make-nar.sh')], { stdio: 'ignore' });
    await expect(
      inspectArtifact(inputs(), 'target/pulsar-source-nar-0.1.0.nar', example),
    ).resolves.toMatchObject({
      connectorType: 'pulsar-source',
      className: 'com.example.source.CounterSource',
    });
  }, 60_000);
});

describe('Python class-name', () => {
  const PY = `"""Doc with def fake(): and class Fake: inside."""
import json

# def commented(): pass
class Exclaim:
    def process(self, input, context):
        return input + "!"

async def handler(x):
    def inner():
        pass
    return x

if True:
    def conditional(x):
        return x
s = '''
def in_string():
'''
limit: int = 3
values = [
    1,
  2]
def after(): return 1
`;

  it('finds the top-level names only', () => {
    expect(moduleTopLevelNames(PY)).toEqual([
      'Exclaim',
      'handler',
      'conditional',
      's',
      'limit',
      'values',
      'after',
    ]);
  });

  it('refuses a class-name that names nothing in the file, listing what it defines', async () => {
    writeFileSync(join(tmp.dir, 'exclaim.py'), PY);
    let err = await expectInputError(
      inspectArtifact(
        inputs({ 'connector-type': 'pulsar-function', 'class-name': 'exclaim.Fake' }),
        'exclaim.py',
        tmp.dir,
      ),
    );
    expect(err.message).toBe(
      'Input "class-name" (exclaim.Fake) names Fake, which exclaim.py does not define at its top level (it defines Exclaim, handler, conditional, s, limit, values, after); write class-name: exclaim.Exclaim.',
    );
    err = await expectInputError(
      inspectArtifact(inputs({ 'class-name': 'Exclaim' }), 'exclaim.py', tmp.dir),
    );
    expect(err.message).toContain('has no module part');
    expect(err.message).toContain('write class-name: exclaim.Exclaim');

    await expect(
      inspectArtifact(inputs({ 'class-name': 'exclaim.Exclaim' }), 'exclaim.py', tmp.dir),
    ).resolves.toMatchObject({ format: 'python', className: 'exclaim.Exclaim' });
    await expect(
      inspectArtifact(inputs({ 'class-name': 'exclaim.handler' }), 'exclaim.py', tmp.dir),
    ).resolves.toMatchObject({ className: 'exclaim.handler' });
  });
});
