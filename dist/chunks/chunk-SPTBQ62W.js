#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));

// src/connectors/inspect/elf.ts
import { open } from "node:fs/promises";
var ELF_MAGIC = Buffer.from([127, 69, 76, 70]);
var HEADER_BYTES = 20;
var EI_CLASS = 4;
var EI_DATA = 5;
var EI_OSABI = 7;
var E_TYPE = 16;
var E_MACHINE = 18;
function isElf(head) {
  return head.length >= 4 && head.subarray(0, 4).equals(ELF_MAGIC);
}
function elfPlatform(head) {
  if (head.length < HEADER_BYTES || !isElf(head)) {
    return { ok: false, reason: "it is not an ELF executable (no \\x7fELF header)" };
  }
  const bits = head[EI_CLASS] === 2 ? 64 : head[EI_CLASS] === 1 ? 32 : void 0;
  const littleEndian = head[EI_DATA] === 1 ? true : head[EI_DATA] === 2 ? false : void 0;
  if (bits === void 0 || littleEndian === void 0) {
    return { ok: false, reason: "its ELF header has an unknown class or byte order" };
  }
  const osabi = head[EI_OSABI];
  if (osabi !== 0 && osabi !== 3) {
    return { ok: false, reason: `its ELF OS/ABI is ${osabi}, not Linux; build it with GOOS=linux` };
  }
  const type = littleEndian ? head.readUInt16LE(E_TYPE) : head.readUInt16BE(E_TYPE);
  if (type !== 2 && type !== 3) {
    return { ok: false, reason: `it is an ELF object of type ${type}, not an executable` };
  }
  const machine = littleEndian ? head.readUInt16LE(E_MACHINE) : head.readUInt16BE(E_MACHINE);
  const arch = architecture(machine, bits, littleEndian);
  if (!arch) return { ok: false, reason: `its ELF machine ${machine} is not a known architecture` };
  const platform = { os: "linux", architecture: arch.architecture };
  if (arch.variant) platform.variant = arch.variant;
  return { ok: true, platform };
}
function architecture(machine, bits, le) {
  switch (machine) {
    case 62:
      return { architecture: "amd64" };
    case 183:
      return { architecture: "arm64" };
    case 40:
      return { architecture: "arm", variant: "v7" };
    case 3:
      return { architecture: "386" };
    case 21:
      return { architecture: le ? "ppc64le" : "ppc64" };
    case 22:
      return bits === 64 ? { architecture: "s390x" } : void 0;
    case 243:
      return bits === 64 ? { architecture: "riscv64" } : void 0;
    case 8:
      return { architecture: `mips${bits === 64 ? "64" : ""}${le ? "le" : ""}` };
    case 258:
      return bits === 64 ? { architecture: "loong64" } : void 0;
    default:
      return void 0;
  }
}
async function readHead(path, bytes = 64) {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export {
  isElf,
  elfPlatform,
  readHead
};
