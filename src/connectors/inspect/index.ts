import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Inputs } from '../../core/inputs';
import { InputError } from '../../core/errors';
import type { Logger } from '../../core/log';
import { displayPath, isInside } from '../paths';
import { artifactFormatInput, connectorTypeInput } from '../types';
import type { InspectedArtifact } from '../types';
import { METADATA_FILE, MANIFEST_FILE, exists, inspectAirbyteFolder } from './airbyte';
import { fileComponents, javaComponents, pythonComponents } from './components';
import { elfPlatform, isElf, readHead } from './elf';
import { inspectJar, inspectNar, looksLikeNar } from './pulsar';
import { functionFileOf, inspectPythonArchive, inspectPythonFile } from './python';
import { openZip, withZip } from './zip';

export { PULSAR_IO_YAML } from './pulsar';

type InspectInputs = Pick<Inputs, 'connector-type' | 'artifact-format' | 'class-name'>;

export interface InspectOptions {
  /**
   * Whether to list what an archive bundles (`bom`), for an SBOM. Default true; a run that
   * writes no SBOM says false: a NAR's bundled jars are each inflated and hashed for it, which
   * costs seconds for a large connector.
   */
  components?: boolean;
}

const ZIP_MAGIC = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

export { displayPath };

/**
 * Reads the artifact (file or folder) without unpacking it, decides its format and connector
 * type, checks what each platform requires and returns what the image plans need.
 * Every problem is an InputError (exit 2) that names the file or archive entry and the fix.
 */
export async function inspectArtifact(
  inputs: InspectInputs,
  artifactPath: string,
  workingDirectory: string,
  logger?: Logger,
  { components = true }: InspectOptions = {},
): Promise<InspectedArtifact> {
  const wd = resolve(workingDirectory);
  const path = resolve(wd, artifactPath);
  const label = displayPath(path, wd);
  const connectorType = connectorTypeInput(inputs['connector-type']);
  const format = artifactFormatInput(inputs['artifact-format']);
  const className = inputs['class-name'];

  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError(
      `Artifact ${label} does not exist; build the project first or fix artifact.`,
    );
  }

  if (info.isDirectory()) {
    const pythonFunction =
      (connectorType === 'pulsar-function' || format === 'python') &&
      !(await exists(join(path, METADATA_FILE)));
    if (pythonFunction) {
      // A Python function folder: its function file, with the folder's lock beside it.
      const file = await functionFileOf(path, className, label);
      return withFileBom(
        await inspectPythonFile({
          path: file,
          label: displayPath(file, wd),
          connectorType,
          className,
        }),
      );
    }
    return inspectAirbyteFolder({ folder: path, workingDirectory: wd, connectorType, format });
  }
  const name = basename(path);
  if (name === METADATA_FILE || name === MANIFEST_FILE) {
    return inspectAirbyteFolder({
      folder: dirname(path),
      workingDirectory: wd,
      connectorType,
      format,
    });
  }

  const head = await readHead(path, 512);
  const ext = extname(name).toLowerCase();
  const isZip = ZIP_MAGIC.some((magic) => head.subarray(0, 4).equals(magic));
  const isTar =
    /\.(tar|tgz|tar\.gz)$/i.test(name) &&
    (head.subarray(0, 2).equals(GZIP_MAGIC) ||
      head.subarray(257, 262).toString('latin1') === 'ustar' ||
      head.length < 262);

  const wantsGo = format === 'go' || (format === 'auto' && isElf(head));
  if (wantsGo) {
    if (connectorType !== 'auto' && connectorType !== 'pulsar-function') {
      throw new InputError(
        `${label} is a Go binary, which only a Pulsar Function can be (connector-type is ${connectorType}); set connector-type: pulsar-function.`,
        { file: label },
      );
    }
    const elf = elfPlatform(head);
    if (!elf.ok) {
      throw new InputError(
        `${label} cannot run as a Go function: ${elf.reason}; build it with GOOS=linux GOARCH=amd64 (or arm64).`,
        { file: label },
      );
    }
    return withFileBom({
      connectorType: 'pulsar-function',
      format: 'go',
      path,
      label,
      name: basename(name, ext),
      className: className || undefined,
      platform: elf.platform,
    });
  }

  if (format === 'airbyte-java' || (format === 'auto' && isTar)) {
    return inspectAirbyteFolder({
      folder: await connectorFolderOf(path, wd),
      tar: path,
      workingDirectory: wd,
      connectorType,
      format: 'airbyte-java',
    });
  }

  const javaCtx = { path, label, connectorType, className, logger };
  if (
    format === 'python' ||
    (format === 'auto' && (ext === '.py' || ext === '.whl' || ext === '.zip'))
  ) {
    if (!isZip) {
      if (ext === '.py' || format === 'python') {
        return withFileBom(await inspectPythonFile(javaCtx));
      }
      throw new InputError(
        `${label} is not a zip archive; rebuild the ${ext === '.whl' ? 'wheel' : 'zip'}.`,
        { file: label },
      );
    }
    return withZip(openZip(path, label), async (zip) => {
      const found = await inspectPythonArchive(zip, javaCtx);
      return components ? { ...found, bom: await pythonComponents(zip, found) } : found;
    });
  }

  if (
    format === 'nar' ||
    format === 'uber-jar' ||
    format === 'jar' ||
    (format === 'auto' && isZip)
  ) {
    if (!isZip) {
      throw new InputError(
        `${label} is not a zip archive, so it cannot be a ${format === 'auto' ? 'JAR or NAR' : format}; point artifact at the built archive.`,
        { file: label },
      );
    }
    return withZip(openZip(path, label), async (zip) => {
      const nar = format === 'nar' || (format === 'auto' && (looksLikeNar(zip) || ext === '.nar'));
      const found = nar ? await inspectNar(zip, javaCtx) : await inspectJar(zip, javaCtx);
      return components ? { ...found, bom: await javaComponents(zip, found, logger) } : found;
    });
  }

  if (format === 'auto' && ['.nar', '.jar', '.whl', '.zip'].includes(ext)) {
    throw new InputError(
      `${label} is not a zip archive, although its name says ${ext}; rebuild it or point artifact at the right file.`,
      { file: label },
    );
  }
  // Anything else is a plain file: packaged as it is when no connector type is asked for.
  if (format === 'file' || (format === 'auto' && connectorType === 'auto')) {
    return {
      connectorType: connectorType === 'auto' ? undefined : connectorType,
      format: 'file',
      path,
      label,
      name: basename(name, ext),
    };
  }
  throw new InputError(
    `Cannot tell what ${label} is (not a NAR, JAR, wheel, zip, .py, ELF binary, distribution tar or Airbyte folder); set artifact-format or point artifact at the built connector.`,
    { file: label },
  );
}

/** A single file (a Go binary, a .py module): the SBOM names it (and the run adds its sha256). */
function withFileBom(info: InspectedArtifact): InspectedArtifact {
  return { ...info, bom: fileComponents(info) };
}

/** The Airbyte folder of a distribution tar: the nearest parent holding metadata.yaml, else the working directory. */
async function connectorFolderOf(tar: string, workingDirectory: string): Promise<string> {
  for (let dir = dirname(tar); ; dir = dirname(dir)) {
    if (await exists(resolve(dir, METADATA_FILE))) return dir;
    if (dir === workingDirectory || dir === dirname(dir) || !isInside(workingDirectory, dir)) break;
  }
  return workingDirectory;
}
