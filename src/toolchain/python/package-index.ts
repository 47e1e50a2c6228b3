/**
 * A client for Python package indexes: the simple repository API as JSON (PEP 691,
 * `application/vnd.pypi.simple.v1+json`) with the HTML form (PEP 503) as fallback, and
 * downloads kept in a cache by sha256. A file is stored under its hash only after its bytes were
 * hashed on the way in and matched the lock, so a cached file never needs reading again.
 *
 * Credentials in an index URL (https://user:token@host/simple) are sent as Basic auth, as pip
 * does; fetch refuses URLs that carry them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { touchCacheEntry } from '../../core/cache';
import { InputError, RunError, errorMessage } from '../../core/errors';
import { isRecord } from '../../core/json';
import { secrets } from '../../core/secrets';
import { normalizeName } from './markers';

export interface IndexFile {
  filename: string;
  /** Absolute URL (credentials stripped). */
  url: string;
  /** From the JSON `hashes` or the HTML `#sha256=` fragment, when the index gives it. */
  sha256?: string;
  /** The index URL the file was listed by. */
  index: string;
}

export interface PackageIndexOptions {
  /** Where downloads are kept: <cacheDir>/sha256/<hex>. */
  cacheDir: string;
  /** Per request; default 60 s. */
  timeoutMs?: number;
}

const ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

export class PackageIndex {
  private readonly listings = new Map<string, Promise<IndexFile[] | undefined>>();

  constructor(private readonly opts: PackageIndexOptions) {}

  /** The project's files on one index; undefined when the index does not know the project (404). */
  listFiles(index: string, project: string): Promise<IndexFile[] | undefined> {
    const url = `${index.replace(/\/+$/, '')}/${normalizeName(project)}/`;
    let pending = this.listings.get(url);
    if (!pending) {
      pending = this.fetchListing(index, url);
      this.listings.set(url, pending);
    }
    return pending;
  }

  private async fetchListing(index: string, pageUrl: string): Promise<IndexFile[] | undefined> {
    const { url, headers } = splitCredentials(pageUrl);
    const response = await this.request(
      url,
      { ...headers, Accept: ACCEPT },
      `the index page ${url}`,
    );
    if (response.status === 404 || response.status === 410) return undefined;
    if (!response.ok) {
      throw new RunError(
        `The package index answered ${response.status} ${response.statusText} for ${url}; check the index URL and its credentials`,
      );
    }
    const finalUrl = response.url || url;
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text();
    if (type.includes('application/vnd.pypi.simple.v1+json'))
      return parseJsonPage(body, finalUrl, index);
    return parseHtmlPage(body, finalUrl, index);
  }

  /**
   * The file's path in the cache, downloading it first when absent. The bytes must hash to
   * `sha256` (from the lock); `pkg` ("requests 2.31.0") names the package in errors.
   */
  async download(file: IndexFile, sha256: string, pkg: string): Promise<string> {
    const cached = path.join(this.opts.cacheDir, 'sha256', sha256);
    if (existsSync(cached)) {
      touchCacheEntry(cached);
      return cached;
    }
    await fs.mkdir(path.dirname(cached), { recursive: true });
    const { url, headers } = splitCredentials(file.url);
    const response = await this.request(url, headers, `${file.filename} of ${pkg}`);
    if (response.status === 404 || response.status === 410) {
      throw new InputError(
        `The index ${file.index} answered ${response.status} for ${file.filename}, the file the lock pins for ${pkg}; publish the file there again or update the lock`,
      );
    }
    if (!response.ok || !response.body) {
      throw new RunError(
        `Downloading ${file.filename} of ${pkg} from ${url} failed: ${response.status} ${response.statusText}`,
      );
    }
    const partial = `${cached}.${randomBytes(6).toString('hex')}.part`;
    const hash = createHash('sha256');
    try {
      const hashing = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
      hashing.on('data', (chunk: Buffer) => hash.update(chunk));
      await pipeline(hashing, createWriteStream(partial));
      const got = hash.digest('hex');
      if (got !== sha256) {
        throw new InputError(
          `${file.filename} of ${pkg} from ${file.index} has sha256 ${got}, but the lock pins ${sha256}; the index serves different bytes than were locked: check the index, or update the lock if the change is expected`,
        );
      }
      await fs.rename(partial, cached);
      return cached;
    } finally {
      await fs.rm(partial, { force: true });
    }
  }

  private async request(
    url: string,
    headers: Record<string, string>,
    what: string,
  ): Promise<Response> {
    try {
      return await fetch(url, {
        headers,
        redirect: 'follow',
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000),
      });
    } catch (err) {
      throw new RunError(`Cannot reach the package index for ${what}: ${errorMessage(err)}`);
    }
  }
}

function splitCredentials(raw: string): { url: string; headers: Record<string, string> } {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw, headers: {} };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  secrets.add(password);
  const token = Buffer.from(`${user}:${password}`).toString('base64');
  secrets.add(token);
  u.username = '';
  u.password = '';
  return { url: u.toString(), headers: { Authorization: `Basic ${token}` } };
}

/** PEP 691: `{"files": [{"filename", "url", "hashes": {"sha256"}}]}`; URLs relative to the page. */
function parseJsonPage(body: string, pageUrl: string, index: string): IndexFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new RunError(`The package index page ${pageUrl} is not valid JSON: ${errorMessage(err)}`);
  }
  const files = isRecord(parsed) && Array.isArray(parsed.files) ? parsed.files : [];
  return files.filter(isRecord).flatMap((f) => {
    if (typeof f.filename !== 'string' || typeof f.url !== 'string') return [];
    const sha =
      isRecord(f.hashes) && typeof f.hashes.sha256 === 'string'
        ? f.hashes.sha256.toLowerCase()
        : undefined;
    return [
      {
        filename: f.filename,
        url: new URL(f.url, pageUrl).toString(),
        index,
        ...(sha ? { sha256: sha } : {}),
      },
    ];
  });
}

/**
 * PEP 503: one `<a href="URL#sha256=HEX">FILENAME</a>` per file. A regular expression rather than
 * an HTML parser: the format is a flat list of anchors, and pip's own parser (pip 23
 * `index/collector.py`) reads just the anchors' href and text too.
 */
function parseHtmlPage(body: string, pageUrl: string, index: string): IndexFile[] {
  const base = /<base\s[^>]*href\s*=\s*["']([^"']+)["']/i.exec(body)?.[1];
  const baseUrl = base ? new URL(base, pageUrl).toString() : pageUrl;
  const out: IndexFile[] = [];
  for (const m of body.matchAll(/<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a>/gis)) {
    const href = decodeEntities(m[2]);
    const absolute = new URL(href, baseUrl);
    const sha = /(?:^|&)sha256=([0-9a-fA-F]{64})/.exec(absolute.hash.slice(1))?.[1]?.toLowerCase();
    absolute.hash = '';
    const text = decodeEntities(m[3].replace(/<[^>]*>/g, '')).trim();
    const filename = text || decodeURIComponent(absolute.pathname.split('/').pop() ?? '');
    out.push({ filename, url: absolute.toString(), index, ...(sha ? { sha256: sha } : {}) });
  }
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}
