import type { ImageConfig } from './types';

/**
 * Label keys as images use them: reverse-DNS names (org.opencontainers.image.title), and the bare
 * words older images carry (maintainer, vendor, build-date). Nothing that could end a line, start
 * markup, or an `=` that would change where `inspect` splits key from value.
 */
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/:-]{0,254}$/;
/** C0 and C1 control characters (line breaks among them), DEL, and Unicode line separators. */
function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
const MAX_VALUE_CHARS = 4096;

function labelProblem(key: string, value: unknown): string | undefined {
  if (!LABEL_KEY.test(key)) {
    return 'its key is not a label name (letters, digits, ".", "_", "-", "/", ":"; at most 255)';
  }
  if (typeof value !== 'string') return 'its value is not a string';
  if (hasControl(value)) return 'its value holds a line break or control character';
  if (value.length > MAX_VALUE_CHARS)
    return `its value is longer than ${MAX_VALUE_CHARS} characters`;
  return undefined;
}

/**
 * `config` with the labels that are not label-shaped left out, each named in one warning. Labels
 * come from whoever made the image and reach the built image, `inspect` and logs, where a line
 * break or a control character would let the image forge lines. `where` names the image.
 */
export function checkedLabels(
  config: ImageConfig,
  where: string,
  warn: (line: string) => void,
): ImageConfig {
  const labels: unknown = config.config?.Labels;
  if (labels === undefined || labels === null) return config;
  const kept: Record<string, string> = {};
  let dropped = false;
  if (typeof labels !== 'object' || Array.isArray(labels)) {
    warn(`${where} has labels that are not a map of names to strings; they are left out.`);
    dropped = true;
  } else {
    for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
      const problem = labelProblem(key, value);
      if (problem === undefined) {
        kept[key] = value as string;
        continue;
      }
      dropped = true;
      warn(
        `${where} has the label ${JSON.stringify(key).slice(0, 80)}, which is left out: ${problem}; fix the label in the base image.`,
      );
    }
  }
  if (!dropped) return config;
  return { ...config, config: { ...config.config, Labels: kept } };
}
