/**
 * Reads the head of a Java class file: magic, version, constant pool, access flags, this_class,
 * super_class and interfaces (JVM Specification, Java SE 21, §4.1 and §4.4). Fields, methods and
 * attributes are not read: the role check only needs the names in the hierarchy.
 *
 * Hand-written on purpose: no maintained npm library parses class files (the few packages that do
 * are unmaintained and decode far more than these header fields), and the format up to the
 * interfaces table is small and fixed.
 */

export const CLASS_MAGIC = 0xcafebabe;

/** ACC_* flags of a class (JVMS Table 4.1-B). */
export const ACC_INTERFACE = 0x0200;
export const ACC_ABSTRACT = 0x0400;
export const ACC_ANNOTATION = 0x2000;
export const ACC_ENUM = 0x4000;
export const ACC_MODULE = 0x8000;

export interface ClassFileHead {
  majorVersion: number;
  minorVersion: number;
  accessFlags: number;
  /** Binary name with dots, e.g. `com.example.MySink` (nested: `com.example.Outer$Inner`). */
  thisClass: string;
  /** Undefined only for java.lang.Object and module-info. */
  superClass?: string;
  interfaces: string[];
  isInterface: boolean;
  /** Abstract class or interface: the runtime cannot instantiate it. */
  isAbstract: boolean;
}

/** The bytes are not a class file Slipway can read (truncated, a stand-in, a bad constant pool). */
export class ClassFileError extends Error {}

/** Constant pool tags (JVMS Table 4.4-B) and the size of their bodies in bytes after the tag. */
const TAG = {
  Utf8: 1,
  Integer: 3,
  Float: 4,
  Long: 5,
  Double: 6,
  Class: 7,
  String: 8,
  Fieldref: 9,
  Methodref: 10,
  InterfaceMethodref: 11,
  NameAndType: 12,
  MethodHandle: 15,
  MethodType: 16,
  Dynamic: 17,
  InvokeDynamic: 18,
  Module: 19,
  Package: 20,
} as const;

const FIXED_BODY_SIZE: Record<number, number> = {
  [TAG.Integer]: 4,
  [TAG.Float]: 4,
  [TAG.Long]: 8,
  [TAG.Double]: 8,
  [TAG.Class]: 2,
  [TAG.String]: 2,
  [TAG.Fieldref]: 4,
  [TAG.Methodref]: 4,
  [TAG.InterfaceMethodref]: 4,
  [TAG.NameAndType]: 4,
  [TAG.MethodHandle]: 3,
  [TAG.MethodType]: 2,
  [TAG.Dynamic]: 4,
  [TAG.InvokeDynamic]: 4,
  [TAG.Module]: 2,
  [TAG.Package]: 2,
};

type PoolEntry = { tag: typeof TAG.Utf8; text: string } | { tag: number; ref: number };

class Reader {
  private at = 0;
  constructor(private readonly bytes: Buffer) {}
  private need(n: number): void {
    if (this.at + n > this.bytes.length) {
      throw new ClassFileError(`the class file ends at byte ${this.bytes.length}`);
    }
  }
  u1(): number {
    this.need(1);
    return this.bytes[this.at++];
  }
  u2(): number {
    this.need(2);
    const v = this.bytes.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  u4(): number {
    this.need(4);
    const v = this.bytes.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }
  take(n: number): Buffer {
    this.need(n);
    const v = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  skip(n: number): void {
    this.need(n);
    this.at += n;
  }
}

/**
 * "Modified UTF-8" (JVMS §4.4.7): NUL is two bytes and supplementary characters are two encoded
 * surrogates, so Node's UTF-8 decoder would be wrong for both; class names are ASCII in practice.
 */
export function decodeModifiedUtf8(bytes: Buffer): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const a = bytes[i];
    if (a < 0x80 && a !== 0) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length) {
      units.push(((a & 0x1f) << 6) | (bytes[i + 1] & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length) {
      units.push(((a & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f));
      i += 3;
    } else {
      throw new ClassFileError(`a constant pool string holds the invalid byte 0x${a.toString(16)}`);
    }
  }
  let out = '';
  for (let i = 0; i < units.length; i += 4096) {
    out += String.fromCharCode(...units.slice(i, i + 4096));
  }
  return out;
}

/** Parses the class file head; throws ClassFileError for anything that is not a whole one. */
export function parseClassFile(bytes: Buffer): ClassFileHead {
  const r = new Reader(bytes);
  if (bytes.length < 4 || r.u4() !== CLASS_MAGIC) {
    throw new ClassFileError('it does not start with 0xCAFEBABE');
  }
  const minorVersion = r.u2();
  const majorVersion = r.u2();
  const poolCount = r.u2();
  const pool: (PoolEntry | undefined)[] = [undefined];
  for (let index = 1; index < poolCount; index++) {
    const tag = r.u1();
    if (tag === TAG.Utf8) {
      pool.push({ tag, text: decodeModifiedUtf8(r.take(r.u2())) });
      continue;
    }
    const size = FIXED_BODY_SIZE[tag];
    if (size === undefined) {
      throw new ClassFileError(`constant pool entry ${index} has the unknown tag ${tag}`);
    }
    if (tag === TAG.Class || tag === TAG.Module || tag === TAG.Package) {
      pool.push({ tag, ref: r.u2() });
    } else {
      r.skip(size);
      pool.push({ tag, ref: 0 });
    }
    // Long and Double take two slots (JVMS §4.4.5): the next index is unusable.
    if (tag === TAG.Long || tag === TAG.Double) {
      pool.push(undefined);
      index++;
    }
  }

  const utf8 = (index: number): string => {
    const entry = pool[index];
    if (!entry || entry.tag !== TAG.Utf8 || !('text' in entry)) {
      throw new ClassFileError(`constant pool entry ${index} is not a UTF-8 string`);
    }
    return entry.text;
  };
  const className = (index: number): string => {
    const entry = pool[index];
    if (!entry || entry.tag !== TAG.Class || !('ref' in entry)) {
      throw new ClassFileError(`constant pool entry ${index} is not a class`);
    }
    // Internal form uses slashes (JVMS §4.2.1); arrays never appear in these three slots.
    return utf8(entry.ref).replace(/\//g, '.');
  };

  const accessFlags = r.u2();
  const thisClass = className(r.u2());
  const superIndex = r.u2();
  const superClass = superIndex === 0 ? undefined : className(superIndex);
  const interfaceCount = r.u2();
  const interfaces: string[] = [];
  for (let i = 0; i < interfaceCount; i++) interfaces.push(className(r.u2()));
  const isInterface = (accessFlags & ACC_INTERFACE) !== 0;
  return {
    majorVersion,
    minorVersion,
    accessFlags,
    thisClass,
    superClass,
    interfaces,
    isInterface,
    isAbstract: isInterface || (accessFlags & ACC_ABSTRACT) !== 0,
  };
}
