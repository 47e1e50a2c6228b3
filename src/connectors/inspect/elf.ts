import { open } from 'node:fs/promises';
import type { Platform } from '../../image/types';

/**
 * Reads the platform of a Linux executable from its ELF header. Hand-written on purpose: the
 * answer sits in the first 20 bytes (e_ident + e_type + e_machine), which no library is needed for.
 */

export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const HEADER_BYTES = 20;

const EI_CLASS = 4; // 1: 32-bit, 2: 64-bit
const EI_DATA = 5; // 1: little endian, 2: big endian
const EI_OSABI = 7; // 0: System V (what Go and most Linux toolchains write), 3: Linux
const E_TYPE = 16; // 2: executable, 3: shared object (PIE)
const E_MACHINE = 18;

export type ElfResult = { ok: true; platform: Platform } | { ok: false; reason: string };

export function isElf(head: Buffer): boolean {
  return head.length >= 4 && head.subarray(0, 4).equals(ELF_MAGIC);
}

/** Maps an ELF header to the OCI platform it runs on. */
export function elfPlatform(head: Buffer): ElfResult {
  if (head.length < HEADER_BYTES || !isElf(head)) {
    return { ok: false, reason: 'it is not an ELF executable (no \\x7fELF header)' };
  }
  const bits = head[EI_CLASS] === 2 ? 64 : head[EI_CLASS] === 1 ? 32 : undefined;
  const littleEndian = head[EI_DATA] === 1 ? true : head[EI_DATA] === 2 ? false : undefined;
  if (bits === undefined || littleEndian === undefined) {
    return { ok: false, reason: 'its ELF header has an unknown class or byte order' };
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
  const platform: Platform = { os: 'linux', architecture: arch.architecture };
  if (arch.variant) platform.variant = arch.variant;
  return { ok: true, platform };
}

/** e_machine values from the System V ABI, named as Go (GOARCH) and OCI name them. */
function architecture(
  machine: number,
  bits: 32 | 64,
  le: boolean,
): { architecture: string; variant?: string } | undefined {
  switch (machine) {
    case 62: // EM_X86_64
      return { architecture: 'amd64' };
    case 183: // EM_AARCH64
      return { architecture: 'arm64' };
    case 40: // EM_ARM: the header does not say v6 or v7; v7 is what GOARM defaults to and runners ship
      return { architecture: 'arm', variant: 'v7' };
    case 3: // EM_386
      return { architecture: '386' };
    case 21: // EM_PPC64
      return { architecture: le ? 'ppc64le' : 'ppc64' };
    case 22: // EM_S390 (s390x when 64-bit)
      return bits === 64 ? { architecture: 's390x' } : undefined;
    case 243: // EM_RISCV
      return bits === 64 ? { architecture: 'riscv64' } : undefined;
    case 8: // EM_MIPS
      return { architecture: `mips${bits === 64 ? '64' : ''}${le ? 'le' : ''}` };
    case 258: // EM_LOONGARCH
      return bits === 64 ? { architecture: 'loong64' } : undefined;
    default:
      return undefined;
  }
}

/** Reads the first bytes of a file (enough for the ELF header and the zip/gzip magic numbers). */
export async function readHead(path: string, bytes = 64): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
