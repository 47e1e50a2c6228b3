#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  Annotation,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MAX_CONFIG_BYTES,
  MAX_MANIFEST_BYTES,
  MediaType,
  RegistryError,
  Transport,
  VerifyingStream,
  attachBundles,
  baseAnnotations,
  bestMatch,
  blobPresent,
  buildImageOrIndex,
  buildIndex,
  bundleReferrer,
  cancelUpload,
  canonicalJson,
  checkedLabels,
  checkedPlatform,
  fetchBlob,
  fetchManifest,
  forEachLimited,
  formatPlatform,
  headManifest,
  header,
  isDistributable,
  isIndex,
  isIndexDocument,
  isInsecureHost,
  isLoopbackHost,
  listReferrers,
  mapLimited,
  memoryBlob,
  normalizePlatform,
  parsePlatforms,
  platformOfConfig,
  pushBlob,
  pushImage,
  pushReferrer,
  pushScope,
  pushScopes,
  putBlob,
  readBytes,
  referrerArtifact,
  referrersTag,
  remoteBlob,
  resolveBase,
  resolveImage,
  runnableEntries,
  samePlatform,
  speaksTls,
  stackImage,
  startUpload,
  tagImage,
  uploadLocation,
  withRetry
} from "./chunk-3GYP5G67.js";
import {
  ARTIFACT_FORMATS,
  CONNECTOR_TYPES,
  DEFAULT_SIGSTORE_TOKEN_VARIABLE,
  INPUTS,
  REGISTRY_PROVIDERS,
  SIGNING_KEY_VARIABLE,
  ciContext,
  ciIdentity,
  identitySource,
  provenanceStatement,
  readInputs,
  sbomStatement,
  secrets,
  sigstoreToken
} from "./chunk-VMJUAKDN.js";
import {
  require_semver
} from "./chunk-CGKBDEOZ.js";
import {
  CYCLONEDX_MEDIA_TYPE,
  buildSbom,
  sbomBytes
} from "./chunk-JSK3FM22.js";
import {
  DOCKER_HUB,
  SCRATCH,
  buildEpoch,
  epochToIso,
  githubEvent,
  isDigest,
  isRecord,
  isScratch,
  normalizeRegistry,
  parseReference,
  parseRepository,
  parseTag,
  registryApiHost,
  sha256,
  shortDigest
} from "./chunk-KUQUKC3Y.js";
import {
  InputError,
  RunError,
  SlipwayError,
  errorMessage
} from "./chunk-B27IFLT6.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-3ILMJHGQ.js";

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports2, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports2, module) {
    module.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports2, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports2, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size, fill2, encoding) {
      return Buffer.alloc(size, fill2, encoding);
    }
    function allocUnsafe(size) {
      return Buffer.allocUnsafe(size);
    }
    function allocUnsafeSlow(size) {
      return Buffer.allocUnsafeSlow(size);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare2(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy2(source, target2, targetStart, start, end) {
      return toBuffer(source).copy(target2, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare: compare2,
      concat,
      copy: copy2,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports2, module) {
    var b4a = require_b4a();
    module.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports2, module) {
    var b4a = require_b4a();
    module.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "\uFFFD";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "\uFFFD";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "\uFFFD";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "\uFFFD" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports2, module) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports2, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg);
        this.code = code;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports2, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder2 = require_text_decoder();
    var StreamError = require_errors();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || /* @__PURE__ */ Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable5 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough2(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline5(src, out, noop);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder2(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve14, reject) {
              promiseResolve = resolve14;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve14, reject) => {
            if (stream._duplexState & DESTROYED) return resolve14({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve14({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve14) => {
          state.drains.push({ writes, resolve: resolve14 });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable5 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform2 = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough2 = class extends Transform2 {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve14, reject) => {
        return pipeline5(...streams, (err) => {
          if (err) return reject(err);
          resolve14();
        });
      });
    }
    function pipeline5(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2);
        s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s._writableState && !s._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s of all) {
          s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline5,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable5,
      Duplex,
      Transform: Transform2,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough: PassThrough2
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports2) {
    var b4a = require_b4a();
    var ZEROS = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports2.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports2.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports2.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports2.encode = function encode(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports2.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num2, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num2) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum = 8 * 32;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num2, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num2 & 255;
        num2 = Math.floor(num2 / 256);
      }
    }
    function encodeSize(num2, buf, off) {
      if (num2.toString(8).length > 11) {
        encodeSizeBin(num2, buf, off);
      } else {
        b4a.write(buf, encodeOct(num2, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str3) {
      const len = b4a.byteLength(str3);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str3;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports2, module) {
    var { Writable, Readable: Readable5, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size) {
        return this.buffered === 0 ? null : this._next(size);
      }
      shift(size) {
        if (size > this.buffered) return null;
        if (size === 0) return EMPTY;
        let chunk = this._next(size);
        if (size === chunk.byteLength) return chunk;
        const chunks = [chunk];
        while ((size -= chunk.byteLength) > 0) {
          chunk = this._next(size);
          chunks.push(chunk);
        }
        return b4a.concat(chunks);
      }
      _next(size) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size;
        this.shifted += size;
        return buf.subarray(this._offset, this._offset += size);
      }
    };
    var Source = class extends Readable5 {
      constructor(self, header2, offset) {
        super();
        this.header = header2;
        this.offset = offset;
        this._parent = self;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained2 = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained2) this._stream._detach();
          return drained2 && this._locked === false;
        }
        return drained2;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve14, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve14({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve14;
          promiseReject = reject;
          consumeCallback(null);
          if (extract._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header2, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract.destroy(err);
          consumeCallback(err);
          return new Promise((resolve14, reject) => {
            if (extract.destroyed) return resolve14({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve14({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract(opts) {
      return new Extract(opts);
    };
    function noop() {
    }
    function overflow(size) {
      size &= 511;
      return size && 512 - size;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports2, module) {
    var constants4 = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants4;
    } catch {
      module.exports = constants4;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports2, module) {
    var { Readable: Readable5, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants4 = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack, header2, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header2;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header2.type === "symlink" && !header2.linkname;
        this._isVoid = header2.type !== "file" && header2.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable5 {
      constructor(opts) {
        super(opts);
        this._drain = noop;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header2, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop;
        if (!header2.size || header2.type === "symlink") header2.size = 0;
        if (!header2.type) header2.type = modeToType(header2.mode);
        if (!header2.mode) header2.mode = header2.type === "directory" ? DMODE : FMODE;
        if (!header2.uid) header2.uid = 0;
        if (!header2.gid) header2.gid = 0;
        if (!header2.mtime) header2.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header2, callback);
        if (b4a.isBuffer(buffer)) {
          header2.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header2) {
        if (!header2.pax) {
          const buf = headers.encode(header2);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header2);
      }
      _encodePax(header2) {
        const paxHeader = headers.encodePax({
          name: header2.name,
          linkname: header2.linkname,
          pax: header2.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header2.mode,
          uid: header2.uid,
          gid: header2.gid,
          size: paxHeader.byteLength,
          mtime: header2.mtime,
          type: "pax-header",
          linkname: header2.linkname && "PaxHeader",
          uname: header2.uname,
          gname: header2.gname,
          devmajor: header2.devmajor,
          devminor: header2.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header2.size;
        newHeader.type = header2.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain = this._drain;
        this._drain = noop;
        drain();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module.exports = function pack(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants4.S_IFMT) {
        case constants4.S_IFBLK:
          return "block-device";
        case constants4.S_IFCHR:
          return "character-device";
        case constants4.S_IFDIR:
          return "directory";
        case constants4.S_IFIFO:
          return "fifo";
        case constants4.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size) {
      size &= 511;
      if (size) self.push(END_OF_TAR.subarray(0, 512 - size));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports2) {
    exports2.extract = require_extract();
    exports2.pack = require_pack();
  }
});

// src/core/log.ts
var LineLogger = class {
  constructor(write, verbose = false) {
    this.write = write;
    this.verbose = verbose;
  }
  write;
  verbose;
  info(message) {
    this.write(secrets.redact(message));
  }
  warn(message) {
    this.write(secrets.redact(`warning: ${message}`));
  }
  debug(message) {
    if (this.verbose) this.write(secrets.redact(`debug: ${message}`));
  }
  progress(event) {
    if (event.action === "upload" || event.action === "copy") {
      if (event.bytes !== event.total) return;
    }
    this.write(`${event.id}: ${event.action} ${formatBytes(event.total)}`);
  }
  section(_title) {
    return () => void 0;
  }
};
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

// src/connectors/projects/config.ts
import { stat } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/core/lazy.ts
async function importCommonJs(load) {
  const mod = await load();
  const named = Object.keys(mod).filter((key) => key !== "default" && key !== "module.exports");
  const fallback = mod.default;
  if (named.length === 0 && fallback !== null && typeof fallback === "object") return fallback;
  return mod;
}
function loadYaml() {
  return importCommonJs(() => import("./dist-XKVF5HAU.js"));
}
function loadGlob() {
  return importCommonJs(() => import("./dist-3ON3YY2M.js"));
}

// src/connectors/inspect/yaml.ts
var YamlFile = class _YamlFile {
  constructor(yaml, label, doc, lines, annotate) {
    this.yaml = yaml;
    this.label = label;
    this.doc = doc;
    this.lines = lines;
    this.annotate = annotate;
  }
  yaml;
  label;
  doc;
  lines;
  annotate;
  static async parse(text4, label, annotate = label) {
    const yaml = await loadYaml();
    const lines = new yaml.LineCounter();
    const doc = yaml.parseDocument(text4, { lineCounter: lines });
    const first = doc.errors[0];
    if (first) {
      const line = first.linePos?.[0].line;
      throw new InputError(
        `${label}${line ? `:${line}` : ""}: invalid YAML (${first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}); fix the syntax.`,
        { file: annotate, line }
      );
    }
    if (doc.contents !== null && !yaml.isMap(doc.contents)) {
      throw new InputError(`${label}: expected a YAML mapping at the top level.`, {
        file: annotate,
        line: 1
      });
    }
    return new _YamlFile(yaml, label, doc, lines, annotate);
  }
  /** A non-empty string at `path` (numbers are accepted as text: `dockerImageTag: 1.0`). */
  string(path9) {
    const node = this.doc.getIn(path9.split("."), true);
    if (!this.yaml.isScalar(node)) return void 0;
    const value = node.value;
    if (typeof value === "string") return value.trim() === "" ? void 0 : value.trim();
    if (typeof value === "number") return node.source ?? String(value);
    return void 0;
  }
  has(path9) {
    return this.doc.hasIn(path9.split("."));
  }
  /** Line of the key at `path`, or of its closest existing parent. */
  line(path9) {
    const keys = path9.split(".");
    for (let n = keys.length; n > 0; n--) {
      const parent = n === 1 ? this.doc.contents : this.doc.getIn(keys.slice(0, n - 1), true);
      if (!this.yaml.isMap(parent)) continue;
      const pair = parent.items.find(
        (p) => this.yaml.isScalar(p.key) && p.key.value === keys[n - 1]
      );
      const offset = pair && this.yaml.isScalar(pair.key) ? pair.key.range?.[0] : void 0;
      if (offset !== void 0) return this.lines.linePos(offset).line;
    }
    return void 0;
  }
  /** An InputError that points at `path` in this file: "label: message". */
  error(path9, message) {
    const line = path9 ? this.line(path9) : void 0;
    return new InputError(`${this.label}: ${message}`, { file: this.annotate, line });
  }
};

// src/connectors/projects/walk.ts
import { readFile, readdir } from "node:fs/promises";
import { join, posix } from "node:path";
var SKIPPED_FOLDERS = /* @__PURE__ */ new Set(["node_modules", ".git", "target", "build", "dist"]);
function joinRelative(dir, rel) {
  return posix.normalize(posix.join(dir, rel)).replace(/\/$/, "") || ".";
}
function isUnder(dir, path9) {
  return dir === "." || path9 === dir || path9.startsWith(`${dir}/`);
}
async function fileText(root, rel) {
  try {
    return await readFile(join(root, rel), "utf8");
  } catch {
    return void 0;
  }
}
async function walkRepository(root) {
  const folders = [];
  const visit = async (dir) => {
    const entries = await readdir(dir === "." ? root : join(root, dir), { withFileTypes: true });
    const files = /* @__PURE__ */ new Set();
    const subfolders = [];
    for (const entry of entries) {
      if (entry.isFile()) files.add(entry.name);
      else if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith(".")) {
        subfolders.push(joinRelative(dir, entry.name));
      }
    }
    folders.push({ dir, files });
    for (const sub of subfolders.sort()) await visit(sub);
  };
  await visit(".");
  return folders.sort((a, b) => a.dir.localeCompare(b.dir));
}

// src/connectors/projects/config.ts
var CONFIG_FILE = "slipway.yaml";
var CONFIG_FILES = [CONFIG_FILE, ".slipway.yaml"];
var TOP_LEVEL_KEYS = ["image-prefix", "inputs", "exclude", "projects", "shared"];
var NOT_PER_PROJECT = ["working-directory"];
var EMPTY_CONFIG = {
  runInputs: {},
  inputs: {},
  exclude: [],
  projects: [],
  shared: [],
  error: (_path, message) => new InputError(`${CONFIG_FILE}: ${message}`)
};
async function isFolder(path9) {
  try {
    return (await stat(path9)).isDirectory();
  } catch {
    return false;
  }
}
function scalar(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
async function readRepositoryConfig(root) {
  let name = CONFIG_FILE;
  let content;
  for (const candidate of CONFIG_FILES) {
    content = await fileText(root, candidate);
    name = candidate;
    if (content !== void 0) break;
  }
  if (content === void 0) return EMPTY_CONFIG;
  const file = await YamlFile.parse(content, name);
  const data = (await loadYaml()).parse(content);
  const error = (path9, message) => file.error(path9, message);
  if (data === null || data === void 0) return { ...EMPTY_CONFIG, file: name, error };
  if (!isRecord(data)) throw error("", "expected a mapping at the top level.");
  const isInput = (key) => INPUTS[key] !== void 0;
  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL_KEYS.includes(key) && !isInput(key)) {
      throw error(
        key,
        `unknown key "${key}"; use an input name (see slipway build --help) or ${TOP_LEVEL_KEYS.join(", ")}.`
      );
    }
  }
  const stringList = (path9, value) => {
    if (value === void 0 || value === null) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => {
      const s = scalar(item);
      if (s === void 0 || s.trim() === "") {
        throw error(`${path9}.${i}`, `${path9}[${i}] must be a non-empty string.`);
      }
      return s.trim();
    });
  };
  const folder = async (path9, value) => {
    const raw = scalar(value)?.trim();
    if (!raw)
      throw error(path9, `${path9} is missing; give the folder relative to the repository root.`);
    const rel = joinRelative(".", raw);
    if (rel.startsWith("..") || raw.startsWith("/")) {
      throw error(
        path9,
        `${path9} "${raw}" is outside the repository; give a folder relative to its root.`
      );
    }
    if (!await isFolder(join2(root, rel))) {
      throw error(
        path9,
        `${path9} "${raw}" is not a folder of the repository; fix the path or remove the entry.`
      );
    }
    return rel;
  };
  const inputsAt = (path9, value, topLevel = false) => {
    if (value === void 0 || value === null) return {};
    if (!isRecord(value)) throw error(path9, `${path9} must be a mapping of input names to values.`);
    const inputs = {};
    for (const [name2, raw] of Object.entries(value)) {
      const spec = INPUTS[name2];
      if (!spec || !topLevel && NOT_PER_PROJECT.includes(name2)) {
        throw error(
          `${path9}.${name2}`,
          `${path9}.${name2} is not a per-project input; use the names of the action inputs (${name2 === "working-directory" ? "the folder is the entry's path" : "see action.yml"}).`
        );
      }
      const at = path9 ? `${path9}.${name2}` : name2;
      if (spec.secret) {
        throw error(
          at,
          `${at} is a secret and does not belong in a committed file; pass it to the CI job as a masked variable or secret.`
        );
      }
      const value2 = Array.isArray(raw) ? raw.map(scalar).join(",") : scalar(raw);
      if (value2 === void 0) throw error(at, `${at} must be a string, number, boolean or list.`);
      const choices = spec.choices;
      if (choices && !choices.includes(value2)) {
        throw error(at, `${at} is "${value2}"; use one of ${choices.join(", ")}.`);
      }
      inputs[name2] = value2;
    }
    return inputs;
  };
  const imagePrefix = scalar(data["image-prefix"])?.trim().replace(/\/+$/, "") || void 0;
  if (data["image-prefix"] !== void 0 && imagePrefix === void 0) {
    throw error(
      "image-prefix",
      "image-prefix must be a registry path such as registry.example.com/team."
    );
  }
  const projects = [];
  const rawProjects = data.projects ?? [];
  if (!Array.isArray(rawProjects))
    throw error("projects", "projects must be a list of entries with path and inputs.");
  for (const [i, entry] of rawProjects.entries()) {
    const label = `projects[${i}]`;
    if (!isRecord(entry))
      throw error(`projects.${i}`, `${label} must be a mapping with path (and name, inputs).`);
    for (const key of Object.keys(entry)) {
      if (!["path", "name", "inputs"].includes(key)) {
        throw error(
          `projects.${i}.${key}`,
          `${label} has an unknown key "${key}"; use path, name and inputs (input values go under inputs).`
        );
      }
    }
    projects.push({
      path: await folder(`projects.${i}.path`, entry.path),
      name: scalar(entry.name)?.trim() || void 0,
      inputs: inputsAt(`projects.${i}.inputs`, entry.inputs),
      label
    });
  }
  const shared = [];
  const rawShared = data.shared ?? [];
  if (!Array.isArray(rawShared))
    throw error("shared", "shared must be a list of entries with path and used-by.");
  for (const [i, entry] of rawShared.entries()) {
    const label = `shared[${i}]`;
    if (!isRecord(entry))
      throw error(`shared.${i}`, `${label} must be a mapping with path and used-by.`);
    const usedBy = stringList(`shared.${i}.used-by`, entry["used-by"]);
    if (usedBy.length === 0) {
      throw error(
        `shared.${i}`,
        `${label} has no used-by; list the project paths or names built from ${scalar(entry.path) ?? "it"}.`
      );
    }
    shared.push({ path: await folder(`shared.${i}.path`, entry.path), usedBy, label });
  }
  const topLevelInputs = Object.fromEntries(Object.entries(data).filter(([key]) => isInput(key)));
  return {
    file: name,
    runInputs: inputsAt("", topLevelInputs, true),
    imagePrefix,
    inputs: inputsAt("inputs", data.inputs),
    exclude: stringList("exclude", data.exclude),
    projects,
    shared,
    error
  };
}

// src/connectors/projects/changed.ts
import { execFile } from "node:child_process";
var ROOT_BUILD_FILES = [
  "pom.xml",
  "settings.gradle",
  "settings.gradle.kts",
  "build.gradle",
  "build.gradle.kts",
  "gradle.properties",
  "gradle/libs.versions.toml",
  CONFIG_FILE
];
var ROOT_BUILD_FOLDERS = [".mvn"];
function git(root, args) {
  return new Promise((resolve14, reject) => {
    execFile(
      "git",
      ["-C", root, ...args],
      { maxBuffer: 256 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") {
          reject(
            new InputError(
              `git could not be run (${err.message}); install git on the runner to use changed-since.`
            )
          );
          return;
        }
        resolve14({ code: err ? err.code : 0, stdout, stderr });
      }
    );
  });
}
async function missingRef(root, ref, detail) {
  const shallow = await git(root, ["rev-parse", "--is-shallow-repository"]);
  if (shallow.code !== 0) {
    return new InputError(
      `Input "changed-since" needs a git clone, but ${root} is not inside one (${shallow.stderr.trim().split("\n")[0]}); run Slipway in the checked-out repository or drop changed-since.`
    );
  }
  const history2 = shallow.stdout.trim() === "true" ? "this clone is shallow: fetch the full history with fetch-depth: 0 on actions/checkout (GIT_DEPTH: 0 on GitLab, git fetch --unshallow elsewhere)" : `fetch it first (git fetch origin ${ref}, or fetch-depth: 0 on actions/checkout)`;
  return new InputError(`Input "changed-since": ${ref} ${detail} in this clone; ${history2}.`);
}
async function changedFiles(root, ref) {
  if (ref.trim() === "" || ref.startsWith("-")) {
    throw new InputError(
      `Input "changed-since" ("${ref}") is not a git ref; give a branch, tag or commit such as origin/main.`
    );
  }
  const resolved = await git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (resolved.code !== 0) throw await missingRef(root, ref, "is not a commit");
  const diff = await git(root, ["diff", "--name-only", "--no-renames", "-z", `${ref}...HEAD`]);
  if (diff.code !== 0) {
    if (/no merge base/i.test(diff.stderr)) {
      throw await missingRef(root, ref, "has no merge base with HEAD");
    }
    throw new InputError(
      `Input "changed-since": git diff ${ref}...HEAD failed (${diff.stderr.trim().split("\n")[0]}); check the ref and that the working directory is the repository.`
    );
  }
  return diff.stdout.split("\0").filter((f) => f.length > 0);
}
function isRootBuildFile(file) {
  return ROOT_BUILD_FILES.includes(file) || ROOT_BUILD_FOLDERS.some((d) => isUnder(d, file));
}
function ownerOf(file, folders) {
  const depth2 = (dir) => dir === "." ? 0 : dir.split("/").length;
  let best;
  for (const dir of folders) {
    if (isUnder(dir, file) && (best === void 0 || depth2(dir) > depth2(best))) best = dir;
  }
  return best;
}
function selectForFiles(projects, files) {
  const rootFile = files.find(isRootBuildFile);
  if (rootFile) {
    return projects.map((project) => ({
      project,
      reasons: [{ kind: "root-build", file: rootFile }]
    }));
  }
  const folders = [...new Set(projects.flatMap((p) => [p.workingDirectory, ...p.dependsOn]))];
  const owners = new Map(files.map((f) => [f, ownerOf(f, folders)]));
  const selections = [];
  for (const project of projects) {
    const reasons = [];
    const add = (reason) => {
      if (!reasons.some((r) => r.kind === reason.kind && r.via === reason.via))
        reasons.push(reason);
    };
    for (const file of files) {
      const owner = owners.get(file);
      if (owner === project.workingDirectory) add({ kind: "own", file });
      else if (owner !== void 0 && project.dependsOn.includes(owner)) {
        add({ kind: "dependency", file, via: owner });
      }
      if (project.parentPoms.includes(file)) add({ kind: "parent-pom", file });
      const shared = project.sharedFolders.find((dir) => isUnder(dir, file));
      if (shared !== void 0) add({ kind: "shared", file, via: shared });
    }
    if (reasons.length > 0) selections.push({ project, reasons });
  }
  return selections;
}
async function selectChanged(projects, root, sinceRef) {
  return selectForFiles(projects, await changedFiles(root, sinceRef));
}
function selectAll(projects) {
  return projects.map((project) => ({ project, reasons: [{ kind: "all", file: "" }] }));
}
function describeReason(reason) {
  switch (reason.kind) {
    case "own":
      return `${reason.file} changed`;
    case "dependency":
      return `${reason.file} changed in ${reason.via}, which it is built from`;
    case "parent-pom":
      return `its parent POM ${reason.file} changed`;
    case "shared":
      return `${reason.file} changed in shared folder ${reason.via}`;
    case "root-build":
      return `root build file ${reason.file} changed`;
    case "all":
      return "all projects selected";
  }
}

// src/connectors/projects/output.ts
import { posix as posix2 } from "node:path";
function projectInputs(project) {
  return {
    "working-directory": project.workingDirectory,
    "connector-type": project.connectorType,
    "artifact-format": project.artifactFormat,
    image: project.image,
    ...project.inputs
  };
}
function projectJson(project, reasons) {
  return {
    name: project.name,
    "working-directory": project.workingDirectory,
    "connector-type": project.connectorType,
    "artifact-format": project.artifactFormat,
    image: project.image,
    source: project.source,
    "depends-on": project.dependsOn,
    shared: project.sharedFolders,
    "parent-poms": project.parentPoms,
    inputs: projectInputs(project),
    ...project.maven ? {
      maven: {
        "group-id": project.maven.groupId,
        "artifact-id": project.maven.artifactId,
        reactor: project.maven.reactor,
        module: project.maven.module
      }
    } : {},
    ...reasons ? {
      reasons: reasons.map((r) => ({
        kind: r.kind,
        file: r.file,
        ...r.via !== void 0 ? { via: r.via } : {},
        text: describeReason(r)
      }))
    } : {}
  };
}
function mavenReactorBuilds(projects) {
  const byReactor = /* @__PURE__ */ new Map();
  for (const p of projects) {
    if (!p.maven) continue;
    const set = byReactor.get(p.maven.reactor) ?? /* @__PURE__ */ new Set();
    set.add(p.maven.module);
    byReactor.set(p.maven.reactor, set);
  }
  return [...byReactor.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reactor, set]) => {
    const modules = [...set].sort();
    const whole = modules.length === 1 && modules[0] === ".";
    return {
      reactor,
      modules,
      args: whole ? [] : ["-pl", modules.map((m) => m === "." ? "." : posix2.normalize(m)).join(","), "-am"]
    };
  });
}
function discoveryJson(selections) {
  return {
    projects: selections.map(
      (s) => projectJson(s.project, s.reasons.every((r) => r.kind === "all") ? void 0 : s.reasons)
    ),
    "maven-builds": mavenReactorBuilds(selections.map((s) => s.project))
  };
}

// src/connectors/projects/discover.ts
import { posix as posix5 } from "node:path";
import { basename, resolve } from "node:path";

// src/connectors/projects/gradle.ts
import { posix as posix3 } from "node:path";
var SETTINGS_FILES = ["settings.gradle", "settings.gradle.kts"];
var BUILD_FILES = ["build.gradle", "build.gradle.kts"];
function folderOf(settingsDir, gradlePath) {
  return joinRelative(settingsDir, gradlePath.replace(/^:/, "").split(":").join("/"));
}
function includedPaths(settings) {
  const withoutComments = settings.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
  const paths = [];
  for (const statement of withoutComments.matchAll(/\binclude\s*\(?([^\n)]*)/g)) {
    for (const quoted2 of statement[1].matchAll(/["']([^"']+)["']/g)) paths.push(quoted2[1]);
  }
  return paths;
}
async function readGradleSubprojects(root, settingsFiles) {
  const found = [];
  for (const settingsFile of settingsFiles) {
    const settings = await fileText(root, settingsFile);
    if (settings === void 0) continue;
    const settingsDir = posix3.dirname(settingsFile);
    const buildFiles = [settingsFile];
    for (const name of BUILD_FILES) {
      const rootBuild = joinRelative(settingsDir, name);
      if (await fileText(root, rootBuild) !== void 0) buildFiles.push(rootBuild);
    }
    const gradlePaths = [...new Set(includedPaths(settings))];
    const dirByPath = new Map(
      gradlePaths.map((p) => [`:${p.replace(/^:/, "")}`, folderOf(settingsDir, p)])
    );
    const byAccessor = new Map(
      [...dirByPath.keys()].map((p) => [
        p.slice(1).split(":").map((part) => part.replace(/-(\w)/g, (_m, c) => c.toUpperCase())).join("."),
        p
      ])
    );
    for (const [gradlePath, dir] of dirByPath) {
      let buildScript = "";
      for (const name of BUILD_FILES)
        buildScript ||= await fileText(root, joinRelative(dir, name)) ?? "";
      const refs = /* @__PURE__ */ new Set();
      for (const m of buildScript.matchAll(/project\s*\(\s*["'](:?[^"']+)["']/g)) {
        refs.add(`:${m[1].replace(/^:/, "")}`);
      }
      for (const m of buildScript.matchAll(/\bprojects\.([\w.]+)/g)) {
        const target2 = byAccessor.get(m[1]);
        if (target2) refs.add(target2);
      }
      const dependsOn = [...refs].map((r) => dirByPath.get(r)).filter((d) => d !== void 0 && d !== dir).sort();
      found.push({ dir, path: gradlePath, dependsOn, buildFiles, buildScript });
    }
  }
  return found;
}
function isSettingsFile(name) {
  return SETTINGS_FILES.includes(name);
}

// src/connectors/projects/maven.ts
import { posix as posix4 } from "node:path";

// node_modules/fast-xml-parser/src/util.js
var nameStartChar = ":A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
var nameChar = nameStartChar + "\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
var nameRegexp = "[" + nameStartChar + "][" + nameChar + "]*";
var regexName = new RegExp("^" + nameRegexp + "$");
function getAllMatches(string, regex) {
  const matches2 = [];
  let match = regex.exec(string);
  while (match) {
    const allmatches = [];
    allmatches.startIndex = regex.lastIndex - match[0].length;
    const len = match.length;
    for (let index = 0; index < len; index++) {
      allmatches.push(match[index]);
    }
    matches2.push(allmatches);
    match = regex.exec(string);
  }
  return matches2;
}
var isName = function(string) {
  const match = regexName.exec(string);
  return !(match === null || typeof match === "undefined");
};
function isExist(v) {
  return typeof v !== "undefined";
}
var DANGEROUS_PROPERTY_NAMES = [
  // '__proto__',
  // 'constructor',
  // 'prototype',
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__"
];
var criticalProperties = ["__proto__", "constructor", "prototype"];

// node_modules/fast-xml-parser/src/validator.js
var defaultOptions = {
  allowBooleanAttributes: false,
  //A tag can have attributes without any value
  unpairedTags: []
};
function validate(xmlData, options) {
  options = Object.assign({}, defaultOptions, options);
  const tags = [];
  let tagFound = false;
  let reachedRoot = false;
  if (xmlData[0] === "\uFEFF") {
    xmlData = xmlData.substr(1);
  }
  for (let i = 0; i < xmlData.length; i++) {
    if (xmlData[i] === "<" && xmlData[i + 1] === "?") {
      i += 2;
      i = readPI(xmlData, i);
      if (i.err) return i;
    } else if (xmlData[i] === "<") {
      let tagStartPos = i;
      i++;
      if (xmlData[i] === "!") {
        i = readCommentAndCDATA(xmlData, i);
        continue;
      } else {
        let closingTag = false;
        if (xmlData[i] === "/") {
          closingTag = true;
          i++;
        }
        let tagName = "";
        for (; i < xmlData.length && xmlData[i] !== ">" && xmlData[i] !== " " && xmlData[i] !== "	" && xmlData[i] !== "\n" && xmlData[i] !== "\r"; i++) {
          tagName += xmlData[i];
        }
        tagName = tagName.trim();
        if (tagName[tagName.length - 1] === "/") {
          tagName = tagName.substring(0, tagName.length - 1);
          i--;
        }
        if (!validateTagName(tagName)) {
          let msg;
          if (tagName.trim().length === 0) {
            msg = "Invalid space after '<'.";
          } else {
            msg = "Tag '" + tagName + "' is an invalid name.";
          }
          return getErrorObject("InvalidTag", msg, getLineNumberForPosition(xmlData, i));
        }
        const result = readAttributeStr(xmlData, i);
        if (result === false) {
          return getErrorObject("InvalidAttr", "Attributes for '" + tagName + "' have open quote.", getLineNumberForPosition(xmlData, i));
        }
        let attrStr = result.value;
        i = result.index;
        if (attrStr[attrStr.length - 1] === "/") {
          const attrStrStart = i - attrStr.length;
          attrStr = attrStr.substring(0, attrStr.length - 1);
          const isValid = validateAttributeString(attrStr, options);
          if (isValid === true) {
            tagFound = true;
          } else {
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, attrStrStart + isValid.err.line));
          }
        } else if (closingTag) {
          if (!result.tagClosed) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' doesn't have proper closing.", getLineNumberForPosition(xmlData, i));
          } else if (attrStr.trim().length > 0) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' can't have attributes or invalid starting.", getLineNumberForPosition(xmlData, tagStartPos));
          } else if (tags.length === 0) {
            return getErrorObject("InvalidTag", "Closing tag '" + tagName + "' has not been opened.", getLineNumberForPosition(xmlData, tagStartPos));
          } else {
            const otg = tags.pop();
            if (tagName !== otg.tagName) {
              let openPos = getLineNumberForPosition(xmlData, otg.tagStartPos);
              return getErrorObject(
                "InvalidTag",
                "Expected closing tag '" + otg.tagName + "' (opened in line " + openPos.line + ", col " + openPos.col + ") instead of closing tag '" + tagName + "'.",
                getLineNumberForPosition(xmlData, tagStartPos)
              );
            }
            if (tags.length == 0) {
              reachedRoot = true;
            }
          }
        } else {
          const isValid = validateAttributeString(attrStr, options);
          if (isValid !== true) {
            return getErrorObject(isValid.err.code, isValid.err.msg, getLineNumberForPosition(xmlData, i - attrStr.length + isValid.err.line));
          }
          if (reachedRoot === true) {
            return getErrorObject("InvalidXml", "Multiple possible root nodes found.", getLineNumberForPosition(xmlData, i));
          } else if (options.unpairedTags.indexOf(tagName) !== -1) {
          } else {
            tags.push({ tagName, tagStartPos });
          }
          tagFound = true;
        }
        for (i++; i < xmlData.length; i++) {
          if (xmlData[i] === "<") {
            if (xmlData[i + 1] === "!") {
              i++;
              i = readCommentAndCDATA(xmlData, i);
              continue;
            } else if (xmlData[i + 1] === "?") {
              i = readPI(xmlData, ++i);
              if (i.err) return i;
            } else {
              break;
            }
          } else if (xmlData[i] === "&") {
            const afterAmp = validateAmpersand(xmlData, i);
            if (afterAmp == -1)
              return getErrorObject("InvalidChar", "char '&' is not expected.", getLineNumberForPosition(xmlData, i));
            i = afterAmp;
          } else {
            if (reachedRoot === true && !isWhiteSpace(xmlData[i])) {
              return getErrorObject("InvalidXml", "Extra text at the end", getLineNumberForPosition(xmlData, i));
            }
          }
        }
        if (xmlData[i] === "<") {
          i--;
        }
      }
    } else {
      if (isWhiteSpace(xmlData[i])) {
        continue;
      }
      return getErrorObject("InvalidChar", "char '" + xmlData[i] + "' is not expected.", getLineNumberForPosition(xmlData, i));
    }
  }
  if (!tagFound) {
    return getErrorObject("InvalidXml", "Start tag expected.", 1);
  } else if (tags.length == 1) {
    return getErrorObject("InvalidTag", "Unclosed tag '" + tags[0].tagName + "'.", getLineNumberForPosition(xmlData, tags[0].tagStartPos));
  } else if (tags.length > 0) {
    return getErrorObject("InvalidXml", "Invalid '" + JSON.stringify(tags.map((t) => t.tagName), null, 4).replace(/\r?\n/g, "") + "' found.", { line: 1, col: 1 });
  }
  return true;
}
function isWhiteSpace(char) {
  return char === " " || char === "	" || char === "\n" || char === "\r";
}
function readPI(xmlData, i) {
  const start = i;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] == "?" || xmlData[i] == " ") {
      const tagname = xmlData.substr(start, i - start);
      if (i > 5 && tagname === "xml") {
        return getErrorObject("InvalidXml", "XML declaration allowed only at the start of the document.", getLineNumberForPosition(xmlData, i));
      } else if (xmlData[i] == "?" && xmlData[i + 1] == ">") {
        i++;
        break;
      } else {
        continue;
      }
    }
  }
  return i;
}
function readCommentAndCDATA(xmlData, i) {
  if (xmlData.length > i + 5 && xmlData[i + 1] === "-" && xmlData[i + 2] === "-") {
    for (i += 3; i < xmlData.length; i++) {
      if (xmlData[i] === "-" && xmlData[i + 1] === "-" && xmlData[i + 2] === ">") {
        i += 2;
        break;
      }
    }
  } else if (xmlData.length > i + 8 && xmlData[i + 1] === "D" && xmlData[i + 2] === "O" && xmlData[i + 3] === "C" && xmlData[i + 4] === "T" && xmlData[i + 5] === "Y" && xmlData[i + 6] === "P" && xmlData[i + 7] === "E") {
    let angleBracketsCount = 1;
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === "<") {
        angleBracketsCount++;
      } else if (xmlData[i] === ">") {
        angleBracketsCount--;
        if (angleBracketsCount === 0) {
          break;
        }
      }
    }
  } else if (xmlData.length > i + 9 && xmlData[i + 1] === "[" && xmlData[i + 2] === "C" && xmlData[i + 3] === "D" && xmlData[i + 4] === "A" && xmlData[i + 5] === "T" && xmlData[i + 6] === "A" && xmlData[i + 7] === "[") {
    for (i += 8; i < xmlData.length; i++) {
      if (xmlData[i] === "]" && xmlData[i + 1] === "]" && xmlData[i + 2] === ">") {
        i += 2;
        break;
      }
    }
  }
  return i;
}
var doubleQuote = '"';
var singleQuote = "'";
function readAttributeStr(xmlData, i) {
  let attrStr = "";
  let startChar = "";
  let tagClosed = false;
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === doubleQuote || xmlData[i] === singleQuote) {
      if (startChar === "") {
        startChar = xmlData[i];
      } else if (startChar !== xmlData[i]) {
      } else {
        startChar = "";
      }
    } else if (xmlData[i] === ">") {
      if (startChar === "") {
        tagClosed = true;
        break;
      }
    }
    attrStr += xmlData[i];
  }
  if (startChar !== "") {
    return false;
  }
  return {
    value: attrStr,
    index: i,
    tagClosed
  };
}
function scanAttributeTokens(attrStr) {
  const tokens = [];
  const len = attrStr.length;
  let i = 0;
  while (i < len) {
    const tokenStart = i;
    while (i < len && isWhiteSpace(attrStr[i])) i++;
    if (i >= len) break;
    if (attrStr[i] === "=") {
      i++;
      continue;
    }
    const leadingWs = attrStr.slice(tokenStart, i);
    const nameStart = i;
    while (i < len && !isWhiteSpace(attrStr[i]) && attrStr[i] !== "=") i++;
    const name = attrStr.slice(nameStart, i);
    let equalsGroup;
    let j = i;
    while (j < len && isWhiteSpace(attrStr[j])) j++;
    if (j < len && attrStr[j] === "=") {
      equalsGroup = attrStr.slice(i, j + 1);
      i = j + 1;
    }
    let quoteChar;
    let value;
    let k = i;
    while (k < len && isWhiteSpace(attrStr[k])) k++;
    if (k < len && (attrStr[k] === '"' || attrStr[k] === "'")) {
      const valueStart = k + 1;
      const closeIdx = attrStr.indexOf(attrStr[k], valueStart);
      if (closeIdx !== -1) {
        quoteChar = attrStr[k];
        value = attrStr.slice(valueStart, closeIdx);
        i = closeIdx + 1;
      }
    }
    const token = { startIndex: tokenStart };
    token[1] = leadingWs;
    token[2] = name;
    token[3] = equalsGroup;
    token[4] = quoteChar !== void 0 ? true : void 0;
    token[5] = quoteChar;
    token[6] = value;
    tokens.push(token);
  }
  return tokens;
}
function validateAttributeString(attrStr, options) {
  const matches2 = scanAttributeTokens(attrStr);
  const attrNames = {};
  for (let i = 0; i < matches2.length; i++) {
    if (matches2[i][1].length === 0) {
      return getErrorObject("InvalidAttr", "Attribute '" + matches2[i][2] + "' has no space in starting.", getPositionFromMatch(matches2[i]));
    } else if (matches2[i][3] !== void 0 && matches2[i][4] === void 0) {
      return getErrorObject("InvalidAttr", "Attribute '" + matches2[i][2] + "' is without value.", getPositionFromMatch(matches2[i]));
    } else if (matches2[i][3] === void 0 && !options.allowBooleanAttributes) {
      return getErrorObject("InvalidAttr", "boolean attribute '" + matches2[i][2] + "' is not allowed.", getPositionFromMatch(matches2[i]));
    }
    const attrName = matches2[i][2];
    if (!validateAttrName(attrName)) {
      return getErrorObject("InvalidAttr", "Attribute '" + attrName + "' is an invalid name.", getPositionFromMatch(matches2[i]));
    }
    if (!Object.prototype.hasOwnProperty.call(attrNames, attrName)) {
      attrNames[attrName] = 1;
    } else {
      return getErrorObject("InvalidAttr", "Attribute '" + attrName + "' is repeated.", getPositionFromMatch(matches2[i]));
    }
  }
  return true;
}
function validateNumberAmpersand(xmlData, i) {
  let re = /\d/;
  if (xmlData[i] === "x") {
    i++;
    re = /[\da-fA-F]/;
  }
  for (; i < xmlData.length; i++) {
    if (xmlData[i] === ";")
      return i;
    if (!xmlData[i].match(re))
      break;
  }
  return -1;
}
function validateAmpersand(xmlData, i) {
  i++;
  if (xmlData[i] === ";")
    return -1;
  if (xmlData[i] === "#") {
    i++;
    return validateNumberAmpersand(xmlData, i);
  }
  let count = 0;
  for (; i < xmlData.length; i++, count++) {
    if (xmlData[i].match(/\w/) && count < 20)
      continue;
    if (xmlData[i] === ";")
      break;
    return -1;
  }
  return i;
}
function getErrorObject(code, message, lineNumber) {
  return {
    err: {
      code,
      msg: message,
      line: lineNumber.line || lineNumber,
      col: lineNumber.col
    }
  };
}
function validateAttrName(attrName) {
  return isName(attrName);
}
function validateTagName(tagname) {
  return isName(tagname);
}
function getLineNumberForPosition(xmlData, index) {
  const lines = xmlData.substring(0, index).split(/\r?\n/);
  return {
    line: lines.length,
    // column number is last line's length + 1, because column numbering starts at 1:
    col: lines[lines.length - 1].length + 1
  };
}
function getPositionFromMatch(match) {
  return match.startIndex + match[1].length;
}

// node_modules/@nodable/entities/src/entities.js
var CURRENCY = {
  cent: "\xA2",
  pound: "\xA3",
  curren: "\xA4",
  yen: "\xA5",
  euro: "\u20AC",
  dollar: "$",
  fnof: "\u0192",
  inr: "\u20B9",
  af: "\u060B",
  birr: "\u1265\u122D",
  peso: "\u20B1",
  rub: "\u20BD",
  won: "\u20A9",
  yuan: "\xA5",
  cedil: "\xB8"
};
var XML = {
  amp: "&",
  apos: "'",
  gt: ">",
  lt: "<",
  quot: '"'
};
var COMMON_HTML = {
  nbsp: "\xA0",
  copy: "\xA9",
  reg: "\xAE",
  trade: "\u2122",
  mdash: "\u2014",
  ndash: "\u2013",
  hellip: "\u2026",
  laquo: "\xAB",
  raquo: "\xBB",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201C",
  rdquo: "\u201D",
  bull: "\u2022",
  para: "\xB6",
  sect: "\xA7",
  deg: "\xB0",
  frac12: "\xBD",
  frac14: "\xBC",
  frac34: "\xBE"
};

// node_modules/@nodable/entities/src/EntityDecoder.js
var ENTITY_ACTION = Object.freeze({
  /** Resolve and expand the entity normally. */
  ALLOW: "allow",
  /** Silently skip this entity — it will not be registered. */
  BLOCK: "block",
  /** Throw an error, aborting entity registration entirely. */
  THROW: "throw"
});
var SPECIAL_CHARS = new Set("!?\\\\/[]$%{}^&*()<>|+");
function validateEntityName(name) {
  if (name[0] === "#") {
    throw new Error(`[EntityReplacer] Invalid character '#' in entity name: "${name}"`);
  }
  for (const ch of name) {
    if (SPECIAL_CHARS.has(ch)) {
      throw new Error(`[EntityReplacer] Invalid character '${ch}' in entity name: "${name}"`);
    }
  }
  return name;
}
function mergeEntityMaps(...maps) {
  const out = /* @__PURE__ */ Object.create(null);
  for (const map of maps) {
    if (!map) continue;
    for (const key of Object.keys(map)) {
      const raw = map[key];
      if (typeof raw === "string") {
        out[key] = raw;
      } else if (raw && typeof raw === "object" && raw.val !== void 0) {
        const val = raw.val;
        if (typeof val === "string") {
          out[key] = val;
        }
      }
    }
  }
  return out;
}
var LIMIT_TIER_EXTERNAL = "external";
var LIMIT_TIER_BASE = "base";
var LIMIT_TIER_ALL = "all";
function parseLimitTiers(raw) {
  if (!raw || raw === LIMIT_TIER_EXTERNAL) return /* @__PURE__ */ new Set([LIMIT_TIER_EXTERNAL]);
  if (raw === LIMIT_TIER_ALL) return /* @__PURE__ */ new Set([LIMIT_TIER_ALL]);
  if (raw === LIMIT_TIER_BASE) return /* @__PURE__ */ new Set([LIMIT_TIER_BASE]);
  if (Array.isArray(raw)) return new Set(raw);
  return /* @__PURE__ */ new Set([LIMIT_TIER_EXTERNAL]);
}
var NCR_LEVEL = Object.freeze({ allow: 0, leave: 1, remove: 2, throw: 3 });
var XML10_ALLOWED_C0 = /* @__PURE__ */ new Set([9, 10, 13]);
function parseNCRConfig(ncr) {
  if (!ncr) {
    return { xmlVersion: 1, onLevel: NCR_LEVEL.allow, nullLevel: NCR_LEVEL.remove };
  }
  const xmlVersion = ncr.xmlVersion === 1.1 ? 1.1 : 1;
  const onLevel = NCR_LEVEL[ncr.onNCR] ?? NCR_LEVEL.allow;
  const nullLevel = NCR_LEVEL[ncr.nullNCR] ?? NCR_LEVEL.remove;
  const clampedNull = Math.max(nullLevel, NCR_LEVEL.remove);
  return { xmlVersion, onLevel, nullLevel: clampedNull };
}
var EntityDecoder = class {
  /**
   * @param {object} [options]
   * @param {object|null}  [options.namedEntities]        — extra named entities merged into base map
   * @param {object}  [options.limit]                 — security limits
   * @param {number}       [options.limit.maxTotalExpansions=0]  — 0 = unlimited
   * @param {number}       [options.limit.maxExpandedLength=0]   — 0 = unlimited
   * @param {'external'|'base'|'all'|string[]} [options.limit.applyLimitsTo='external']
   *   Which entity tiers count against the security limits:
   *   - 'external' (default) — only input/runtime + persistent external entities
   *   - 'base'               — only DEFAULT_XML_ENTITIES + namedEntities
   *   - 'all'                — every entity regardless of tier
   *   - string[]             — explicit combination, e.g. ['external', 'base']
   * @param {((resolved: string, original: string) => string)|null} [options.postCheck=null]
   * @param {string[]} [options.remove=[]] — entity names (e.g. ['nbsp', '#13']) to delete (replace with empty string)
   * @param {string[]} [options.leave=[]]  — entity names to keep as literal (unchanged in output)
   * @param {object}   [options.ncr]       — Numeric Character Reference controls
   * @param {1.0|1.1}  [options.ncr.xmlVersion=1.0]
   *   XML version governing which codepoint ranges are restricted:
   *   - 1.0 — C0 controls U+0001–U+001F (except U+0009/000A/000D) are prohibited
   *   - 1.1 — C0 controls are allowed when written as NCRs; C1 (U+007F–U+009F) decoded as-is
   * @param {'allow'|'leave'|'remove'|'throw'} [options.ncr.onNCR='allow']
   *   Base action for numeric references. Severity order: allow < leave < remove < throw.
   *   For codepoint ranges that carry a minimum level (surrogates → remove, XML 1.0 C0 → remove),
   *   the effective action is max(onNCR, rangeMinimum).
   * @param {'remove'|'throw'} [options.ncr.nullNCR='remove']
   *   Action for U+0000 (null). 'allow' and 'leave' are clamped to 'remove' since null is never safe.
   * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} [options.onExternalEntity=null]
   *   Hook called when an external entity is registered via `setExternalEntities()` or
   *   `addExternalEntity()`. Return `ENTITY_ACTION.ALLOW` to accept the entity,
   *   `ENTITY_ACTION.BLOCK` to silently skip it, or `ENTITY_ACTION.THROW` to abort with an error.
   * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} [options.onInputEntity=null]
   *   Hook called when an input entity is registered via `addInputEntities()`. Return
   *   `ENTITY_ACTION.ALLOW` to accept, `ENTITY_ACTION.BLOCK` to silently skip, or
   *   `ENTITY_ACTION.THROW` to abort with an error.
   */
  constructor(options = {}) {
    this._limit = options.limit || {};
    this._maxTotalExpansions = this._limit.maxTotalExpansions || 0;
    this._maxExpandedLength = this._limit.maxExpandedLength || 0;
    this._postCheck = typeof options.postCheck === "function" ? options.postCheck : (r) => r;
    this._limitTiers = parseLimitTiers(this._limit.applyLimitsTo ?? LIMIT_TIER_EXTERNAL);
    this._numericAllowed = options.numericAllowed ?? true;
    this._baseMap = mergeEntityMaps(XML, options.namedEntities || null);
    this._externalMap = /* @__PURE__ */ Object.create(null);
    this._inputMap = /* @__PURE__ */ Object.create(null);
    this._totalExpansions = 0;
    this._expandedLength = 0;
    this._removeSet = new Set(options.remove && Array.isArray(options.remove) ? options.remove : []);
    this._leaveSet = new Set(options.leave && Array.isArray(options.leave) ? options.leave : []);
    const ncrCfg = parseNCRConfig(options.ncr);
    this._ncrXmlVersion = ncrCfg.xmlVersion;
    this._ncrOnLevel = ncrCfg.onLevel;
    this._ncrNullLevel = ncrCfg.nullLevel;
    this._onExternalEntity = typeof options.onExternalEntity === "function" ? options.onExternalEntity : null;
    this._onInputEntity = typeof options.onInputEntity === "function" ? options.onInputEntity : null;
  }
  // -------------------------------------------------------------------------
  // Private: registration hook dispatch
  // -------------------------------------------------------------------------
  /**
   * Invoke a registration hook for a single entity name/value pair.
   * Returns true when the entity should be accepted, false when it should be
   * silently skipped (BLOCK), and throws when the hook returns THROW.
   *
   * @param {((name: string, value: string) => 'allow'|'block'|'throw')|null} hook
   * @param {string} name
   * @param {string} value
   * @param {string} context  — used in error messages ('external' | 'input')
   * @returns {boolean}  true = accept, false = skip
   */
  _applyRegistrationHook(hook, name, value, context) {
    if (!hook) return true;
    const action = hook(name, value);
    if (action === ENTITY_ACTION.BLOCK) return false;
    if (action === ENTITY_ACTION.THROW) {
      throw new Error(
        `[EntityDecoder] Registration of ${context} entity "&${name};" was rejected by hook`
      );
    }
    return true;
  }
  // -------------------------------------------------------------------------
  // Persistent external entity registration
  // -------------------------------------------------------------------------
  /**
   * Replace the full set of persistent external entities.
   * All keys are validated — throws on invalid characters.
   * If `onExternalEntity` is set, it is called once per entry; entries that
   * return `ENTITY_ACTION.BLOCK` are silently omitted, `ENTITY_ACTION.THROW`
   * aborts the whole call.
   * @param {Record<string, string | { regex?: RegExp, val: string }>} map
   */
  setExternalEntities(map) {
    if (map) {
      for (const key of Object.keys(map)) {
        validateEntityName(key);
      }
    }
    if (!this._onExternalEntity) {
      this._externalMap = mergeEntityMaps(map);
      return;
    }
    const flat = mergeEntityMaps(map);
    const filtered = /* @__PURE__ */ Object.create(null);
    for (const [name, value] of Object.entries(flat)) {
      if (this._applyRegistrationHook(this._onExternalEntity, name, value, "external")) {
        filtered[name] = value;
      }
    }
    this._externalMap = filtered;
  }
  /**
   * Add a single persistent external entity.
   * If `onExternalEntity` is set it is called before the entity is stored;
   * `ENTITY_ACTION.BLOCK` silently skips storage, `ENTITY_ACTION.THROW` raises.
   * @param {string} key
   * @param {string} value
   */
  addExternalEntity(key, value) {
    validateEntityName(key);
    if (typeof value === "string" && value.indexOf("&") === -1) {
      if (this._applyRegistrationHook(this._onExternalEntity, key, value, "external")) {
        this._externalMap[key] = value;
      }
    }
  }
  // -------------------------------------------------------------------------
  // Input / runtime entity registration (per document)
  // -------------------------------------------------------------------------
  /**
   * Inject DOCTYPE entities for the current document.
   * Also resets per-document expansion counters.
   * If `onInputEntity` is set it is called once per entry; entries returning
   * `ENTITY_ACTION.BLOCK` are silently omitted, `ENTITY_ACTION.THROW` aborts.
   * @param {Record<string, string | { regx?: RegExp, regex?: RegExp, val: string }>} map
   */
  addInputEntities(map) {
    this._totalExpansions = 0;
    this._expandedLength = 0;
    if (!this._onInputEntity) {
      this._inputMap = mergeEntityMaps(map);
      return;
    }
    const flat = mergeEntityMaps(map);
    const filtered = /* @__PURE__ */ Object.create(null);
    for (const [name, value] of Object.entries(flat)) {
      if (this._applyRegistrationHook(this._onInputEntity, name, value, "input")) {
        filtered[name] = value;
      }
    }
    this._inputMap = filtered;
  }
  // -------------------------------------------------------------------------
  // Per-document reset
  // -------------------------------------------------------------------------
  /**
   * Wipe input/runtime entities and reset counters.
   * Call this before processing each new document.
   * @returns {this}
   */
  reset() {
    this._inputMap = /* @__PURE__ */ Object.create(null);
    this._totalExpansions = 0;
    this._expandedLength = 0;
    return this;
  }
  // -------------------------------------------------------------------------
  // XML version (can be set after construction, e.g. once parser reads <?xml?>)
  // -------------------------------------------------------------------------
  /**
   * Update the XML version used for NCR classification.
   * Call this as soon as the document's `<?xml version="...">` declaration is parsed.
   * @param {1.0|1.1|number} version
   */
  setXmlVersion(version) {
    this._ncrXmlVersion = version === 1.1 ? 1.1 : 1;
  }
  // -------------------------------------------------------------------------
  // Primary API
  // -------------------------------------------------------------------------
  /**
   * Replace all entity references in `str` in a single pass.
   *
   * @param {string} str
   * @returns {string}
   */
  decode(str3) {
    if (typeof str3 !== "string" || str3.length === 0) return str3;
    if (str3.indexOf("&") === -1) return str3;
    const original = str3;
    const chunks = [];
    const len = str3.length;
    let last = 0;
    let i = 0;
    const limitExpansions = this._maxTotalExpansions > 0;
    const limitLength = this._maxExpandedLength > 0;
    const checkLimits = limitExpansions || limitLength;
    while (i < len) {
      if (str3.charCodeAt(i) !== 38) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < len && str3.charCodeAt(j) !== 59 && j - i <= 32) j++;
      if (j >= len || str3.charCodeAt(j) !== 59) {
        i++;
        continue;
      }
      const token = str3.slice(i + 1, j);
      if (token.length === 0) {
        i++;
        continue;
      }
      let replacement;
      let tier;
      if (this._removeSet.has(token)) {
        replacement = "";
        if (tier === void 0) {
          tier = LIMIT_TIER_EXTERNAL;
        }
      } else if (this._leaveSet.has(token)) {
        i++;
        continue;
      } else if (token.charCodeAt(0) === 35) {
        const ncrResult = this._resolveNCR(token);
        if (ncrResult === void 0) {
          i++;
          continue;
        }
        replacement = ncrResult;
        tier = LIMIT_TIER_BASE;
      } else {
        const resolved = this._resolveName(token);
        replacement = resolved?.value;
        tier = resolved?.tier;
      }
      if (replacement === void 0) {
        i++;
        continue;
      }
      if (i > last) chunks.push(str3.slice(last, i));
      chunks.push(replacement);
      last = j + 1;
      i = last;
      if (checkLimits && this._tierCounts(tier)) {
        if (limitExpansions) {
          this._totalExpansions++;
          if (this._totalExpansions > this._maxTotalExpansions) {
            throw new Error(
              `[EntityReplacer] Entity expansion count limit exceeded: ${this._totalExpansions} > ${this._maxTotalExpansions}`
            );
          }
        }
        if (limitLength) {
          const delta = replacement.length - (token.length + 2);
          if (delta > 0) {
            this._expandedLength += delta;
            if (this._expandedLength > this._maxExpandedLength) {
              throw new Error(
                `[EntityReplacer] Expanded content length limit exceeded: ${this._expandedLength} > ${this._maxExpandedLength}`
              );
            }
          }
        }
      }
    }
    if (last < len) chunks.push(str3.slice(last));
    const result = chunks.length === 0 ? str3 : chunks.join("");
    return this._postCheck(result, original);
  }
  // -------------------------------------------------------------------------
  // Private: limit tier check
  // -------------------------------------------------------------------------
  /**
   * Returns true if a resolved entity of the given tier should count
   * against the expansion/length limits.
   * @param {string} tier  — LIMIT_TIER_EXTERNAL | LIMIT_TIER_BASE
   * @returns {boolean}
   */
  _tierCounts(tier) {
    if (this._limitTiers.has(LIMIT_TIER_ALL)) return true;
    return this._limitTiers.has(tier);
  }
  // -------------------------------------------------------------------------
  // Private: entity resolution
  // -------------------------------------------------------------------------
  /**
   * Resolve a named entity token (without & and ;).
   * Priority: inputMap > externalMap > baseMap
   * Returns the resolved value tagged with its limit tier.
   *
   * @param {string} name
   * @returns {{ value: string, tier: string }|undefined}
   */
  _resolveName(name) {
    if (name in this._inputMap) return { value: this._inputMap[name], tier: LIMIT_TIER_EXTERNAL };
    if (name in this._externalMap) return { value: this._externalMap[name], tier: LIMIT_TIER_EXTERNAL };
    if (name in this._baseMap) return { value: this._baseMap[name], tier: LIMIT_TIER_BASE };
    return void 0;
  }
  /**
   * Classify a codepoint and return the minimum action level that must be applied.
   * Returns -1 when no minimum is imposed (normal allow path).
   *
   * Ranges checked (in priority order):
   *   1. U+0000            — null, governed by nullNCR (always ≥ remove)
   *   2. U+D800–U+DFFF     — surrogates, always prohibited (min: remove)
   *   3. U+0001–U+001F \ {0x09,0x0A,0x0D}  — XML 1.0 restricted C0 (min: remove)
   *      (skipped in XML 1.1 — C0 controls are allowed when written as NCRs)
   *
   * @param {number} cp  — codepoint
   * @returns {number}   — minimum NCR_LEVEL value, or -1 for no restriction
   */
  _classifyNCR(cp) {
    if (cp === 0) return this._ncrNullLevel;
    if (cp >= 55296 && cp <= 57343) return NCR_LEVEL.remove;
    if (this._ncrXmlVersion === 1) {
      if (cp >= 1 && cp <= 31 && !XML10_ALLOWED_C0.has(cp)) return NCR_LEVEL.remove;
    }
    return -1;
  }
  /**
   * Execute a resolved NCR action.
   *
   * @param {number} action   — NCR_LEVEL value
   * @param {string} token    — raw token (e.g. '#38') for error messages
   * @param {number} cp       — codepoint, used only for error messages
   * @returns {string|undefined}
   *   - decoded character string  → 'allow'
   *   - ''                        → 'remove'
   *   - undefined                 → 'leave' (caller must skip past '&' only)
   *   - throws Error              → 'throw'
   */
  _applyNCRAction(action, token, cp) {
    switch (action) {
      case NCR_LEVEL.allow:
        return String.fromCodePoint(cp);
      case NCR_LEVEL.remove:
        return "";
      case NCR_LEVEL.leave:
        return void 0;
      // signal: keep literal
      case NCR_LEVEL.throw:
        throw new Error(
          `[EntityDecoder] Prohibited numeric character reference &${token}; (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`
        );
      default:
        return String.fromCodePoint(cp);
    }
  }
  /**
   * Full NCR resolution pipeline for a numeric token.
   *
   * Steps:
   *   1. Parse the codepoint (decimal or hex).
   *   2. Validate the raw codepoint range (NaN, <0, >0x10FFFF).
   *   3. If numericAllowed is false and no minimum restriction applies → leave as-is.
   *   4. Classify the codepoint to find the minimum required action level.
   *   5. Resolve effective action = max(onNCR, minimum).
   *   6. Apply and return.
   *
   * @param {string} token  — e.g. '#38', '#x26', '#X26'
   * @returns {string|undefined}
   *   - string (incl. '')  — replacement ('' = remove)
   *   - undefined          — leave original &token; as-is
   */
  _resolveNCR(token) {
    const second = token.charCodeAt(1);
    let cp;
    if (second === 120 || second === 88) {
      cp = parseInt(token.slice(2), 16);
    } else {
      cp = parseInt(token.slice(1), 10);
    }
    if (Number.isNaN(cp) || cp < 0 || cp > 1114111) return void 0;
    const minimum = this._classifyNCR(cp);
    if (!this._numericAllowed && minimum < NCR_LEVEL.remove) return void 0;
    const effective = minimum === -1 ? this._ncrOnLevel : Math.max(this._ncrOnLevel, minimum);
    return this._applyNCRAction(effective, token, cp);
  }
};

// node_modules/fast-xml-parser/src/xmlparser/OptionsBuilder.js
var defaultOnDangerousProperty = (name) => {
  if (DANGEROUS_PROPERTY_NAMES.includes(name)) {
    return "__" + name;
  }
  return name;
};
var defaultOptions2 = {
  preserveOrder: false,
  attributeNamePrefix: "@_",
  attributesGroupName: false,
  textNodeName: "#text",
  ignoreAttributes: true,
  removeNSPrefix: false,
  // remove NS from tag name or attribute name if true
  allowBooleanAttributes: false,
  //a tag can have attributes without any value
  //ignoreRootElement : false,
  parseTagValue: true,
  parseAttributeValue: false,
  trimValues: true,
  //Trim string values of tag and attributes
  cdataPropName: false,
  numberParseOptions: {
    hex: true,
    leadingZeros: true,
    eNotation: true,
    unicode: false
  },
  tagValueProcessor: function(tagName, val) {
    return val;
  },
  attributeValueProcessor: function(attrName, val) {
    return val;
  },
  stopNodes: [],
  //nested tags will not be parsed even for errors
  alwaysCreateTextNode: false,
  isArray: () => false,
  commentPropName: false,
  unpairedTags: [],
  processEntities: true,
  htmlEntities: false,
  entityDecoder: null,
  ignoreDeclaration: false,
  ignorePiTags: false,
  transformTagName: false,
  transformAttributeName: false,
  updateTag: function(tagName, jPath, attrs) {
    return tagName;
  },
  // skipEmptyListItem: false
  captureMetaData: false,
  maxNestedTags: 100,
  strictReservedNames: true,
  jPath: true,
  // if true, pass jPath string to callbacks; if false, pass matcher instance
  onDangerousProperty: defaultOnDangerousProperty
};
function validatePropertyName(propertyName, optionName) {
  if (typeof propertyName !== "string") {
    return;
  }
  const normalized = propertyName.toLowerCase();
  if (DANGEROUS_PROPERTY_NAMES.some((dangerous) => normalized === dangerous.toLowerCase())) {
    throw new Error(
      `[SECURITY] Invalid ${optionName}: "${propertyName}" is a reserved JavaScript keyword that could cause prototype pollution`
    );
  }
  if (criticalProperties.some((dangerous) => normalized === dangerous.toLowerCase())) {
    throw new Error(
      `[SECURITY] Invalid ${optionName}: "${propertyName}" is a reserved JavaScript keyword that could cause prototype pollution`
    );
  }
}
function normalizeProcessEntities(value, htmlEntities) {
  if (typeof value === "boolean") {
    return {
      enabled: value,
      // true or false
      maxEntitySize: 1e4,
      maxExpansionDepth: 1e4,
      maxTotalExpansions: Infinity,
      maxExpandedLength: 1e5,
      maxEntityCount: 1e3,
      allowedTags: null,
      tagFilter: null,
      appliesTo: "all"
    };
  }
  if (typeof value === "object" && value !== null) {
    return {
      enabled: value.enabled !== false,
      maxEntitySize: Math.max(1, value.maxEntitySize ?? 1e4),
      maxExpansionDepth: Math.max(1, value.maxExpansionDepth ?? 1e4),
      maxTotalExpansions: Math.max(1, value.maxTotalExpansions ?? Infinity),
      maxExpandedLength: Math.max(1, value.maxExpandedLength ?? 1e5),
      maxEntityCount: Math.max(1, value.maxEntityCount ?? 1e3),
      allowedTags: value.allowedTags ?? null,
      tagFilter: value.tagFilter ?? null,
      appliesTo: value.appliesTo ?? "all"
    };
  }
  return normalizeProcessEntities(true);
}
var buildOptions = function(options) {
  const built = Object.assign({}, defaultOptions2, options);
  const propertyNameOptions = [
    { value: built.attributeNamePrefix, name: "attributeNamePrefix" },
    { value: built.attributesGroupName, name: "attributesGroupName" },
    { value: built.textNodeName, name: "textNodeName" },
    { value: built.cdataPropName, name: "cdataPropName" },
    { value: built.commentPropName, name: "commentPropName" }
  ];
  for (const { value, name } of propertyNameOptions) {
    if (value) {
      validatePropertyName(value, name);
    }
  }
  if (built.onDangerousProperty === null) {
    built.onDangerousProperty = defaultOnDangerousProperty;
  }
  built.processEntities = normalizeProcessEntities(built.processEntities, built.htmlEntities);
  built.unpairedTagsSet = new Set(built.unpairedTags);
  if (built.stopNodes && Array.isArray(built.stopNodes)) {
    built.stopNodes = built.stopNodes.map((node) => {
      if (typeof node === "string" && node.startsWith("*.")) {
        return ".." + node.substring(2);
      }
      return node;
    });
  }
  return built;
};

// node_modules/fast-xml-parser/src/xmlparser/xmlNode.js
var METADATA_SYMBOL;
if (typeof Symbol !== "function") {
  METADATA_SYMBOL = "@@xmlMetadata";
} else {
  METADATA_SYMBOL = /* @__PURE__ */ Symbol("XML Node Metadata");
}
var XmlNode = class {
  constructor(tagname) {
    this.tagname = tagname;
    this.child = [];
    this[":@"] = /* @__PURE__ */ Object.create(null);
  }
  add(key, val) {
    if (key === "__proto__") key = "#__proto__";
    this.child.push({ [key]: val });
  }
  addChild(node, startIndex) {
    if (node.tagname === "__proto__") node.tagname = "#__proto__";
    if (node[":@"] && Object.keys(node[":@"]).length > 0) {
      this.child.push({ [node.tagname]: node.child, [":@"]: node[":@"] });
    } else {
      this.child.push({ [node.tagname]: node.child });
    }
    this.addStartIndex(startIndex);
  }
  addStartIndex(startIndex) {
    if (startIndex !== void 0) {
      this.child[this.child.length - 1][METADATA_SYMBOL] = { startIndex };
    }
  }
  addEndIndex(endIndex) {
    const lastChild = this.child[this.child.length - 1];
    if (lastChild !== void 0 && lastChild[METADATA_SYMBOL] !== void 0 && lastChild[METADATA_SYMBOL].endIndex === void 0) {
      lastChild[METADATA_SYMBOL].endIndex = endIndex;
    }
  }
  /** symbol used for metadata */
  static getMetaDataSymbol() {
    return METADATA_SYMBOL;
  }
};

// node_modules/xml-naming/src/index.js
var nameStartChar10 = ":A-Za-z_\xC0-\xD6\xD8-\xF6\xF8-\u02FF\u0370-\u037D\u037F-\u0486\u0488-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD";
var nameChar10 = nameStartChar10 + "\\-\\.\\d\xB7\u0300-\u036F\u203F-\u2040";
var nameStartChar11 = ":A-Za-z_\xC0-\u02FF\u0370-\u037D\u037F-\u0486\u0488-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}";
var nameChar11 = nameStartChar11 + "\\-\\.\\d\xB7\u0300-\u036F\u0487\u203F-\u2040";
var buildRegexes = (startChar, char, flags2 = "") => {
  const ncStart = startChar.replace(":", "");
  const ncChar = char.replace(":", "");
  const ncNamePat = `[${ncStart}][${ncChar}]*`;
  return {
    name: new RegExp(`^[${startChar}][${char}]*$`, flags2),
    ncName: new RegExp(`^${ncNamePat}$`, flags2),
    qName: new RegExp(`^${ncNamePat}(?::${ncNamePat})?$`, flags2),
    nmToken: new RegExp(`^[${char}]+$`, flags2),
    nmTokens: new RegExp(`^[${char}]+(?:\\s+[${char}]+)*$`, flags2)
  };
};
var regexes10 = buildRegexes(nameStartChar10, nameChar10);
var regexes11 = buildRegexes(nameStartChar11, nameChar11, "u");
var nameStartCharAscii = ":A-Za-z_";
var nameCharAscii = nameStartCharAscii + "\\-\\.\\d";
var regexesAscii = buildRegexes(nameStartCharAscii, nameCharAscii);
var getRegexes = (xmlVersion = "1.0", asciiOnly = false) => {
  if (asciiOnly) return regexesAscii;
  return xmlVersion === "1.1" ? regexes11 : regexes10;
};
var qName = (str3, { xmlVersion = "1.0", asciiOnly = false } = {}) => getRegexes(xmlVersion, asciiOnly).qName.test(str3);

// node_modules/fast-xml-parser/src/xmlparser/DocTypeReader.js
var DocTypeReader = class {
  constructor(options, xmlVersion) {
    this.suppressValidationErr = !options;
    this.options = options;
    this.xmlVersion = xmlVersion || 1;
  }
  setXmlVersion(xmlVersion = 1) {
    this.xmlVersion = xmlVersion;
  }
  readDocType(xmlData, i) {
    const entities = /* @__PURE__ */ Object.create(null);
    let entityCount = 0;
    if (xmlData[i + 3] === "O" && xmlData[i + 4] === "C" && xmlData[i + 5] === "T" && xmlData[i + 6] === "Y" && xmlData[i + 7] === "P" && xmlData[i + 8] === "E") {
      i = i + 9;
      let angleBracketsCount = 1;
      let hasBody = false, comment = false;
      let quoteChar = null;
      let exp = "";
      for (; i < xmlData.length; i++) {
        if (quoteChar !== null) {
          if (xmlData[i] === quoteChar) quoteChar = null;
          exp += xmlData[i];
          continue;
        }
        if (!hasBody && !comment && (xmlData[i] === '"' || xmlData[i] === "'")) {
          quoteChar = xmlData[i];
          exp += xmlData[i];
          continue;
        }
        if (xmlData[i] === "<" && !comment) {
          if (hasBody && hasSeq(xmlData, "!ENTITY", i)) {
            i += 7;
            let entityName, val;
            [entityName, val, i] = this.readEntityExp(xmlData, i + 1, this.suppressValidationErr);
            if (val.indexOf("&") === -1) {
              if (this.options.enabled !== false && this.options.maxEntityCount != null && entityCount >= this.options.maxEntityCount) {
                throw new Error(
                  `Entity count (${entityCount + 1}) exceeds maximum allowed (${this.options.maxEntityCount})`
                );
              }
              entities[entityName] = val;
              entityCount++;
            }
          } else if (hasBody && hasSeq(xmlData, "!ELEMENT", i)) {
            i += 8;
            const { index } = this.readElementExp(xmlData, i + 1);
            i = index;
          } else if (hasBody && hasSeq(xmlData, "!ATTLIST", i)) {
            i += 8;
          } else if (hasBody && hasSeq(xmlData, "!NOTATION", i)) {
            i += 9;
            const { index } = this.readNotationExp(xmlData, i + 1, this.suppressValidationErr);
            i = index;
          } else if (hasSeq(xmlData, "!--", i)) comment = true;
          else throw new Error(`Invalid DOCTYPE`);
          angleBracketsCount++;
          exp = "";
        } else if (xmlData[i] === ">") {
          if (comment) {
            if (xmlData[i - 1] === "-" && xmlData[i - 2] === "-") {
              comment = false;
              angleBracketsCount--;
            }
          } else {
            angleBracketsCount--;
          }
          if (angleBracketsCount === 0) {
            break;
          }
        } else if (xmlData[i] === "[") {
          hasBody = true;
        } else {
          exp += xmlData[i];
        }
      }
      if (quoteChar !== null || angleBracketsCount !== 0) {
        throw new Error(`Unclosed DOCTYPE`);
      }
    } else {
      throw new Error(`Invalid Tag instead of DOCTYPE`);
    }
    return { entities, i };
  }
  readEntityExp(xmlData, i) {
    i = skipWhitespace(xmlData, i);
    const startIndex = i;
    while (i < xmlData.length && !/\s/.test(xmlData[i]) && xmlData[i] !== '"' && xmlData[i] !== "'") {
      i++;
    }
    let entityName = xmlData.substring(startIndex, i);
    validateEntityName2(entityName, { xmlVersion: this.xmlVersion });
    i = skipWhitespace(xmlData, i);
    if (!this.suppressValidationErr) {
      if (xmlData.substring(i, i + 6).toUpperCase() === "SYSTEM") {
        throw new Error("External entities are not supported");
      } else if (xmlData[i] === "%") {
        throw new Error("Parameter entities are not supported");
      }
    }
    let entityValue = "";
    [i, entityValue] = this.readIdentifierVal(xmlData, i, "entity");
    if (this.options.enabled !== false && this.options.maxEntitySize != null && entityValue.length > this.options.maxEntitySize) {
      throw new Error(
        `Entity "${entityName}" size (${entityValue.length}) exceeds maximum allowed size (${this.options.maxEntitySize})`
      );
    }
    i--;
    return [entityName, entityValue, i];
  }
  readNotationExp(xmlData, i) {
    i = skipWhitespace(xmlData, i);
    const startIndex = i;
    while (i < xmlData.length && !/\s/.test(xmlData[i])) {
      i++;
    }
    let notationName = xmlData.substring(startIndex, i);
    !this.suppressValidationErr && validateEntityName2(notationName, { xmlVersion: this.xmlVersion });
    i = skipWhitespace(xmlData, i);
    const identifierType = xmlData.substring(i, i + 6).toUpperCase();
    if (!this.suppressValidationErr && identifierType !== "SYSTEM" && identifierType !== "PUBLIC") {
      throw new Error(`Expected SYSTEM or PUBLIC, found "${identifierType}"`);
    }
    i += identifierType.length;
    i = skipWhitespace(xmlData, i);
    let publicIdentifier = null;
    let systemIdentifier = null;
    if (identifierType === "PUBLIC") {
      [i, publicIdentifier] = this.readIdentifierVal(xmlData, i, "publicIdentifier");
      i = skipWhitespace(xmlData, i);
      if (xmlData[i] === '"' || xmlData[i] === "'") {
        [i, systemIdentifier] = this.readIdentifierVal(xmlData, i, "systemIdentifier");
      }
    } else if (identifierType === "SYSTEM") {
      [i, systemIdentifier] = this.readIdentifierVal(xmlData, i, "systemIdentifier");
      if (!this.suppressValidationErr && !systemIdentifier) {
        throw new Error("Missing mandatory system identifier for SYSTEM notation");
      }
    }
    return { notationName, publicIdentifier, systemIdentifier, index: --i };
  }
  readIdentifierVal(xmlData, i, type) {
    let identifierVal = "";
    const startChar = xmlData[i];
    if (startChar !== '"' && startChar !== "'") {
      throw new Error(`Expected quoted string, found "${startChar}"`);
    }
    i++;
    const startIndex = i;
    while (i < xmlData.length && xmlData[i] !== startChar) {
      i++;
    }
    identifierVal = xmlData.substring(startIndex, i);
    if (xmlData[i] !== startChar) {
      throw new Error(`Unterminated ${type} value`);
    }
    i++;
    return [i, identifierVal];
  }
  readElementExp(xmlData, i) {
    i = skipWhitespace(xmlData, i);
    const startIndex = i;
    while (i < xmlData.length && !/\s/.test(xmlData[i])) {
      i++;
    }
    let elementName = xmlData.substring(startIndex, i);
    if (!this.suppressValidationErr && !qName(elementName, { xmlVersion: this.xmlVersion })) {
      throw new Error(`Invalid element name: "${elementName}"`);
    }
    i = skipWhitespace(xmlData, i);
    let contentModel = "";
    if (xmlData[i] === "E" && hasSeq(xmlData, "MPTY", i)) i += 4;
    else if (xmlData[i] === "A" && hasSeq(xmlData, "NY", i)) i += 2;
    else if (xmlData[i] === "(") {
      i++;
      const startIndex2 = i;
      while (i < xmlData.length && xmlData[i] !== ")") {
        i++;
      }
      contentModel = xmlData.substring(startIndex2, i);
      if (xmlData[i] !== ")") {
        throw new Error("Unterminated content model");
      }
    } else if (!this.suppressValidationErr) {
      throw new Error(`Invalid Element Expression, found "${xmlData[i]}"`);
    }
    return {
      elementName,
      contentModel: contentModel.trim(),
      index: i
    };
  }
  readAttlistExp(xmlData, i) {
    i = skipWhitespace(xmlData, i);
    let startIndex = i;
    while (i < xmlData.length && !/\s/.test(xmlData[i])) {
      i++;
    }
    let elementName = xmlData.substring(startIndex, i);
    validateEntityName2(elementName, { xmlVersion: this.xmlVersion });
    i = skipWhitespace(xmlData, i);
    startIndex = i;
    while (i < xmlData.length && !/\s/.test(xmlData[i])) {
      i++;
    }
    let attributeName = xmlData.substring(startIndex, i);
    if (!validateEntityName2(attributeName, { xmlVersion: this.xmlVersion })) {
      throw new Error(`Invalid attribute name: "${attributeName}"`);
    }
    i = skipWhitespace(xmlData, i);
    let attributeType = "";
    if (xmlData.substring(i, i + 8).toUpperCase() === "NOTATION") {
      attributeType = "NOTATION";
      i += 8;
      i = skipWhitespace(xmlData, i);
      if (xmlData[i] !== "(") {
        throw new Error(`Expected '(', found "${xmlData[i]}"`);
      }
      i++;
      let allowedNotations = [];
      while (i < xmlData.length && xmlData[i] !== ")") {
        const startIndex2 = i;
        while (i < xmlData.length && xmlData[i] !== "|" && xmlData[i] !== ")") {
          i++;
        }
        let notation = xmlData.substring(startIndex2, i);
        notation = notation.trim();
        if (!validateEntityName2(notation, { xmlVersion: this.xmlVersion })) {
          throw new Error(`Invalid notation name: "${notation}"`);
        }
        allowedNotations.push(notation);
        if (xmlData[i] === "|") {
          i++;
          i = skipWhitespace(xmlData, i);
        }
      }
      if (xmlData[i] !== ")") {
        throw new Error("Unterminated list of notations");
      }
      i++;
      attributeType += " (" + allowedNotations.join("|") + ")";
    } else {
      const startIndex2 = i;
      while (i < xmlData.length && !/\s/.test(xmlData[i])) {
        i++;
      }
      attributeType += xmlData.substring(startIndex2, i);
      const validTypes = ["CDATA", "ID", "IDREF", "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS"];
      if (!this.suppressValidationErr && !validTypes.includes(attributeType.toUpperCase())) {
        throw new Error(`Invalid attribute type: "${attributeType}"`);
      }
    }
    i = skipWhitespace(xmlData, i);
    let defaultValue = "";
    if (xmlData.substring(i, i + 8).toUpperCase() === "#REQUIRED") {
      defaultValue = "#REQUIRED";
      i += 8;
    } else if (xmlData.substring(i, i + 7).toUpperCase() === "#IMPLIED") {
      defaultValue = "#IMPLIED";
      i += 7;
    } else {
      [i, defaultValue] = this.readIdentifierVal(xmlData, i, "ATTLIST");
    }
    return {
      elementName,
      attributeName,
      attributeType,
      defaultValue,
      index: i
    };
  }
};
var skipWhitespace = (data, index) => {
  while (index < data.length && /\s/.test(data[index])) {
    index++;
  }
  return index;
};
function hasSeq(data, seq, i) {
  for (let j = 0; j < seq.length; j++) {
    if (seq[j] !== data[i + j + 1]) return false;
  }
  return true;
}
function validateEntityName2(name, xmlVersion) {
  if (qName(name, { xmlVersion }))
    return name;
  else
    throw new Error(`Invalid entity name ${name}`);
}

// node_modules/anynum/digitTable.js
var SCRIPT_ZEROS = [
  // Basic Latin (ASCII) — included for completeness / pass-through
  48,
  // 0-9
  // Arabic scripts
  1632,
  // Arabic-Indic ٠١٢٣٤٥٦٧٨٩
  1776,
  // Extended Arabic-Indic (Urdu/Persian/Sindhi) ۰۱۲۳
  // Indic scripts
  2406,
  // Devanagari ०१२३४५६७८९
  2534,
  // Bengali ০১২৩৪৫৬৭৮৯
  2662,
  // Gurmukhi ੦੧੨੩੪੫੬੭੮੯
  2790,
  // Gujarati ૦૧૨૩૪૫૬૭૮૯
  2918,
  // Odia ୦୧୨୩୪୫୬୭୮୯
  3046,
  // Tamil ௦௧௨௩௪௫௬௭௮௯
  3174,
  // Telugu ౦౧౨౩౪౫౬౭౮౯
  3302,
  // Kannada ೦೧೨೩೪೫೬೭೮೯
  3430,
  // Malayalam ൦൧൨൩൪൫൬൭൮൯
  3558,
  // Sinhala Archaic ෦෧෨෩෪෫෬෭෮෯
  // Southeast Asian scripts
  3664,
  // Thai ๐๑๒๓๔๕๖๗๘๙
  3792,
  // Lao ໐໑໒໓໔໕໖໗໘໙
  3872,
  // Tibetan ༠༡༢༣༤༥༦༧༨༩
  4160,
  // Myanmar ၀၁၂၃၄၅၆၇၈၉
  4240,
  // Myanmar Shan ႐႑႒႓႔႕႖႗႘႙
  6112,
  // Khmer ០១២៣៤៥៦៧៨៩
  6160,
  // Mongolian ᠐᠑᠒᠓᠔᠕᠖᠗᠘᠙
  6470,
  // Limbu ᥆᥇᥈᥉᥊᥋᥌᥍᥎᥏
  6608,
  // New Tai Lue ᧐᧑᧒᧓᧔᧕᧖᧗᧘᧙
  6784,
  // Tai Tham Hora ᪀᪁᪂᪃᪄᪅᪆᪇᪈᪉
  6800,
  // Tai Tham Tham ᪐᪑᪒᪓᪔᪕᪖᪗᪘᪙
  6992,
  // Balinese ᭐᭑᭒᭓᭔᭕᭖᭗᭘᭙
  7088,
  // Sundanese ᮰᮱᮲᮳᮴᮵᮶᮷᮸᮹
  7232,
  // Lepcha ᱀᱁᱂᱃᱄᱅᱆᱇᱈᱉
  7248,
  // Ol Chiki ᱐᱑᱒᱓᱔᱕᱖᱗᱘᱙
  // Fullwidth (CJK context)
  65296,
  // Fullwidth ０１２３４５６７８９
  // Mathematical digit variants (Unicode math block)
  120782,
  // Mathematical Bold
  120792,
  // Mathematical Double-Struck
  120802,
  // Mathematical Sans-Serif
  120812,
  // Mathematical Sans-Serif Bold
  120822,
  // Mathematical Monospace
  // Other scripts
  66720,
  // Osmanya 𐒠𐒡𐒢𐒣𐒤𐒥𐒦𐒧𐒨𐒩
  68912,
  // Hanifi Rohingya 𐴰𐴱𐴲𐴳𐴴𐴵𐴶𐴷𐴸𐴹
  69734,
  // Brahmi 𑁦𑁧𑁨𑁩𑁪𑁫𑁬𑁭𑁮𑁯
  69872,
  // Sora Sompeng 𑃰𑃱𑃲𑃳𑃴𑃵𑃶𑃷𑃸𑃹
  69942,
  // Chakma 𑄶𑄷𑄸𑄹𑄺𑄻𑄼𑄽𑄾𑄿
  70096,
  // Sharada 𑇐𑇑𑇒𑇓𑇔𑇕𑇖𑇗𑇘𑇙
  70384,
  // Khudawadi 𑋰𑋱𑋲𑋳𑋴𑋵𑋶𑋷𑋸𑋹
  70736,
  // Newa 𑑐𑑑𑑒𑑓𑑔𑑕𑑖𑑗𑑘𑑙
  70864,
  // Tirhuta 𑓐𑓑𑓒𑓓𑓔𑓕𑓖𑓗𑓘𑓙
  71248,
  // Modi 𑙐𑙑𑙒𑙓𑙔𑙕𑙖𑙗𑙘𑙙
  71360,
  // Takri 𑛀𑛁𑛂𑛃𑛄𑛅𑛆𑛇𑛈𑛉
  71472,
  // Ahom 𑜰𑜱𑜲𑜳𑜴𑜵𑜶𑜷𑜸𑜹
  71904,
  // Warang Citi 𑣠𑣡𑣢𑣣𑣤𑣥𑣦𑣧𑣨𑣩
  72016,
  // Dives Akuru 𑥐𑥑𑥒𑥓𑥔𑥕𑥖𑥗𑥘𑥙
  72688,
  // Khitan Small Script 𑯰𑯱𑯲𑯳𑯴𑯵𑯶𑯷𑯸𑯹
  72784,
  // Bhaiksuki 𑱐𑱑𑱒𑱓𑱔𑱕𑱖𑱗𑱘𑱙
  73040,
  // Masaram Gondi 𑵐𑵑𑵒𑵓𑵔𑵕𑵖𑵗𑵘𑵙
  73120,
  // Gunjala Gondi 𑶠𑶡𑶢𑶣𑶤𑶥𑶦𑶧𑶨𑶩
  73552,
  // Kawi 𑽐𑽑𑽒𑽓𑽔𑽕𑽖𑽗𑽘𑽙
  92768,
  // Mro 𖩠𖩡𖩢𖩣𖩤𖩥𖩦𖩧𖩨𖩩
  92864,
  // Tangsa 𖫀𖫁𖫂𖫃𖫄𖫅𖫆𖫇𖫈𖫉
  93008,
  // Pahawh Hmong 𖭐𖭑𖭒𖭓𖭔𖭕𖭖𖭗𖭘𖭙
  123200,
  // Nyiakeng Puachue Hmong 𞅀𞅁𞅂𞅃𞅄𞅅𞅆𞅇𞅈𞅉
  123632,
  // Wancho 𞋰𞋱𞋲𞋳𞋴𞋵𞋶𞋷𞋸𞋹
  124144,
  // Nag Mundari 𞓰𞓱𞓲𞓳𞓴𞓵𞓶𞓷𞓸𞓹
  125264,
  // Adlam 𞥐𞥑𞥒𞥓𞥔𞥕𞥖𞥗𞥘𞥙
  130032
  // Segmented digit symbols 🯰🯱🯲🯳🯴🯵🯶🯷🯸🯹
];
var NOT_DIGIT = 255;
var HIGH_MAP = /* @__PURE__ */ new Map();
var LOW_MAX = 65535;
var LOW_MIN = 1632;
var TABLE_OFFSET = LOW_MIN;
var TABLE_SIZE = LOW_MAX - LOW_MIN + 1;
var TABLE = new Uint8Array(TABLE_SIZE).fill(NOT_DIGIT);
for (const zero of SCRIPT_ZEROS) {
  for (let d = 0; d < 10; d++) {
    const cp = zero + d;
    if (cp <= LOW_MAX) {
      TABLE[cp - TABLE_OFFSET] = d;
    } else {
      HIGH_MAP.set(cp, d);
    }
  }
}

// node_modules/anynum/anynum.js
var CHAR_0 = 48;
var CHAR_9 = 57;
var CHAR_MINUS = 45;
var MINUS_SET = /* @__PURE__ */ new Set([8722, 65293, 65123]);
function anynum(str3) {
  if (typeof str3 !== "string") return str3;
  const len = str3.length;
  if (len === 0) return str3;
  let firstHit = -1;
  for (let i = 0; i < len; i++) {
    const cc = str3.charCodeAt(i);
    if (cc >= CHAR_0 && cc <= CHAR_9 || cc === CHAR_MINUS) continue;
    if (cc < TABLE_OFFSET) {
      if (MINUS_SET.has(cc)) {
        firstHit = i;
        break;
      }
      continue;
    }
    if (cc >= 55296 && cc <= 56319) {
      if (i + 1 < len) {
        const low = str3.charCodeAt(i + 1);
        if (low >= 56320 && low <= 57343) {
          const cp = 65536 + (cc - 55296 << 10) + (low - 56320);
          if (HIGH_MAP.has(cp)) {
            firstHit = i;
            break;
          }
        }
      }
      continue;
    }
    if (TABLE[cc - TABLE_OFFSET] !== NOT_DIGIT || MINUS_SET.has(cc)) {
      firstHit = i;
      break;
    }
  }
  if (firstHit === -1) return str3;
  const chars = [];
  if (firstHit > 0) chars.push(str3.slice(0, firstHit));
  for (let i = firstHit; i < len; i++) {
    const cc = str3.charCodeAt(i);
    if (cc >= CHAR_0 && cc <= CHAR_9 || cc === CHAR_MINUS) {
      chars.push(str3[i]);
      continue;
    }
    if (cc < TABLE_OFFSET) {
      chars.push(MINUS_SET.has(cc) ? "-" : str3[i]);
      continue;
    }
    if (cc >= 55296 && cc <= 56319) {
      if (i + 1 < len) {
        const low = str3.charCodeAt(i + 1);
        if (low >= 56320 && low <= 57343) {
          const cp = 65536 + (cc - 55296 << 10) + (low - 56320);
          const d2 = HIGH_MAP.get(cp);
          if (d2 !== void 0) {
            chars.push(String.fromCharCode(d2 + 48));
            i++;
            continue;
          }
        }
      }
      chars.push(str3[i]);
      continue;
    }
    if (MINUS_SET.has(cc)) {
      chars.push("-");
      continue;
    }
    const d = TABLE[cc - TABLE_OFFSET];
    chars.push(d !== NOT_DIGIT ? String.fromCharCode(d + 48) : str3[i]);
  }
  return chars.join("");
}
var anynum_default = anynum;

// node_modules/strnum/strnum.js
var hexRegex = /^[-+]?0x[a-fA-F0-9]+$/;
var binRegex = /^0b[01]+$/;
var octRegex = /^0o[0-7]+$/;
var numRegex = /^([\-\+])?(0*)([0-9]*(\.[0-9]*)?)$/;
var consider = {
  hex: true,
  binary: false,
  octal: false,
  leadingZeros: true,
  decimalPoint: ".",
  eNotation: true,
  //skipLike: /regex/,
  infinity: "original",
  // "null", "infinity" (Infinity type), "string" ("Infinity" (the string literal))
  unicode: false
};
function toNumber(str3, options = {}) {
  options = Object.assign({}, consider, options);
  if (!str3 || typeof str3 !== "string") return str3;
  let trimmedStr = str3.trim();
  if (trimmedStr.length === 0) return str3;
  else if (options.skipLike !== void 0 && options.skipLike.test(trimmedStr)) return str3;
  else if (trimmedStr === "0") return 0;
  if (options.unicode) {
    trimmedStr = anynum_default(trimmedStr);
    if (trimmedStr === "0") return 0;
  }
  if (options.hex && hexRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 16);
  } else if (options.binary && binRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 2);
  } else if (options.octal && octRegex.test(trimmedStr)) {
    return parse_int(trimmedStr, 8);
  } else if (!isFinite(trimmedStr)) {
    const num2 = Number(trimmedStr);
    if (Number.isNaN(num2)) return str3;
    return handleInfinity(str3, num2, options);
  } else if (trimmedStr.includes("e") || trimmedStr.includes("E")) {
    return resolveEnotation(str3, trimmedStr, options);
  } else {
    const match = numRegex.exec(trimmedStr);
    if (match) {
      const sign = match[1] || "";
      const leadingZeros = match[2];
      let numTrimmedByZeros = trimZeros(match[3]);
      const decimalAdjacentToLeadingZeros = sign ? (
        // 0., -00., 000.
        trimmedStr[leadingZeros.length + 1] === "."
      ) : trimmedStr[leadingZeros.length] === ".";
      if (!options.leadingZeros && (leadingZeros.length > 1 || leadingZeros.length === 1 && !decimalAdjacentToLeadingZeros)) {
        return str3;
      } else {
        const num2 = Number(trimmedStr);
        const parsedStr = String(num2);
        if (num2 === 0) return num2;
        if (parsedStr.search(/[eE]/) !== -1) {
          if (options.eNotation) return num2;
          else return str3;
        } else if (trimmedStr.indexOf(".") !== -1) {
          if (parsedStr === "0") return num2;
          else if (parsedStr === numTrimmedByZeros) return num2;
          else if (parsedStr === `${sign}${numTrimmedByZeros}`) return num2;
          else return str3;
        }
        let n = leadingZeros ? numTrimmedByZeros : trimmedStr;
        if (leadingZeros) {
          return n === parsedStr || sign + n === parsedStr ? num2 : str3;
        } else {
          return n === parsedStr || n === sign + parsedStr ? num2 : str3;
        }
      }
    } else {
      return str3;
    }
  }
}
var eNotationRegx = /^([-+])?(0*)(\d*(\.\d*)?[eE][-\+]?\d+)$/;
function resolveEnotation(str3, trimmedStr, options) {
  if (!options.eNotation) return str3;
  const notation = trimmedStr.match(eNotationRegx);
  if (notation) {
    let sign = notation[1] || "";
    const eChar = notation[3].indexOf("e") === -1 ? "E" : "e";
    const leadingZeros = notation[2];
    const eAdjacentToLeadingZeros = sign ? (
      // 0E.
      trimmedStr[leadingZeros.length + 1] === eChar
    ) : trimmedStr[leadingZeros.length] === eChar;
    if (leadingZeros.length > 1 && eAdjacentToLeadingZeros) return str3;
    else if (leadingZeros.length === 1 && (notation[3].startsWith(`.${eChar}`) || notation[3][0] === eChar)) {
      return Number(trimmedStr);
    } else if (leadingZeros.length > 0) {
      if (options.leadingZeros && !eAdjacentToLeadingZeros) {
        return Number(trimmedStr);
      } else return str3;
    } else {
      return Number(trimmedStr);
    }
  } else {
    return str3;
  }
}
function trimZeros(numStr) {
  if (numStr && numStr.indexOf(".") !== -1) {
    let end = numStr.length;
    while (end > 0 && numStr.charCodeAt(end - 1) === 48) end--;
    numStr = numStr.slice(0, end);
    if (numStr === ".") numStr = "0";
    else if (numStr[0] === ".") numStr = "0" + numStr;
    else if (numStr[numStr.length - 1] === ".") numStr = numStr.substring(0, numStr.length - 1);
    return numStr;
  }
  return numStr;
}
function parse_int(numStr, base) {
  const str3 = numStr.trim();
  if (base === 2 || base === 8) numStr = str3.substring(2);
  if (parseInt) return parseInt(numStr, base);
  else if (Number.parseInt) return Number.parseInt(numStr, base);
  else if (window && window.parseInt) return window.parseInt(numStr, base);
  else throw new Error("parseInt, Number.parseInt, window.parseInt are not supported");
}
function handleInfinity(str3, num2, options) {
  const isPositive = num2 === Infinity;
  switch (options.infinity.toLowerCase()) {
    case "null":
      return null;
    case "infinity":
      return num2;
    // Return Infinity or -Infinity
    case "string":
      return isPositive ? "Infinity" : "-Infinity";
    case "original":
    default:
      return str3;
  }
}

// node_modules/fast-xml-parser/src/ignoreAttributes.js
function getIgnoreAttributesFn(ignoreAttributes) {
  if (typeof ignoreAttributes === "function") {
    return ignoreAttributes;
  }
  if (Array.isArray(ignoreAttributes)) {
    return (attrName) => {
      for (const pattern of ignoreAttributes) {
        if (typeof pattern === "string" && attrName === pattern) {
          return true;
        }
        if (pattern instanceof RegExp && pattern.test(attrName)) {
          return true;
        }
      }
    };
  }
  return () => false;
}

// node_modules/path-expression-matcher/src/Expression.js
var Expression = class {
  /**
   * Create a new Expression
   * @param {string} pattern - Pattern string (e.g., "root.users.user", "..user[id]")
   * @param {Object} options - Configuration options
   * @param {string} options.separator - Path separator (default: '.')
   */
  constructor(pattern, options = {}, data) {
    this.pattern = pattern;
    this.separator = options.separator || ".";
    this.segments = this._parse(pattern);
    this.data = data;
    this._hasDeepWildcard = this.segments.some((seg) => seg.type === "deep-wildcard");
    this._hasAttributeCondition = this.segments.some((seg) => seg.attrName !== void 0);
    this._hasPositionSelector = this.segments.some((seg) => seg.position !== void 0);
  }
  /**
   * Parse pattern string into segments
   * @private
   * @param {string} pattern - Pattern to parse
   * @returns {Array} Array of segment objects
   */
  _parse(pattern) {
    const segments = [];
    let i = 0;
    let currentPart = "";
    while (i < pattern.length) {
      if (pattern[i] === this.separator) {
        if (i + 1 < pattern.length && pattern[i + 1] === this.separator) {
          if (currentPart.trim()) {
            segments.push(this._parseSegment(currentPart.trim()));
            currentPart = "";
          }
          segments.push({ type: "deep-wildcard" });
          i += 2;
        } else {
          if (currentPart.trim()) {
            segments.push(this._parseSegment(currentPart.trim()));
          }
          currentPart = "";
          i++;
        }
      } else {
        currentPart += pattern[i];
        i++;
      }
    }
    if (currentPart.trim()) {
      segments.push(this._parseSegment(currentPart.trim()));
    }
    return segments;
  }
  /**
   * Parse a single segment
   * @private
   * @param {string} part - Segment string (e.g., "user", "ns::user", "user[id]", "ns::user:first")
   * @returns {Object} Segment object
   */
  _parseSegment(part) {
    const segment = { type: "tag" };
    let bracketContent = null;
    let withoutBrackets = part;
    const bracketMatch = part.match(/^([^\[]+)(\[[^\]]*\])(.*)$/);
    if (bracketMatch) {
      withoutBrackets = bracketMatch[1] + bracketMatch[3];
      if (bracketMatch[2]) {
        const content = bracketMatch[2].slice(1, -1);
        if (content) {
          bracketContent = content;
        }
      }
    }
    let namespace = void 0;
    let tagAndPosition = withoutBrackets;
    if (withoutBrackets.includes("::")) {
      const nsIndex = withoutBrackets.indexOf("::");
      namespace = withoutBrackets.substring(0, nsIndex).trim();
      tagAndPosition = withoutBrackets.substring(nsIndex + 2).trim();
      if (!namespace) {
        throw new Error(`Invalid namespace in pattern: ${part}`);
      }
    }
    let tag = void 0;
    let positionMatch = null;
    if (tagAndPosition.includes(":")) {
      const colonIndex = tagAndPosition.lastIndexOf(":");
      const tagPart = tagAndPosition.substring(0, colonIndex).trim();
      const posPart = tagAndPosition.substring(colonIndex + 1).trim();
      const isPositionKeyword = ["first", "last", "odd", "even"].includes(posPart) || /^nth\(\d+\)$/.test(posPart);
      if (isPositionKeyword) {
        tag = tagPart;
        positionMatch = posPart;
      } else {
        tag = tagAndPosition;
      }
    } else {
      tag = tagAndPosition;
    }
    if (!tag) {
      throw new Error(`Invalid segment pattern: ${part}`);
    }
    segment.tag = tag;
    if (namespace) {
      segment.namespace = namespace;
    }
    if (bracketContent) {
      if (bracketContent.includes("=")) {
        const eqIndex = bracketContent.indexOf("=");
        segment.attrName = bracketContent.substring(0, eqIndex).trim();
        segment.attrValue = bracketContent.substring(eqIndex + 1).trim();
      } else {
        segment.attrName = bracketContent.trim();
      }
    }
    if (positionMatch) {
      const nthMatch = positionMatch.match(/^nth\((\d+)\)$/);
      if (nthMatch) {
        segment.position = "nth";
        segment.positionValue = parseInt(nthMatch[1], 10);
      } else {
        segment.position = positionMatch;
      }
    }
    return segment;
  }
  /**
   * Get the number of segments
   * @returns {number}
   */
  get length() {
    return this.segments.length;
  }
  /**
   * Check if expression contains deep wildcard
   * @returns {boolean}
   */
  hasDeepWildcard() {
    return this._hasDeepWildcard;
  }
  /**
   * Check if expression has attribute conditions
   * @returns {boolean}
   */
  hasAttributeCondition() {
    return this._hasAttributeCondition;
  }
  /**
   * Check if expression has position selectors
   * @returns {boolean}
   */
  hasPositionSelector() {
    return this._hasPositionSelector;
  }
  /**
   * Get string representation
   * @returns {string}
   */
  toString() {
    return this.pattern;
  }
};

// node_modules/path-expression-matcher/src/ExpressionSet.js
var ExpressionSet = class {
  constructor() {
    this._byDepthAndTag = /* @__PURE__ */ new Map();
    this._wildcardByDepth = /* @__PURE__ */ new Map();
    this._deepWildcards = [];
    this._deepByTerminalTag = /* @__PURE__ */ new Map();
    this._patterns = /* @__PURE__ */ new Set();
    this._sealed = false;
  }
  /**
   * Add an Expression to the set.
   * Duplicate patterns (same pattern string) are silently ignored.
   *
   * @param {import('./Expression.js').default} expression - A pre-constructed Expression instance
   * @returns {this} for chaining
   * @throws {TypeError} if called after seal()
   *
   * @example
   * set.add(new Expression('root.users.user'));
   * set.add(new Expression('..script'));
   */
  add(expression) {
    if (this._sealed) {
      throw new TypeError(
        "ExpressionSet is sealed. Create a new ExpressionSet to add more expressions."
      );
    }
    if (this._patterns.has(expression.pattern)) return this;
    this._patterns.add(expression.pattern);
    if (expression.hasDeepWildcard()) {
      const lastSeg2 = expression.segments[expression.segments.length - 1];
      if (lastSeg2 && lastSeg2.type !== "deep-wildcard" && lastSeg2.tag !== "*") {
        const tag2 = lastSeg2.tag;
        if (!this._deepByTerminalTag.has(tag2)) this._deepByTerminalTag.set(tag2, []);
        this._deepByTerminalTag.get(tag2).push(expression);
      } else {
        this._deepWildcards.push(expression);
      }
      return this;
    }
    const depth2 = expression.length;
    const lastSeg = expression.segments[expression.segments.length - 1];
    const tag = lastSeg?.tag;
    if (!tag || tag === "*") {
      if (!this._wildcardByDepth.has(depth2)) this._wildcardByDepth.set(depth2, []);
      this._wildcardByDepth.get(depth2).push(expression);
    } else {
      const key = `${depth2}:${tag}`;
      if (!this._byDepthAndTag.has(key)) this._byDepthAndTag.set(key, []);
      this._byDepthAndTag.get(key).push(expression);
    }
    return this;
  }
  /**
   * Add multiple expressions at once.
   *
   * @param {import('./Expression.js').default[]} expressions - Array of Expression instances
   * @returns {this} for chaining
   *
   * @example
   * set.addAll([
   *   new Expression('root.users.user'),
   *   new Expression('root.config.setting'),
   * ]);
   */
  addAll(expressions) {
    for (const expr of expressions) this.add(expr);
    return this;
  }
  /**
   * Check whether a pattern string is already present in the set.
   *
   * @param {import('./Expression.js').default} expression
   * @returns {boolean}
   */
  has(expression) {
    return this._patterns.has(expression.pattern);
  }
  /**
   * Number of expressions in the set.
   * @type {number}
   */
  get size() {
    return this._patterns.size;
  }
  /**
   * Seal the set against further modifications.
   * Useful to prevent accidental mutations after config is built.
   * Calling add() or addAll() on a sealed set throws a TypeError.
   *
   * @returns {this}
   */
  seal() {
    this._sealed = true;
    return this;
  }
  /**
   * Whether the set has been sealed.
   * @type {boolean}
   */
  get isSealed() {
    return this._sealed;
  }
  /**
   * Test whether the matcher's current path matches any expression in the set.
   *
   * Evaluation order (cheapest → most expensive):
   *  1. Exact depth + tag bucket  — O(1) lookup, typically 0–2 expressions
   *  2. Depth-only wildcard bucket — O(1) lookup, rare
   *  3. Deep-wildcard list         — always checked, but usually small
   *
   * @param {import('./Matcher.js').default} matcher - Matcher instance (or readOnly view)
   * @returns {boolean} true if any expression matches the current path
   *
   * @example
   * if (stopNodes.matchesAny(matcher)) {
   *   // handle stop node
   * }
   */
  matchesAny(matcher) {
    return this.findMatch(matcher) !== null;
  }
  /**
  * Find and return the first Expression that matches the matcher's current path.
  *
  * Uses the same evaluation order as matchesAny (cheapest → most expensive):
  *  1. Exact depth + tag bucket
  *  2. Depth-only wildcard bucket
  *  3. Deep-wildcard list
  *
  * @param {import('./Matcher.js').default} matcher - Matcher instance (or readOnly view)
  * @returns {import('./Expression.js').default | null} the first matching Expression, or null
  *
  * @example
  * const expr = stopNodes.findMatch(matcher);
  * if (expr) {
  *   // access expr.config, expr.pattern, etc.
  * }
  */
  findMatch(matcher) {
    const depth2 = matcher.getDepth();
    const tag = matcher.getCurrentTag();
    const exactKey = `${depth2}:${tag}`;
    const exactBucket = this._byDepthAndTag.get(exactKey);
    if (exactBucket) {
      for (let i = 0; i < exactBucket.length; i++) {
        if (matcher.matches(exactBucket[i])) return exactBucket[i];
      }
    }
    const wildcardBucket = this._wildcardByDepth.get(depth2);
    if (wildcardBucket) {
      for (let i = 0; i < wildcardBucket.length; i++) {
        if (matcher.matches(wildcardBucket[i])) return wildcardBucket[i];
      }
    }
    const deepBucket = this._deepByTerminalTag.get(tag);
    if (deepBucket) {
      for (let i = 0; i < deepBucket.length; i++) {
        if (matcher.matches(deepBucket[i])) return deepBucket[i];
      }
    }
    for (let i = 0; i < this._deepWildcards.length; i++) {
      if (matcher.matches(this._deepWildcards[i])) return this._deepWildcards[i];
    }
    return null;
  }
};

// node_modules/path-expression-matcher/src/Matcher.js
var MatcherView = class {
  /**
   * @param {Matcher} matcher - The parent Matcher instance to read from.
   */
  constructor(matcher) {
    this._matcher = matcher;
  }
  /**
   * Get the path separator used by the parent matcher.
   * @returns {string}
   */
  get separator() {
    return this._matcher.separator;
  }
  /**
   * Get current tag name.
   * @returns {string|undefined}
   */
  getCurrentTag() {
    const path9 = this._matcher.path;
    return path9.length > 0 ? path9[path9.length - 1].tag : void 0;
  }
  /**
   * Get current namespace.
   * @returns {string|undefined}
   */
  getCurrentNamespace() {
    const path9 = this._matcher.path;
    return path9.length > 0 ? path9[path9.length - 1].namespace : void 0;
  }
  /**
   * Get current node's attribute value.
   * @param {string} attrName
   * @returns {*}
   */
  getAttrValue(attrName) {
    const path9 = this._matcher.path;
    if (path9.length === 0) return void 0;
    return path9[path9.length - 1].values?.[attrName];
  }
  /**
   * Check if current node has an attribute.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAttr(attrName) {
    const path9 = this._matcher.path;
    if (path9.length === 0) return false;
    const current = path9[path9.length - 1];
    return current.values !== void 0 && attrName in current.values;
  }
  /**
   * Get the value of a "kept" attribute from the nearest ancestor (or
   * current node) that declared it via `push(tag, attrs, ns, { keep: [...] })`.
   * @param {string} attrName
   * @returns {*}
   */
  getAnyParentAttr(attrName) {
    return this._matcher.getAnyParentAttr(attrName);
  }
  /**
   * Check whether any ancestor (or the current node) kept the given
   * attribute via `push(tag, attrs, ns, { keep: [...] })`.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAnyParentAttr(attrName) {
    return this._matcher.hasAnyParentAttr(attrName);
  }
  /**
   * Get current node's sibling position (child index in parent).
   * @returns {number}
   */
  getPosition() {
    const path9 = this._matcher.path;
    if (path9.length === 0) return -1;
    return path9[path9.length - 1].position ?? 0;
  }
  /**
   * Get current node's repeat counter (occurrence count of this tag name).
   * @returns {number}
   */
  getCounter() {
    const path9 = this._matcher.path;
    if (path9.length === 0) return -1;
    return path9[path9.length - 1].counter ?? 0;
  }
  /**
   * Get current node's sibling index (alias for getPosition).
   * @returns {number}
   * @deprecated Use getPosition() or getCounter() instead
   */
  getIndex() {
    return this.getPosition();
  }
  /**
   * Get current path depth.
   * @returns {number}
   */
  getDepth() {
    return this._matcher.path.length;
  }
  /**
   * Get path as string.
   * @param {string} [separator] - Optional separator (uses default if not provided)
   * @param {boolean} [includeNamespace=true]
   * @returns {string}
   */
  toString(separator, includeNamespace = true) {
    return this._matcher.toString(separator, includeNamespace);
  }
  /**
   * Get path as array of tag names.
   * @returns {string[]}
   */
  toArray() {
    return this._matcher.path.map((n) => n.tag);
  }
  /**
   * Match current path against an Expression.
   * @param {Expression} expression
   * @returns {boolean}
   */
  matches(expression) {
    return this._matcher.matches(expression);
  }
  /**
   * Match any expression in the given set against the current path.
   * @param {ExpressionSet} exprSet
   * @returns {boolean}
   */
  matchesAny(exprSet) {
    return exprSet.matchesAny(this._matcher);
  }
};
var Matcher = class {
  /**
   * Create a new Matcher.
   * @param {Object} [options={}]
   * @param {string} [options.separator='.'] - Default path separator
   */
  constructor(options = {}) {
    this.separator = options.separator || ".";
    this.path = [];
    this.siblingStacks = [];
    this._pathStringCache = null;
    this._view = new MatcherView(this);
    this._keptAttrs = [];
  }
  /**
   * Push a new tag onto the path.
   * @param {string} tagName
   * @param {Object|null} [attrValues=null]
   * @param {string|null} [namespace=null]
   * @param {Object|null} [options=null]
   * @param {string[]} [options.keep] - Names of attributes (from attrValues)
   */
  push(tagName, attrValues = null, namespace = null, options = null) {
    this._pathStringCache = null;
    if (this.path.length > 0) {
      this.path[this.path.length - 1].values = void 0;
    }
    const currentLevel = this.path.length;
    let level = this.siblingStacks[currentLevel];
    if (!level) {
      level = { counts: /* @__PURE__ */ new Map(), total: 0 };
      this.siblingStacks[currentLevel] = level;
    }
    const siblingKey = namespace ? `${namespace}:${tagName}` : tagName;
    const counter = level.counts.get(siblingKey) || 0;
    const position = level.total;
    level.counts.set(siblingKey, counter + 1);
    level.total++;
    const node = {
      tag: tagName,
      position,
      counter
    };
    if (namespace !== null && namespace !== void 0) {
      node.namespace = namespace;
    }
    if (attrValues !== null && attrValues !== void 0) {
      node.values = attrValues;
    }
    this.path.push(node);
    const depth2 = this.path.length;
    const keep = options !== null ? options.keep : null;
    if (keep !== null && keep !== void 0 && keep.length > 0 && attrValues) {
      for (let i = 0; i < keep.length; i++) {
        const name = keep[i];
        if (attrValues[name] !== void 0) {
          this._keptAttrs.push({ depth: depth2, name, value: attrValues[name] });
        }
      }
    }
  }
  /**
   * Pop the last tag from the path.
   * @returns {Object|undefined} The popped node
   */
  pop() {
    if (this.path.length === 0) return void 0;
    this._pathStringCache = null;
    const node = this.path.pop();
    if (this.siblingStacks.length > this.path.length + 1) {
      this.siblingStacks.length = this.path.length + 1;
    }
    const poppedDepth = this.path.length + 1;
    while (this._keptAttrs.length > 0 && this._keptAttrs[this._keptAttrs.length - 1].depth >= poppedDepth) {
      this._keptAttrs.pop();
    }
    return node;
  }
  /**
   * Update current node's attribute values.
   * Useful when attributes are parsed after push.
   * @param {Object} attrValues
   */
  updateCurrent(attrValues) {
    if (this.path.length > 0) {
      const current = this.path[this.path.length - 1];
      if (attrValues !== null && attrValues !== void 0) {
        current.values = attrValues;
      }
    }
  }
  /**
   * Get current tag name.
   * @returns {string|undefined}
   */
  getCurrentTag() {
    return this.path.length > 0 ? this.path[this.path.length - 1].tag : void 0;
  }
  /**
   * Get current namespace.
   * @returns {string|undefined}
   */
  getCurrentNamespace() {
    return this.path.length > 0 ? this.path[this.path.length - 1].namespace : void 0;
  }
  /**
   * Get current node's attribute value.
   * @param {string} attrName
   * @returns {*}
   */
  getAttrValue(attrName) {
    if (this.path.length === 0) return void 0;
    return this.path[this.path.length - 1].values?.[attrName];
  }
  /**
   * Check if current node has an attribute.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAttr(attrName) {
    if (this.path.length === 0) return false;
    const current = this.path[this.path.length - 1];
    return current.values !== void 0 && attrName in current.values;
  }
  /**
   * Get the value of a "kept" attribute from the nearest ancestor (or
   * current node) that declared it via `push(tag, attrs, ns, { keep: [...] })`.
   * Unlike getAttrValue(), this works regardless of how deep the path has
   * gone since the attribute was pushed — but only for attribute names that
   * were explicitly marked with `keep` at push time. Cost is proportional to
   * the number of currently-kept attributes (typically 0-3), not path depth.
   * @param {string} attrName
   * @returns {*} the value, or undefined if no ancestor kept this attribute
   */
  getAnyParentAttr(attrName) {
    const kept = this._keptAttrs;
    for (let i = kept.length - 1; i >= 0; i--) {
      if (kept[i].name === attrName) return kept[i].value;
    }
    return void 0;
  }
  /**
   * Check whether any ancestor (or the current node) kept the given
   * attribute via `push(tag, attrs, ns, { keep: [...] })`.
   * @param {string} attrName
   * @returns {boolean}
   */
  hasAnyParentAttr(attrName) {
    const kept = this._keptAttrs;
    for (let i = kept.length - 1; i >= 0; i--) {
      if (kept[i].name === attrName) return true;
    }
    return false;
  }
  /**
   * Get current node's sibling position (child index in parent).
   * @returns {number}
   */
  getPosition() {
    if (this.path.length === 0) return -1;
    return this.path[this.path.length - 1].position ?? 0;
  }
  /**
   * Get current node's repeat counter (occurrence count of this tag name).
   * @returns {number}
   */
  getCounter() {
    if (this.path.length === 0) return -1;
    return this.path[this.path.length - 1].counter ?? 0;
  }
  /**
   * Get current node's sibling index (alias for getPosition).
   * @returns {number}
   * @deprecated Use getPosition() or getCounter() instead
   */
  getIndex() {
    return this.getPosition();
  }
  /**
   * Get current path depth.
   * @returns {number}
   */
  getDepth() {
    return this.path.length;
  }
  /**
   * Get path as string.
   * @param {string} [separator] - Optional separator (uses default if not provided)
   * @param {boolean} [includeNamespace=true]
   * @returns {string}
   */
  toString(separator, includeNamespace = true) {
    const sep6 = separator || this.separator;
    const isDefault = sep6 === this.separator && includeNamespace === true;
    if (isDefault) {
      if (this._pathStringCache !== null) {
        return this._pathStringCache;
      }
      const result = this.path.map(
        (n) => n.namespace ? `${n.namespace}:${n.tag}` : n.tag
      ).join(sep6);
      this._pathStringCache = result;
      return result;
    }
    return this.path.map(
      (n) => includeNamespace && n.namespace ? `${n.namespace}:${n.tag}` : n.tag
    ).join(sep6);
  }
  /**
   * Get path as array of tag names.
   * @returns {string[]}
   */
  toArray() {
    return this.path.map((n) => n.tag);
  }
  /**
   * Reset the path to empty.
   */
  reset() {
    this._pathStringCache = null;
    this.path = [];
    this.siblingStacks = [];
    this._keptAttrs = [];
  }
  /**
   * Match current path against an Expression.
   * @param {Expression} expression
   * @returns {boolean}
   */
  matches(expression) {
    const segments = expression.segments;
    if (segments.length === 0) {
      return false;
    }
    if (expression.hasDeepWildcard()) {
      return this._matchWithDeepWildcard(segments);
    }
    return this._matchSimple(segments);
  }
  /**
   * @private
   */
  _matchSimple(segments) {
    if (this.path.length !== segments.length) {
      return false;
    }
    for (let i = 0; i < segments.length; i++) {
      if (!this._matchSegment(segments[i], this.path[i], i === this.path.length - 1)) {
        return false;
      }
    }
    return true;
  }
  /**
   * @private
   */
  _matchWithDeepWildcard(segments) {
    let pathIdx = this.path.length - 1;
    let segIdx = segments.length - 1;
    while (segIdx >= 0 && pathIdx >= 0) {
      const segment = segments[segIdx];
      if (segment.type === "deep-wildcard") {
        segIdx--;
        if (segIdx < 0) {
          return true;
        }
        const nextSeg = segments[segIdx];
        let found = false;
        for (let i = pathIdx; i >= 0; i--) {
          if (this._matchSegment(nextSeg, this.path[i], i === this.path.length - 1)) {
            pathIdx = i - 1;
            segIdx--;
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      } else {
        if (!this._matchSegment(segment, this.path[pathIdx], pathIdx === this.path.length - 1)) {
          return false;
        }
        pathIdx--;
        segIdx--;
      }
    }
    return segIdx < 0;
  }
  /**
   * @private
   */
  _matchSegment(segment, node, isCurrentNode) {
    if (segment.tag !== "*" && segment.tag !== node.tag) {
      return false;
    }
    if (segment.namespace !== void 0) {
      if (segment.namespace !== "*" && segment.namespace !== node.namespace) {
        return false;
      }
    }
    if (segment.attrName !== void 0) {
      if (!isCurrentNode) {
        return false;
      }
      if (!node.values || !(segment.attrName in node.values)) {
        return false;
      }
      if (segment.attrValue !== void 0) {
        if (String(node.values[segment.attrName]) !== String(segment.attrValue)) {
          return false;
        }
      }
    }
    if (segment.position !== void 0) {
      if (!isCurrentNode) {
        return false;
      }
      const counter = node.counter ?? 0;
      if (segment.position === "first" && counter !== 0) {
        return false;
      } else if (segment.position === "odd" && counter % 2 !== 1) {
        return false;
      } else if (segment.position === "even" && counter % 2 !== 0) {
        return false;
      } else if (segment.position === "nth" && counter !== segment.positionValue) {
        return false;
      }
    }
    return true;
  }
  /**
   * Match any expression in the given set against the current path.
   * @param {ExpressionSet} exprSet
   * @returns {boolean}
   */
  matchesAny(exprSet) {
    return exprSet.matchesAny(this);
  }
  /**
   * Create a snapshot of current state.
   * @returns {Object}
   */
  snapshot() {
    return {
      path: this.path.map((node) => ({ ...node })),
      siblingStacks: this.siblingStacks.map((level) => level ? { counts: new Map(level.counts), total: level.total } : level),
      keptAttrs: this._keptAttrs.map((entry) => ({ ...entry }))
    };
  }
  /**
   * Restore state from snapshot.
   * @param {Object} snapshot
   */
  restore(snapshot) {
    this._pathStringCache = null;
    this.path = snapshot.path.map((node) => ({ ...node }));
    this.siblingStacks = snapshot.siblingStacks.map((level) => level ? { counts: new Map(level.counts), total: level.total } : level);
    this._keptAttrs = (snapshot.keptAttrs || []).map((entry) => ({ ...entry }));
  }
  /**
   * Return the read-only {@link MatcherView} for this matcher.
   *
   * The same instance is returned on every call — no allocation occurs.
   * It always reflects the current parser state and is safe to pass to
   * user callbacks without risk of accidental mutation.
   *
   * @returns {MatcherView}
   *
   * @example
   * const view = matcher.readOnly();
   * // pass view to callbacks — it stays in sync automatically
   * view.matches(expr);       // ✓
   * view.getCurrentTag();     // ✓
   * // view.push(...)         // ✗ method does not exist — caught by TypeScript
   */
  readOnly() {
    return this._view;
  }
};

// node_modules/is-unsafe/src/contexts/html.js
var HTML_PATTERNS = [
  {
    id: "html-script-open",
    description: "<script opening tag",
    pattern: /<script[\s>/]/i
  },
  {
    id: "html-script-close",
    description: "</script closing tag",
    pattern: /<\/script[\s>]/i
  },
  {
    id: "html-javascript-protocol",
    description: "javascript: URI scheme (with optional whitespace/encoding)",
    // Handles j&#x61;vascript:, j\u0061vascript:, and whitespace variants
    pattern: /j[\t\n\r ]*a[\t\n\r ]*v[\t\n\r ]*a[\t\n\r ]*s[\t\n\r ]*c[\t\n\r ]*r[\t\n\r ]*i[\t\n\r ]*p[\t\n\r ]*t[\t\n\r ]*:/i
  },
  {
    id: "html-vbscript-protocol",
    description: "vbscript: URI scheme",
    pattern: /vbscript[\t\n\r ]*:/i
  },
  {
    id: "html-data-html",
    description: "data:text/html URI \u2014 can execute scripts in browsers",
    pattern: /data[\t\n\r ]*:[\t\n\r ]*text\/html/i
  },
  {
    id: "html-data-xhtml",
    description: "data:application/xhtml+xml URI",
    pattern: /data[\t\n\r ]*:[\t\n\r ]*application\/xhtml/i
  },
  {
    id: "html-data-svg",
    description: "data:image/svg+xml URI \u2014 can execute scripts",
    pattern: /data[\t\n\r ]*:[\t\n\r ]*image\/svg\+xml/i
  },
  {
    id: "html-inline-event-handler",
    description: "Inline event handler attributes: onclick=, onerror=, onload=, etc.",
    // \bon ensures we match a word boundary so "phonetic=" is not caught
    pattern: /\bon\w{1,30}\s*=/i
  },
  {
    id: "html-entity-obfuscated-script",
    description: "HTML-entity-encoded <script (e.g. &#x3C;script or &lt;script)",
    // Entities include optional trailing semicolon: &#x3C; or &#x3C (both valid in HTML5)
    pattern: /(?:&#x0*3[Cc];?|&#0*60;?|&lt;)\s*script/i
  },
  {
    id: "html-entity-obfuscated-javascript",
    description: 'HTML-entity-encoded javascript: (partial \u2014 catches common &#106; or &#x6a; for "j")',
    pattern: /(?:&#x0*6[Aa];?|&#0*106;?)\s*(?:&#x0*61;?|a)[\s\S]{0,80}script\s*:/i
  },
  {
    id: "html-style-expression",
    description: "CSS expression() \u2014 IE-era code execution in style attributes",
    pattern: /style[\s\S]{0,20}expression\s*\(/i
  },
  {
    id: "html-object-embed",
    description: "<object or <embed tags that can load active content",
    pattern: /<(?:object|embed)[\s>/]/i
  },
  {
    id: "html-base-tag",
    description: "<base href= \u2014 can hijack all relative URLs on a page",
    pattern: /<base[\s>]/i
  },
  {
    id: "html-meta-refresh",
    description: '<meta http-equiv="refresh" \u2014 can redirect users',
    pattern: /<meta[\s\S]{0,40}http-equiv[\s\S]{0,20}refresh/i
  },
  {
    id: "html-srcdoc",
    description: "srcdoc= attribute on iframes \u2014 embeds HTML that can run scripts",
    pattern: /srcdoc\s*=/i
  },
  {
    id: "html-iframe",
    description: "<iframe tag",
    pattern: /<iframe[\s>/]/i
  },
  {
    id: "html-form",
    description: "<form tag \u2014 can be used for phishing / credential harvesting injection",
    pattern: /<form[\s>/]/i
  }
];
var html_default = HTML_PATTERNS;

// node_modules/is-unsafe/src/contexts/xml.js
var XML_PATTERNS = [
  {
    id: "xml-cdata-injection",
    description: "CDATA section injection: <![CDATA[ breaks out of text node context",
    pattern: /<!\[CDATA\[/i
  },
  {
    id: "xml-cdata-close",
    description: "CDATA close sequence: ]]> can terminate an enclosing CDATA section",
    pattern: /\]\]>/
  },
  {
    id: "xml-processing-instruction",
    description: "XML processing instruction: <?xml-stylesheet or <?php etc.",
    pattern: /<\?(?:xml[\- ]|php|asp)/i
  },
  {
    id: "xml-doctype-injection",
    description: "DOCTYPE declaration embedded in content \u2014 can define entities",
    // Match <!DOCTYPE followed by end-of-string, whitespace, or [ (internal subset)
    pattern: /<!DOCTYPE(?:[\s[]|$)/i
  },
  {
    id: "xml-entity-system",
    description: "SYSTEM keyword \u2014 used in external entity declarations (XXE)",
    pattern: /\bSYSTEM\s+["']/i
  },
  {
    id: "xml-entity-public",
    description: "PUBLIC keyword \u2014 used in external entity declarations (XXE)",
    pattern: /\bPUBLIC\s+["']/i
  },
  {
    id: "xml-entity-declaration",
    description: "<!ENTITY declaration \u2014 defines entities, potential XXE or entity expansion",
    pattern: /<!ENTITY[\s%]/i
  },
  {
    id: "xml-billion-laughs",
    description: "Entity reference chaining / billion laughs: repeated &eX; style references",
    // Heuristic: 3+ consecutive entity refs suggests expansion attack
    pattern: /(?:&\w{1,20};){3,}/
  },
  {
    id: "xml-namespace-confusion",
    description: "xmlns: attribute injection \u2014 can redefine namespaces to confuse parsers",
    // pattern: /\bxmlns\s*(?::\w{1,40})?\s*=/i,
    pattern: /\bxmlns(?::\w{1,40})?\s*=/i
  },
  {
    id: "xml-comment-injection",
    description: "<!-- comment injection \u2014 can hide content from some parsers",
    pattern: /<!--/
  },
  {
    id: "xml-comment-close",
    description: "--> closes an enclosing XML comment",
    pattern: /-->/
  },
  {
    id: "xml-pi-close",
    description: "?> closes an enclosing processing instruction",
    pattern: /\?>/
  }
];
var xml_default = XML_PATTERNS;

// node_modules/is-unsafe/src/contexts/svg.js
var SVG_PATTERNS = [
  {
    id: "svg-script-element",
    description: "<script element inside SVG executes JavaScript",
    pattern: /<script[\s>/]/i
  },
  {
    id: "svg-xlink-href-javascript",
    description: "xlink:href with javascript: \u2014 classic SVG XSS via <a> or <use>",
    pattern: /xlink\s*:\s*href\s*=\s*["']?\s*javascript\s*:/i
  },
  {
    id: "svg-href-javascript",
    description: "href= with javascript: in SVG context (<a>, <animate>, etc.)",
    pattern: /href\s*=\s*["']?\s*javascript\s*:/i
  },
  {
    id: "svg-foreignobject",
    description: "<foreignObject embeds HTML inside SVG \u2014 can execute scripts",
    pattern: /<foreignObject[\s>/]/i
  },
  {
    id: "svg-use-external",
    description: "<use xlink:href or href pointing to external resource (non-fragment URL)",
    // Match <use with href= where the value starts with a non-# character (external URL)
    // [\"'][^#] catches quoted values not starting with #; [^\"'#\s>] catches unquoted
    pattern: /<use[\s\S]{0,60}(?:xlink\s*:\s*)?href\s*=\s*(?:["'][^#]|[^"'#\s>])/i
  },
  {
    id: "svg-animate-href",
    description: '<animate attributeName="href" \u2014 can dynamically change href to javascript:',
    pattern: /<animate[\s\S]{0,80}attributeName\s*=\s*["'][\s]*href["']/i
  },
  {
    id: "svg-animate-xlinkhref",
    description: '<animate attributeName="xlink:href"',
    pattern: /<animate[\s\S]{0,80}attributeName\s*=\s*["'][\s]*xlink\s*:\s*href["']/i
  },
  {
    id: "svg-set-javascript",
    description: '<set to="javascript:..." \u2014 sets an attribute to a javascript: URI',
    pattern: /<set[\s\S]{0,80}to\s*=\s*["']?\s*javascript\s*:/i
  },
  {
    id: "svg-event-handler",
    description: "SVG-specific event handler attributes: onload=, onerror=, onactivate=, etc.",
    pattern: /\bon(?:load|error|activate|begin|end|repeat|focus|blur|click|mouse\w{1,20}|key\w{1,20})\s*=/i
  },
  {
    id: "svg-handler-generic",
    description: "Generic on* handler catch-all for SVG attributes",
    pattern: /\bon\w{1,30}\s*=/i
  },
  {
    id: "svg-filter-feimage",
    description: "<feImage href= \u2014 filter primitive that can load external resources",
    pattern: /<feImage[\s\S]{0,80}(?:xlink\s*:\s*)?href\s*=/i
  },
  {
    id: "svg-image-external",
    description: "<image xlink:href with http/https or javascript protocol",
    pattern: /<image[\s\S]{0,80}(?:xlink\s*:\s*)?href\s*=\s*["']?\s*(?:https?|javascript)\s*:/i
  },
  {
    id: "svg-style-javascript",
    description: "style= attribute containing javascript: (e.g. background:url(javascript:...))",
    pattern: /style\s*=[\s\S]{0,60}javascript\s*:/i
  }
];
var svg_default = SVG_PATTERNS;

// node_modules/is-unsafe/src/contexts/sql.js
var SQL_PATTERNS = [
  {
    id: "sql-block-comment-open",
    description: "SQL block comment open: /* ... */ \u2014 unusual in legitimate user text",
    pattern: /\/\*/
  },
  {
    id: "sql-union-select",
    description: "UNION SELECT \u2014 most common SQL injection aggregation attack",
    pattern: /\bUNION\s{1,20}(?:ALL\s{1,20})?SELECT\b/i
  },
  {
    id: "sql-drop-table",
    description: "DROP TABLE \u2014 destructive DDL injection",
    pattern: /\bDROP\s{1,20}TABLE\b/i
  },
  {
    id: "sql-drop-database",
    description: "DROP DATABASE \u2014 destructive DDL injection",
    pattern: /\bDROP\s{1,20}DATABASE\b/i
  },
  {
    id: "sql-insert-into",
    description: "INSERT INTO \u2014 data injection",
    pattern: /\bINSERT\s{1,20}INTO\b/i
  },
  {
    id: "sql-delete-from",
    description: "DELETE FROM \u2014 data deletion injection",
    pattern: /\bDELETE\s{1,20}FROM\b/i
  },
  {
    id: "sql-update-set",
    description: "UPDATE ... SET \u2014 data modification injection",
    // Allows arbitrary content between UPDATE and SET (table name, alias, etc.)
    pattern: /\bUPDATE\b[\s\S]{1,60}\bSET\b/i
  },
  {
    id: "sql-exec-xp",
    description: "EXEC xp_ \u2014 MSSQL extended stored procedure execution",
    pattern: /\bEXEC(?:UTE)?\s{1,20}xp_/i
  },
  {
    id: "sql-tautology-string",
    description: `Classic string tautology: ' OR '1'='1 or " OR "1"="1"`,
    // Last quote is optional — injection may truncate it: ' OR '1'='1--
    pattern: /'\s{0,10}OR\s{0,10}'[^']{0,20}'\s*=\s*'[^']{0,20}/i
  },
  {
    id: "sql-tautology-numeric",
    description: "Numeric tautology: OR 1=1",
    pattern: /\bOR\s{1,10}1\s*=\s*1\b/i
  },
  {
    id: "sql-always-true-zero",
    description: "Numeric tautology: OR 0=0",
    pattern: /\bOR\s{1,10}0\s*=\s*0\b/i
  },
  {
    id: "sql-sleep-benchmark",
    description: "Time-based blind injection: SLEEP() or BENCHMARK()",
    pattern: /\b(?:SLEEP|BENCHMARK)\s*\(/i
  },
  {
    id: "sql-waitfor-delay",
    description: "MSSQL time-based blind injection: WAITFOR DELAY",
    pattern: /\bWAITFOR\s{1,20}DELAY\b/i
  },
  {
    id: "sql-char-function",
    description: "CHAR() function \u2014 used to obfuscate injected strings",
    pattern: /\bCHAR\s*\(\s*\d{1,3}/i
  },
  {
    id: "sql-information-schema",
    description: "INFORMATION_SCHEMA \u2014 reconnaissance query for table/column enumeration",
    pattern: /\bINFORMATION_SCHEMA\b/i
  }
];
var sql_default = SQL_PATTERNS;

// node_modules/is-unsafe/src/contexts/shell.js
var SHELL_PATTERNS = [
  {
    id: "shell-path-traversal-unix",
    description: "Unix path traversal: ../  \u2014 climbing the directory tree",
    pattern: /\.\.\//
  },
  {
    id: "shell-path-traversal-windows",
    description: "Windows path traversal: ..\\ \u2014 climbing the directory tree",
    pattern: /\.\.\\/
  },
  {
    id: "shell-path-traversal-encoded",
    description: "URL-encoded path traversal: %2e%2e or %2f variants",
    pattern: /%2e%2e|%2f\.\.|\.\.%2f/i
  },
  {
    id: "shell-null-byte",
    description: "Null byte injection: \\x00 or %00 \u2014 truncates strings in C-backed functions",
    pattern: /\x00|%00/
  },
  {
    id: "shell-semicolon",
    description: "Semicolon command separator: cmd1; cmd2",
    pattern: /;/
  },
  {
    id: "shell-pipe",
    description: "Pipe operator: cmd1 | cmd2",
    pattern: /\|/
  },
  {
    id: "shell-and-operator",
    description: "AND operator: cmd1 && cmd2",
    pattern: /&&/
  },
  {
    id: "shell-or-operator",
    description: "OR operator: cmd1 || cmd2",
    pattern: /\|\|/
  },
  {
    id: "shell-backtick",
    description: "Backtick command substitution: `cmd`",
    pattern: /`/
  },
  {
    id: "shell-dollar-paren",
    description: "Dollar-paren command substitution: $(cmd)",
    pattern: /\$\(/
  },
  {
    id: "shell-dollar-brace",
    description: "Dollar-brace variable expansion: ${var} \u2014 can be abused for injection",
    pattern: /\$\{/
  },
  {
    id: "shell-redirect-out",
    description: "Output redirection: cmd > file or cmd >> file",
    pattern: />{1,2}/
  },
  {
    id: "shell-redirect-in",
    description: "Input redirection: cmd < file",
    pattern: /</
  },
  {
    id: "shell-newline-injection",
    description: "Newline injection: \\n or \\r \u2014 can inject new shell commands",
    pattern: /[\n\r]/
  },
  {
    id: "shell-glob-star",
    description: "Glob expansion: * or ? \u2014 can expand to unintended files",
    // Only flag when combined with path separators to reduce false positives
    pattern: /[/\\][*?]/
  },
  {
    id: "shell-absolute-root",
    description: "Absolute root path injection: string starting with / or \\ (Windows UNC)",
    pattern: /^(?:\/|\\\\)/
  },
  {
    id: "shell-windows-drive",
    description: "Windows drive letter path injection: C:\\ or D:/",
    pattern: /^[a-zA-Z]:[/\\]/
  },
  {
    id: "shell-curl-wget",
    description: "curl/wget with URL or flags \u2014 can exfiltrate data or download payloads",
    // Require a URL scheme (http/https/ftp) or a flag (-) to reduce false positives
    // "curl is a tool" won't match; "curl http://..." or "curl -s ..." will
    pattern: /\b(?:curl|wget)\s+(?:https?:\/\/|ftp:\/\/|-)/i
  }
];
var shell_default = SHELL_PATTERNS;

// node_modules/is-unsafe/src/contexts/redos.js
var REDOS_PATTERNS = [
  {
    id: "redos-nested-quantifier-plus",
    description: "Nested + quantifier inside a group with outer quantifier: (a+)+, (.+b)*, etc.",
    // Matches any group containing a + quantifier, with an outer * or + — catches (a+)+, (.+b)*, etc.
    pattern: /\([^)]*\+[^)]*\)[+*]/
  },
  {
    id: "redos-nested-quantifier-star",
    description: "Nested * quantifier: (a*)* or (a*)+ \u2014 catastrophic backtracking",
    pattern: /\([^)]*\*[^)]*\)[*+]/
  },
  {
    id: "redos-nested-groups",
    description: "Doubly nested quantified groups: ((a+)+) \u2014 guaranteed catastrophic",
    pattern: /\(\([^)]{0,40}\)[+*]\)[+*]/
  },
  {
    id: "redos-alternation-overlap",
    description: "Overlapping alternation under quantifier: (a|a)+ \u2014 ambiguous NFA paths",
    // Detect repeated identical alternatives under a quantifier
    pattern: /\(([^|()]{1,20})\|(?:\1)(?:\|[^|()]{1,20}){0,5}\)[+*?]{1,2}/
  },
  {
    id: "redos-star-plus-concat",
    description: "(x*x)+ pattern \u2014 triggers super-linear backtracking",
    pattern: /\([^)]{0,10}\*[^)]{0,10}\)[+*]/
  },
  {
    id: "redos-dot-star-greedy",
    description: "(.*){n,} or (.+){n,} \u2014 repeated greedy dot quantifiers",
    pattern: /\(\.[*+]\)\{?\d/
  },
  {
    id: "redos-large-repetition",
    description: "Very large fixed or range repetition count {1000,} or {1000,n} \u2014 denial of service via backtracking",
    // Matches { followed by 4+ digits (≥1000), then optional ,digits }
    pattern: /\{\d{4,}(?:,\d*)?\}/
  },
  {
    id: "redos-catastrophic-alternation",
    description: "Long alternation with many similar branches \u2014 polynomial backtracking risk",
    // Heuristic: 10+ pipe-separated alternatives in a single group
    pattern: /\([^)]{0,200}(?:\|[^|)]{0,50}){9,}\)/
  }
];
var redos_default = REDOS_PATTERNS;

// node_modules/is-unsafe/src/contexts/nosql.js
var sep = `["'\\s]*:`;
var NOSQL_PATTERNS = [
  // ─── MongoDB $ operator injection ────────────────────────────────────────
  {
    id: "nosql-where-operator",
    description: "$where \u2014 executes arbitrary JavaScript server-side in MongoDB",
    pattern: new RegExp(`\\$where${sep}`, "i")
  },
  {
    id: "nosql-ne-operator",
    description: '$ne \u2014 "not equal" operator used to bypass equality checks',
    pattern: new RegExp(`\\$ne${sep}`, "i")
  },
  {
    id: "nosql-gt-operator",
    description: '$gt \u2014 "greater than" used to bypass password/value checks',
    pattern: new RegExp(`\\$gte?${sep}`, "i")
  },
  {
    id: "nosql-lt-operator",
    description: '$lt / $lte \u2014 "less than" bypass variants',
    pattern: new RegExp(`\\$lte?${sep}`, "i")
  },
  {
    id: "nosql-regex-operator",
    description: "$regex \u2014 can be used to extract data character by character (blind injection)",
    pattern: new RegExp(`\\$regex${sep}`, "i")
  },
  {
    id: "nosql-or-operator",
    description: "$or \u2014 logical OR; used to create always-true conditions",
    pattern: new RegExp(`\\$or${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-and-operator",
    description: "$and \u2014 logical AND operator injection",
    pattern: new RegExp(`\\$and${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-nor-operator",
    description: "$nor \u2014 logical NOR operator injection",
    pattern: new RegExp(`\\$nor${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-exists-operator",
    description: "$exists \u2014 can enumerate fields to determine schema",
    pattern: new RegExp(`\\$exists${sep}`, "i")
  },
  {
    id: "nosql-in-operator",
    description: "$in \u2014 matches any value in a list; can enumerate values",
    pattern: new RegExp(`\\$in${sep}\\s*\\[`, "i")
  },
  {
    id: "nosql-expr-operator",
    description: "$expr \u2014 allows aggregation expressions in queries (MongoDB 3.6+)",
    pattern: new RegExp(`\\$expr${sep}`, "i")
  },
  {
    id: "nosql-function-operator",
    description: "$function \u2014 executes arbitrary JavaScript in MongoDB 4.4+",
    pattern: new RegExp(`\\$function${sep}`, "i")
  },
  {
    id: "nosql-accumulator-operator",
    description: "$accumulator \u2014 custom aggregation with arbitrary JS execution",
    pattern: new RegExp(`\\$accumulator${sep}`, "i")
  },
  // ─── Prototype pollution ─────────────────────────────────────────────────
  {
    id: "nosql-proto-pollution",
    description: "__proto__ \u2014 prototype pollution via object key injection",
    pattern: /__proto__/
  },
  {
    id: "nosql-constructor-prototype",
    description: "constructor.prototype \u2014 alternative prototype pollution vector (dot notation or JSON key)",
    // Matches dot-notation (obj.constructor.prototype) and JSON key adjacency
    // ("constructor": {"prototype": ...})
    pattern: /constructor[\s"':.,{\[]*prototype/i
  },
  {
    id: "nosql-proto-bracket",
    description: '["__proto__"] \u2014 bracket-notation prototype pollution',
    pattern: /\[["']__proto__["']\]/
  }
];
var nosql_default = NOSQL_PATTERNS;

// node_modules/is-unsafe/src/contexts/log.js
var LOG_PATTERNS = [
  // ─── CRLF / newline injection ─────────────────────────────────────────────
  {
    id: "log-crlf-injection",
    description: "CRLF injection: literal \\r or \\n embeds fake log lines",
    pattern: /[\r\n]/
  },
  {
    id: "log-url-encoded-crlf",
    description: "URL-encoded CRLF: %0d, %0a, %0D, %0A \u2014 decoded by some log parsers",
    pattern: /%0[dDaA]/
  },
  {
    id: "log-unicode-newline",
    description: "Unicode newline variants: U+2028 (line separator), U+2029 (paragraph separator)",
    pattern: /[\u2028\u2029]/
  },
  // ─── Log4Shell / JNDI injection (CVE-2021-44228) ─────────────────────────
  {
    id: "log-log4shell-jndi",
    description: "Log4Shell: ${jndi:...} triggers remote code execution in Apache Log4j",
    pattern: /\$\{jndi\s*:/i
  },
  {
    id: "log-log4shell-obfuscated",
    description: "Obfuscated Log4Shell: ${::-j}... lookup-bypass prefix used to evade WAF detection",
    // ${::- is the Log4j lookup-bypass escape sequence; presence alone is suspicious
    pattern: /\$\{::-/
  },
  {
    id: "log-log4j-lookup",
    description: "Log4j lookup syntax: ${env:...}, ${sys:...}, ${ctx:...} \u2014 data exfiltration",
    pattern: /\$\{(?:env|sys|ctx|main|map|sd|web|docker|k8s|spring)\s*:/i
  },
  // ─── Server-Side Template Injection (SSTI) in log messages ───────────────
  {
    id: "log-ssti-double-brace",
    description: "SSTI double-brace: {{expression}} \u2014 Jinja2, Twig, Handlebars, etc.",
    pattern: /\{\{[\s\S]{0,80}\}\}/
  },
  {
    id: "log-ssti-hash-brace",
    description: "SSTI hash-brace: #{expression} \u2014 Thymeleaf, Velocity, Ruby ERB",
    pattern: /#\{[\s\S]{0,80}\}/
  },
  {
    id: "log-ssti-dollar-brace",
    description: "SSTI/EL injection: ${expression with operators or method calls} \u2014 JSP EL, Freemarker, SpEL",
    // Require that the ${...} content looks like an expression, not a plain variable name.
    // Flags if the content contains: . ( * + operators, or known SSTI keywords.
    // This avoids flagging ${PATH}, ${HOME} etc. (plain shell variables).
    pattern: /\$\{[^}]*(?:\.|\(|\*|\+|\bclass\b|\bruntime\b|\bprocess\b|\bexec\b)[^}]{0,80}\}/i
  },
  {
    id: "log-ssti-percent-tag",
    description: "SSTI ERB/ASP tag: <%= expression %> \u2014 Ruby ERB, ASP",
    pattern: /<%=[\s\S]{0,80}%>/
  },
  // ─── Null byte ────────────────────────────────────────────────────────────
  {
    id: "log-null-byte",
    description: "Null byte: \\x00 or %00 \u2014 can truncate log entries in C-backed loggers",
    pattern: /\x00|%00/
  },
  // ─── ANSI escape injection ────────────────────────────────────────────────
  {
    id: "log-ansi-escape",
    description: "ANSI escape sequence: ESC[ \u2014 can manipulate terminal output when logs are tailed",
    pattern: /\x1b\[/
  }
];
var log_default = LOG_PATTERNS;

// node_modules/is-unsafe/src/contexts/sql-strict.js
var SQL_STRICT_EXTRA = [
  {
    id: "sql-line-comment",
    description: "SQL line comment: -- followed by whitespace or end of string",
    pattern: /--(?:\s|$)/
  },
  {
    id: "sql-stacked-query",
    description: "Stacked queries: semicolon immediately followed by a SQL keyword",
    pattern: /;\s{0,10}(?:SELECT|INSERT|UPDATE|DELETE|DROP|CREATE|ALTER|EXEC)\b/i
  },
  {
    id: "sql-hex-encoding",
    description: "Hex-encoded string injection: 0x41414141 style (MySQL)",
    pattern: /\b0x[0-9a-f]{4,}/i
  }
];
var SQL_STRICT_PATTERNS = [...sql_default, ...SQL_STRICT_EXTRA];
var sql_strict_default = SQL_STRICT_PATTERNS;

// node_modules/is-unsafe/src/util/decode-entities.js
var NAMED = Object.freeze({
  colon: ":",
  Tab: "	",
  NewLine: "\n"
});
var ENTITY_RE = /&(?:#[xX]0*([0-9a-fA-F]{1,6});?|#0*([0-9]{1,7});?|([a-zA-Z][a-zA-Z0-9]{1,15});)/g;
function decodeEntities(input) {
  if (input.indexOf("&") === -1) return input;
  return input.replace(ENTITY_RE, (match, hex, dec, name) => {
    if (name !== void 0) {
      return Object.prototype.hasOwnProperty.call(NAMED, name) ? NAMED[name] : match;
    }
    const cp = hex !== void 0 ? parseInt(hex, 16) : parseInt(dec, 10);
    if (!Number.isFinite(cp) || cp > 1114111) return match;
    return String.fromCodePoint(cp);
  });
}

// node_modules/is-unsafe/src/index.js
html_default.label = "HTML";
xml_default.label = "XML";
svg_default.label = "SVG";
html_default.decodeEntities = true;
xml_default.decodeEntities = true;
svg_default.decodeEntities = true;
sql_default.label = "SQL";
sql_strict_default.label = "SQL-STRICT";
shell_default.label = "SHELL";
redos_default.label = "REDOS";
nosql_default.label = "NOSQL";
log_default.label = "LOG";
var VALID_CONTEXTS = Object.freeze({
  HTML: html_default,
  XML: xml_default,
  SVG: svg_default,
  SQL: sql_default,
  "SQL-STRICT": sql_strict_default,
  SHELL: shell_default,
  REDOS: redos_default,
  NOSQL: nosql_default,
  LOG: log_default
});
function assertString(value) {
  if (typeof value !== "string") {
    throw new TypeError(
      `is-unsafe: first argument must be a string, got ${typeof value}`
    );
  }
}
function assertContext(context) {
  if (context instanceof RegExp) return;
  if (Array.isArray(context)) {
    if (context.length === 0) {
      throw new TypeError("is-unsafe: context must not be an empty array");
    }
    if (Array.isArray(context[0])) {
      for (const list of context) {
        if (!Array.isArray(list) || list.length === 0) {
          throw new TypeError(
            "is-unsafe: each context in the array must be a non-empty pattern array (PatternList)"
          );
        }
      }
    }
    return;
  }
  throw new TypeError(
    `is-unsafe: second argument must be a PatternList (e.g. HTML), an array of PatternLists (e.g. [HTML, XML]), or a RegExp. Got: ${typeof context}`
  );
}
function normalise(context) {
  if (context instanceof RegExp) return { lists: null, regex: context };
  if (Array.isArray(context[0])) return { lists: context, regex: null };
  return { lists: [context], regex: null };
}
function decodedCopy(value, list) {
  if (!list.decodeEntities) return null;
  const decoded = decodeEntities(value);
  return decoded === value ? null : decoded;
}
function matchList(value, list) {
  const label = list.label ?? "CUSTOM";
  const decoded = decodedCopy(value, list);
  for (const rule of list) {
    if (rule.pattern.test(value) || decoded !== null && rule.pattern.test(decoded)) {
      return { context: label, id: rule.id, description: rule.description, pattern: rule.pattern };
    }
  }
  return null;
}
function isUnsafe(value, context) {
  assertString(value);
  assertContext(context);
  const { lists, regex } = normalise(context);
  if (regex) return regex.test(value);
  for (const list of lists) {
    if (matchList(value, list) !== null) return true;
  }
  return false;
}

// node_modules/fast-xml-parser/src/xmlparser/OrderedObjParser.js
function extractRawAttributes(prefixedAttrs, options) {
  if (!prefixedAttrs) return {};
  const attrs = options.attributesGroupName ? prefixedAttrs[options.attributesGroupName] : prefixedAttrs;
  if (!attrs) return {};
  const rawAttrs = {};
  for (const key in attrs) {
    if (key.startsWith(options.attributeNamePrefix)) {
      const rawName = key.substring(options.attributeNamePrefix.length);
      rawAttrs[rawName] = attrs[key];
    } else {
      rawAttrs[key] = attrs[key];
    }
  }
  return rawAttrs;
}
function extractNamespace(rawTagName) {
  if (!rawTagName || typeof rawTagName !== "string") return void 0;
  const colonIndex = rawTagName.indexOf(":");
  if (colonIndex !== -1 && colonIndex > 0) {
    const ns = rawTagName.substring(0, colonIndex);
    if (ns !== "xmlns") {
      return ns;
    }
  }
  return void 0;
}
var OrderedObjParser = class {
  constructor(options, externalEntities) {
    this.options = options;
    this.currentNode = null;
    this.tagsNodeStack = [];
    this.parseXml = parseXml;
    this.parseTextData = parseTextData;
    this.resolveNameSpace = resolveNameSpace;
    this.buildAttributesMap = buildAttributesMap;
    this.isItStopNode = isItStopNode;
    this.replaceEntitiesValue = replaceEntitiesValue;
    this.readStopNodeData = readStopNodeData;
    this.saveTextToParentTag = saveTextToParentTag;
    this.addChild = addChild;
    this.ignoreAttributesFn = getIgnoreAttributesFn(this.options.ignoreAttributes);
    this.entityExpansionCount = 0;
    this.currentExpandedLength = 0;
    this.doctypefound = false;
    let namedEntities = { ...XML };
    if (this.options.entityDecoder) {
      this.entityDecoder = this.options.entityDecoder;
    } else {
      if (typeof this.options.htmlEntities === "object") namedEntities = this.options.htmlEntities;
      else if (this.options.htmlEntities === true) namedEntities = { ...COMMON_HTML, ...CURRENCY };
      this.entityDecoder = new EntityDecoder({
        namedEntities: { ...namedEntities, ...externalEntities },
        numericAllowed: this.options.htmlEntities,
        limit: {
          maxTotalExpansions: this.options.processEntities.maxTotalExpansions,
          maxExpandedLength: this.options.processEntities.maxExpandedLength,
          applyLimitsTo: this.options.processEntities.appliesTo
        },
        // onExternalEntity: (name, value) => isUnsafe(value) ? 'block' : 'allow',
        onInputEntity: (name, value) => (
          //TODO: VALID_CONTEXTS.HTML should be set only if this.options.htmlEntities
          isUnsafe(value, [html_default, xml_default]) ? ENTITY_ACTION.BLOCK : ENTITY_ACTION.ALLOW
        )
        //postCheck: resolved => resolved
      });
    }
    this.matcher = new Matcher();
    this.readonlyMatcher = this.matcher.readOnly();
    this.isCurrentNodeStopNode = false;
    this.stopNodeExpressionsSet = new ExpressionSet();
    const stopNodesOpts = this.options.stopNodes;
    if (stopNodesOpts && stopNodesOpts.length > 0) {
      for (let i = 0; i < stopNodesOpts.length; i++) {
        const stopNodeExp = stopNodesOpts[i];
        if (typeof stopNodeExp === "string") {
          this.stopNodeExpressionsSet.add(new Expression(stopNodeExp));
        } else if (stopNodeExp instanceof Expression) {
          this.stopNodeExpressionsSet.add(stopNodeExp);
        }
      }
      this.stopNodeExpressionsSet.seal();
    }
  }
};
function parseTextData(val, tagName, jPath, dontTrim, hasAttributes, isLeafNode, escapeEntities) {
  const options = this.options;
  if (val !== void 0) {
    if (options.trimValues && !dontTrim) {
      val = val.trim();
    }
    if (val.length > 0) {
      if (!escapeEntities) val = this.replaceEntitiesValue(val, tagName, jPath);
      const jPathOrMatcher = options.jPath ? jPath.toString() : jPath;
      const newval = options.tagValueProcessor(tagName, val, jPathOrMatcher, hasAttributes, isLeafNode);
      if (newval === null || newval === void 0) {
        return val;
      } else if (typeof newval !== typeof val || newval !== val) {
        return newval;
      } else if (options.trimValues) {
        return parseValue(val, options.parseTagValue, options.numberParseOptions);
      } else {
        const trimmedVal = val.trim();
        if (trimmedVal === val) {
          return parseValue(val, options.parseTagValue, options.numberParseOptions);
        } else {
          return val;
        }
      }
    }
  }
}
function resolveNameSpace(tagname) {
  if (this.options.removeNSPrefix) {
    const tags = tagname.split(":");
    const prefix = tagname.charAt(0) === "/" ? "/" : "";
    if (tags[0] === "xmlns") {
      return "";
    }
    if (tags.length === 2) {
      tagname = prefix + tags[1];
    }
  }
  return tagname;
}
var attrsRegx = /([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?/gm;
function attrValue(match) {
  return match[3] !== void 0 ? match[3] : match[4];
}
function buildAttributesMap(attrStr, jPath, tagName, force = false) {
  const options = this.options;
  if (force === true || options.ignoreAttributes !== true && typeof attrStr === "string") {
    const matches2 = getAllMatches(attrStr, attrsRegx);
    const len = matches2.length;
    const attrs = {};
    const processedVals = new Array(len);
    let hasRawAttrs = false;
    const rawAttrsForMatcher = {};
    for (let i = 0; i < len; i++) {
      const attrName = this.resolveNameSpace(matches2[i][1]);
      const oldVal = attrValue(matches2[i]);
      if (attrName.length && oldVal !== void 0) {
        let val = oldVal;
        if (options.trimValues) val = val.trim();
        val = this.replaceEntitiesValue(val, tagName, this.readonlyMatcher);
        processedVals[i] = val;
        rawAttrsForMatcher[attrName] = val;
        hasRawAttrs = true;
      }
    }
    if (hasRawAttrs && typeof jPath === "object" && jPath.updateCurrent) {
      jPath.updateCurrent(rawAttrsForMatcher);
    }
    const jPathStr = options.jPath ? jPath.toString() : this.readonlyMatcher;
    let hasAttrs = false;
    for (let i = 0; i < len; i++) {
      const attrName = this.resolveNameSpace(matches2[i][1]);
      if (this.ignoreAttributesFn(attrName, jPathStr)) continue;
      let aName = options.attributeNamePrefix + attrName;
      if (attrName.length) {
        if (options.transformAttributeName) {
          aName = options.transformAttributeName(aName);
        }
        aName = sanitizeName(aName, options);
        if (attrValue(matches2[i]) !== void 0) {
          const oldVal = processedVals[i];
          const newVal = options.attributeValueProcessor(attrName, oldVal, jPathStr);
          if (newVal === null || newVal === void 0) {
            attrs[aName] = oldVal;
          } else if (typeof newVal !== typeof oldVal || newVal !== oldVal) {
            attrs[aName] = newVal;
          } else {
            attrs[aName] = parseValue(oldVal, options.parseAttributeValue, options.numberParseOptions);
          }
          hasAttrs = true;
        } else if (options.allowBooleanAttributes) {
          attrs[aName] = true;
          hasAttrs = true;
        }
      }
    }
    if (!hasAttrs) return;
    if (options.attributesGroupName && !options.preserveOrder) {
      const attrCollection = {};
      attrCollection[options.attributesGroupName] = attrs;
      return attrCollection;
    }
    return attrs;
  }
}
var parseXml = function(xmlData) {
  const options = this.options;
  const crlfPositions = options.captureMetaData ? [] : void 0;
  xmlData = xmlData.replace(/\r\n?/g, options.captureMetaData ? (newline, index) => {
    if (newline.length === 2) {
      crlfPositions.push(index - crlfPositions.length);
    }
    return "\n";
  } : "\n");
  const xmlObj = new XmlNode("!xml");
  let currentNode = xmlObj;
  let textData = "";
  this.matcher.reset();
  this.entityDecoder.reset();
  this.entityExpansionCount = 0;
  this.currentExpandedLength = 0;
  this.doctypefound = false;
  const docTypeReader = new DocTypeReader(options.processEntities);
  const xmlLen = xmlData.length;
  for (let i = 0; i < xmlLen; i++) {
    const ch = xmlData[i];
    if (ch === "<") {
      const c1 = xmlData.charCodeAt(i + 1);
      if (c1 === 47) {
        const closeIndex = findClosingIndex(xmlData, ">", i, "Closing Tag is not closed.");
        let tagName = xmlData.substring(i + 2, closeIndex).trim();
        if (options.removeNSPrefix) {
          const colonIndex = tagName.indexOf(":");
          if (colonIndex !== -1) {
            tagName = tagName.substr(colonIndex + 1);
          }
        }
        tagName = transformTagName(options.transformTagName, tagName, "", options).tagName;
        if (currentNode) {
          textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
        }
        const lastTagName = this.matcher.getCurrentTag();
        if (tagName && options.unpairedTagsSet.has(tagName)) {
          throw new Error(`Unpaired tag can not be used as closing tag: </${tagName}>`);
        }
        if (lastTagName && options.unpairedTagsSet.has(lastTagName)) {
          this.matcher.pop();
          this.tagsNodeStack.pop();
        }
        this.matcher.pop();
        this.isCurrentNodeStopNode = false;
        currentNode = this.tagsNodeStack.pop() || xmlObj;
        if (options.captureMetaData && currentNode) {
          currentNode.addEndIndex(getOriginalIndex(closeIndex + 1, crlfPositions));
        }
        textData = "";
        i = closeIndex;
      } else if (c1 === 63) {
        let tagData = readTagExp(xmlData, i, false, "?>");
        if (!tagData) throw new Error("Pi Tag is not closed.");
        textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
        const attsMap = this.buildAttributesMap(tagData.tagExp, this.matcher, tagData.tagName, true);
        if (attsMap) {
          const ver = attsMap[this.options.attributeNamePrefix + "version"];
          this.entityDecoder.setXmlVersion(Number(ver) || 1);
          docTypeReader.setXmlVersion(Number(ver) || 1);
        }
        if (options.ignoreDeclaration && tagData.tagName === "?xml" || options.ignorePiTags) {
        } else {
          const childNode = new XmlNode(tagData.tagName);
          childNode.add(options.textNodeName, "");
          if (tagData.tagName !== tagData.tagExp && tagData.attrExpPresent && options.ignoreAttributes !== true) {
            childNode[":@"] = attsMap;
          }
          const startIndex = options.captureMetaData ? getOriginalIndex(i, crlfPositions) : i;
          this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
          if (options.captureMetaData) {
            currentNode.addEndIndex(getOriginalIndex(tagData.closeIndex + 2, crlfPositions));
          }
        }
        i = tagData.closeIndex + 1;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 45 && xmlData.charCodeAt(i + 3) === 45) {
        const endIndex = findClosingIndex(xmlData, "-->", i + 4, "Comment is not closed.");
        if (options.commentPropName) {
          const comment = xmlData.substring(i + 4, endIndex - 2);
          textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
          currentNode.add(options.commentPropName, [{ [options.textNodeName]: comment }]);
        }
        i = endIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 68) {
        if (this.doctypefound) throw new Error("Multiple DOCTYPE declarations found.");
        this.doctypefound = true;
        const result = docTypeReader.readDocType(xmlData, i);
        this.entityDecoder.addInputEntities(result.entities);
        i = result.i;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 91) {
        const closeIndex = findClosingIndex(xmlData, "]]>", i, "CDATA is not closed.") - 2;
        const tagExp = xmlData.substring(i + 9, closeIndex);
        textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher);
        let val = this.parseTextData(tagExp, currentNode.tagname, this.readonlyMatcher, true, false, true, true);
        if (val == void 0) val = "";
        if (options.cdataPropName) {
          currentNode.add(options.cdataPropName, [{ [options.textNodeName]: tagExp }]);
        } else {
          currentNode.add(options.textNodeName, val);
        }
        i = closeIndex + 2;
      } else {
        let result = readTagExp(xmlData, i, options.removeNSPrefix);
        if (!result) {
          const context = xmlData.substring(Math.max(0, i - 50), Math.min(xmlLen, i + 50));
          throw new Error(`readTagExp returned undefined at position ${i}. Context: "${context}"`);
        }
        let tagName = result.tagName;
        const rawTagName = result.rawTagName;
        let tagExp = result.tagExp;
        let attrExpPresent = result.attrExpPresent;
        let closeIndex = result.closeIndex;
        ({ tagName, tagExp } = transformTagName(options.transformTagName, tagName, tagExp, options));
        if (options.strictReservedNames && (tagName === options.commentPropName || tagName === options.cdataPropName || tagName === options.textNodeName || tagName === options.attributesGroupName)) {
          throw new Error(`Invalid tag name: ${tagName}`);
        }
        if (currentNode && textData) {
          if (currentNode.tagname !== "!xml") {
            textData = this.saveTextToParentTag(textData, currentNode, this.readonlyMatcher, false);
          }
        }
        const lastTag = currentNode;
        if (lastTag && options.unpairedTagsSet.has(lastTag.tagname)) {
          currentNode = this.tagsNodeStack.pop();
          this.matcher.pop();
        }
        let isSelfClosing = false;
        if (tagExp.length > 0 && tagExp.lastIndexOf("/") === tagExp.length - 1) {
          isSelfClosing = true;
          if (tagName[tagName.length - 1] === "/") {
            tagName = tagName.substr(0, tagName.length - 1);
            tagExp = tagName;
          } else {
            tagExp = tagExp.substr(0, tagExp.length - 1);
          }
          attrExpPresent = tagName !== tagExp;
        }
        let prefixedAttrs = null;
        let rawAttrs = {};
        let namespace = void 0;
        namespace = extractNamespace(rawTagName);
        if (tagName !== xmlObj.tagname) {
          this.matcher.push(tagName, {}, namespace);
        }
        if (tagName !== tagExp && attrExpPresent) {
          prefixedAttrs = this.buildAttributesMap(tagExp, this.matcher, tagName);
          if (prefixedAttrs) {
            rawAttrs = extractRawAttributes(prefixedAttrs, options);
          }
        }
        if (tagName !== xmlObj.tagname) {
          this.isCurrentNodeStopNode = this.isItStopNode();
        }
        const startIndex = options.captureMetaData ? getOriginalIndex(i, crlfPositions) : i;
        if (this.isCurrentNodeStopNode) {
          let tagContent = "";
          if (isSelfClosing) {
            i = result.closeIndex;
          } else if (options.unpairedTagsSet.has(tagName)) {
            i = result.closeIndex;
          } else {
            const result2 = this.readStopNodeData(xmlData, rawTagName, closeIndex + 1);
            if (!result2) throw new Error(`Unexpected end of ${rawTagName}`);
            i = result2.i;
            tagContent = result2.tagContent;
          }
          const childNode = new XmlNode(tagName);
          if (prefixedAttrs) {
            childNode[":@"] = prefixedAttrs;
          }
          childNode.add(options.textNodeName, tagContent);
          this.matcher.pop();
          this.isCurrentNodeStopNode = false;
          this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
          if (options.captureMetaData) {
            currentNode.addEndIndex(getOriginalIndex(i + 1, crlfPositions));
          }
        } else {
          if (isSelfClosing) {
            ({ tagName, tagExp } = transformTagName(options.transformTagName, tagName, tagExp, options));
            const childNode = new XmlNode(tagName);
            if (prefixedAttrs) {
              childNode[":@"] = prefixedAttrs;
            }
            this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
            if (options.captureMetaData) {
              currentNode.addEndIndex(getOriginalIndex(closeIndex + 1, crlfPositions));
            }
            this.matcher.pop();
            this.isCurrentNodeStopNode = false;
          } else if (options.unpairedTagsSet.has(tagName)) {
            const childNode = new XmlNode(tagName);
            if (prefixedAttrs) {
              childNode[":@"] = prefixedAttrs;
            }
            this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
            if (options.captureMetaData) {
              currentNode.addEndIndex(getOriginalIndex(result.closeIndex + 1, crlfPositions));
            }
            this.matcher.pop();
            this.isCurrentNodeStopNode = false;
            i = result.closeIndex;
            continue;
          } else {
            const childNode = new XmlNode(tagName);
            if (this.tagsNodeStack.length > options.maxNestedTags) {
              throw new Error("Maximum nested tags exceeded");
            }
            this.tagsNodeStack.push(currentNode);
            if (prefixedAttrs) {
              childNode[":@"] = prefixedAttrs;
            }
            this.addChild(currentNode, childNode, this.readonlyMatcher, startIndex);
            currentNode = childNode;
          }
          textData = "";
          i = closeIndex;
        }
      }
    } else {
      textData += xmlData[i];
    }
  }
  return xmlObj.child;
};
function getOriginalIndex(index, crlfPositions) {
  let low = 0;
  let high = crlfPositions.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (crlfPositions[middle] < index) low = middle + 1;
    else high = middle;
  }
  return index + low;
}
function addChild(currentNode, childNode, matcher, startIndex) {
  if (!this.options.captureMetaData) startIndex = void 0;
  const jPathOrMatcher = this.options.jPath ? matcher.toString() : matcher;
  const result = this.options.updateTag(childNode.tagname, jPathOrMatcher, childNode[":@"]);
  if (result === false) {
  } else if (typeof result === "string") {
    childNode.tagname = result;
    currentNode.addChild(childNode, startIndex);
  } else {
    currentNode.addChild(childNode, startIndex);
  }
}
function replaceEntitiesValue(val, tagName, jPath) {
  const entityConfig = this.options.processEntities;
  if (!entityConfig || !entityConfig.enabled) {
    return val;
  }
  if (entityConfig.allowedTags) {
    const jPathOrMatcher = this.options.jPath ? jPath.toString() : jPath;
    const allowed = Array.isArray(entityConfig.allowedTags) ? entityConfig.allowedTags.includes(tagName) : entityConfig.allowedTags(tagName, jPathOrMatcher);
    if (!allowed) {
      return val;
    }
  }
  if (entityConfig.tagFilter) {
    const jPathOrMatcher = this.options.jPath ? jPath.toString() : jPath;
    if (!entityConfig.tagFilter(tagName, jPathOrMatcher)) {
      return val;
    }
  }
  return this.entityDecoder.decode(val);
}
function saveTextToParentTag(textData, parentNode, matcher, isLeafNode) {
  if (textData) {
    if (isLeafNode === void 0) isLeafNode = parentNode.child.length === 0;
    textData = this.parseTextData(
      textData,
      parentNode.tagname,
      matcher,
      false,
      parentNode[":@"] ? Object.keys(parentNode[":@"]).length !== 0 : false,
      isLeafNode
    );
    if (textData !== void 0 && textData !== "")
      parentNode.add(this.options.textNodeName, textData);
    textData = "";
  }
  return textData;
}
function isItStopNode() {
  if (this.stopNodeExpressionsSet.size === 0) return false;
  return this.matcher.matchesAny(this.stopNodeExpressionsSet);
}
function tagExpWithClosingIndex(xmlData, i, closingChar = ">") {
  const len = xmlData.length;
  const closeCode0 = closingChar.charCodeAt(0);
  const closeCode1 = closingChar.length > 1 ? closingChar.charCodeAt(1) : -1;
  let result = "";
  let segmentStart = i;
  for (let index = i; index < len; index++) {
    const code = xmlData.charCodeAt(index);
    if (code === 34 || code === 39) {
      index = xmlData.indexOf(xmlData[index], index + 1);
      if (index === -1) return;
    } else if (code === closeCode0) {
      if (closeCode1 !== -1) {
        if (xmlData.charCodeAt(index + 1) === closeCode1) {
          result += xmlData.substring(segmentStart, index);
          return { data: result, index };
        }
      } else {
        result += xmlData.substring(segmentStart, index);
        return { data: result, index };
      }
    } else if (code === 9) {
      result += xmlData.substring(segmentStart, index) + " ";
      segmentStart = index + 1;
    }
  }
}
function findClosingIndex(xmlData, str3, i, errMsg) {
  const closingIndex = xmlData.indexOf(str3, i);
  if (closingIndex === -1) {
    throw new Error(errMsg);
  } else {
    return closingIndex + str3.length - 1;
  }
}
function findClosingChar(xmlData, char, i, errMsg) {
  const closingIndex = xmlData.indexOf(char, i);
  if (closingIndex === -1) throw new Error(errMsg);
  return closingIndex;
}
function readTagExp(xmlData, i, removeNSPrefix, closingChar = ">") {
  const result = tagExpWithClosingIndex(xmlData, i + 1, closingChar);
  if (!result) return;
  let tagExp = result.data;
  const closeIndex = result.index;
  const separatorIndex = tagExp.search(/\s/);
  let tagName = tagExp;
  let attrExpPresent = true;
  if (separatorIndex !== -1) {
    tagName = tagExp.substring(0, separatorIndex);
    tagExp = tagExp.substring(separatorIndex + 1).trimStart();
  }
  const rawTagName = tagName;
  if (removeNSPrefix) {
    const colonIndex = tagName.indexOf(":");
    if (colonIndex !== -1) {
      tagName = tagName.substr(colonIndex + 1);
      attrExpPresent = tagName !== result.data.substr(colonIndex + 1);
    }
  }
  return {
    tagName,
    tagExp,
    closeIndex,
    attrExpPresent,
    rawTagName
  };
}
function readStopNodeData(xmlData, tagName, i) {
  const startIndex = i;
  let openTagCount = 1;
  let lenient = false;
  let nextGt = -1;
  const xmllen = xmlData.length;
  for (; i < xmllen; i++) {
    if (xmlData[i] === "<") {
      const c1 = xmlData.charCodeAt(i + 1);
      if (c1 === 47) {
        const closeIndex = findClosingChar(xmlData, ">", i, `${tagName} is not closed`);
        let closeTagName = xmlData.substring(i + 2, closeIndex).trim();
        if (closeTagName === tagName) {
          openTagCount--;
          if (openTagCount === 0) {
            return {
              tagContent: xmlData.substring(startIndex, i),
              i: closeIndex
            };
          }
        }
        i = closeIndex;
      } else if (c1 === 63) {
        const closeIndex = findClosingIndex(xmlData, "?>", i + 1, "StopNode is not closed.");
        i = closeIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 45 && xmlData.charCodeAt(i + 3) === 45) {
        const closeIndex = findClosingIndex(xmlData, "-->", i + 3, "StopNode is not closed.");
        i = closeIndex;
      } else if (c1 === 33 && xmlData.charCodeAt(i + 2) === 91) {
        const closeIndex = findClosingIndex(xmlData, "]]>", i, "StopNode is not closed.") - 2;
        i = closeIndex;
      } else {
        const tagData = lenient ? void 0 : readTagExp(xmlData, i, false);
        if (tagData) {
          const openTagName = tagData.tagName;
          if (openTagName === tagName && tagData.tagExp[tagData.tagExp.length - 1] !== "/") {
            openTagCount++;
          }
          i = tagData.closeIndex;
        } else {
          lenient = true;
          if (nextGt < i) {
            nextGt = xmlData.indexOf(">", i);
            if (nextGt === -1) return;
          }
          const nextLt = xmlData.indexOf("<", i + 1);
          if (nextLt === -1 || nextLt > nextGt) {
            const exp = xmlData.substring(i + 1, nextGt);
            const sep6 = exp.search(/\s/);
            const name = sep6 === -1 ? exp : exp.substring(0, sep6);
            if (name === tagName && exp[exp.length - 1] !== "/") openTagCount++;
            i = nextGt;
          }
        }
      }
    }
  }
}
function parseValue(val, shouldParse, options) {
  if (shouldParse && typeof val === "string") {
    const newval = val.trim();
    if (newval === "true") return true;
    else if (newval === "false") return false;
    else return toNumber(val, options);
  } else {
    if (isExist(val)) {
      return val;
    } else {
      return "";
    }
  }
}
function transformTagName(fn, tagName, tagExp, options) {
  if (fn) {
    const newTagName = fn(tagName);
    if (tagExp === tagName) {
      tagExp = newTagName;
    }
    tagName = newTagName;
  }
  tagName = sanitizeName(tagName, options);
  return { tagName, tagExp };
}
function sanitizeName(name, options) {
  if (criticalProperties.includes(name)) {
    throw new Error(`[SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution`);
  } else if (DANGEROUS_PROPERTY_NAMES.includes(name)) {
    return options.onDangerousProperty(name);
  }
  return name;
}

// node_modules/fast-xml-parser/src/xmlparser/node2json.js
var METADATA_SYMBOL2 = XmlNode.getMetaDataSymbol();
function stripAttributePrefix(attrs, prefix) {
  if (!attrs || typeof attrs !== "object") return {};
  if (!prefix) return attrs;
  const rawAttrs = {};
  for (const key in attrs) {
    if (key.startsWith(prefix)) {
      const rawName = key.substring(prefix.length);
      rawAttrs[rawName] = attrs[key];
    } else {
      rawAttrs[key] = attrs[key];
    }
  }
  return rawAttrs;
}
function prettify(node, options, matcher, readonlyMatcher) {
  return compress(node, options, matcher, readonlyMatcher);
}
function compress(arr, options, matcher, readonlyMatcher) {
  let text4;
  const compressedObj = {};
  for (let i = 0; i < arr.length; i++) {
    const tagObj = arr[i];
    const property = propName(tagObj);
    if (property !== void 0 && property !== options.textNodeName) {
      const rawAttrs = stripAttributePrefix(
        tagObj[":@"] || {},
        options.attributeNamePrefix
      );
      matcher.push(property, rawAttrs);
    }
    if (property === options.textNodeName) {
      if (text4 === void 0) text4 = tagObj[property];
      else text4 += "" + tagObj[property];
    } else if (property === void 0) {
      continue;
    } else if (tagObj[property]) {
      let val = compress(tagObj[property], options, matcher, readonlyMatcher);
      const isLeaf = isLeafTag(val, options);
      if (Object.keys(val).length === 0 && options.alwaysCreateTextNode) {
        val[options.textNodeName] = "";
      }
      if (tagObj[":@"]) {
        assignAttributes(val, tagObj[":@"], readonlyMatcher, options);
      } else if (Object.keys(val).length === 1 && val[options.textNodeName] !== void 0 && !options.alwaysCreateTextNode) {
        val = val[options.textNodeName];
      } else if (Object.keys(val).length === 0) {
        if (options.alwaysCreateTextNode) val[options.textNodeName] = "";
        else val = "";
      }
      if (tagObj[METADATA_SYMBOL2] !== void 0 && typeof val === "object" && val !== null) {
        val[METADATA_SYMBOL2] = tagObj[METADATA_SYMBOL2];
      }
      if (compressedObj[property] !== void 0 && Object.prototype.hasOwnProperty.call(compressedObj, property)) {
        if (!Array.isArray(compressedObj[property])) {
          compressedObj[property] = [compressedObj[property]];
        }
        compressedObj[property].push(val);
      } else {
        const jPathOrMatcher = options.jPath ? readonlyMatcher.toString() : readonlyMatcher;
        if (options.isArray(property, jPathOrMatcher, isLeaf)) {
          compressedObj[property] = [val];
        } else {
          compressedObj[property] = val;
        }
      }
      if (property !== void 0 && property !== options.textNodeName) {
        matcher.pop();
      }
    }
  }
  if (typeof text4 === "string") {
    if (text4.length > 0) compressedObj[options.textNodeName] = text4;
  } else if (text4 !== void 0) compressedObj[options.textNodeName] = text4;
  return compressedObj;
}
function propName(obj2) {
  const keys = Object.keys(obj2);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== ":@") return key;
  }
}
function assignAttributes(obj2, attrMap, readonlyMatcher, options) {
  if (attrMap) {
    const keys = Object.keys(attrMap);
    const len = keys.length;
    for (let i = 0; i < len; i++) {
      const atrrName = keys[i];
      const rawAttrName = atrrName.startsWith(options.attributeNamePrefix) ? atrrName.substring(options.attributeNamePrefix.length) : atrrName;
      const jPathOrMatcher = options.jPath ? readonlyMatcher.toString() + "." + rawAttrName : readonlyMatcher;
      if (options.isArray(atrrName, jPathOrMatcher, true, true)) {
        obj2[atrrName] = [attrMap[atrrName]];
      } else {
        obj2[atrrName] = attrMap[atrrName];
      }
    }
  }
}
function isLeafTag(obj2, options) {
  const { textNodeName } = options;
  const propCount = Object.keys(obj2).length;
  if (propCount === 0) {
    return true;
  }
  if (propCount === 1 && (obj2[textNodeName] || typeof obj2[textNodeName] === "boolean" || obj2[textNodeName] === 0)) {
    return true;
  }
  return false;
}

// node_modules/fast-xml-parser/src/xmlparser/XMLParser.js
var XMLParser = class {
  constructor(options) {
    this.externalEntities = {};
    this.options = buildOptions(options);
  }
  /**
   * Parse XML dats to JS object 
   * @param {string|Uint8Array} xmlData 
   * @param {boolean|Object} validationOption 
   */
  parse(xmlData, validationOption) {
    if (typeof xmlData !== "string" && xmlData.toString) {
      if (xmlData instanceof Uint8Array && !(typeof Buffer !== "undefined" && Buffer.isBuffer(xmlData))) {
        xmlData = new TextDecoder("utf-8", { ignoreBOM: true }).decode(xmlData);
      } else {
        xmlData = xmlData.toString();
      }
    } else if (typeof xmlData !== "string") {
      throw new Error("XML data is accepted in String or Bytes[] form.");
    }
    if (validationOption) {
      if (validationOption === true) validationOption = {};
      const result = validate(xmlData, validationOption);
      if (result !== true) {
        throw Error(`${result.err.msg}:${result.err.line}:${result.err.col}`);
      }
    }
    const orderedObjParser = new OrderedObjParser(this.options, this.externalEntities);
    const orderedResult = orderedObjParser.parseXml(xmlData);
    if (this.options.preserveOrder || orderedResult === void 0) return orderedResult;
    else return prettify(orderedResult, this.options, orderedObjParser.matcher, orderedObjParser.readonlyMatcher);
  }
  /**
   * Add Entity which is not by default supported by this library
   * @param {string} key 
   * @param {string} value 
   */
  addEntity(key, value) {
    if (value.indexOf("&") !== -1) {
      throw new Error("Entity value can't have '&'");
    } else if (key.indexOf("&") !== -1 || key.indexOf(";") !== -1) {
      throw new Error("An entity must be set without '&' and ';'. Eg. use '#xD' for '&#xD;'");
    } else if (value === "&") {
      throw new Error("An entity with value '&' is not permitted");
    } else {
      this.externalEntities[key] = value;
    }
  }
  /**
   * Returns a Symbol that can be used to access the metadata
   * property on a node.
   * 
   * If Symbol is not available in the environment, an ordinary property is used
   * and the name of the property is here returned.
   * 
   * The XMLMetaData property is only present when `captureMetaData`
   * is true in the options.
   */
  static getMetaDataSymbol() {
    return XmlNode.getMetaDataSymbol();
  }
};

// src/connectors/projects/maven.ts
var PULSAR_IO_YAML = "src/main/resources/META-INF/services/pulsar-io.yaml";
var NAR_PLUGIN = "nifi-nar-maven-plugin";
var SHADE_PLUGIN = "maven-shade-plugin";
var FUNCTIONS_API = "org.apache.pulsar:pulsar-functions-api";
function asArray(value) {
  if (value === void 0 || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}
function text(value) {
  if (typeof value === "string") return value.trim() || void 0;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
function child(node, key) {
  return isRecord(node) ? node[key] : void 0;
}
function listOf(node, outer, inner) {
  return asArray(child(child(node, outer), inner));
}
function parsePom(xml, dir, file) {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  let doc;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new InputError(
      `${file}: not valid XML (${errorMessage(err).split("\n")[0]}); fix the POM or exclude its folder in slipway.yaml.`,
      { file }
    );
  }
  const project = child(doc, "project");
  const artifactId = text(child(project, "artifactId"));
  if (!isRecord(project) || !artifactId) {
    throw new InputError(
      `${file}: no <project> with an <artifactId>; fix the POM or exclude its folder in slipway.yaml.`,
      { file }
    );
  }
  const parentNode = child(project, "parent");
  const parentArtifact = text(child(parentNode, "artifactId"));
  const relativePathNode = child(parentNode, "relativePath");
  const properties2 = {};
  const props = child(project, "properties");
  if (isRecord(props)) {
    for (const [key, value] of Object.entries(props)) {
      const v = text(value);
      if (v !== void 0) properties2[key] = v;
    }
  }
  const modules = [
    ...listOf(project, "modules", "module"),
    ...asArray(child(child(project, "profiles"), "profile")).flatMap(
      (p) => listOf(p, "modules", "module")
    )
  ].map(text).filter((m) => m !== void 0).map((m) => joinRelative(dir, m.replace(/\/?[^/]*\.xml$/, "") || "."));
  const dependencies = listOf(project, "dependencies", "dependency").flatMap((d) => {
    const groupId = text(child(d, "groupId"));
    const depArtifact = text(child(d, "artifactId"));
    return groupId && depArtifact ? [{ groupId, artifactId: depArtifact }] : [];
  });
  const plugins = listOf(child(project, "build"), "plugins", "plugin").map((p) => text(child(p, "artifactId"))).filter((p) => p !== void 0);
  return {
    dir,
    file,
    groupId: text(child(project, "groupId")),
    artifactId,
    version: text(child(project, "version")),
    packaging: text(child(project, "packaging")) ?? "jar",
    modules: [...new Set(modules)],
    parent: parentArtifact !== void 0 ? {
      groupId: text(child(parentNode, "groupId")) ?? "",
      artifactId: parentArtifact,
      version: text(child(parentNode, "version")),
      // Maven's default; an empty <relativePath/> means "not in this repository".
      relativePath: relativePathNode === void 0 ? "../pom.xml" : text(relativePathNode) ?? ""
    } : void 0,
    properties: properties2,
    dependencies,
    plugins
  };
}
async function readPulsarIo(root, dir) {
  const file = joinRelative(dir, PULSAR_IO_YAML);
  const content = await fileText(root, file);
  if (content === void 0) return void 0;
  const yaml = await YamlFile.parse(content, file);
  return {
    name: yaml.string("name"),
    sourceClass: yaml.string("sourceClass"),
    sinkClass: yaml.string("sinkClass")
  };
}
function resolver(chain) {
  const props = {};
  for (const pom of [...chain].reverse()) Object.assign(props, pom.properties);
  const self = chain[0];
  const groupId = self.groupId ?? self.parent?.groupId ?? "";
  const version = self.version ?? self.parent?.version ?? "";
  Object.assign(props, {
    "project.groupId": groupId,
    "pom.groupId": groupId,
    groupId,
    "project.artifactId": self.artifactId,
    "project.version": version,
    "pom.version": version,
    version,
    "project.parent.groupId": self.parent?.groupId ?? "",
    "project.parent.version": self.parent?.version ?? ""
  });
  return (value) => value.replace(/\$\{([^}]+)\}/g, (whole, key) => props[key] ?? whole);
}
async function readMavenModules(root, pomFiles) {
  const raws = /* @__PURE__ */ new Map();
  for (const file of pomFiles) {
    const xml = await fileText(root, file);
    if (xml === void 0) continue;
    const dir = posix4.dirname(file);
    raws.set(dir, parsePom(xml, dir, file));
  }
  const byCoordinates = /* @__PURE__ */ new Map();
  const parentOf = (pom) => {
    const p = pom.parent;
    if (!p) return void 0;
    if (p.relativePath) {
      const path9 = joinRelative(pom.dir, p.relativePath);
      const candidate = raws.get(path9.endsWith(".xml") ? posix4.dirname(path9) : path9);
      if (candidate && candidate.artifactId === p.artifactId) return candidate;
    }
    return byCoordinates.get(`${p.groupId}:${p.artifactId}`);
  };
  for (const pom of raws.values()) {
    const groupId = pom.groupId ?? pom.parent?.groupId;
    if (groupId) byCoordinates.set(`${groupId}:${pom.artifactId}`, pom);
  }
  const chainOf = (pom) => {
    const chain = [pom];
    for (let next = parentOf(pom); next && !chain.includes(next); next = parentOf(next)) {
      chain.push(next);
    }
    return chain;
  };
  const listedBy = /* @__PURE__ */ new Map();
  for (const pom of raws.values()) for (const m of pom.modules) listedBy.set(m, pom.dir);
  const reactorOf = (dir) => {
    const seen = /* @__PURE__ */ new Set();
    let top = dir;
    for (let up = listedBy.get(top); up !== void 0 && !seen.has(up); up = listedBy.get(top)) {
      seen.add(top);
      top = up;
    }
    return top;
  };
  const modules = [];
  const dirOf = /* @__PURE__ */ new Map();
  const pending = [];
  for (const pom of raws.values()) {
    const chain = chainOf(pom);
    const resolve14 = resolver(chain);
    const groupId = resolve14(pom.groupId ?? pom.parent?.groupId ?? "");
    const artifactId = resolve14(pom.artifactId);
    const deps = chain.flatMap(
      (p) => p.dependencies.map((d) => `${resolve14(d.groupId)}:${resolve14(d.artifactId)}`)
    );
    const plugins = new Set(chain.flatMap((p) => p.plugins));
    const packaging = resolve14(pom.packaging);
    const module = {
      dir: pom.dir,
      file: pom.file,
      groupId,
      artifactId,
      packaging,
      modules: pom.modules.filter((m) => raws.has(m)),
      parentPoms: chain.slice(1).map((p) => p.file),
      dependsOn: [],
      reactor: reactorOf(pom.dir),
      nar: packaging === "nar" || plugins.has(NAR_PLUGIN),
      shaded: plugins.has(SHADE_PLUGIN),
      usesFunctionsApi: deps.includes(FUNCTIONS_API),
      pulsarIo: packaging === "pom" ? void 0 : await readPulsarIo(root, pom.dir)
    };
    dirOf.set(`${groupId}:${artifactId}`, pom.dir);
    modules.push(module);
    pending.push({ module, deps });
  }
  for (const { module, deps } of pending) {
    const dirs2 = deps.map((d) => dirOf.get(d)).filter((d) => d !== void 0);
    module.dependsOn = [...new Set(dirs2)].filter((d) => d !== module.dir).sort();
  }
  return modules.sort((a, b) => a.dir.localeCompare(b.dir));
}

// src/connectors/projects/discover.ts
var PRECEDENCE = ["declared", "airbyte", "maven", "gradle", "python", "go"];
var PYTHON_FUNCTION_CLASS = /^class\s+(\w+)\s*\(\s*(?:pulsar\.)?Function\s*\)/m;
var PULSAR_IMPORT = /^\s*(?:from\s+pulsar\s+import\b|import\s+pulsar\b)/m;
var GO_FUNCTION_MODULE = "github.com/apache/pulsar/pulsar-function-go";
function pulsarTypes(pulsarIo) {
  const types = [];
  const both = Boolean(pulsarIo?.sourceClass && pulsarIo.sinkClass);
  if (pulsarIo?.sourceClass) {
    types.push({
      type: "pulsar-source",
      className: pulsarIo.sourceClass,
      suffix: both ? "-source" : ""
    });
  }
  if (pulsarIo?.sinkClass) {
    types.push({ type: "pulsar-sink", className: pulsarIo.sinkClass, suffix: both ? "-sink" : "" });
  }
  return types;
}
function mavenCandidates(module) {
  if (module.packaging === "pom") return [];
  const format = module.nar ? "nar" : module.shaded ? "uber-jar" : "jar";
  const relativeToReactor = posix5.relative(module.reactor, module.dir) || ".";
  const base = {
    baseName: module.artifactId,
    workingDirectory: module.dir,
    source: "maven",
    dependsOn: module.dependsOn,
    parentPoms: module.parentPoms,
    maven: {
      groupId: module.groupId,
      artifactId: module.artifactId,
      reactor: module.reactor,
      module: relativeToReactor
    }
  };
  const inputs = {};
  if (module.dependsOn.length > 0 && module.reactor !== module.dir) {
    const reactorPom = posix5.join(posix5.relative(module.dir, module.reactor) || ".", "pom.xml");
    inputs["build-args"] = ["-f", reactorPom, "-pl", `:${module.artifactId}`, "-am"].join(",");
  }
  const types = pulsarTypes(module.pulsarIo);
  if (types.length > 0) {
    return types.map((t) => ({
      ...base,
      suffix: t.suffix,
      connectorType: t.type,
      artifactFormat: format === "jar" ? "auto" : format,
      // An uber JAR has no pulsar-io.yaml to read the class from at run time.
      inputs: format === "uber-jar" && t.className ? { ...inputs, "class-name": t.className } : { ...inputs }
    }));
  }
  if (module.usesFunctionsApi) {
    return [
      { ...base, suffix: "", connectorType: "pulsar-function", artifactFormat: format, inputs }
    ];
  }
  if (module.nar)
    return [{ ...base, suffix: "", connectorType: "auto", artifactFormat: "nar", inputs }];
  return [];
}
async function airbyteCandidate(root, folder) {
  const file = joinRelative(folder.dir, "metadata.yaml");
  const content = await fileText(root, file);
  if (content === void 0) return void 0;
  const metadata = await YamlFile.parse(content, file);
  const dockerRepository = metadata.string("data.dockerRepository");
  if (!dockerRepository) return void 0;
  const kind = metadata.string("data.connectorType");
  const has = (name) => folder.files.has(name);
  return {
    baseName: folder.dir === "." ? basename(resolve(root)) : posix5.basename(folder.dir),
    suffix: "",
    workingDirectory: folder.dir,
    connectorType: kind === "source" ? "airbyte-source" : kind === "destination" ? "airbyte-destination" : "auto",
    artifactFormat: has("manifest.yaml") ? "airbyte-manifest" : has("build.gradle") || has("build.gradle.kts") ? "airbyte-java" : has("pyproject.toml") || has("main.py") ? "airbyte-python" : "auto",
    source: "airbyte",
    dependsOn: [],
    parentPoms: [],
    inputs: {},
    dockerRepository
  };
}
async function pythonCandidate(root, folder) {
  const functions = [];
  for (const name of [...folder.files].filter((f) => f.endsWith(".py")).sort()) {
    const content = await fileText(root, joinRelative(folder.dir, name)) ?? "";
    const match = PYTHON_FUNCTION_CLASS.exec(content);
    if (match && PULSAR_IMPORT.test(content)) functions.push({ file: name, className: match[1] });
  }
  if (functions.length === 0) return void 0;
  const inputs = {};
  const packaged = folder.files.has("pyproject.toml") || folder.files.has("setup.py");
  if (functions.length === 1 && !packaged) {
    inputs.artifact = functions[0].file;
    inputs["class-name"] = `${functions[0].file.replace(/\.py$/, "")}.${functions[0].className}`;
  }
  return {
    baseName: posix5.basename(folder.dir),
    suffix: "",
    workingDirectory: folder.dir,
    connectorType: "pulsar-function",
    artifactFormat: "python",
    source: "python",
    dependsOn: [],
    parentPoms: [],
    inputs
  };
}
async function goCandidate(root, folder) {
  const goMod = await fileText(root, joinRelative(folder.dir, "go.mod")) ?? "";
  if (!goMod.includes(GO_FUNCTION_MODULE)) return void 0;
  return {
    baseName: posix5.basename(folder.dir),
    suffix: "",
    workingDirectory: folder.dir,
    connectorType: "pulsar-function",
    artifactFormat: "go",
    source: "go",
    dependsOn: [],
    parentPoms: [],
    inputs: {}
  };
}
async function findCandidates(root, folders) {
  const found = [];
  const airbyteDirs = [];
  for (const folder of folders) {
    if (!folder.files.has("metadata.yaml")) continue;
    const candidate = await airbyteCandidate(root, folder);
    if (candidate) {
      found.push(candidate);
      airbyteDirs.push(folder.dir);
    }
  }
  const inAirbyte = (dir) => airbyteDirs.some((a) => isUnder(a, dir));
  const moduleDeps = /* @__PURE__ */ new Map();
  const poms = folders.filter((f) => f.files.has("pom.xml")).map((f) => joinRelative(f.dir, "pom.xml"));
  for (const module of await readMavenModules(root, poms)) {
    moduleDeps.set(module.dir, module.dependsOn);
    if (!inAirbyte(module.dir)) found.push(...mavenCandidates(module));
  }
  const settings = folders.flatMap(
    (f) => [...f.files].filter(isSettingsFile).map((name) => joinRelative(f.dir, name))
  );
  for (const sub of await readGradleSubprojects(root, settings)) {
    if (!moduleDeps.has(sub.dir)) moduleDeps.set(sub.dir, sub.dependsOn);
    if (inAirbyte(sub.dir)) continue;
    const pulsarIoText = await fileText(root, joinRelative(sub.dir, PULSAR_IO_YAML));
    let pulsarIo;
    if (pulsarIoText !== void 0) {
      const yaml = await YamlFile.parse(pulsarIoText, joinRelative(sub.dir, PULSAR_IO_YAML));
      pulsarIo = { sourceClass: yaml.string("sourceClass"), sinkClass: yaml.string("sinkClass") };
    }
    const shadow = /com\.(github\.johnrengelman|gradleup)\.shadow/.test(sub.buildScript);
    const format = shadow ? "uber-jar" : "auto";
    const base = {
      baseName: posix5.basename(sub.dir),
      workingDirectory: sub.dir,
      source: "gradle",
      dependsOn: sub.dependsOn,
      parentPoms: sub.buildFiles,
      artifactFormat: format
    };
    const types = pulsarTypes(pulsarIo);
    for (const t of types) {
      found.push({
        ...base,
        suffix: t.suffix,
        connectorType: t.type,
        inputs: shadow && t.className ? { "class-name": t.className } : {}
      });
    }
    if (types.length === 0 && sub.buildScript.includes("pulsar-functions-api")) {
      found.push({ ...base, suffix: "", connectorType: "pulsar-function", inputs: {} });
    }
  }
  for (const folder of folders) {
    if (inAirbyte(folder.dir)) continue;
    if ([...folder.files].some((f) => f.endsWith(".py"))) {
      const candidate = await pythonCandidate(root, folder);
      if (candidate) found.push(candidate);
    }
    if (folder.files.has("go.mod")) {
      const candidate = await goCandidate(root, folder);
      if (candidate) found.push(candidate);
    }
  }
  const best = /* @__PURE__ */ new Map();
  for (const c of found) {
    const current = best.get(c.workingDirectory);
    if (!current || PRECEDENCE.indexOf(c.source) < PRECEDENCE.indexOf(current)) {
      best.set(c.workingDirectory, c.source);
    }
  }
  return { candidates: found.filter((c) => best.get(c.workingDirectory) === c.source), moduleDeps };
}
async function excludedFolders(root, patterns) {
  if (patterns.length === 0) return /* @__PURE__ */ new Set();
  const { glob } = await loadGlob();
  const matched = await glob(patterns, {
    cwd: root,
    onlyDirectories: true,
    expandDirectories: false,
    ignore: ["**/node_modules/**", "**/.git/**"]
  });
  return new Set(matched.map((m) => joinRelative(".", m)));
}
function applyConfig(candidates, config, excluded) {
  const kept = candidates.filter((c) => !excluded.has(c.workingDirectory));
  for (const entry of config.projects) {
    const matching = kept.filter((c) => c.workingDirectory === entry.path);
    if (matching.length === 0) {
      const found = candidates.filter((c) => c.workingDirectory === entry.path);
      const template = found[0];
      kept.push({
        baseName: entry.name ?? template?.baseName ?? posix5.basename(entry.path),
        suffix: "",
        workingDirectory: entry.path,
        connectorType: template?.connectorType ?? "auto",
        artifactFormat: template?.artifactFormat ?? "auto",
        source: template?.source ?? "declared",
        dependsOn: template?.dependsOn ?? [],
        parentPoms: template?.parentPoms ?? [],
        inputs: { ...template?.inputs, ...entry.inputs },
        dockerRepository: template?.dockerRepository,
        maven: template?.maven
      });
      continue;
    }
    for (const c of matching) {
      if (entry.name) c.baseName = matching.length === 1 ? entry.name : `${entry.name}${c.suffix}`;
      c.inputs = { ...c.inputs, ...entry.inputs };
    }
  }
  for (const c of kept) c.inputs = { ...config.inputs, ...c.inputs };
  return kept;
}
function closure(start, deps) {
  const seen = /* @__PURE__ */ new Set();
  const queue = [...start];
  while (queue.length > 0) {
    const next = queue.shift();
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...deps.get(next) ?? []);
  }
  return [...seen].sort();
}
var FIELD_INPUTS = ["connector-type", "artifact-format", "image"];
async function discoverProjects(root, options = {}) {
  const config = await readRepositoryConfig(root);
  const folders = await walkRepository(root);
  const { candidates, moduleDeps } = await findCandidates(root, folders);
  const kept = applyConfig(candidates, config, await excludedFolders(root, config.exclude));
  const nameCount = /* @__PURE__ */ new Map();
  for (const c of kept)
    nameCount.set(c.baseName + c.suffix, (nameCount.get(c.baseName + c.suffix) ?? 0) + 1);
  const prefix = options.imagePrefix?.replace(/\/+$/, "") || config.imagePrefix;
  const projects = kept.map((c) => {
    const plain = c.baseName + c.suffix;
    const name = (nameCount.get(plain) ?? 0) > 1 ? `${c.workingDirectory.replace(/\//g, "-")}${c.suffix}` : plain;
    const inputs = { ...c.inputs };
    const fromInputs = Object.fromEntries(FIELD_INPUTS.map((k) => [k, inputs[k]]));
    for (const k of FIELD_INPUTS) delete inputs[k];
    const defaultImage = c.dockerRepository ? prefix ? `${prefix}/${posix5.basename(c.dockerRepository)}` : c.dockerRepository : prefix ? `${prefix}/${name}` : name;
    return {
      name,
      workingDirectory: c.workingDirectory,
      connectorType: fromInputs["connector-type"] ?? c.connectorType,
      artifactFormat: fromInputs["artifact-format"] ?? c.artifactFormat,
      image: fromInputs.image ?? defaultImage,
      source: c.source,
      dependsOn: closure(c.dependsOn, moduleDeps).filter((d) => d !== c.workingDirectory),
      sharedFolders: [],
      parentPoms: c.parentPoms,
      inputs,
      ...c.maven ? { maven: c.maven } : {}
    };
  });
  for (const entry of config.shared) {
    for (const [i, user] of entry.usedBy.entries()) {
      const users = projects.filter((p) => p.workingDirectory === user || p.name === user);
      if (users.length === 0) {
        throw config.error(
          `shared.${config.shared.indexOf(entry)}.used-by.${i}`,
          `${entry.label}.used-by names "${user}", which is no project; use a project path or name from slipway discover.`
        );
      }
      for (const p of users)
        if (!p.sharedFolders.includes(entry.path)) p.sharedFolders.push(entry.path);
    }
  }
  const byImage = /* @__PURE__ */ new Map();
  for (const p of projects) {
    const other = byImage.get(p.image);
    if (other) {
      throw new InputError(
        `Projects ${other.name} (${other.workingDirectory}) and ${p.name} (${p.workingDirectory}) would both push to image ${p.image}; set inputs.image for one of them under projects: in ${CONFIG_FILE}, or exclude one.`,
        { file: CONFIG_FILE }
      );
    }
    byImage.set(p.image, p);
  }
  return projects.sort(
    (a, b) => a.workingDirectory.localeCompare(b.workingDirectory) || a.name.localeCompare(b.name)
  );
}

// src/providers/context.ts
function endpointsOf(ctx) {
  if (ctx.endpoints) return ctx.endpoints;
  const env = ctx.env;
  const pick = (name) => env[name]?.trim() || void 0;
  return {
    googleSts: pick("SLIPWAY_GOOGLE_STS_URL"),
    googleIamCredentials: pick("SLIPWAY_GOOGLE_IAM_CREDENTIALS_URL"),
    artifactRegistry: pick("SLIPWAY_ARTIFACT_REGISTRY_URL"),
    azureAuthorityHost: pick("SLIPWAY_AZURE_AUTHORITY_HOST")
  };
}
var OncePerRepository = class {
  runs = /* @__PURE__ */ new Map();
  run(target2, create) {
    const key = `${target2.registry}/${target2.repository}`;
    let done = this.runs.get(key);
    if (!done) {
      done = create(target2);
      this.runs.set(key, done);
    }
    return done;
  }
};

// src/providers/oidc.ts
async function requireOidcToken(ctx, audience, input) {
  const fix = `on GitHub give the job "permissions: id-token: write"; on GitLab add "id_tokens: ${ctx.inputs["oidc-token-variable"]}: aud: ${audience}" to the job`;
  let token;
  try {
    token = await ctx.ciOidcToken(audience);
  } catch (error) {
    throw new InputError(
      secrets.redact(
        `Input "${input}" needs the CI's OIDC token (audience ${audience}), which could not be read (${errorMessage(error)}): ${fix}.`
      )
    );
  }
  if (!token) {
    throw new InputError(
      `Input "${input}" needs the CI's OIDC token (audience ${audience}), but the CI provided none: ${fix}.`
    );
  }
  secrets.add(token);
  return token;
}

// src/providers/acr.ts
var ACR_SCOPE = "https://containerregistry.azure.net/.default";
var ACR_TOKEN_USER = "00000000-0000-0000-0000-000000000000";
var AZURE_OIDC_AUDIENCE = "api://AzureADTokenExchange";
var ASSERTION_REUSE_MS = 6e4;
var REFRESH_TOKEN_LIFETIME_MS = 2 * 60 * 6e4;
function acrExchangeUrl(host) {
  return `${isLoopbackHost(host) ? "http" : "https"}://${host}/oauth2/exchange`;
}
function tenantOf(accessToken) {
  const payload = accessToken.split(".")[1];
  if (!payload) return void 0;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const tid = claims?.tid;
    return typeof tid === "string" ? tid : void 0;
  } catch {
    return void 0;
  }
}
function azureSaid(error) {
  const pending = [error];
  for (let i = 0; i < pending.length && i < 10; i++) {
    const e = pending[i];
    if (typeof e !== "object" || e === null) continue;
    const { errorResponse, errors, message } = e;
    for (const text4 of [errorResponse?.errorDescription, message]) {
      const aadsts = typeof text4 === "string" ? /AADSTS\d+:[^.\r\n]*\.?/.exec(text4) : null;
      if (aadsts) return aadsts[0];
    }
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return errorMessage(error).split("\n")[0];
}
var AcrProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "acr";
  credential;
  assertion;
  get keyless() {
    return Boolean(this.ctx.inputs["azure-client-id"] || this.ctx.inputs["azure-tenant-id"]);
  }
  describe() {
    return this.keyless ? `Entra ID app ${this.ctx.inputs["azure-client-id"]} (CI OIDC token)` : "the Azure default credential chain";
  }
  async tokenCredential() {
    if (this.credential) return this.credential;
    const identity2 = await import("./esm-SAMUKBPB.js");
    const endpoints = endpointsOf(this.ctx);
    const options = {
      authorityHost: endpoints.azureAuthorityHost ?? this.ctx.env.AZURE_AUTHORITY_HOST,
      // Instance discovery asks Microsoft whether the authority is one of theirs; a private
      // (test) authority is not.
      disableInstanceDiscovery: endpoints.azureAuthorityHost !== void 0,
      ...endpoints.azureCa !== void 0 && { tlsOptions: { ca: endpoints.azureCa } }
    };
    if (this.keyless) {
      const clientId = this.ctx.inputs["azure-client-id"];
      const tenantId = this.ctx.inputs["azure-tenant-id"];
      if (!clientId || !tenantId) {
        throw new InputError(
          `Inputs "azure-client-id" and "azure-tenant-id" go together for keyless ACR login; set both (the app registration's client id and its tenant id).`
        );
      }
      this.credential = new identity2.ClientAssertionCredential(
        tenantId,
        clientId,
        () => this.oidcAssertion(),
        options
      );
    } else {
      this.credential = new identity2.DefaultAzureCredential({
        ...options,
        tenantId: this.ctx.env.AZURE_TENANT_ID?.trim() || void 0
      });
    }
    return this.credential;
  }
  /**
   * MSAL asks for the assertion more than once per token; one CI token serves them all for a
   * minute instead of one request to the CI's token service each time.
   */
  oidcAssertion() {
    const now = Date.now();
    if (!this.assertion || now - this.assertion.at > ASSERTION_REUSE_MS) {
      const value = requireOidcToken(this.ctx, AZURE_OIDC_AUDIENCE, "azure-client-id");
      this.assertion = { value, at: now };
      value.catch(() => this.assertion = void 0);
    }
    return this.assertion.value;
  }
  async credentials(host) {
    let accessToken;
    try {
      const credential = await this.tokenCredential();
      const token = await credential.getToken(ACR_SCOPE);
      if (!token) throw new RunError(`ACR: Entra ID returned no token for ${host}; try again.`);
      accessToken = token.token;
    } catch (error) {
      throw this.entraFailure(host, error);
    }
    secrets.add(accessToken);
    const refreshToken = await this.exchange(host, accessToken);
    return {
      credentials: { username: ACR_TOKEN_USER, identityToken: refreshToken },
      expiresAt: Date.now() + REFRESH_TOKEN_LIFETIME_MS,
      source: `${this.describe()} via ${host}/oauth2/exchange`
    };
  }
  /** POST /oauth2/exchange: Entra ID access token in, ACR refresh token out. */
  async exchange(host, accessToken) {
    const url2 = acrExchangeUrl(host);
    const form = new URLSearchParams({
      grant_type: "access_token",
      service: host,
      access_token: accessToken
    });
    const tenant = this.ctx.inputs["azure-tenant-id"] || this.ctx.env.AZURE_TENANT_ID || tenantOf(accessToken);
    if (tenant) form.set("tenant", tenant);
    let status;
    let text4;
    try {
      const res = await fetch(url2, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
        signal: AbortSignal.timeout(this.ctx.inputs["request-timeout"] * 1e3)
      });
      status = res.status;
      text4 = await res.text();
    } catch (error) {
      throw new RunError(
        `ACR: cannot reach ${url2} to exchange the Entra ID token (${secrets.redact(errorMessage(error))}): check the registry name and the network.`
      );
    }
    if (status === 401 || status === 403) {
      throw new RunError(
        `ACR: ${host} refused the Entra ID token of ${this.describe()} at /oauth2/exchange (HTTP ${status}): make sure the identity is in the registry's tenant and has the AcrPush role on the registry.`
      );
    }
    let refreshToken;
    try {
      refreshToken = JSON.parse(text4).refresh_token;
    } catch {
      refreshToken = void 0;
    }
    if (status !== 200 || typeof refreshToken !== "string" || refreshToken === "") {
      throw new RunError(
        `ACR: ${host}/oauth2/exchange answered HTTP ${status} without a refresh token; check that ${host} is an Azure container registry.`
      );
    }
    secrets.add(refreshToken);
    return refreshToken;
  }
  entraFailure(host, error) {
    if (error instanceof SlipwayError) return error;
    const name = error instanceof Error ? error.name : "";
    const said = secrets.redact(azureSaid(error));
    const clientId = this.ctx.inputs["azure-client-id"];
    if (name === "CredentialUnavailableError" || name === "AggregateAuthenticationError" && !this.keyless) {
      return new RunError(
        `ACR: no Azure identity for ${host}: set "azure-client-id" and "azure-tenant-id" (keyless, with the CI's OIDC token), or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, or log in with "az login"; or use the "username"/"password" inputs with a registry token.`
      );
    }
    let fix = "check the Entra ID app registration and the credentials";
    if (/AADSTS70021|AADSTS700213|AADSTS700211|federated identity/i.test(said)) {
      fix = `add a federated credential to app ${clientId} whose issuer and subject match the CI's OIDC token (audience ${AZURE_OIDC_AUDIENCE})`;
    } else if (/AADSTS700024|expired|not within its valid time range/i.test(said)) {
      fix = "the token or secret has expired: request a fresh OIDC token or renew the client secret";
    } else if (/AADSTS7000215|AADSTS7000222|client secret/i.test(said)) {
      fix = "AZURE_CLIENT_SECRET is wrong or expired: create a new client secret";
    } else if (/AADSTS700016|AADSTS90002/i.test(said)) {
      fix = 'check "azure-client-id" and "azure-tenant-id" (or AZURE_CLIENT_ID/AZURE_TENANT_ID)';
    }
    return new RunError(
      `ACR: Entra ID refused a token for ${host} to ${this.describe()} (${said}): ${fix}.`
    );
  }
};

// src/providers/aws.ts
var STS_AUDIENCE = "sts.amazonaws.com";
var REFRESH_BEFORE_MS = 5 * 6e4;
function awsErrorName(error) {
  if (typeof error !== "object" || error === null) return void 0;
  const name = error.name;
  return typeof name === "string" ? name : void 0;
}
var EXPIRED_OR_INVALID = /* @__PURE__ */ new Set([
  "ExpiredTokenException",
  "ExpiredToken",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch"
]);
var DENIED = /* @__PURE__ */ new Set(["AccessDeniedException", "AccessDenied"]);
function awsFailure(service, action, host, error, permissions = action) {
  if (error instanceof SlipwayError) return error;
  const name = awsErrorName(error);
  const said = secrets.redact(errorMessage(error));
  if (name === "CredentialsProviderError" || /could not load credentials/i.test(said)) {
    return new RunError(
      `${service}: no AWS credentials to call ${action} for ${host}: set "aws-role-to-assume" (keyless, with the CI's OIDC token) or provide credentials through the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_PROFILE or an instance role).`
    );
  }
  if (name !== void 0 && EXPIRED_OR_INVALID.has(name)) {
    return new RunError(
      `${service}: AWS rejected the credentials as expired or invalid (${name}) when calling ${action} for ${host}: refresh them (re-run the CI's AWS login step) or use "aws-role-to-assume".`
    );
  }
  if (name !== void 0 && DENIED.has(name)) {
    return new RunError(
      `${service}: AWS denied ${action} for ${host} (${said}): allow the IAM action ${permissions} for the identity Slipway runs as.`
    );
  }
  return new RunError(`${service}: ${action} for ${host} failed (${name ?? "error"}: ${said}).`);
}
function sessionName(env) {
  const run3 = env.GITHUB_RUN_ID ?? env.CI_JOB_ID ?? String(Date.now());
  return `slipway-${run3}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}
var AwsIdentity = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  assumed;
  /** Where credentials come from, for the log. */
  describe() {
    const role = this.ctx.inputs["aws-role-to-assume"];
    return role ? `role ${role} (CI OIDC token)` : "the AWS default credential chain";
  }
  /**
   * A credential source for an SDK client, or undefined to let the SDK use its default chain
   * (env, web identity file, SSO, profiles, IMDS).
   */
  source(region) {
    const role = this.ctx.inputs["aws-role-to-assume"];
    if (!role) return void 0;
    return async () => {
      const current = this.assumed && await this.assumed.catch(() => void 0);
      if (current?.expiration && current.expiration.getTime() - REFRESH_BEFORE_MS < Date.now()) {
        this.assumed = void 0;
      }
      this.assumed ??= this.assumeRole(role, region);
      const pending = this.assumed;
      pending.catch(() => {
        if (this.assumed === pending) this.assumed = void 0;
      });
      return pending;
    };
  }
  async assumeRole(roleArn, region) {
    const webIdentityToken = await requireOidcToken(this.ctx, STS_AUDIENCE, "aws-role-to-assume");
    const { STSClient, AssumeRoleWithWebIdentityCommand } = await importCommonJs(
      () => import("./dist-cjs-CO3K65VL.js")
    );
    const sts = new STSClient({ region });
    try {
      const out = await sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: sessionName(this.ctx.env),
          WebIdentityToken: webIdentityToken,
          DurationSeconds: 3600
        })
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw new RunError(
          `AWS STS returned no credentials for role ${roleArn}; check the role and try again.`
        );
      }
      secrets.add(c.SecretAccessKey);
      secrets.add(c.SessionToken);
      this.ctx.logger.info(
        `aws: assumed ${out.AssumedRoleUser?.Arn ?? roleArn} with the CI's OIDC token`
      );
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration
      };
    } catch (error) {
      throw assumeRoleFailure(roleArn, error);
    } finally {
      sts.destroy();
    }
  }
};
function assumeRoleFailure(roleArn, error) {
  if (error instanceof RunError) return error;
  const name = awsErrorName(error);
  const code = name?.replace(/Exception$/, "");
  const said = secrets.redact(errorMessage(error));
  if (code === "AccessDenied") {
    return new RunError(
      `AWS STS denied AssumeRoleWithWebIdentity for "aws-role-to-assume" ${roleArn} (${said}): the role's trust policy must allow sts:AssumeRoleWithWebIdentity for the CI's OIDC provider with aud ${STS_AUDIENCE} and a sub condition matching this repository and branch.`
    );
  }
  if (code === "InvalidIdentityToken" || code === "IDPRejectedClaim" || code === "ExpiredToken") {
    return new RunError(
      `AWS STS rejected the CI's OIDC token for "aws-role-to-assume" ${roleArn} (${name}: ${said}): add the CI's OIDC issuer as an IAM identity provider with audience ${STS_AUDIENCE}, and use a fresh token.`
    );
  }
  return new RunError(
    `AWS STS AssumeRoleWithWebIdentity for "aws-role-to-assume" ${roleArn} failed (${name ?? "error"}: ${said}).`
  );
}

// src/providers/ca.ts
import fs from "node:fs";
import path from "node:path";
function readRegistryCa(inputs) {
  const file = inputs["registry-ca"];
  if (!file) return void 0;
  const full = path.resolve(inputs["working-directory"], file);
  let pem;
  try {
    pem = fs.readFileSync(full, "utf8");
  } catch (error) {
    throw new InputError(
      `Input "registry-ca": cannot read ${full} (${errorMessage(error)}); point it at a PEM file of the registry's CA.`
    );
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new InputError(
      `Input "registry-ca": ${full} holds no PEM certificate (-----BEGIN CERTIFICATE-----); export the CA certificate in PEM format.`
    );
  }
  return pem;
}

// src/providers/basic.ts
function inputCredentials(ctx, provider) {
  const { username, password } = ctx.inputs;
  if (!password) return void 0;
  if (!username) {
    throw new InputError(
      `Input "password" is set but "username" is empty: set "username" for the ${provider} registry (for an ACR token or admin user, its name).`
    );
  }
  secrets.add(password);
  return { credentials: { username, password }, source: "the username and password inputs" };
}
var ANONYMOUS = { credentials: void 0, source: "anonymous" };
function envSecret(ctx, name) {
  const value = ctx.env[name]?.trim();
  if (!value) return void 0;
  secrets.add(value);
  return value;
}
var ANONYMOUS_CREDENTIALS = ANONYMOUS;
var StaticProvider = class {
  constructor(name) {
    this.name = name;
  }
  name;
  credentials() {
    return Promise.resolve(ANONYMOUS);
  }
};
var GhcrProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "ghcr";
  credentials(_host, target2) {
    const token = this.ctx.inputs["github-token"] || envSecret(this.ctx, "GITHUB_TOKEN");
    if (!token) return Promise.resolve(ANONYMOUS);
    const username = (target2 ? this.ctx.inputs.username : "") || this.ctx.env.GITHUB_ACTOR || "x-access-token";
    return Promise.resolve({ credentials: { username, password: token }, source: "GITHUB_TOKEN" });
  }
};
var GitlabProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "gitlab";
  credentials() {
    const user = this.ctx.env.CI_REGISTRY_USER?.trim();
    const password = envSecret(this.ctx, "CI_REGISTRY_PASSWORD");
    if (user && password) {
      return Promise.resolve({
        credentials: { username: user, password },
        source: "CI_REGISTRY_USER/CI_REGISTRY_PASSWORD"
      });
    }
    const jobToken = envSecret(this.ctx, "CI_JOB_TOKEN");
    if (jobToken) {
      return Promise.resolve({
        credentials: { username: "gitlab-ci-token", password: jobToken },
        source: "CI_JOB_TOKEN"
      });
    }
    return Promise.resolve(ANONYMOUS);
  }
};

// src/providers/detect.ts
var ECR_HOST = /^(\d{12})\.(?:dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws)$/;
var GAR_HOST = /^([a-z0-9-]+)-docker\.pkg\.dev$/;
var GCR_HOST = /^(?:[a-z]+\.)?gcr\.io$/;
var ACR_HOST = /^[a-z0-9]+\.azurecr\.(?:io|cn|us)$/;
var ECR_PUBLIC_HOST = "public.ecr.aws";
function parseEcrHost(host) {
  const m = ECR_HOST.exec(host.toLowerCase());
  if (!m) return void 0;
  return { accountId: m[1], region: m[2] ?? m[3] };
}
function garLocation(host) {
  return GAR_HOST.exec(host.toLowerCase())?.[1];
}
function isGoogleHost(host) {
  const h = host.toLowerCase();
  return GAR_HOST.test(h) || GCR_HOST.test(h);
}
function gitlabRegistry(env) {
  const value = env.CI_REGISTRY?.trim();
  return value ? normalizeRegistry(value.replace(/^https?:\/\//, "").replace(/\/+$/, "")) : void 0;
}
function isProvider(value) {
  return REGISTRY_PROVIDERS.includes(value);
}
function providerForHost(registryHost, env = {}) {
  const host = normalizeRegistry(registryHost);
  if (host === gitlabRegistry(env)) return "gitlab";
  if (parseEcrHost(host)) return "ecr";
  if (host === ECR_PUBLIC_HOST) return "ecr-public";
  if (isGoogleHost(host)) return "gar";
  if (ACR_HOST.test(host)) return "acr";
  if (host === "docker.io") return "dockerhub";
  if (host === "ghcr.io") return "ghcr";
  return "generic";
}
function targetRegistry(inputs) {
  return inputs.image ? parseRepository(inputs.image).registry : void 0;
}
function detectProvider(registryHost, inputs, env = {}, target2 = targetRegistry(inputs)) {
  const chosen = inputs["registry-provider"];
  if (isProvider(chosen) && target2 !== void 0 && normalizeRegistry(registryHost) === target2) {
    return chosen;
  }
  return providerForHost(registryHost, env);
}

// src/providers/docker-config.ts
import { readFile as readFile2 } from "node:fs/promises";
import path2 from "node:path";

// src/providers/credential-helper.ts
import { execFile as execFile2 } from "node:child_process";
var HELPER_TIMEOUT_MS = 3e4;
var NOT_FOUND = "credentials not found in native keychain";
var TOKEN_USERNAME = "<token>";
function helperGet(name, serverUrl2, env, timeoutMs = HELPER_TIMEOUT_MS) {
  const program = `docker-credential-${name}`;
  return new Promise((resolve14) => {
    const child2 = execFile2(
      program,
      ["get"],
      { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, encoding: "utf8", shell: false },
      (error, stdout, stderr) => {
        if (!error) {
          resolve14(parseAnswer(stdout));
          return;
        }
        const said = firstLine(stdout) || firstLine(stderr);
        if (said === NOT_FOUND) {
          resolve14({ kind: "not-found" });
        } else if (error.code === "ENOENT") {
          resolve14({ kind: "failed", reason: "not found on PATH" });
        } else if (error.killed) {
          resolve14({ kind: "failed", reason: `no answer in ${timeoutMs / 1e3}s` });
        } else {
          const detail = said && !said.startsWith("{") ? `: ${secrets.redact(said).slice(0, 200)}` : "";
          resolve14({ kind: "failed", reason: `${exitOf(error)}${detail}` });
        }
      }
    );
    child2.stdin?.on("error", () => void 0);
    child2.stdin?.end(serverUrl2);
  });
}
function exitOf(error) {
  if (typeof error.code === "number") return `exit code ${error.code}`;
  if (typeof error.signal === "string") return `signal ${error.signal}`;
  return error.message;
}
function firstLine(text4) {
  return text4.trim().split("\n")[0]?.trim() ?? "";
}
function parseAnswer(stdout) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { kind: "failed", reason: "its answer is not JSON" };
  }
  if (typeof parsed !== "object" || parsed === null) {
    return { kind: "failed", reason: "its answer is not a JSON object" };
  }
  const fields = parsed;
  const username = typeof fields.Username === "string" ? fields.Username : "";
  const secret = typeof fields.Secret === "string" ? fields.Secret : "";
  secrets.add(secret);
  if (!secret) return { kind: "not-found" };
  if (username === TOKEN_USERNAME) return { kind: "found", credentials: { identityToken: secret } };
  if (!username) return { kind: "failed", reason: "its answer has a Secret but no Username" };
  return { kind: "found", credentials: { username, password: secret } };
}

// src/providers/docker-config.ts
var DOCKER_HUB_INDEX = "https://index.docker.io/v1/";
function authFiles(env) {
  const pick = (name) => env[name]?.trim() || void 0;
  const home = pick("HOME");
  const files = [];
  const containers = (file) => files.push({ path: file, format: "containers" });
  const registryAuthFile = pick("REGISTRY_AUTH_FILE");
  if (registryAuthFile) {
    containers(registryAuthFile);
  } else {
    const runtimeDir = pick("XDG_RUNTIME_DIR");
    if (runtimeDir) containers(path2.join(runtimeDir, "containers", "auth.json"));
    const configHome = pick("XDG_CONFIG_HOME") ?? (home && path2.join(home, ".config"));
    if (configHome) containers(path2.join(configHome, "containers", "auth.json"));
  }
  const dockerDir = pick("DOCKER_CONFIG") ?? (home && path2.join(home, ".docker"));
  if (dockerDir) files.push({ path: path2.join(dockerDir, "config.json"), format: "docker" });
  return files;
}
async function readAuthFile(file, shown, logger) {
  let text4;
  try {
    text4 = await readFile2(file.path, "utf8");
  } catch {
    return void 0;
  }
  let parsed;
  try {
    parsed = JSON.parse(text4);
  } catch {
    logger.debug(`${shown} is not valid JSON; its logins are ignored.`);
    return void 0;
  }
  if (!isRecord(parsed)) {
    logger.debug(`${shown} is not a JSON object; its logins are ignored.`);
    return void 0;
  }
  const auths = parsed.auths ?? {};
  const credHelpers = parsed.credHelpers ?? {};
  if (!isRecord(auths) || !isRecord(credHelpers)) {
    logger.debug(`${shown}: "auths" or "credHelpers" is not an object; its logins are ignored.`);
    return void 0;
  }
  const credsStore = typeof parsed.credsStore === "string" ? parsed.credsStore : void 0;
  return { auths, credHelpers, credsStore };
}
function keyRegistry(key, format) {
  const schemeless = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const slash = schemeless.indexOf("/");
  if (slash < 0) return normalizeRegistry(schemeless);
  if (format === "containers" && schemeless === key) return void 0;
  return normalizeRegistry(schemeless.slice(0, slash));
}
function lookup(map, host, file) {
  const exact = serverUrl(host, file);
  if (Object.hasOwn(map, exact)) return { key: exact, value: map[exact] };
  for (const [key, value] of Object.entries(map)) {
    if (keyRegistry(key, file.format) === host) return { key, value };
  }
  return void 0;
}
function serverUrl(host, file) {
  return file.format === "docker" && host === DOCKER_HUB ? DOCKER_HUB_INDEX : host;
}
function text2(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function entryCredentials(entry) {
  if (!isRecord(entry)) return "malformed";
  const auth = text2(entry.auth);
  let username = text2(entry.username);
  let password = text2(entry.password);
  if (auth) {
    secrets.add(auth);
    const decoded = Buffer.from(auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return "malformed";
    username = decoded.slice(0, colon) || void 0;
    password = decoded.slice(colon + 1) || void 0;
  }
  secrets.add(password);
  const registryToken = text2(entry.registrytoken);
  secrets.add(registryToken);
  if (registryToken) return { registryToken };
  const identityToken = text2(entry.identitytoken);
  secrets.add(identityToken);
  if (identityToken) {
    return username && username !== TOKEN_USERNAME ? { username, identityToken } : { identityToken };
  }
  if (username && password) return { username, password };
  return void 0;
}
function shownPath(file, env) {
  const home = env.HOME?.trim().replace(/\/+$/, "");
  return home && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}
async function loginCredentials(host, env, logger) {
  for (const file of authFiles(env)) {
    const shown = shownPath(file.path, env);
    const config = await readAuthFile(file, shown, logger);
    if (!config) continue;
    const named = text2(lookup(config.credHelpers, host, file)?.value);
    const helper = named ? { name: named, via: "credHelpers" } : file.format === "docker" && config.credsStore ? { name: config.credsStore, via: "credsStore" } : void 0;
    if (helper) {
      const program = `docker-credential-${helper.name}`;
      const answer = await helperGet(helper.name, serverUrl(host, file), env);
      if (answer.kind === "found") {
        return {
          credentials: answer.credentials,
          source: `${program} (${helper.via} in ${shown})`
        };
      }
      if (answer.kind === "failed") {
        logger.warn(
          `${host}: the credential helper ${program} (${helper.via} in ${shown}) failed: ${answer.reason}; continuing without credentials.`
        );
        return void 0;
      }
      logger.debug(`${host}: ${program} holds no credentials for ${serverUrl(host, file)}.`);
      continue;
    }
    const found = lookup(config.auths, host, file);
    if (!found) continue;
    const credentials = entryCredentials(found.value);
    if (credentials === "malformed") {
      logger.debug(`${shown}: the entry "${found.key}" cannot be read; it is ignored.`);
      continue;
    }
    if (!credentials) continue;
    const tool = file.format === "docker" ? "docker login" : "podman login";
    return { credentials, source: `${shown} (${tool})` };
  }
  return void 0;
}

// src/providers/ecr.ts
function decodeToken(service, host, token) {
  if (!token) {
    throw new RunError(
      `${service}: GetAuthorizationToken returned no token for ${host}; try again.`
    );
  }
  secrets.add(token);
  const decoded = Buffer.from(token, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) {
    throw new RunError(
      `${service}: the authorization token for ${host} is not "user:password"; try again.`
    );
  }
  const password = decoded.slice(colon + 1);
  secrets.add(password);
  return { username: decoded.slice(0, colon), password };
}
var EcrProvider = class {
  constructor(ctx, identity2) {
    this.ctx = ctx;
    this.identity = identity2;
  }
  ctx;
  identity;
  name = "ecr";
  clients = /* @__PURE__ */ new Map();
  ensured = new OncePerRepository();
  /** The host's own region first: an ECR token is valid only in the region that issued it. */
  region(host) {
    const region = parseEcrHost(host)?.region || this.ctx.inputs["aws-region"] || this.ctx.env.AWS_REGION || this.ctx.env.AWS_DEFAULT_REGION;
    if (!region) {
      throw new InputError(
        `ECR registry ${host} names no AWS region: set the "aws-region" input (or AWS_REGION).`
      );
    }
    return region;
  }
  async client(region) {
    let client = this.clients.get(region);
    if (!client) {
      const { ECRClient } = await importCommonJs(() => import("./dist-cjs-VNY7M6EX.js"));
      client = new ECRClient({ region, credentials: this.identity.source(region) });
      this.clients.set(region, client);
    }
    return client;
  }
  async credentials(host) {
    const client = await this.client(this.region(host));
    const { GetAuthorizationTokenCommand } = await importCommonJs(
      () => import("./dist-cjs-VNY7M6EX.js")
    );
    let data;
    try {
      const out = await client.send(new GetAuthorizationTokenCommand({}));
      data = out.authorizationData?.[0];
    } catch (error) {
      throw awsFailure("ECR", "ecr:GetAuthorizationToken", host, error);
    }
    return {
      credentials: decodeToken("ECR", host, data?.authorizationToken),
      expiresAt: data?.expiresAt?.getTime(),
      source: `ECR GetAuthorizationToken with ${this.identity.describe()}`
    };
  }
  ensureRepository(target2) {
    return this.ensured.run(target2, (t) => this.createIfMissing(t));
  }
  /** DescribeRepositories, then CreateRepository only when ECR says it does not exist. */
  async createIfMissing({ registry, repository }) {
    const ecr = await importCommonJs(() => import("./dist-cjs-VNY7M6EX.js"));
    const client = await this.client(this.region(registry));
    const registryId = parseEcrHost(registry)?.accountId;
    try {
      await client.send(
        new ecr.DescribeRepositoriesCommand({ registryId, repositoryNames: [repository] })
      );
      this.ctx.logger.debug(`ecr: repository ${repository} exists in ${registry}`);
      return;
    } catch (error) {
      const name = awsErrorName(error);
      if (name === "AccessDeniedException") {
        this.ctx.logger.warn(
          `ecr: not allowed to check whether repository ${repository} exists in ${registry} (ecr:DescribeRepositories denied); assuming it does. Allow ecr:DescribeRepositories so Slipway can create it when missing.`
        );
        return;
      }
      if (name !== "RepositoryNotFoundException") {
        throw awsFailure("ECR", "ecr:DescribeRepositories", registry, error);
      }
    }
    const mutability = this.ctx.inputs["image-tag-mutability"] === "IMMUTABLE" ? "IMMUTABLE" : "MUTABLE";
    const scanOnPush = this.ctx.inputs["scan-on-push"];
    try {
      await client.send(
        new ecr.CreateRepositoryCommand({
          registryId,
          repositoryName: repository,
          imageTagMutability: mutability,
          imageScanningConfiguration: { scanOnPush }
        })
      );
      this.ctx.logger.info(
        `ecr: created repository ${repository} in ${registry} (tags ${mutability}, scan on push ${scanOnPush})`
      );
    } catch (error) {
      const name = awsErrorName(error);
      if (name === "RepositoryAlreadyExistsException") return;
      if (name === "AccessDeniedException") {
        throw new RunError(
          `ECR: repository ${repository} does not exist in ${registry} and AWS denied ecr:CreateRepository: allow the IAM action ecr:CreateRepository, or create the repository yourself and set "create-repository: false".`
        );
      }
      throw awsFailure("ECR", "ecr:CreateRepository", registry, error);
    }
  }
};
function ecrPublicRepository({ registry, repository }) {
  const slash = repository.indexOf("/");
  if (slash <= 0 || slash === repository.length - 1) {
    throw new InputError(
      `ECR Public image ${registry}/${repository} names no registry alias: write it as public.ecr.aws/<alias>/<repository> (the alias is shown in the ECR Public console), or set "create-repository: false".`
    );
  }
  return { alias: repository.slice(0, slash), name: repository.slice(slash + 1) };
}
var EcrPublicProvider = class {
  constructor(ctx, identity2) {
    this.ctx = ctx;
    this.identity = identity2;
  }
  ctx;
  identity;
  name = "ecr-public";
  ensured = new OncePerRepository();
  /** The ECR Public API exists in us-east-1 only, whatever region the registry is used from. */
  async withClient(use) {
    const { ECRPUBLICClient } = await importCommonJs(() => import("./dist-cjs-MYJ7OCLW.js"));
    const region = "us-east-1";
    const client = new ECRPUBLICClient({ region, credentials: this.identity.source(region) });
    try {
      return await use(client);
    } finally {
      client.destroy();
    }
  }
  async credentials(host) {
    const { GetAuthorizationTokenCommand } = await importCommonJs(
      () => import("./dist-cjs-MYJ7OCLW.js")
    );
    return this.withClient(async (client) => {
      try {
        const out = await client.send(new GetAuthorizationTokenCommand({}));
        const data = out.authorizationData;
        return {
          credentials: decodeToken("ECR Public", host, data?.authorizationToken),
          expiresAt: data?.expiresAt?.getTime(),
          source: `ECR Public GetAuthorizationToken with ${this.identity.describe()}`
        };
      } catch (error) {
        throw awsFailure(
          "ECR Public",
          "ecr-public:GetAuthorizationToken",
          host,
          error,
          "ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken"
        );
      }
    });
  }
  ensureRepository(target2) {
    return this.ensured.run(target2, (t) => this.createIfMissing(t));
  }
  /** DescribeRepositories, then CreateRepository only when ECR Public says it does not exist. */
  async createIfMissing(target2) {
    const { registry } = target2;
    const { alias, name } = ecrPublicRepository(target2);
    const api = await importCommonJs(() => import("./dist-cjs-MYJ7OCLW.js"));
    await this.withClient(async (client) => {
      try {
        await client.send(new api.DescribeRepositoriesCommand({ repositoryNames: [name] }));
        this.ctx.logger.debug(`ecr-public: repository ${name} exists in ${registry}/${alias}`);
        return;
      } catch (error) {
        const code = awsErrorName(error);
        if (code === "AccessDeniedException") {
          this.ctx.logger.warn(
            `ecr-public: not allowed to check whether repository ${name} exists in ${registry}/${alias} (ecr-public:DescribeRepositories denied); assuming it does. Allow ecr-public:DescribeRepositories so Slipway can create it when missing.`
          );
          return;
        }
        if (code !== "RepositoryNotFoundException") {
          throw awsFailure("ECR Public", "ecr-public:DescribeRepositories", registry, error);
        }
      }
      try {
        await client.send(new api.CreateRepositoryCommand({ repositoryName: name }));
        this.ctx.logger.info(`ecr-public: created repository ${name} in ${registry}/${alias}`);
      } catch (error) {
        const code = awsErrorName(error);
        if (code === "RepositoryAlreadyExistsException") return;
        if (code === "AccessDeniedException") {
          throw new RunError(
            `ECR Public: repository ${name} does not exist in ${registry}/${alias} and AWS denied ecr-public:CreateRepository: allow the IAM action ecr-public:CreateRepository, or create the repository yourself and set "create-repository: false".`
          );
        }
        throw awsFailure("ECR Public", "ecr-public:CreateRepository", registry, error);
      }
    });
  }
};

// src/providers/gar.ts
import fsp from "node:fs/promises";
var SCOPE = "https://www.googleapis.com/auth/cloud-platform";
var GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
var STS_URL = "https://sts.googleapis.com/v1/token";
var IAM_CREDENTIALS_URL = "https://iamcredentials.googleapis.com";
var WIP_RE = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/;
var STATUS = {
  NOT_FOUND: { grpc: 5, http: 404 },
  PERMISSION_DENIED: { grpc: 7, http: 403 },
  ALREADY_EXISTS: { grpc: 6, http: 409 }
};
function hasStatus(error, name) {
  const e = shape(error);
  const { grpc, http } = STATUS[name];
  return e.code === grpc || e.code === http || e.status === http || e.response?.status === http;
}
function shape(error) {
  return typeof error === "object" && error !== null ? error : {};
}
function text3(value) {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}
function googleSaid(error) {
  const data = shape(error).response?.data;
  if (typeof data === "object" && data !== null) {
    const d = data;
    if (typeof d.error === "string") {
      return typeof d.error_description === "string" ? `${d.error}: ${d.error_description}` : d.error;
    }
    if (typeof d.error === "object" && d.error !== null) {
      const e = d.error;
      return `${text3(e.status)}: ${text3(e.message)}`;
    }
  }
  return errorMessage(error);
}
var GarProvider = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "gar";
  client;
  ensured = new OncePerRepository();
  get wip() {
    return this.ctx.inputs["gcp-workload-identity-provider"].replace(
      /^\/\/iam\.googleapis\.com\//,
      ""
    );
  }
  describe() {
    const sa = this.ctx.inputs["gcp-service-account"];
    if (this.wip) return `workload identity ${this.wip}${sa ? ` as ${sa}` : ""}`;
    return "Google application default credentials";
  }
  authClient() {
    if (!this.client) {
      const pending = this.wip ? this.federated() : this.applicationDefault();
      this.client = pending;
      pending.catch(() => {
        if (this.client === pending) this.client = void 0;
      });
    }
    return this.client;
  }
  /**
   * Workload identity federation built in memory (never written to disk, unlike the CI auth
   * actions' credential files): STS exchanges the CI's OIDC token, then IAM Credentials
   * impersonates gcp-service-account when one is given.
   */
  async federated() {
    const wip = this.wip;
    if (!WIP_RE.test(wip)) {
      throw new InputError(
        `Input "gcp-workload-identity-provider" is "${wip}"; write projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER.`
      );
    }
    const endpoints = endpointsOf(this.ctx);
    const sa = this.ctx.inputs["gcp-service-account"];
    const iam = (endpoints.googleIamCredentials ?? IAM_CREDENTIALS_URL).replace(/\/+$/, "");
    const { IdentityPoolClient } = await importCommonJs(() => import("./src-JCFMORLN.js"));
    return new IdentityPoolClient({
      type: "external_account",
      audience: `//iam.googleapis.com/${wip}`,
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_url: endpoints.googleSts ?? STS_URL,
      service_account_impersonation_url: sa ? `${iam}/v1/projects/-/serviceAccounts/${sa}:generateAccessToken` : void 0,
      // The audience google-github-actions/auth asks the CI for, so existing pools accept it.
      subject_token_supplier: {
        getSubjectToken: () => requireOidcToken(
          this.ctx,
          `https://iam.googleapis.com/${wip}`,
          "gcp-workload-identity-provider"
        )
      }
    });
  }
  async applicationDefault() {
    const { GoogleAuth } = await importCommonJs(() => import("./src-JCFMORLN.js"));
    const auth = new GoogleAuth({ scopes: [SCOPE] });
    const file = this.ctx.env.GOOGLE_APPLICATION_CREDENTIALS;
    if (!file) {
      try {
        return await auth.getClient();
      } catch (error) {
        throw this.noCredentials(error);
      }
    }
    let text4;
    try {
      text4 = await fsp.readFile(file, "utf8");
    } catch (error) {
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which is not readable (${errorMessage(error)}): point it at the key or external_account file.`
      );
    }
    let json;
    try {
      json = JSON.parse(text4);
    } catch {
      registerKeyLike(text4);
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS file ${file} is not valid JSON: point it at the key or external_account file as Google issued it.`
      );
    }
    if (typeof json !== "object" || json === null) {
      throw new InputError(`GOOGLE_APPLICATION_CREDENTIALS file ${file} is not a JSON object.`);
    }
    const creds = json;
    if (typeof creds.private_key === "string") secrets.add(creds.private_key);
    const client = auth.fromJSON(json);
    const tokenUri = creds.token_uri;
    if (typeof tokenUri === "string" && tokenUri !== GOOGLE_TOKEN_URL) {
      client.transporter.interceptors.request.add({
        resolved: (config) => {
          if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
          return Promise.resolve(config);
        }
      });
    }
    return client;
  }
  noCredentials(error) {
    return new RunError(
      `Artifact Registry: no Google credentials (${secrets.redact(errorMessage(error))}): set "gcp-workload-identity-provider" (keyless, with the CI's OIDC token) or GOOGLE_APPLICATION_CREDENTIALS (e.g. from google-github-actions/auth).`
    );
  }
  tokenFailure(host, error) {
    if (error instanceof SlipwayError) return error;
    const said = secrets.redact(googleSaid(error));
    const rawUrl = shape(error).config?.url;
    const url2 = rawUrl instanceof URL ? rawUrl.href : text3(rawUrl);
    const sa = this.ctx.inputs["gcp-service-account"];
    if (url2.includes(":generateAccessToken")) {
      return new RunError(
        `Artifact Registry: Google refused to impersonate "gcp-service-account" ${sa} for ${host} (${said}): grant roles/iam.workloadIdentityUser on ${sa} to the workload identity pool's principal for this repository.`
      );
    }
    if (this.wip) {
      return new RunError(
        `Artifact Registry: Google STS rejected the CI's OIDC token for "gcp-workload-identity-provider" ${this.wip} (${said}): check the provider name, its issuer and its attribute condition, and that the token is fresh.`
      );
    }
    if (/could not load the default credentials/i.test(said)) return this.noCredentials(error);
    if (/invalid_grant/.test(said)) {
      return new RunError(
        `Artifact Registry: Google rejected the credentials in GOOGLE_APPLICATION_CREDENTIALS for ${host} as expired or revoked (${said}): create a new key, re-run the CI's Google auth step, or use "gcp-workload-identity-provider".`
      );
    }
    return new RunError(
      `Artifact Registry: getting a Google access token for ${host} failed (${said}).`
    );
  }
  async credentials(host) {
    let token;
    let expiresAt;
    try {
      const client = await this.authClient();
      const res = await client.getAccessToken();
      token = res.token;
      expiresAt = client.credentials.expiry_date ?? void 0;
    } catch (error) {
      throw this.tokenFailure(host, error);
    }
    if (!token)
      throw new RunError(
        `Artifact Registry: Google returned no access token for ${host}; try again.`
      );
    secrets.add(token);
    return {
      credentials: { username: "oauth2accesstoken", password: token },
      expiresAt,
      source: this.describe()
    };
  }
  ensureRepository(target2) {
    return this.ensured.run(target2, (t) => this.createIfMissing(t));
  }
  /** GetRepository, then CreateRepository (format DOCKER) only when Google says NOT_FOUND. */
  async createIfMissing({ registry, repository }) {
    const location = garLocation(registry);
    if (!location) return;
    const [project, repo, ...image] = repository.split("/");
    if (!project || !repo || image.length === 0) {
      throw new InputError(
        `Input "image": Artifact Registry images are ${registry}/PROJECT/REPOSITORY/IMAGE, not ${registry}/${repository}.`
      );
    }
    const parent = `projects/${project}/locations/${location}`;
    const name = `${parent}/repositories/${repo}`;
    const client = await this.apiClient(registry);
    try {
      try {
        await client.getRepository({ name });
        this.ctx.logger.debug(`gar: repository ${name} exists`);
        return;
      } catch (error) {
        if (hasStatus(error, "PERMISSION_DENIED")) {
          this.ctx.logger.warn(
            `gar: not allowed to read repository ${name} (needs roles/artifactregistry.reader); assuming it exists.`
          );
          return;
        }
        if (!hasStatus(error, "NOT_FOUND")) throw this.apiFailure("GetRepository", name, error);
      }
      try {
        const [operation] = await client.createRepository({
          parent,
          repositoryId: repo,
          repository: { format: "DOCKER" }
        });
        await operation.promise();
        this.ctx.logger.info(`gar: created repository ${name} (format DOCKER)`);
      } catch (error) {
        if (hasStatus(error, "PERMISSION_DENIED")) {
          throw new RunError(
            `Artifact Registry: repository ${name} does not exist and Google denied creating it (artifactregistry.repositories.create): grant roles/artifactregistry.repoAdmin or roles/artifactregistry.admin, or create the repository yourself and set "create-repository: false".`
          );
        }
        if (hasStatus(error, "ALREADY_EXISTS")) return;
        throw this.apiFailure("CreateRepository", name, error);
      }
    } finally {
      await client.close();
    }
  }
  apiFailure(method, name, error) {
    if (error instanceof SlipwayError) return error;
    return new RunError(
      `Artifact Registry: ${method} ${name} failed (${secrets.redact(googleSaid(error))}).`
    );
  }
  async apiClient(registry) {
    const authClient = await this.authClient().catch((error) => {
      throw this.tokenFailure(registry, error);
    });
    const { ArtifactRegistryClient } = await importCommonJs(
      () => import("./src-LMBMAXRY.js")
    );
    const base = endpointsOf(this.ctx).artifactRegistry;
    const endpoint = base ? new URL(base) : void 0;
    return new ArtifactRegistryClient({
      authClient,
      fallback: true,
      ...endpoint && {
        apiEndpoint: endpoint.hostname,
        port: Number(endpoint.port) || (endpoint.protocol === "http:" ? 80 : 443),
        protocol: endpoint.protocol.replace(":", "")
      }
    });
  }
};
function registerKeyLike(text4) {
  for (const m of text4.matchAll(
    /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g
  ))
    secrets.add(m[0]);
  for (const m of text4.matchAll(/"private_key"\s*:\s*"((?:[^"\\]|\\.)*)/g)) {
    secrets.add(m[1]);
    try {
      secrets.add(JSON.parse(`"${m[1]}"`));
    } catch {
    }
  }
}

// src/providers/hints.ts
function permissionHint(provider, access2) {
  const push = access2 === "push";
  switch (provider) {
    case "ecr":
      return push ? "allow the IAM actions ecr:BatchCheckLayerAvailability, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload and ecr:PutImage on the repository" : "allow the IAM actions ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository";
    case "ecr-public":
      return push ? "allow the IAM actions ecr-public:BatchCheckLayerAvailability, ecr-public:InitiateLayerUpload, ecr-public:UploadLayerPart, ecr-public:CompleteLayerUpload and ecr-public:PutImage on the repository" : "public images need no credentials; check the repository name";
    case "gar":
      return push ? "grant roles/artifactregistry.writer on the repository to the identity Slipway runs as" : "grant roles/artifactregistry.reader on the repository to the identity Slipway runs as";
    case "acr":
      return push ? "assign the AcrPush role on the registry to the identity Slipway runs as" : "assign the AcrPull role on the registry to the identity Slipway runs as";
    case "dockerhub":
      return push ? "use a Docker Hub access token with Read & Write scope for a namespace the user may push to" : "check the repository name, and log in for a private repository";
    case "ghcr":
      return push ? 'give the job "permissions: packages: write" (GITHUB_TOKEN) and connect the package to this repository, or use a token with write:packages' : 'give the job "permissions: packages: read", or use a token with read:packages';
    case "gitlab":
      return push ? "CI_JOB_TOKEN may push only to this project's registry: push to $CI_REGISTRY_IMAGE or use a deploy token with write_registry" : `allow this project in the other project's "CI/CD job token" allowlist, or use a deploy token with read_registry`;
    case "generic":
      return 'check the "username" and "password" inputs (or, without them, the `docker login`/`podman login` made before the run) and that the user may access the repository';
  }
}

// src/providers/index.ts
var USES_EXISTING_LOGINS = /* @__PURE__ */ new Set([
  "generic",
  "dockerhub",
  "ghcr",
  "gitlab"
]);
var RENEW_BEFORE_MS = 5 * 6e4;
var sessions = /* @__PURE__ */ new WeakMap();
function providerFor(ctx, name) {
  let providers = sessions.get(ctx);
  if (!providers) {
    providers = /* @__PURE__ */ new Map();
    sessions.set(ctx, providers);
  }
  let provider = providers.get(name);
  if (!provider) {
    provider = createProvider(ctx, name, providers);
    providers.set(name, provider);
  }
  return provider;
}
function createProvider(ctx, name, providers) {
  const awsIdentity = () => {
    const other = providers.get(name === "ecr" ? "ecr-public" : "ecr");
    return other instanceof EcrProvider || other instanceof EcrPublicProvider ? other.identity : new AwsIdentity(ctx);
  };
  switch (name) {
    case "ecr":
      return new EcrProvider(ctx, awsIdentity());
    case "ecr-public":
      return new EcrPublicProvider(ctx, awsIdentity());
    case "gar":
      return new GarProvider(ctx);
    case "acr":
      return new AcrProvider(ctx);
    case "ghcr":
      return new GhcrProvider(ctx);
    case "gitlab":
      return new GitlabProvider(ctx);
    case "dockerhub":
    case "generic":
      return new StaticProvider(name);
  }
}
async function issue(ctx, host, target2) {
  const isTarget = host === target2;
  const name = detectProvider(host, ctx.inputs, ctx.env, target2);
  const fromInputs = isTarget ? inputCredentials(ctx, name) : void 0;
  if (fromInputs) return fromInputs;
  try {
    const issued = await providerFor(ctx, name).credentials(host, isTarget);
    if (issued.credentials || !USES_EXISTING_LOGINS.has(name)) return issued;
    return await loginCredentials(host, ctx.env, ctx.logger) ?? issued;
  } catch (error) {
    if (isTarget) throw error;
    ctx.logger.warn(
      `${host}: no ${name} credentials for pulling (${secrets.redact(errorMessage(error))}); trying anonymously.`
    );
    return ANONYMOUS_CREDENTIALS;
  }
}
function credentialResolver(ctx, target2 = targetRegistry(ctx.inputs)) {
  const targetHost = target2 === void 0 ? void 0 : normalizeRegistry(target2);
  const cache2 = /* @__PURE__ */ new Map();
  return async (registryHost) => {
    const host = normalizeRegistry(registryHost);
    let pending = cache2.get(host);
    if (pending) {
      const issued = await pending.catch(() => void 0);
      if (!issued || issued.expiresAt !== void 0 && issued.expiresAt - RENEW_BEFORE_MS < Date.now()) {
        pending = void 0;
      }
    }
    if (!pending) {
      const fresh = issue(ctx, host, targetHost);
      pending = fresh;
      cache2.set(host, fresh);
      fresh.then(
        (issued) => {
          const verb = issued.credentials ? "credentials from" : "access:";
          ctx.logger.info(`${host}: ${verb} ${issued.source}`);
        },
        () => cache2.delete(host)
      );
    }
    return (await pending).credentials;
  };
}
async function ensureRepository(ctx, target2) {
  if (!ctx.inputs["create-repository"]) return;
  const registry = normalizeRegistry(target2.registry);
  const name = detectProvider(registry, ctx.inputs, ctx.env, registry);
  await providerFor(ctx, name).ensureRepository?.({ registry, repository: target2.repository });
}
function accessHint(ctx, registryHost, access2, target2 = targetRegistry(ctx.inputs)) {
  const name = detectProvider(
    registryHost,
    ctx.inputs,
    ctx.env,
    target2 && normalizeRegistry(target2)
  );
  return permissionHint(name, access2);
}
function registryAccess(ctx, target2) {
  const targetHost = target2?.registry ?? targetRegistry(ctx.inputs);
  return {
    credentials: credentialResolver(ctx, targetHost),
    caPem: readRegistryCa(ctx.inputs),
    ensureRepository: (repository) => ensureRepository(ctx, repository),
    hint: (host, access2) => accessHint(ctx, host, access2, targetHost)
  };
}
function oidcTokenFromEnv(env, variable2) {
  return () => {
    const token = env[variable2]?.trim() || void 0;
    secrets.add(token);
    return Promise.resolve(token);
  };
}

// src/run/build.ts
import { readFileSync as readFileSync5, writeFileSync as writeFileSync2 } from "node:fs";
import { homedir } from "node:os";
import { join as join25, resolve as resolve11 } from "node:path";

// src/assemble/docker.ts
import { chmod, mkdtemp, readFile as readFile3, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join3 } from "node:path";

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str3 = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str3 = str3.replaceAll("_", "");
  return state > 1 ? parseFloat(str3) : parseInteger(ctx, str3, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str3 = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str3 = str3.replaceAll("_", "");
  return parseInteger(ctx, str3, base, startPtr);
}
function parseInteger(ctx, str3, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str3, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str3) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str3);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str3, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str3, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str3 += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str3);
      case 2:
        return Temporal.PlainDateTime.from(str3);
      case 3:
        return Temporal.PlainDate.from(str3);
      case 4:
        return Temporal.PlainTime.from(str3);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/connectors/shell-words.ts
var WordError = class extends Error {
};
var Scanner = class {
  constructor(text4) {
    this.text = text4;
  }
  text;
  pos = 0;
  peek(offset = 0) {
    return this.text[this.pos + offset];
  }
  next() {
    return this.text[this.pos++];
  }
  done() {
    return this.pos >= this.text.length;
  }
};
function processWords(text4, lookup2, escape = "\\") {
  return lex(text4, lookup2, escape, true);
}
function processWord(text4, lookup2, escape = "\\") {
  return lex(text4, lookup2, escape, false).join("");
}
function lex(text4, lookup2, escape, split) {
  const s = new Scanner(text4);
  const words2 = [];
  let current = "";
  let inWord = false;
  while (!s.done()) {
    const ch = s.next();
    if (split && /\s/.test(ch)) {
      if (inWord) words2.push(current);
      current = "";
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === escape) {
      const nextCh = s.next();
      current += nextCh ?? "";
    } else if (ch === "'") {
      current += singleQuoted(s);
    } else if (ch === '"') {
      current += doubleQuoted(s, lookup2, escape);
    } else if (ch === "$") {
      current += variable(s, lookup2, escape);
    } else {
      current += ch;
    }
  }
  if (inWord) words2.push(current);
  return words2;
}
function singleQuoted(s) {
  let out = "";
  for (; ; ) {
    const ch = s.next();
    if (ch === void 0) throw new WordError("unterminated single quote");
    if (ch === "'") return out;
    out += ch;
  }
}
function doubleQuoted(s, lookup2, escape) {
  let out = "";
  for (; ; ) {
    const ch = s.next();
    if (ch === void 0) throw new WordError("unterminated double quote");
    if (ch === '"') return out;
    if (ch === escape) {
      const peek = s.peek();
      if (peek === '"' || peek === "$" || peek === escape) out += s.next();
      else out += ch;
    } else if (ch === "$") {
      out += variable(s, lookup2, escape);
    } else {
      out += ch;
    }
  }
}
var NAME_CHAR = /[A-Za-z0-9_]/;
function variable(s, lookup2, escape) {
  const first = s.peek();
  if (first === "{") {
    s.next();
    let name2 = "";
    while (s.peek() !== void 0 && NAME_CHAR.test(s.peek())) name2 += s.next();
    const after = s.next();
    if (after === "}") return lookup2(name2) ?? "";
    let modifier = after ?? "";
    if (modifier === ":") modifier += s.next() ?? "";
    let depth2 = 0;
    let raw = "";
    for (; ; ) {
      const ch = s.next();
      if (ch === void 0) throw new WordError(`missing } in \${${name2}`);
      if (ch === "}" && depth2 === 0) break;
      if (ch === "{") depth2++;
      if (ch === "}") depth2--;
      raw += ch;
    }
    const word3 = processWord(raw, lookup2, escape);
    const value = lookup2(name2);
    switch (modifier) {
      case ":-":
        return value ? value : word3;
      case "-":
        return value ?? word3;
      case ":+":
        return value ? word3 : "";
      case "+":
        return value !== void 0 ? word3 : "";
      case ":?":
      case "?":
        if (value === void 0 || modifier === ":?" && value === "") {
          throw new WordError(`${name2}: ${word3 || "is not set"}`);
        }
        return value;
      default:
        throw new WordError(`unsupported modifier "${modifier}" in \${${name2}...}`);
    }
  }
  let name = "";
  while (s.peek() !== void 0 && NAME_CHAR.test(s.peek())) name += s.next();
  if (name === "") return "$";
  return lookup2(name) ?? "";
}

// src/toolchain/process.ts
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
var TAIL_LINES = 20;
function runProcess(run3) {
  return new Promise((resolve14, reject) => {
    const child2 = spawn(run3.command, run3.args, {
      cwd: run3.cwd,
      env: run3.env ?? process.env,
      stdio: [run3.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
      shell: false
    });
    const stdout = [];
    const tail = [];
    const keep = (line) => {
      if (run3.log === "info") run3.logger.info(line);
      else run3.logger.debug(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const closed = [
      new Promise(
        (done) => createInterface({ input: child2.stdout, crlfDelay: Infinity }).on("line", (line) => {
          stdout.push(line);
          keep(line);
        }).on("close", done)
      ),
      new Promise(
        (done) => createInterface({ input: child2.stderr, crlfDelay: Infinity }).on("line", keep).on("close", done)
      )
    ];
    const timer = run3.timeoutMs === void 0 ? void 0 : setTimeout(() => child2.kill("SIGKILL"), run3.timeoutMs);
    child2.on("error", (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child2.on("close", (code, signal) => {
      if (timer) clearTimeout(timer);
      void Promise.all(closed).then(() => resolve14({ code, signal, stdout, tail }));
    });
    if (run3.input !== void 0) child2.stdin?.end(run3.input);
  });
}
var BuildError = class extends RunError {
  constructor(message, toolExitCode, tail) {
    super(message);
    this.toolExitCode = toolExitCode;
    this.tail = tail;
  }
  toolExitCode;
  tail;
};
async function runTool(run3) {
  let result;
  try {
    result = await runProcess({ ...run3, log: "info" });
  } catch (err) {
    const e = err;
    if (e.code === "ENOENT") {
      throw new BuildError(`${run3.command} was not found on PATH; ${run3.missingHint}.`, null, []);
    }
    throw new BuildError(`${run3.title} could not start in ${run3.cwd}: ${e.message}.`, null, []);
  }
  const { code, signal, tail } = result;
  if (code === 0) return;
  const how = code === null ? `was killed by ${signal ?? "a signal"}` : `failed with exit code ${code}`;
  const last = tail.length ? `; last lines:
${tail.join("\n")}` : "";
  throw new BuildError(`${run3.title} ${how} in ${run3.cwd}${last}`, code, [...tail]);
}

// src/assemble/docker.ts
function splitCommand(command, env) {
  let words2;
  try {
    words2 = processWords(command, (name) => env[name]);
  } catch (err) {
    if (!(err instanceof WordError)) throw err;
    throw new InputError(
      `Input "docker-command": "${command}" cannot be split into words (${err.message}); close the quote or escape it with a backslash.`
    );
  }
  const [program, ...args] = words2;
  if (!program) {
    throw new InputError(
      'Input "docker-command" is empty; set it to docker or podman (arguments may follow, e.g. podman --storage-driver vfs).'
    );
  }
  return { program, args };
}
var Cli = class {
  constructor(opts, env) {
    this.opts = opts;
    this.env = env;
    const { program, args } = splitCommand(opts.command, env);
    this.program = program;
    this.leading = [...args, ...opts.globalArgs ?? []];
  }
  opts;
  env;
  flavorCache;
  program;
  /** The input's own arguments, then the caller's globalArgs. */
  leading;
  async exec(run3) {
    const { command, logger } = this.opts;
    const args = [...this.leading, ...run3.args];
    logger.debug(`${this.program} ${args.join(" ")}`);
    try {
      return await runProcess({ ...run3, command: this.program, args, env: this.env, logger });
    } catch (err) {
      const e = err;
      const program = this.program === command ? command : `${this.program} (of "${command}")`;
      throw e.code === "ENOENT" ? new InputError(
        `Input "docker-command": ${program} was not found on PATH; install docker or podman, or set docker-command to one that is installed.`
      ) : new RunError(`${program} could not start: ${e.message}.`);
    }
  }
  async ok(run3, what) {
    const result = await this.exec(run3);
    if (result.code !== 0) {
      const last = result.tail.length ? `; last lines:
${result.tail.join("\n")}` : "";
      const hint = engineHint(result.tail);
      throw new RunError(
        `${this.opts.command} ${what} failed with exit code ${result.code ?? "none"}${hint ? `; ${hint}` : ""}${last}`
      );
    }
    return result;
  }
  /** docker and podman take the same commands but differ in digests and TLS flags. */
  async flavor() {
    if (!this.flavorCache) {
      const version = await this.exec({ args: ["--version"], log: "debug" });
      this.flavorCache = version.stdout.join(" ").toLowerCase().includes("podman") ? "podman" : "docker";
    }
    return this.flavorCache;
  }
};
function engineHint(tail) {
  const text4 = tail.join("\n");
  const buildx = "docker's buildx plugin (package docker-buildx or docker-buildx-plugin)";
  if (/buildx component is missing/i.test(text4)) {
    return `DOCKER_BUILDKIT turns BuildKit on, which needs ${buildx}: install it, or unset DOCKER_BUILDKIT`;
  }
  if (/requires BuildKit/i.test(text4)) {
    return `docker fell back to its legacy builder, which cannot run this Dockerfile (COPY --chmod needs BuildKit): install ${buildx}, or use podman as docker-command`;
  }
  if (/server gave HTTP response to HTTPS client/i.test(text4)) {
    return "the registry speaks plain HTTP, which the engine must be told: list it under insecure-registries in dockerd's daemon.json, or as a [[registry]] with insecure = true in the registries.conf of a podman engine";
  }
  return void 0;
}
async function registriesConf(hosts, env) {
  const candidates = [
    env.CONTAINERS_REGISTRIES_CONF,
    env.HOME ? join3(env.HOME, ".config/containers/registries.conf") : void 0,
    "/etc/containers/registries.conf"
  ];
  let base = "";
  for (const file of candidates) {
    if (!file) continue;
    try {
      base = await readFile3(file, "utf8");
      break;
    } catch {
    }
  }
  const locations = new Set(registryLocations(base));
  const entries = hosts.filter((host) => !locations.has(host)).map((host) => `
[[registry]]
location = ${JSON.stringify(host)}
insecure = true
`);
  return `${base}
${entries.join("")}`;
}
function registryLocations(conf) {
  let doc;
  try {
    doc = parse(conf);
  } catch {
    return [];
  }
  const registries = Array.isArray(doc.registry) ? doc.registry : [];
  return registries.map((r) => isRecord(r) ? r.location : void 0).filter((location) => typeof location === "string");
}
var TOKEN_USER = "00000000-0000-0000-0000-000000000000";
async function withLogins(opts, logins, fn) {
  const dir = await mkdtemp(join3(opts.tmpDir ?? tmpdir(), "slipway-docker-auth-"));
  try {
    await chmod(dir, 448);
    const authFile = join3(dir, "auth.json");
    await writeFile(authFile, '{"auths":{}}\n', { mode: 384 });
    const env = {
      ...opts.env ?? process.env,
      DOCKER_CONFIG: dir,
      REGISTRY_AUTH_FILE: authFile
    };
    delete env.DOCKER_AUTH_CONFIG;
    const insecure = opts.insecureRegistries ?? [];
    if (insecure.length > 0) {
      const conf = join3(dir, "registries.conf");
      await writeFile(conf, await registriesConf(insecure, env), { mode: 384 });
      env.CONTAINERS_REGISTRIES_CONF = conf;
    }
    const cli = new Cli(opts, env);
    if (await cli.flavor() === "docker") {
      const config = `${JSON.stringify(dockerConfig(logins))}
`;
      await writeFile(join3(dir, "config.json"), config, { mode: 384 });
    } else {
      for (const login of logins) await podmanLogin(cli, login);
    }
    return await fn(cli);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
async function podmanLogin(cli, login) {
  const c = login.credentials;
  const user = c.username ?? (c.identityToken ? TOKEN_USER : void 0);
  const password = c.password ?? c.identityToken;
  if (user && password) {
    secrets.add(password);
    await cli.ok(
      {
        args: ["login", "--username", user, "--password-stdin", login.registry],
        input: password,
        log: "debug"
      },
      `login ${login.registry}`
    );
    return;
  }
  if (c.registryToken) {
    secrets.add(c.registryToken);
    throw new InputError(
      `The credentials for ${login.registry} are a bare registry token, which ${cli.opts.command} cannot log in with; use docker as docker-command or the native builder.`
    );
  }
}
function dockerConfigKey(registry) {
  return normalizeRegistry(registry) === DOCKER_HUB ? DOCKER_HUB_INDEX : registry;
}
function dockerConfig(logins) {
  const auths = {};
  for (const { registry, credentials: c } of logins) {
    const entry = {};
    if (c.username && c.password) {
      entry.auth = Buffer.from(`${c.username}:${c.password}`).toString("base64");
      secrets.add(c.password);
      secrets.add(entry.auth);
    } else if (c.identityToken) {
      entry.auth = Buffer.from(`${c.username ?? TOKEN_USER}:`).toString("base64");
      entry.identitytoken = c.identityToken;
      secrets.add(c.identityToken);
    } else if (c.registryToken) {
      entry.registrytoken = c.registryToken;
      secrets.add(c.registryToken);
    } else {
      continue;
    }
    auths[dockerConfigKey(registry)] = entry;
  }
  return { auths };
}
var DIGEST = /sha256:[a-f0-9]{64}/;
async function dockerBuildAndPush(opts) {
  if (opts.images.length === 0) throw new InputError("Nothing to tag: set image (and tags).");
  return withLogins(opts, opts.logins, async (cli) => {
    const flavor = await cli.flavor();
    const args = ["build", "-f", opts.dockerfile];
    for (const image of opts.images) args.push("-t", image);
    if (opts.platform) args.push("--platform", opts.platform);
    args.push(opts.contextDir);
    opts.logger.info(`${opts.command} build -f ${opts.dockerfile} ${opts.contextDir}`);
    await cli.ok({ args, log: "info" }, "build");
    if (opts.push === false) return { flavor };
    if (opts.layoutDir && flavor === "podman") {
      const layout2 = `oci:${opts.layoutDir}:image`;
      await cli.ok(
        { args: ["push", "--format", "oci", opts.images[0], layout2], log: "info" },
        `push ${opts.images[0]} ${layout2}`
      );
      return { flavor, layout: opts.layoutDir };
    }
    let digest;
    for (const image of opts.images) {
      const pushed = await pushOne(cli, flavor, image);
      digest ??= pushed;
    }
    return { digest, flavor };
  });
}
async function pushOne(cli, flavor, image) {
  if (flavor === "podman") {
    const file = join3(
      await mkdtemp(join3(cli.opts.tmpDir ?? tmpdir(), "slipway-digest-")),
      "digest"
    );
    try {
      await cli.ok({ args: ["push", "--digestfile", file, image], log: "info" }, `push ${image}`);
      return DIGEST.exec(await readFile3(file, "utf8"))?.[0];
    } finally {
      await rm(join3(file, ".."), { recursive: true, force: true });
    }
  }
  const result = await cli.ok({ args: ["push", image], log: "info" }, `push ${image}`);
  const fromOutput = result.stdout.map((l) => /digest: (sha256:[a-f0-9]{64})/.exec(l)?.[1]).find(Boolean);
  if (fromOutput) return fromOutput;
  const inspect = await cli.ok(
    { args: ["inspect", "--format", "{{json .RepoDigests}}", image], log: "debug" },
    "inspect"
  );
  const repo = image.replace(/(:[^/:]+)?$/, "");
  const digests = JSON.parse(inspect.stdout.join("") || "[]");
  if (!Array.isArray(digests)) return void 0;
  const match = digests.find((d) => typeof d === "string" && d.startsWith(`${repo}@`));
  return match ? DIGEST.exec(match)?.[0] : void 0;
}
function findSpec(lines) {
  let specWithoutSchema = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("{")) continue;
    let message;
    try {
      message = JSON.parse(trimmed);
    } catch {
      continue;
    }
    if (!isRecord(message) || message.type !== "SPEC") continue;
    if (isRecord(message.spec) && isRecord(message.spec.connectionSpecification)) {
      return { spec: message, specWithoutSchema };
    }
    specWithoutSchema = true;
  }
  return { specWithoutSchema };
}
async function verifyAirbyteSpec(opts) {
  return withLogins(opts, opts.logins, async (cli) => {
    opts.logger.info(`verify: ${opts.command} run ${opts.image} spec`);
    const result = await cli.exec({
      args: ["run", "--rm", "--network", "none", opts.image, "spec"],
      log: "debug",
      timeoutMs: opts.timeoutMs ?? 6e5
    });
    const { spec, specWithoutSchema } = findSpec(result.stdout);
    if (spec) return spec;
    const last = result.tail.length ? `; last lines:
${result.tail.join("\n")}` : "";
    const what = specWithoutSchema ? "printed a SPEC message without spec.connectionSpecification" : 'printed no {"type":"SPEC"} message';
    const fix = engineHint(result.tail) ?? "check the connector's entrypoint (AIRBYTE_ENTRYPOINT) and its spec";
    throw new RunError(
      `verify: ${opts.image} spec ${what} (exit code ${result.code ?? "none"}); ${fix}${last}`
    );
  });
}

// src/assemble/docker-build.ts
function dockerHosts(target2, base) {
  const hosts = /* @__PURE__ */ new Set();
  if (target2.repository) hosts.add(target2.repository.registry);
  const bases = base ? target2.prepared.userDockerfile?.bases ?? [base] : [];
  for (const image of bases) {
    if (!isScratch(image)) hosts.add(parseReference(image, { input: "base-image" }).registry);
  }
  return [...hosts];
}
async function engineInsecureRegistries(hosts, session, logger) {
  const insecure = [];
  for (const host of hosts) {
    const apiHost = registryApiHost(host);
    const marked = isInsecureHost(apiHost, session.insecureRegistries);
    if (!marked && !isLoopbackHost(apiHost)) continue;
    if (marked && session.skipTlsVerify) {
      insecure.push(host);
    } else if (!await speaksTls(apiHost)) {
      if (!isLoopbackHost(apiHost)) {
        logger.warn(
          `${host} does not speak TLS: the engine reaches it over plain HTTP, as insecure-registry allows; credentials and images cross the network unencrypted.`
        );
      }
      insecure.push(host);
    }
  }
  return insecure;
}
async function dockerCliOptions(session, base, cli) {
  const hosts = dockerHosts(session, base);
  const logins = [];
  for (const registry of hosts) {
    const credentials = await session.access.credentials(registry);
    if (credentials) logins.push({ registry, credentials });
  }
  const insecureRegistries2 = await engineInsecureRegistries(hosts, session, cli.logger);
  return { ...cli, insecureRegistries: insecureRegistries2, logins };
}
async function assembleWithDocker(job) {
  const { prepared, repository } = job;
  if (job.platforms.length > 1) {
    throw new InputError(
      `Input "platforms": a docker-compatible build makes one platform, but ${job.platforms.length} were asked for; give one platform, or remove the RUN steps for a native multi-platform build.`
    );
  }
  const { plan } = prepared;
  const context = prepared.userDockerfile?.contextDir ?? prepared.contextDir;
  const references = job.tags.map((tag) => repository.withTag(tag).toString());
  const result = await dockerBuildAndPush({
    ...await dockerCliOptions(job, plan.base, job),
    dockerfile: job.dockerfile,
    contextDir: context,
    images: references,
    platform: job.platforms[0] ? formatPlatform(job.platforms[0]) : void 0,
    layoutDir: job.layoutDir
  });
  if (result.layout) return { digest: "", platforms: [], references, layout: result.layout };
  if (!result.digest) {
    throw new RunError(
      `${job.command} pushed ${repository.name()} but reported no digest; check its output above.`
    );
  }
  const pushed = await resolveBase(job.transport, repository.withDigest(result.digest));
  return {
    digest: result.digest,
    platforms: pushed.images.map((img) => formatPlatform(img.platform)),
    references
  };
}

// src/assemble/native.ts
import { mkdtemp as mkdtemp2, rm as rm2, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join12, resolve as resolve3 } from "node:path";

// src/image/layer-tar.ts
var import_tar_stream = __toESM(require_tar_stream());
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
async function openLayerTar(blob, signal) {
  const raw = await blob.open();
  let tar2;
  try {
    tar2 = padded(await uncompressed(raw));
  } catch (err) {
    raw.destroy();
    if (err instanceof UnknownFormat) return void 0;
    throw err;
  }
  const extract = (0, import_tar_stream.extract)();
  const stop = () => extract.destroy(signal?.reason);
  signal?.addEventListener("abort", stop, { once: true });
  tar2.on("error", (err) => extract.destroy(err));
  tar2.pipe(extract);
  return {
    entries: extract,
    close: () => {
      signal?.removeEventListener("abort", stop);
      raw.destroy();
    }
  };
}
var UnknownFormat = class extends Error {
};
function padded(tar2) {
  async function* withPadding() {
    let length = 0;
    for await (const chunk of tar2) {
      length += chunk.length;
      yield chunk;
    }
    const partial = length % 512;
    if (partial !== 0) yield Buffer.alloc(512 - partial);
  }
  return Readable.from(withPadding(), { objectMode: false });
}
async function uncompressed(raw) {
  const iterator = raw[Symbol.asyncIterator]();
  const chunks = [];
  let length = 0;
  let ended = false;
  while (length < 512 && !ended) {
    const next = await iterator.next();
    if (next.done) ended = true;
    else {
      chunks.push(next.value);
      length += next.value.length;
    }
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  const stream = Readable.from(all(), { objectMode: false });
  if (head.length >= 2 && head[0] === 31 && head[1] === 139) {
    const gunzip = createGunzip();
    stream.on("error", (err) => gunzip.destroy(err));
    return stream.pipe(gunzip);
  }
  const ustar = head.subarray(257, 262).toString("latin1") === "ustar";
  const zero = head.length >= 512 && head.subarray(0, 512).every((b) => b === 0);
  if (head.length === 0 || ustar || zero) return stream;
  throw new UnknownFormat();
}

// src/image/base-directories.ts
var READ_LIMIT = 16 * 1024 * 1024;
function worthReading(platforms) {
  const sizes = platforms.map((layers) => layers.reduce((n, l) => n + l.descriptor.size, 0));
  return Math.max(0, ...sizes) <= READ_LIMIT;
}
var PARALLEL = 3;
var CACHE_LIMIT = 64;
var cache = /* @__PURE__ */ new Map();
async function baseDirectories(platforms, paths, opts = {}) {
  const asked = [...new Set(paths.map(normalize))].filter((p) => p !== "").sort();
  const found = /* @__PURE__ */ new Set();
  if (asked.length === 0) return found;
  let pending = asked;
  for (const layers of platforms) {
    if (pending.length === 0) break;
    const facts = await mapLimited(layers, PARALLEL, (blob) => layerFacts(blob, pending, opts));
    const state = /* @__PURE__ */ new Map();
    for (const f of facts) {
      if (f.unreadable) return new Set(paths);
      for (const p of f.removed) state.delete(p);
      for (const [p, kind] of f.written) state.set(p, kind);
      for (const p of f.implied) if (!state.has(p)) state.set(p, "dir");
    }
    for (const [p, kind] of state) if (kind === "dir") found.add(p);
    pending = pending.filter((p) => !found.has(p));
  }
  return new Set(paths.filter((p) => found.has(normalize(p))));
}
function normalize(p) {
  return p.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
}
function layerFacts(blob, asked, opts) {
  const key = `${blob.descriptor.digest}|${asked.join("\0")}`;
  let facts = cache.get(key);
  if (!facts) {
    facts = readLayerFacts(blob, asked, opts);
    cache.set(key, facts);
    facts.catch(() => cache.delete(key));
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value);
  }
  return facts;
}
async function readLayerFacts(blob, asked, opts) {
  if (!isDistributable(blob.descriptor)) {
    return { removed: [], written: [], implied: [], unreadable: true };
  }
  try {
    return await readTarFacts(blob, asked, opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    opts.logger?.debug(
      `base layer ${blob.descriptor.digest} (${blob.descriptor.mediaType}) could not be read to learn its directories (${errorMessage(err)}); assuming it has every asked one`
    );
    return { removed: [], written: [], implied: [], unreadable: true };
  }
}
async function readTarFacts(blob, asked, signal) {
  const facts = { removed: [], written: [], implied: [] };
  const removed = /* @__PURE__ */ new Set();
  const implied = /* @__PURE__ */ new Set();
  const written = /* @__PURE__ */ new Map();
  const under = (p, dir) => dir === "" || p.startsWith(`${dir}/`);
  const tar2 = await openLayerTar(blob, signal);
  if (!tar2) return { ...facts, unreadable: true };
  try {
    for await (const entry of tar2.entries) {
      const name = normalize(entry.header.name);
      const slash = name.lastIndexOf("/");
      const dir = slash < 0 ? "" : name.slice(0, slash);
      const base = name.slice(slash + 1);
      for (const p of asked) if (under(name, p)) implied.add(p);
      if (base === ".wh..wh..opq") {
        for (const p of asked) if (under(p, dir)) removed.add(p);
      } else if (base.startsWith(".wh.")) {
        const gone = `${dir ? `${dir}/` : ""}${base.slice(4)}`;
        for (const p of asked) if (p === gone || under(p, gone)) removed.add(p);
      } else if (name !== "") {
        const isDir = entry.header.type === "directory";
        const isLink = entry.header.type === "symlink";
        if (asked.includes(name)) written.set(name, isDir || isLink ? "dir" : "other");
        if (!isDir) {
          for (const p of asked) if (under(p, name)) removed.add(p);
        }
      }
      entry.resume();
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  } finally {
    tar2.close();
  }
  return { removed: [...removed], written: [...written], implied: [...implied] };
}

// src/image/base-files.ts
var MAX_BYTES = 4 * 1024 * 1024;
async function readBaseFile(layers, path9, opts = {}) {
  const name = path9.replace(/^\/+/, "").replace(/\/+$/, "");
  for (let i = layers.length - 1; i >= 0; i--) {
    const verdict = await layerVerdict(layers[i], name, opts.signal);
    if (verdict === void 0) return void 0;
    if (verdict.kind === "file") return verdict.file;
    if (verdict.kind !== "silent") return void 0;
  }
  return void 0;
}
async function layerVerdict(blob, name, signal) {
  if (!isDistributable(blob.descriptor)) return void 0;
  const tar2 = await openLayerTar(blob, signal);
  if (!tar2) return void 0;
  let verdict = { kind: "silent" };
  const ancestors = (p) => name === p || name.startsWith(`${p}/`);
  try {
    for await (const entry of tar2.entries) {
      const entryName2 = entry.header.name.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
      const slash = entryName2.lastIndexOf("/");
      const dir = slash < 0 ? "" : entryName2.slice(0, slash);
      const base = entryName2.slice(slash + 1);
      if (base === ".wh..wh..opq") {
        if (dir === "" || name.startsWith(`${dir}/`)) verdict = { kind: "removed" };
      } else if (base.startsWith(".wh.")) {
        if (ancestors(`${dir ? `${dir}/` : ""}${base.slice(4)}`)) verdict = { kind: "removed" };
      } else if (entryName2 === name) {
        if (entry.header.type === "file" && (entry.header.size ?? 0) <= MAX_BYTES) {
          const chunks = [];
          for await (const chunk of entry) chunks.push(chunk);
          const { mode = 420, uid = 0, gid = 0 } = entry.header;
          verdict = {
            kind: "file",
            file: { mode: mode & 4095, uid, gid, bytes: Buffer.concat(chunks) }
          };
          continue;
        }
        verdict = { kind: "other" };
      } else if (name.startsWith(`${entryName2}/`) && entry.header.type !== "directory") {
        verdict = { kind: "other" };
      }
      entry.resume();
    }
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw new RunError(
      `Cannot read the base image's layer ${blob.descriptor.digest} to find /${name}: ${errorMessage(err)}; run again`
    );
  } finally {
    tar2.close();
  }
  return verdict;
}

// src/image/layer.ts
var import_tar_stream2 = __toESM(require_tar_stream());
import { createHash as createHash2 } from "node:crypto";
import {
  closeSync,
  constants,
  createReadStream,
  fstatSync,
  lstatSync,
  openSync,
  promises as fs3,
  readSync
} from "node:fs";
import * as os from "node:os";
import * as path3 from "node:path";
import { Readable as Readable2 } from "node:stream";

// src/image/compression.ts
var TAR_MIN_INCOMPRESSIBLE_PERCENT = 90;
function layerFormat(tarSize, incompressibleBytes) {
  return tarSize > 0 && incompressibleBytes * 100 >= tarSize * TAR_MIN_INCOMPRESSIBLE_PERCENT ? "tar" : "gzip";
}
var COMPRESSED_MAGIC = [
  Buffer.from("PK", "latin1"),
  // zip, jar, nar, whl
  Buffer.from("PK", "latin1"),
  // empty zip
  Buffer.from([31, 139]),
  // gzip, .tgz
  Buffer.from([253, 55, 122, 88, 90, 0]),
  // xz
  Buffer.from([40, 181, 47, 253]),
  // zstd
  Buffer.from("BZh", "latin1"),
  // bzip2
  Buffer.from([55, 122, 188, 175, 39, 28]),
  // 7z
  Buffer.from([137, 80, 78, 71]),
  // png
  Buffer.from([255, 216, 255])
  // jpeg
];
var SMALL_FILE = 64 * 1024;
var SAMPLE_SIZE = 64 * 1024;
var UNIFORM_CHI2 = 1e4;
function hasCompressedMagic(head) {
  return COMPRESSED_MAGIC.some(
    (magic) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic)
  );
}
function shouldStore(size, head) {
  if (size < SMALL_FILE) return false;
  if (hasCompressedMagic(head)) return true;
  const sample = head.subarray(0, SAMPLE_SIZE);
  const n = sample.length;
  if (n === 0) return false;
  const counts = new Uint32Array(256);
  for (let i = 0; i < n; i++) counts[sample[i]]++;
  let sum = 0;
  for (let b = 0; b < 256; b++) {
    const d = 256 * counts[b] - n;
    sum += d * d;
  }
  return sum < UNIFORM_CHI2 * 256 * n;
}

// src/image/layer-sink.ts
import { createHash } from "node:crypto";
import { promises as fs2 } from "node:fs";
async function inlineSink(file) {
  const out = await fs2.open(file, "w");
  const hash = createHash("sha256");
  let size = 0;
  let writing = Promise.resolve();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await out.close();
  };
  return {
    async write(buffers) {
      if (buffers.length === 0) return;
      for (const b of buffers) {
        hash.update(b);
        size += b.length;
      }
      await writing;
      writing = out.writev(buffers);
    },
    async finish() {
      await writing;
      await close();
      return { digest: `sha256:${hash.digest("hex")}`, size };
    },
    async abort() {
      await writing.catch(() => void 0);
      await close();
    }
  };
}

// src/image/layer.ts
var READ_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;
var CHUNK = 4 * 1024 * 1024;
var MAX_ID = 2097151;
var S_IFREG = 32768;
var S_IFDIR = 16384;
var S_IFLNK = 40960;
async function buildLayer(entries, opts) {
  if (!Number.isInteger(opts.epoch) || opts.epoch < 0 || opts.epoch > 2147483647) {
    throw new InputError(
      `The build epoch ${opts.epoch} is not whole seconds between 1970 and 2038-01-19; set SOURCE_DATE_EPOCH to e.g. $(git log -1 --format=%ct)`
    );
  }
  const sorted = await withoutExistingParents(planEntries(entries), opts.existingDirectories);
  const mode = opts.compression ?? "auto";
  const mtime = new Date(opts.epoch * 1e3);
  const format = mode === "none" ? "tar" : mode === "auto" ? autoFormat(sorted) : "gzip";
  const hashing = opts.fileDigests && new FileHashing(opts.fileDigests, sorted);
  if (format === "tar") return buildTarLayer(sorted, mtime, opts, hashing);
  const dir = await fs3.mkdtemp(path3.join(opts.tmpDir ?? os.tmpdir(), "slipway-layer-"));
  const blobPath2 = path3.join(dir, "layer.tar.gz");
  try {
    const result = await writeGzipLayer(sorted, mtime, mode, blobPath2, opts, hashing);
    let disposed = false;
    return {
      descriptor: { mediaType: MediaType.OciLayerGzip, digest: result.digest, size: result.size },
      diffId: result.diffId,
      format,
      tarSize: result.tarSize,
      storedBytes: result.storedBytes,
      open: () => {
        if (disposed)
          return Promise.reject(new Error(`layer ${result.digest} was already disposed`));
        return Promise.resolve(createReadStream(blobPath2, { highWaterMark: 1024 * 1024 }));
      },
      dispose: async () => {
        disposed = true;
        await fs3.rm(dir, { recursive: true, force: true });
      }
    };
  } catch (err) {
    await fs3.rm(dir, { recursive: true, force: true });
    throw err;
  }
}
function autoFormat(entries) {
  let tarSize = 1024;
  let candidates = 0;
  for (const entry of entries) {
    tarSize += 512;
    if (entry.kind !== "file") continue;
    tarSize += Math.ceil(entry.size / 512) * 512;
    if (entry.size >= SMALL_FILE) candidates += entry.size;
  }
  if (layerFormat(tarSize, candidates) === "gzip") return "gzip";
  let incompressible = 0;
  for (const entry of entries) {
    if (entry.kind === "file" && entry.size >= SMALL_FILE && shouldStore(entry.size, readHead(entry)))
      incompressible += entry.size;
  }
  return layerFormat(tarSize, incompressible);
}
function readHead(entry) {
  const { file } = entry;
  let fd;
  try {
    fd = openSync(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    const buf = Buffer.allocUnsafe(Math.min(SAMPLE_SIZE, entry.size));
    let got = 0;
    for (let n = -1; n !== 0 && got < buf.length; got += n)
      n = readSync(fd, buf, got, buf.length - got, got);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
async function buildTarLayer(entries, mtime, { tee, signal }, hashing) {
  const hash = createHash2("sha256");
  let size = 0;
  for await (const data of startPack(entries, mtime, void 0, hashing)) {
    signal?.throwIfAborted();
    const chunk = data;
    hash.update(chunk);
    size += chunk.length;
    if (tee) await tee.write(chunk);
  }
  hashing?.handOut();
  const digest = `sha256:${hash.digest("hex")}`;
  const descriptor = { mediaType: MediaType.OciLayer, digest, size };
  let disposed = false;
  return {
    descriptor,
    diffId: digest,
    format: "tar",
    tarSize: size,
    storedBytes: size,
    open: () => {
      if (disposed) return Promise.reject(new Error(`layer ${digest} was already disposed`));
      return Promise.resolve(
        Readable2.from(retar(entries, mtime, descriptor), { objectMode: false })
      );
    },
    dispose: () => {
      disposed = true;
      return Promise.resolve();
    }
  };
}
async function* retar(entries, mtime, expected) {
  const hash = createHash2("sha256");
  let size = 0;
  let held;
  for await (const data of startPack(entries, mtime)) {
    const chunk = data;
    hash.update(chunk);
    size += chunk.length;
    if (held) yield held;
    held = chunk;
  }
  const digest = `sha256:${hash.digest("hex")}`;
  if (digest !== expected.digest || size !== expected.size) {
    const sources = entries.flatMap((e) => e.kind === "file" ? [e.file.source] : []);
    throw new RunError(
      `The layer's files changed after the layer was built (its tar is now ${size} bytes with digest ${digest}, not ${expected.size} bytes with ${expected.digest}); make sure no other step writes ${sources.slice(0, 3).join(", ")}${sources.length > 3 ? ", \u2026" : ""} during the build, then run again`
    );
  }
  if (held) yield held;
}
function planEntries(entries) {
  const byName = /* @__PURE__ */ new Map();
  const add = (entry, what) => {
    const existing = byName.get(entry.name);
    if (existing?.kind === "dir" && entry.kind === "dir" && !existing.implied !== !entry.implied) {
      if (existing.implied) byName.set(entry.name, entry);
      return;
    }
    if (existing && !sameEntry(existing, entry)) {
      throw new InputError(
        `The image path /${entry.name.replace(/\/$/, "")} is given twice with different contents or owners (${what}); give each path once`
      );
    }
    byName.set(entry.name, entry);
  };
  for (const d of entries.directories) {
    const rel = imagePath(d.path, "directory");
    checkOwner(d.path, d.uid, d.gid, d.mode);
    const entry = { kind: "dir", name: `${rel}/`, mode: d.mode, uid: d.uid, gid: d.gid };
    if (d.ifMissing) entry.implied = true;
    add(entry, "directory");
  }
  const files = [];
  for (const f of entries.files) {
    const rel = imagePath(f.path, "file");
    checkOwner(f.path, f.uid, f.gid, f.mode);
    if (byName.has(`${rel}/`)) {
      throw new InputError(
        `The image path ${f.path} is both a file and a directory in the plan; give it once`
      );
    }
    let stat6;
    try {
      stat6 = lstatSync(f.source);
    } catch (err) {
      throw new InputError(
        `Cannot read ${f.source} (for ${f.path}): ${errorMessage(err)}; check that the artifact was built`
      );
    }
    if (stat6.isSymbolicLink()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is a symbolic link, which Slipway does not follow into a layer; point the plan at the file itself`
      );
    }
    if (!stat6.isFile()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is not a regular file; point the plan at a file`
      );
    }
    const entry = {
      kind: "file",
      name: rel,
      file: f,
      size: stat6.size,
      mtimeMs: stat6.mtimeMs
    };
    add(entry, "file");
    files.push(entry);
  }
  for (const l of entries.symlinks ?? []) {
    const rel = imagePath(l.path, "link");
    checkOwner(l.path, l.uid, l.gid, 511);
    if (l.target === "" || l.target.includes("\0")) {
      throw new InputError(`The image link ${l.path} has an empty target or one with a NUL byte`);
    }
    if (byName.has(`${rel}/`)) {
      throw new InputError(
        `The image path ${l.path} is both a link and a directory in the plan; give it once`
      );
    }
    add({ kind: "link", name: rel, link: l }, "link");
  }
  for (const name of [...byName.keys()]) {
    for (const parent of parents(name)) {
      if (!byName.has(parent))
        byName.set(parent, {
          kind: "dir",
          name: parent,
          mode: 493,
          uid: 0,
          gid: 0,
          implied: true
        });
      const clash = byName.get(parent.slice(0, -1));
      if (clash) {
        throw new InputError(
          `The image path /${clash.name} is a file in the plan but also a parent directory of /${name}; rename one`
        );
      }
    }
  }
  return [...byName.values()].map((entry) => ({ entry, key: Buffer.from(entry.name) })).sort((a, b) => Buffer.compare(a.key, b.key)).map(({ entry }) => entry);
}
async function withoutExistingParents(entries, existing) {
  const implied = entries.flatMap(
    (e) => e.kind === "dir" && e.implied ? [`/${e.name.slice(0, -1)}`] : []
  );
  if (!existing || implied.length === 0) return entries;
  const has = await existing(implied);
  return entries.filter(
    (e) => !(e.kind === "dir" && e.implied && has.has(`/${e.name.slice(0, -1)}`))
  );
}
function sameEntry(a, b) {
  if (a.kind === "dir" && b.kind === "dir")
    return a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
  if (a.kind === "link" && b.kind === "link") {
    return a.link.target === b.link.target && a.link.uid === b.link.uid && a.link.gid === b.link.gid;
  }
  if (a.kind === "file" && b.kind === "file") {
    return a.file.source === b.file.source && a.file.mode === b.file.mode && a.file.uid === b.file.uid && a.file.gid === b.file.gid;
  }
  return false;
}
function imagePath(p, what) {
  if (!p.startsWith("/")) {
    throw new InputError(`The image ${what} path "${p}" must be absolute (start with /)`);
  }
  if (p.includes("\0")) throw new InputError(`The image ${what} path "${p}" contains a NUL byte`);
  const rel = path3.posix.normalize(p).replace(/^\/+/, "").replace(/\/+$/, "");
  if (rel === "" || rel === ".")
    throw new InputError(`The image ${what} path "${p}" names the root; give a path below /`);
  return rel;
}
function checkOwner(p, uid, gid, mode) {
  for (const [name, value] of [
    ["uid", uid],
    ["gid", gid]
  ]) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_ID) {
      throw new InputError(`The ${name} ${value} of ${p} is not between 0 and ${MAX_ID}`);
    }
  }
  if (!Number.isInteger(mode) || mode < 0 || mode > 4095) {
    throw new InputError(
      `The mode ${mode.toString(8)} of ${p} is not an octal mode between 0 and 7777`
    );
  }
}
function parents(name) {
  const parts = name.replace(/\/$/, "").split("/");
  const out = [];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join("/")}/`);
  return out;
}
var FileHashing = class {
  constructor(want, entries) {
    this.want = want;
    this.entries = entries;
  }
  want;
  entries;
  digests = /* @__PURE__ */ new Map();
  wanted() {
    return this.want.wanted();
  }
  done(source, sha2562) {
    this.digests.set(source, sha2562);
  }
  /** Hands the digests out when the pass hashed every file. */
  handOut() {
    const all = this.entries.every((e) => e.kind !== "file" || this.digests.has(e.file.source));
    if (all) this.want.take(this.digests);
  }
};
function startPack(entries, mtime, store, hashing) {
  const pack = (0, import_tar_stream2.pack)();
  pack.on("error", () => void 0);
  const produce = async () => {
    for (const entry of entries) {
      if (entry.kind === "dir") {
        await addEntry(pack, {
          name: entry.name,
          type: "directory",
          // the file-type bits keep tar-stream from replacing mode 0 by its default
          mode: S_IFDIR | entry.mode,
          uid: entry.uid,
          gid: entry.gid,
          mtime,
          uname: "",
          gname: ""
        });
      } else if (entry.kind === "link") {
        await addEntry(pack, {
          name: entry.name,
          type: "symlink",
          linkname: entry.link.target,
          mode: S_IFLNK | 511,
          uid: entry.link.uid,
          gid: entry.link.gid,
          mtime,
          uname: "",
          gname: ""
        });
      } else {
        await addFile(
          pack,
          entry,
          mtime,
          (head) => store?.decide(entry, head) ?? false,
          (chunk) => store?.mark(chunk),
          hashing
        );
      }
    }
    pack.finalize();
  };
  produce().catch((err) => {
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return pack;
}
async function writeGzipLayer(entries, mtime, mode, blobPath2, { tee, signal }, hashing) {
  const storedChunks = /* @__PURE__ */ new WeakSet();
  let storedPlanned = 0;
  const pack = startPack(
    entries,
    mtime,
    {
      decide: (entry, head) => mode === "store" || mode === "auto" && shouldStore(entry.size, head),
      mark: (chunk) => {
        storedChunks.add(chunk);
        storedPlanned += chunk.length;
      }
    },
    hashing
  );
  const tarHash = createHash2("sha256");
  let tarSize = 0;
  let storedBytes = 0;
  let recognised = 0;
  const { GzipWriter, PAKO_LEVEL } = await import("./gzip-OB5BV7VK.js");
  const sink = await inlineSink(blobPath2);
  const gzip = new GzipWriter(PAKO_LEVEL, true);
  const out = async (buffers) => {
    await sink.write(buffers);
    if (tee) for (const b of buffers) await tee.write(b);
  };
  let blob;
  try {
    for await (const data of pack) {
      signal?.throwIfAborted();
      const chunk = data;
      tarHash.update(chunk);
      tarSize += chunk.length;
      const marked = storedChunks.has(chunk);
      if (marked) recognised += chunk.length;
      if (marked || mode === "store") {
        storedBytes += chunk.length;
        await out(gzip.store(chunk));
      } else {
        await out(gzip.deflate(chunk));
      }
    }
    await out(gzip.finish());
    blob = await sink.finish();
  } catch (err) {
    pack.destroy(err instanceof Error ? err : new Error(String(err)));
    await sink.abort();
    throw err;
  }
  if (recognised !== storedPlanned) {
    throw new Error(`internal: ${storedPlanned} bytes planned as stored, ${recognised} recognised`);
  }
  hashing?.handOut();
  return {
    diffId: `sha256:${tarHash.digest("hex")}`,
    digest: blob.digest,
    size: blob.size,
    tarSize,
    storedBytes
  };
}
function addEntry(pack, header2) {
  return new Promise((resolve14, reject) => {
    pack.entry(header2, (err) => err ? reject(err) : resolve14());
  });
}
async function addFile(pack, entry, mtime, decideStore, markStored, hashing) {
  let hash = hashing?.wanted() ? createHash2("sha256") : void 0;
  const hashed = (chunk) => {
    if (hash && !hashing?.wanted()) hash = void 0;
    hash?.update(chunk);
  };
  const header2 = {
    name: entry.name,
    type: "file",
    size: entry.size,
    mode: S_IFREG | entry.file.mode,
    uid: entry.file.uid,
    gid: entry.file.gid,
    mtime,
    uname: "",
    gname: ""
  };
  if (entry.size <= SMALL_READ) {
    const data = readSmallFile(entry);
    hashed(data);
    if (data.length > 0 && decideStore(data.subarray(0, SAMPLE_SIZE))) markStored(data);
    await new Promise((resolve14, reject) => {
      pack.entry(header2, data, (err) => err ? reject(err) : resolve14()).on("error", () => void 0);
    });
    if (hash) hashing?.done(entry.file.source, hash.digest("hex"));
    return;
  }
  const { file, size } = entry;
  let fh;
  try {
    fh = await fs3.open(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, await fh.stat(), "size or time changed");
    let finished = () => void 0;
    const done = new Promise((resolve14, reject) => {
      finished = (err) => err ? reject(err) : resolve14();
    });
    done.catch(() => void 0);
    const sink = pack.entry(header2, (err) => finished(err));
    sink.on("error", () => void 0);
    let position = 0;
    let store;
    while (position < size) {
      const chunk = await readFully(fh, Math.min(CHUNK, size - position), position);
      if (chunk.length === 0) throw changed(entry, position, "it became shorter");
      store ??= decideStore(chunk.subarray(0, SAMPLE_SIZE));
      if (store) markStored(chunk);
      hashed(chunk);
      position += chunk.length;
      if (!sink.write(chunk)) await drained(sink);
    }
    const probe = await fh.read(Buffer.alloc(1), 0, 1, size);
    if (probe.bytesRead > 0) throw changed(entry, (await fh.stat()).size, "it grew");
    checkUnchanged(entry, await fh.stat(), "it was modified");
    sink.end(null);
    await done;
    if (hash) hashing?.done(file.source, hash.digest("hex"));
  } finally {
    await fh.close();
  }
}
var SMALL_READ = 1024 * 1024;
function readSmallFile(entry) {
  const { file, size } = entry;
  let fd;
  try {
    fd = openSync(file.source, READ_NO_FOLLOW);
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, fstatSync(fd), "size or time changed");
    const buf = Buffer.allocUnsafe(size + 1);
    let got = 0;
    for (let n = -1; n !== 0 && got <= size; got += n)
      n = readSync(fd, buf, got, size + 1 - got, got);
    if (got > size) throw changed(entry, fstatSync(fd).size, "it grew");
    if (got < size) throw changed(entry, got, "it became shorter");
    checkUnchanged(entry, fstatSync(fd), "it was modified");
    return buf.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}
function checkUnchanged(entry, now, why) {
  if (now.size !== entry.size || now.mtimeMs !== entry.mtimeMs) throw changed(entry, now.size, why);
}
function changed(entry, now, why) {
  return new RunError(
    `${entry.file.source} changed while Slipway was reading it into the layer (${why}: ${entry.size} bytes at the start, ${now} now); make sure no other step writes it during the build, then run again`
  );
}
async function readFully(fh, length, position) {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}
function drained(sink) {
  return new Promise((resolve14, reject) => {
    const onDrain = () => {
      sink.off("close", onClose);
      resolve14();
    };
    const onClose = () => {
      sink.off("drain", onDrain);
      reject(new Error("the layer tar stream was closed while a file was written into it"));
    };
    sink.once("drain", onDrain);
    sink.once("close", onClose);
  });
}

// src/image/layout.ts
import { randomBytes } from "node:crypto";
import { createReadStream as createReadStream2, createWriteStream, promises as fs4 } from "node:fs";
import * as path4 from "node:path";
import { pipeline } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";
var LAYOUT_VERSION = "1.0.0";
var LAYOUT_FILE = "oci-layout";
var INDEX_FILE = "index.json";
var PARALLEL_BLOBS = 4;
function parseLayoutReference(value) {
  const rest = value.startsWith("oci:") ? value.slice(4) : value;
  const colon = rest.indexOf(":");
  const dir = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 ? rest.slice(colon + 1) : void 0;
  if (dir === "")
    throw new InputError(`"${value}" names no directory; write oci:DIR or oci:DIR:TAG`);
  if (tag === "")
    throw new InputError(`"${value}" ends with ":" but names no tag; write oci:DIR:TAG`);
  return { dir, tag };
}
async function writeLayout(dir, built, tag) {
  if (tag !== void 0 && (tag === "" || /[\s]/.test(tag))) {
    throw new InputError(
      `The tag "${tag}" for the OCI layout ${dir} is empty or has spaces; give a tag like "latest"`
    );
  }
  const blobDir = path4.join(dir, "blobs", "sha256");
  await fs4.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);
  const blobs = /* @__PURE__ */ new Map();
  const addMemory = (descriptor2, bytes) => {
    blobs.set(descriptor2.digest, memoryBlob(descriptor2, bytes));
  };
  const images = isIndex(built) ? built.images : [built];
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!blobs.has(blob.descriptor.digest)) blobs.set(blob.descriptor.digest, blob);
    }
    addMemory(image.descriptor, image.bytes);
  }
  if (isIndex(built)) addMemory(built.descriptor, built.bytes);
  let written = 0;
  let existing = 0;
  let bytesWritten = 0;
  await forEachLimited([...blobs.values()], PARALLEL_BLOBS, async (blob) => {
    if (await hasBlob(blobDir, blob.descriptor)) {
      existing++;
      return;
    }
    await writeBlob(blobDir, blob);
    written++;
    bytesWritten += blob.descriptor.size;
  });
  const top = built.descriptor;
  const descriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.size,
    ...top.platform ? { platform: top.platform } : {},
    ...tag === void 0 ? {} : { annotations: { [Annotation.RefName]: tag } }
  };
  if (tag === void 0) return { descriptor, written, existing, bytesWritten };
  await withIndexLock(dir, async () => {
    const index = await readIndexFile(dir, true);
    index.manifests = index.manifests.filter((d) => d.annotations?.[Annotation.RefName] !== tag);
    index.manifests.push(descriptor);
    await writeAtomically(path4.join(dir, INDEX_FILE), canonicalJson(index));
  });
  return { descriptor, written, existing, bytesWritten };
}
var LOCK_FILE = `${INDEX_FILE}.lock`;
var STALE_LOCK_MS = 3e4;
var LOCK_WAIT_MS = 12e4;
async function withIndexLock(dir, update) {
  const lock = path4.join(dir, LOCK_FILE);
  const owner = `${process.pid} ${randomBytes(8).toString("hex")}
`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs4.writeFile(lock, owner, { flag: "wx" });
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    const age = await fs4.stat(lock).then(
      (st) => Date.now() - st.mtimeMs,
      () => 0
    );
    if (age > STALE_LOCK_MS) {
      await fs4.rm(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new RunError(
        `Another writer has held ${lock} for over ${LOCK_WAIT_MS / 1e3} s; if no other run writes this OCI layout, remove the file and run again`
      );
    }
    await new Promise((resolve14) => setTimeout(resolve14, Math.min(200, 5 + attempt * 5)));
  }
  try {
    await update();
  } finally {
    const held = await fs4.readFile(lock, "utf8").catch(() => "");
    if (held === owner) await fs4.rm(lock, { force: true });
  }
}
async function writeLayoutReferrer(dir, referrer) {
  const blobDir = path4.join(dir, "blobs", "sha256");
  await fs4.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);
  const manifest = memoryBlob(referrer.descriptor, referrer.bytes);
  for (const blob of [...referrer.blobs, manifest]) {
    if (!await hasBlob(blobDir, blob.descriptor)) await writeBlob(blobDir, blob);
  }
  await withIndexLock(dir, async () => {
    const index = await readIndexFile(dir, true);
    if (index.manifests.some((d) => d.digest === referrer.descriptor.digest)) return;
    index.manifests.push(referrer.descriptor);
    await writeAtomically(path4.join(dir, INDEX_FILE), canonicalJson(index));
  });
}
async function ensureLayoutFile(dir) {
  const file = path4.join(dir, LAYOUT_FILE);
  let text4;
  try {
    text4 = await fs4.readFile(file, "utf8");
  } catch {
    await writeAtomically(file, canonicalJson({ imageLayoutVersion: LAYOUT_VERSION }));
    return;
  }
  const version = parseJson(text4, file).imageLayoutVersion;
  if (version !== LAYOUT_VERSION) {
    throw new InputError(
      `${file} declares image layout version ${String(version)}, not ${LAYOUT_VERSION}; use another output directory`
    );
  }
}
async function hasBlob(blobDir, d) {
  try {
    const st = await fs4.stat(path4.join(blobDir, hexOf(d.digest)));
    return st.isFile() && st.size === d.size;
  } catch {
    return false;
  }
}
async function writeBlob(blobDir, blob) {
  const { digest, size } = blob.descriptor;
  const final = path4.join(blobDir, hexOf(digest));
  const temp = path4.join(
    blobDir,
    `.${hexOf(digest)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`
  );
  try {
    const check = new VerifyingStream(blob.descriptor, `blob ${digest}`);
    await pipelineAsync(
      await blob.open(),
      check,
      createWriteStream(temp, { highWaterMark: 1024 * 1024 })
    );
    await fs4.rename(temp, final);
  } catch (err) {
    await fs4.rm(temp, { force: true });
    throw new RunError(
      `Writing blob ${digest} (${size} bytes) into the OCI layout ${path4.dirname(path4.dirname(blobDir))} failed: ${errorMessage(err)}`
    );
  }
}
async function readLayoutBase(dir, tag, opts = {}) {
  const name = opts.name ?? `oci:${dir}${tag === void 0 ? "" : `:${tag}`}`;
  try {
    await fs4.access(path4.join(dir, LAYOUT_FILE));
  } catch {
    throw new InputError(
      `${dir} is not an OCI image layout (it has no ${LAYOUT_FILE} file); give a directory written by slipway, skopeo or umoci`
    );
  }
  await ensureLayoutFile(dir);
  const index = await readIndexFile(dir, false);
  const tags = index.manifests.map((d) => d.annotations?.[Annotation.RefName]).filter((t) => !!t);
  let top;
  if (tag !== void 0) {
    top = index.manifests.find((d) => d.annotations?.[Annotation.RefName] === tag);
    if (!top) {
      throw new InputError(
        `The OCI layout ${dir} has no image tagged "${tag}"; it has ${tags.length ? tags.join(", ") : "no tags"}`
      );
    }
  } else if (index.manifests.length === 1) {
    top = index.manifests[0];
  } else {
    throw new InputError(
      `The OCI layout ${dir} holds ${index.manifests.length} images; name one as oci:${dir}:TAG (tags: ${tags.join(", ") || "none"})`
    );
  }
  checkDescriptor(top, dir);
  if (INDEX_MEDIA_TYPES.includes(top.mediaType)) {
    const nested = await readJsonBlob(dir, top, MAX_MANIFEST_BYTES);
    const entries = runnableEntries(nested.manifests ?? []);
    if (entries.length === 0) {
      throw new RunError(
        `The index ${top.digest} in the OCI layout ${dir} lists no image manifest with a platform`
      );
    }
    const images = await Promise.all(entries.map((d) => readPlatformImage(dir, d, opts.logger)));
    return { name, digest: top.digest, images };
  }
  if (!MANIFEST_MEDIA_TYPES.includes(top.mediaType)) {
    throw new RunError(
      `The OCI layout ${dir} entry ${top.digest} has media type ${top.mediaType}, which is not an image`
    );
  }
  return { name, digest: top.digest, images: [await readPlatformImage(dir, top, opts.logger)] };
}
async function readPlatformImage(dir, d, logger) {
  checkDescriptor(d, dir);
  const manifest = await readJsonBlob(dir, d, MAX_MANIFEST_BYTES);
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new RunError(`The manifest ${d.digest} in the OCI layout ${dir} has no config or layers`);
  }
  checkDescriptor(manifest.config, dir);
  const stated = await readJsonBlob(dir, manifest.config, MAX_CONFIG_BYTES);
  if (typeof stated.architecture !== "string" || typeof stated.os !== "string") {
    throw new RunError(
      `The config ${manifest.config.digest} in the OCI layout ${dir} has no os/architecture`
    );
  }
  const where2 = `The image ${d.digest} in the OCI layout ${dir}`;
  const platform = checkedPlatform(d.platform ?? platformOfConfig(stated), where2);
  const config = checkedLabels(stated, where2, (line) => logger?.warn(line));
  return {
    platform,
    manifestDescriptor: { mediaType: d.mediaType, digest: d.digest, size: d.size, platform },
    manifest,
    config,
    layers: manifest.layers.map((layer) => {
      checkDescriptor(layer, dir);
      return layoutBlob(dir, layer);
    })
  };
}
async function readLayoutImage(dir) {
  const base = await readLayoutBase(dir);
  const [image] = base.images;
  if (base.images.length !== 1 || !image) {
    throw new RunError(
      `The OCI layout ${dir} holds ${base.images.length} platform images where one was built`
    );
  }
  const descriptor = image.manifestDescriptor;
  const bytes = await fs4.readFile(blobPath(dir, descriptor.digest));
  if (sha256(bytes) !== descriptor.digest) {
    throw new RunError(`The manifest ${descriptor.digest} in the OCI layout ${dir} is damaged`);
  }
  return {
    platform: image.platform,
    manifest: image.manifest,
    bytes,
    descriptor,
    config: layoutBlob(dir, image.manifest.config),
    layers: image.layers
  };
}
function layoutBlob(dir, descriptor) {
  return {
    descriptor,
    open: async () => {
      const file = blobPath(dir, descriptor.digest);
      const st = await fs4.stat(file).catch(() => void 0);
      if (!st)
        throw new RunError(
          `The OCI layout ${dir} lacks blob ${descriptor.digest}; it is incomplete, write it again`
        );
      const check = new VerifyingStream(
        descriptor,
        `blob ${descriptor.digest} in the OCI layout ${dir}`
      );
      pipeline(createReadStream2(file, { highWaterMark: 1024 * 1024 }), check, () => {
      });
      return check;
    }
  };
}
async function readJsonBlob(dir, d, limit) {
  if (d.size > limit) {
    throw new RunError(
      `Blob ${d.digest} in the OCI layout ${dir} is ${d.size} bytes, over the ${limit}-byte limit for JSON`
    );
  }
  const file = blobPath(dir, d.digest);
  let bytes;
  try {
    bytes = await fs4.readFile(file);
  } catch {
    throw new RunError(
      `The OCI layout ${dir} lacks blob ${d.digest}; it is incomplete, write it again`
    );
  }
  if (bytes.length !== d.size || sha256(bytes) !== d.digest) {
    throw new RunError(
      `Blob ${d.digest} in the OCI layout ${dir} does not match its digest or size; the layout is corrupt`
    );
  }
  return parseJson(bytes.toString("utf8"), file);
}
async function readIndexFile(dir, createMissing) {
  const file = path4.join(dir, INDEX_FILE);
  let text4;
  try {
    text4 = await fs4.readFile(file, "utf8");
  } catch {
    if (createMissing) return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
    throw new InputError(
      `${dir} is not an OCI image layout (it has no ${INDEX_FILE}); give a directory written by slipway, skopeo or umoci`
    );
  }
  const index = parseJson(text4, file);
  if (index.schemaVersion !== 2 || !Array.isArray(index.manifests)) {
    throw new InputError(
      `${file} is not an OCI image index (schemaVersion 2 with manifests); fix or remove it`
    );
  }
  return index;
}
function checkDescriptor(d, dir) {
  if (!d || typeof d.digest !== "string" || !isDigest(d.digest) || typeof d.size !== "number") {
    throw new RunError(
      `The OCI layout ${dir} has a descriptor without a sha256 digest and size; the layout is corrupt`
    );
  }
}
function parseJson(text4, file) {
  try {
    return JSON.parse(text4);
  } catch (err) {
    throw new InputError(`${file} is not valid JSON (${errorMessage(err)}); fix or remove it`);
  }
}
function hexOf(digest) {
  if (!isDigest(digest)) throw new Error(`not a sha256 digest: ${String(digest)}`);
  return digest.slice("sha256:".length);
}
function blobPath(dir, digest) {
  return path4.join(dir, "blobs", "sha256", hexOf(digest));
}
async function writeAtomically(file, bytes) {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  await fs4.writeFile(temp, bytes);
  await fs4.rename(temp, file);
}

// src/connectors/common.ts
import { posix as posix7 } from "node:path";
function targetDirectory(inputs, fallback) {
  const given = inputs["artifact-path"];
  if (!given) return fallback;
  if (!given.startsWith("/")) {
    throw new InputError(
      `Input "artifact-path" must be an absolute path inside the image (got "${given}"); write e.g. ${fallback}.`
    );
  }
  const normal = posix7.normalize(given).replace(/\/+$/, "");
  return normal === "" ? "/" : normal;
}
var BASE_IMAGE_INPUT = 'input "base-image"';
function baseImage(inputs, fallback, fallbackSource) {
  return inputs["base-image"] ? { base: inputs["base-image"], baseSource: BASE_IMAGE_INPUT } : { base: fallback, baseSource: fallbackSource };
}
function directoryChain(dir, root, owner, mode) {
  return directoryPaths(dir, root).map((path9) => ({ path: path9, mode, ...owner }));
}
function directoryPaths(dir, root) {
  const rel = posix7.relative(root, dir);
  if (rel === ".." || rel.startsWith("../")) return [];
  const out = [root];
  if (rel === "") return out;
  for (const part of rel.split("/")) out.push(posix7.join(out[out.length - 1], part));
  return out;
}

// src/assemble/history.ts
import { posix as posix8 } from "node:path";

// src/image/rebase.ts
function matchBase(newBase, image, label) {
  const match = bestMatch(image.platform, newBase.images, (b) => b.platform);
  const offered = newBase.images.map((b) => formatPlatform(b.platform)).join(", ");
  if (!match || match.config.os !== image.config.os || match.config.architecture !== image.config.architecture) {
    throw new InputError(
      `Input "base-image": ${newBase.name} offers ${offered || "no platform"}, but ${label} runs on ${formatPlatform(image.platform)}; a rebase keeps the image's platforms, so choose a base built for ${formatPlatform(image.platform)}.`
    );
  }
  return match;
}
function rebasePlatform(newBase, base, part, ownLayers) {
  return stackImage(newBase, base, base.platform, part.epoch, {
    layers: ownLayers,
    diffIds: part.diffIds,
    history: part.history,
    changes: part.changes,
    annotations: part.annotations
  });
}
function ownAnnotations(annotations) {
  if (!annotations) return void 0;
  const base = /* @__PURE__ */ new Set([Annotation.BaseName, Annotation.BaseDigest, Annotation.Created]);
  const own2 = Object.entries(annotations).filter(([key]) => !base.has(key));
  return own2.length > 0 ? Object.fromEntries(own2) : void 0;
}
async function rebaseImage(req) {
  const { transport } = req;
  const label = req.image.toString();
  const source = await resolveImage(transport, req.image, { origin: 'input "image"' });
  const parts = source.images.map((img) => req.split(img, label));
  const newBase = await resolveBase(transport, req.newBase, { origin: 'input "base-image"' });
  if (newBase.images.length === 0) {
    throw new InputError('Input "base-image": a rebase needs a base image, not scratch.');
  }
  const repo = req.image.repositoryOnly();
  const built = source.images.map((img, i) => {
    const base = matchBase(newBase, img, label);
    const own2 = parts[i].layers.map((d) => remoteBlob(transport, repo, d));
    return rebasePlatform(newBase, base, parts[i], own2);
  });
  const epoch = parts[0].epoch;
  const indexAnnotations = source.isIndex ? ownAnnotations(
    (await fetchManifest(transport, req.image.withDigest(source.descriptor.digest))).manifest.annotations
  ) : void 0;
  const image = source.isIndex || built.length > 1 ? buildIndex(
    built,
    { ...baseAnnotations(newBase, epoch), ...indexAnnotations },
    // buildx's manifest-descriptor annotations, as the image's index had them
    source.images.map((img) => img.manifestDescriptor.annotations)
  ) : built[0];
  const kept = /* @__PURE__ */ new Map();
  for (const part of parts) for (const d of part.layers) kept.set(d.digest, d);
  return {
    image,
    source: source.descriptor,
    newBase,
    oldBase: { name: parts[0].baseName, digest: parts[0].baseDigest },
    platforms: built.map((b) => b.platform),
    kept: [...kept.values()]
  };
}

// src/assemble/history.ts
var SUFFIX = " # slipway";
function history(changes, created, files, fromBase) {
  const out = [];
  const meta = (createdBy) => {
    out.push({ created, created_by: createdBy + SUFFIX, empty_layer: true });
  };
  if (files) {
    const lines = [
      copyLine(files),
      ...(fromBase?.files ?? []).map((f) => baseCopyLine(fromBase.base, f))
    ];
    out.push({ created, created_by: lines.join("; ") + SUFFIX });
  }
  const env = Object.entries(changes.env ?? {});
  if (env.length > 0) meta(`ENV ${env.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")}`);
  const labels = Object.entries(changes.labels ?? {});
  if (labels.length > 0)
    meta(`LABEL ${labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ")}`);
  if (changes.user !== void 0) meta(`USER ${changes.user}`);
  if (changes.exposedPorts?.length) meta(`EXPOSE ${changes.exposedPorts.join(" ")}`);
  if (changes.workdir !== void 0) meta(`WORKDIR ${changes.workdir}`);
  if (changes.entrypoint !== void 0) meta(`ENTRYPOINT ${JSON.stringify(changes.entrypoint)}`);
  if (changes.cmd !== void 0) meta(`CMD ${JSON.stringify(changes.cmd)}`);
  return out;
}
function dependencyHistory(created, platformDir, what) {
  return { created, created_by: `COPY ${platformDir}/ / (${what})${SUFFIX}` };
}
function copyLine(files) {
  if (files.length === 0) return "COPY (directories only) /";
  const groups = /* @__PURE__ */ new Map();
  for (const f of [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
    const dir = posix8.dirname(f.path);
    const flags2 = [
      f.uid !== 0 || f.gid !== 0 ? `--chown=${f.uid}:${f.gid} ` : "",
      f.mode !== 420 ? `--chmod=${f.mode.toString(8).padStart(3, "0")} ` : ""
    ].join("");
    const key = `${flags2}\0${dir === "/" ? "/" : `${dir}/`}`;
    const names = groups.get(key) ?? [];
    names.push(posix8.basename(f.path));
    groups.set(key, names);
  }
  return [...groups.entries()].map(([key, names]) => {
    const [flags2, dir] = key.split("\0");
    return `COPY ${flags2}${names.join(" ")} ${dir}`;
  }).join("; ");
}
function baseCopyLine(base, file) {
  const mode = file.mode.toString(8).padStart(3, "0");
  return `COPY --from=${base} --chown=${file.uid}:${file.gid} --chmod=${mode} ${file.path} ${file.path}`;
}
function parsePairs(text4, where2) {
  const out = {};
  const pair = /([^\s=]+)=("(?:[^"\\]|\\.)*")/g;
  for (const m of text4.matchAll(pair)) out[m[1]] = JSON.parse(m[2]);
  if (text4.trim() !== "" && Object.keys(out).length === 0) {
    throw new RunError(
      `Cannot read the history entry "${where2}" of the image; rebuild it instead.`
    );
  }
  return out;
}
function parseList(text4, where2) {
  try {
    const value = JSON.parse(text4);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {
  }
  throw new RunError(`Cannot read the history entry "${where2}" of the image; rebuild it instead.`);
}
function changesFromHistory(entries) {
  const changes = {};
  for (const entry of entries) {
    const line = (entry.created_by ?? "").slice(0, -SUFFIX.length);
    const space = line.indexOf(" ");
    const op = space < 0 ? line : line.slice(0, space);
    const rest = space < 0 ? "" : line.slice(space + 1);
    switch (op) {
      case "ENV":
        changes.env = { ...changes.env, ...parsePairs(rest, line) };
        break;
      case "LABEL":
        changes.labels = { ...changes.labels, ...parsePairs(rest, line) };
        break;
      case "USER":
        changes.user = rest;
        break;
      case "EXPOSE":
        changes.exposedPorts = [
          ...changes.exposedPorts ?? [],
          ...rest.split(" ").filter(Boolean)
        ];
        break;
      case "WORKDIR":
        changes.workdir = rest;
        break;
      case "ENTRYPOINT":
        changes.entrypoint = parseList(rest, line);
        break;
      case "CMD":
        changes.cmd = parseList(rest, line);
        break;
      default:
        break;
    }
  }
  return changes;
}
function epochOf(manifest, config) {
  const iso = manifest.annotations?.[Annotation.Created] ?? config.created;
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1e3);
}
function slipwayPart(image, label) {
  const { manifest, config } = image;
  const where2 = `${label} (${formatPlatform(image.platform)})`;
  const baseName = manifest.annotations?.[Annotation.BaseName];
  const baseDigest = manifest.annotations?.[Annotation.BaseDigest];
  if (!baseName || !baseDigest) {
    throw new InputError(
      `${where2} has no ${Annotation.BaseName}/${Annotation.BaseDigest} annotations, so which of its layers are the base is unknown; only images Slipway built on a base can be rebased: rebuild this one with the new base-image instead.`
    );
  }
  const history2 = config.history ?? [];
  let first = history2.length;
  while (first > 0 && history2[first - 1].created_by?.endsWith(SUFFIX)) first--;
  const ours = history2.slice(first);
  if (ours.length === 0) {
    throw new InputError(
      `${where2} carries base annotations but no history entries of Slipway's builder, so its own layers cannot be told from the base's; rebuild it with the new base-image instead.`
    );
  }
  const count = ours.filter((h) => !h.empty_layer).length;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length || count > manifest.layers.length) {
    throw new RunError(
      `${where2} lists ${manifest.layers.length} layers but ${diffIds.length} diff_ids in its config; the image is inconsistent, rebuild it.`
    );
  }
  const from = manifest.layers.length - count;
  return {
    baseName,
    baseDigest,
    layers: manifest.layers.slice(from),
    diffIds: diffIds.slice(from),
    history: ours,
    changes: changesFromHistory(ours),
    epoch: epochOf(manifest, config),
    annotations: ownAnnotations(manifest.annotations)
  };
}

// src/assemble/python-deps.ts
import { createHash as createHash6 } from "node:crypto";
import { existsSync as existsSync5, promises as fs9 } from "node:fs";
import { dirname as dirname6, join as join11 } from "node:path";

// src/toolchain/python/base-python.ts
var DEFAULT_GLIBC = "2.31";
var DEFAULT_MUSL = "1.2";
function targetPythonFromBase(facts) {
  const paths = (facts.paths ?? []).map((p) => `/${p.replace(/^\/+/, "").replace(/\/+$/, "")}`);
  const libc = facts.libc ?? (paths.some((p) => /^\/lib\/ld-musl-[^/]+\.so\.1$/.test(p)) ? "musl" : "glibc");
  const libcVersion = facts.libcVersion ?? (libc === "musl" ? DEFAULT_MUSL : glibcFromPaths(paths) ?? DEFAULT_GLIBC);
  const fromEnv = (facts.env ?? []).map((line) => /^PYTHON_VERSION=(\d+)\.(\d+)(\.\d+)?/.exec(line)).find((m) => m !== null);
  if (fromEnv) {
    const version = `${fromEnv[1]}.${fromEnv[2]}`;
    return target(version, `${version}${fromEnv[3] ?? ".0"}`, libc, libcVersion, "local");
  }
  const versions = (re) => paths.flatMap((p) => {
    const m = re.exec(p);
    return m ? [m[1]] : [];
  });
  const newest = (list) => list.sort((a, b) => Number(b.split(".")[1]) - Number(a.split(".")[1]))[0];
  const local = newest(versions(/^\/usr\/local\/lib\/python(3\.\d+)(?:\/site-packages)?$/));
  const local_has_site = local && paths.includes(`/usr/local/lib/python${local}/site-packages`);
  if (local && local_has_site) return target(local, `${local}.0`, libc, libcVersion, "local");
  const system = newest(versions(/^\/usr\/lib\/python(3\.\d+)$/));
  if (system) return target(system, `${system}.0`, libc, libcVersion, "system");
  if (local) return target(local, `${local}.0`, libc, libcVersion, "local");
  throw new InputError(
    `The base image${facts.label ? ` ${facts.label}` : ""} shows no Python 3 (no PYTHON_VERSION in its config Env, no /usr/lib/python3.X or /usr/local/lib/python3.X/site-packages); use a base image with Python 3, such as python:3.11-slim`
  );
}
function target(version, fullVersion, libc, libcVersion, kind) {
  return {
    version,
    fullVersion,
    abi: `cp${version.replace(".", "")}`,
    libc,
    libcVersion,
    sitePackages: kind === "local" ? `/usr/local/lib/python${version}/site-packages` : `/usr/local/lib/python${version}/dist-packages`,
    interpreter: kind === "local" ? "/usr/local/bin/python3" : "/usr/bin/python3",
    prefix: "/usr/local"
  };
}
function glibcFromPaths(paths) {
  for (const p of paths) {
    const m = /\/libc-(2\.\d+)\.so$/.exec(p);
    if (m) return m[1];
  }
  return void 0;
}

// src/toolchain/python/base-paths.ts
var import_tar_stream3 = __toESM(require_tar_stream());
import { Readable as Readable3 } from "node:stream";
import { createGunzip as createGunzip2 } from "node:zlib";
var INTERESTING = [
  /^usr\/lib\/python3\.\d+$/,
  /^usr\/local\/lib\/python3\.\d+(\/site-packages)?$/,
  /^lib\/ld-musl-[^/]+\.so\.1$/,
  /\/libc-2\.\d+\.so$/
];
async function basePythonPaths(layers) {
  const found = /* @__PURE__ */ new Set();
  await mapLimited(layers, 3, async (blob) => {
    for (const p of await layerPaths(blob)) found.add(p);
  });
  return [...found].sort();
}
async function layerPaths(blob) {
  const raw = await blob.open();
  const head = await firstBytes(raw);
  if (head.bytes.length >= 4 && head.bytes.readUInt32LE(0) === 4247762216) {
    raw.destroy();
    return [];
  }
  const source = Readable3.from(head.rest());
  const tar2 = head.bytes[0] === 31 && head.bytes[1] === 139 ? source.pipe(createGunzip2()) : source;
  const names = [];
  const extract = (0, import_tar_stream3.extract)();
  await new Promise((resolve14, reject) => {
    extract.on("entry", (header2, stream, next) => {
      const name = header2.name.replace(/^(\.?\/)+/, "").replace(/\/+$/, "");
      if (INTERESTING.some((re) => re.test(name))) names.push(name);
      stream.on("end", next);
      stream.resume();
    });
    extract.on("finish", resolve14);
    extract.on("error", reject);
    tar2.on("error", reject);
    tar2.pipe(extract);
  });
  return names;
}
async function firstBytes(stream) {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  const bytes = first.done ? Buffer.alloc(0) : first.value;
  return {
    bytes,
    rest: async function* () {
      if (bytes.length > 0) yield bytes;
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        yield next.value;
    }
  };
}

// src/toolchain/python/lock.ts
import { existsSync, readFileSync } from "node:fs";
import * as path5 from "node:path";

// src/toolchain/python/versions.ts
var PRE_RANK = {
  a: 1,
  alpha: 1,
  b: 2,
  beta: 2,
  c: 3,
  rc: 3,
  pre: 3,
  preview: 3
};
var FINAL = 4;
function parse2(version) {
  const m = /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?\s*$/i.exec(
    version
  );
  if (!m) return void 0;
  const dev = m[7] !== void 0 ? Number(m[7] || 0) : Infinity;
  const pre = m[3] !== void 0 ? [PRE_RANK[m[3].toLowerCase()], Number(m[4] || 0)] : (
    // A dev release with no pre/post sorts before the release's pre-releases.
    dev !== Infinity && m[5] === void 0 && m[6] === void 0 ? [0, 0] : [FINAL, 0]
  );
  const post = m[5] !== void 0 ? Number(m[5]) : m[6] !== void 0 ? Number(m[6] || 0) : -1;
  return { epoch: Number(m[1] ?? 0), release: m[2].split(".").map(Number), pre, post, dev };
}
function compareVersions(a, b) {
  const x = parse2(a);
  const y = parse2(b);
  if (!x || !y) return a < b ? -1 : a > b ? 1 : 0;
  const steps = [
    x.epoch - y.epoch,
    compareRelease(x.release, y.release),
    x.pre[0] - y.pre[0],
    x.pre[1] - y.pre[1],
    x.post - y.post
  ];
  for (const d of steps) if (d !== 0) return d;
  return x.dev === y.dev ? 0 : x.dev < y.dev ? -1 : 1;
}
function compareRelease(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
function versionMatches(version, op, spec) {
  if ((op === "==" || op === "!=") && spec.endsWith(".*")) {
    const prefix = spec.slice(0, -2).split(".").map(Number);
    const release = parse2(version)?.release ?? [];
    const same = prefix.every((n, i) => (release[i] ?? 0) === n);
    return op === "==" ? same : !same;
  }
  const c = compareVersions(version, spec);
  switch (op) {
    case "==":
      return c === 0;
    case "!=":
      return c !== 0;
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "~=": {
      const release = parse2(spec)?.release ?? [];
      const prefix = release.slice(0, Math.max(1, release.length - 1)).join(".");
      return c >= 0 && versionMatches(version, "==", `${prefix}.*`);
    }
    default:
      return false;
  }
}

// src/toolchain/python/markers.ts
var VARIABLES = /* @__PURE__ */ new Set([
  "python_version",
  "python_full_version",
  "sys_platform",
  "platform_system",
  "os_name",
  "platform_machine",
  "implementation_name",
  "platform_python_implementation",
  "implementation_version",
  "platform_release",
  "platform_version",
  "extra",
  "extras",
  "dependency_groups",
  // Old spellings packaging still accepts (PEP 345).
  "os.name",
  "sys.platform",
  "platform.version",
  "platform.machine",
  "platform.python_implementation",
  "python_implementation"
]);
var ALIASES = {
  "os.name": "os_name",
  "sys.platform": "sys_platform",
  "platform.version": "platform_version",
  "platform.machine": "platform_machine",
  "platform.python_implementation": "platform_python_implementation",
  python_implementation: "platform_python_implementation"
};
var VERSION_VARIABLES = /* @__PURE__ */ new Set([
  "python_version",
  "python_full_version",
  "implementation_version"
]);
function tokenize(marker, where2) {
  const tokens = [];
  const re = /\s*(?:(['"])(.*?)\1|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b)|([()])|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let pos = 0;
  while (pos < marker.length) {
    if (/^\s*$/.test(marker.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(marker);
    if (!m) throw badMarker(marker, where2, `unexpected text at "${marker.slice(pos)}"`);
    pos = re.lastIndex;
    if (m[1] !== void 0) tokens.push({ kind: "string", value: m[2] });
    else if (m[3] !== void 0) tokens.push({ kind: "op", value: m[3] });
    else if (m[4] !== void 0) tokens.push({ kind: "op", value: "not in" });
    else if (m[5] !== void 0) tokens.push({ kind: "paren", value: m[5] });
    else if (m[6] === "in") tokens.push({ kind: "op", value: "in" });
    else tokens.push({ kind: "name", value: m[6] });
  }
  return tokens;
}
function badMarker(marker, where2, why) {
  return new InputError(
    `The environment marker "${marker}" in ${where2} cannot be read (${why}); write it as PEP 508 describes, e.g. python_version >= "3.10" and sys_platform == "linux"`
  );
}
function evaluateMarker(marker, env, where2) {
  const tokens = tokenize(marker, where2);
  if (tokens.length === 0) return true;
  let i = 0;
  const peek = () => tokens[i];
  const fail2 = (why) => {
    throw badMarker(marker, where2, why);
  };
  const value = () => {
    const t = tokens[i++];
    if (!t) return fail2("it ends too early");
    if (t.kind === "string") return { literal: t.value };
    if (t.kind === "name" && VARIABLES.has(t.value))
      return { variable: ALIASES[t.value] ?? t.value };
    return fail2(`"${t.value}" is not a marker variable or a quoted string`);
  };
  const comparison = () => {
    const t = peek();
    if (t?.kind === "paren" && t.value === "(") {
      i++;
      const result2 = orExpr();
      const close = tokens[i++];
      if (close?.kind !== "paren" || close.value !== ")") fail2('a "(" is not closed');
      return result2;
    }
    const left = value();
    const op = tokens[i++];
    if (op?.kind !== "op") return fail2("a comparison operator is missing");
    const right = value();
    return compare(left, op.value, right, env, () => fail2(`"${op.value}" cannot compare these`));
  };
  const andExpr = () => {
    let result2 = comparison();
    while (peek()?.kind === "name" && peek()?.value === "and") {
      i++;
      const next = comparison();
      result2 = result2 && next;
    }
    return result2;
  };
  const orExpr = () => {
    let result2 = andExpr();
    while (peek()?.kind === "name" && peek()?.value === "or") {
      i++;
      const next = andExpr();
      result2 = result2 || next;
    }
    return result2;
  };
  const result = orExpr();
  if (i !== tokens.length) fail2(`unexpected "${tokens[i].value}"`);
  return result;
}
function compare(left, op, right, env, fail2) {
  const set = (variable2) => variable2 === "extra" || variable2 === "extras" ? env.extras : variable2 === "dependency_groups" ? env.dependency_groups : void 0;
  const leftSet = set(left.variable);
  const rightSet = set(right.variable);
  if (leftSet || rightSet) {
    const members = (leftSet ?? rightSet ?? []).map(normalizeName);
    const other = normalizeName(left.literal ?? right.literal ?? fail2());
    if (left.variable === "extra" || right.variable === "extra") {
      if (op === "==") return members.includes(other);
      if (op === "!=") return !members.includes(other);
      return fail2();
    }
    if (op === "in" && rightSet) return members.includes(other);
    if (op === "not in" && rightSet) return !members.includes(other);
    return fail2();
  }
  const resolve14 = (v) => v.literal ?? String(env[v.variable]);
  const a = resolve14(left);
  const b = resolve14(right);
  const isVersion = VERSION_VARIABLES.has(left.variable ?? "") || VERSION_VARIABLES.has(right.variable ?? "");
  switch (op) {
    case "in":
      return b.includes(a);
    case "not in":
      return !b.includes(a);
    case "===":
      return a === b;
  }
  if (isVersion && /^\d/.test(a) && /^\d/.test(b)) {
    return left.variable ? versionMatches(a, op, b) : versionMatches(b, flip(op), a);
  }
  switch (op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    default:
      return fail2();
  }
}
function flip(op) {
  return { "<": ">", ">": "<", "<=": ">=", ">=": "<=" }[op] ?? op;
}
function normalizeName(name) {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

// src/toolchain/python/lock.ts
var PYPI_SIMPLE = "https://pypi.org/simple";
var LOCK_NAMES = ["poetry.lock", "pylock.toml", "requirements.txt"];
function findLock(projectDir) {
  return LOCK_NAMES.map((n) => path5.join(projectDir, n)).find((f) => existsSync(f));
}
function readPythonLock(file, opts = {}) {
  const env = opts.env ?? process.env;
  const base = path5.basename(file);
  if (base === "poetry.lock") return readPoetryLock(file, env);
  if (base === "pylock.toml" || /^pylock\.[^.]+\.toml$/.test(base)) return readPylock(file, env);
  return readRequirements(file, env);
}
function defaultIndexes(env, primary, extra = []) {
  const first = primary ?? (env.PIP_INDEX_URL?.trim() || PYPI_SIMPLE);
  const more = (env.PIP_EXTRA_INDEX_URL ?? "").split(/\s+/).filter(Boolean);
  return [...new Set([first, ...extra, ...more].map((u) => u.replace(/\/+$/, "")))];
}
function readToml(file) {
  let text4;
  try {
    text4 = readFileSync(file, "utf8");
  } catch (err) {
    throw new InputError(`Cannot read ${file}: ${errorMessage(err)}`, { file });
  }
  try {
    return parse(text4);
  } catch (err) {
    throw new InputError(
      `${file} is not valid TOML (${errorMessage(err)}); fix the file or regenerate it with its tool`,
      { file }
    );
  }
}
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function records(value) {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
function sha256Of(hash, where2, file) {
  const m = /^sha256:([0-9a-fA-F]{64})$/.exec(hash ?? "");
  if (!m)
    throw new InputError(
      `${where2} in ${file} has no sha256 hash ("${hash ?? ""}"); regenerate the lock so that every file is pinned by sha256`,
      { file }
    );
  return m[1].toLowerCase();
}
function readPoetryLock(file, env) {
  const lock = readToml(file);
  const pyprojectFile = path5.join(path5.dirname(file), "pyproject.toml");
  const pyproject = existsSync(pyprojectFile) ? readToml(pyprojectFile) : void 0;
  const poetry = isRecord(pyproject?.tool) && isRecord(pyproject.tool.poetry) ? pyproject.tool.poetry : void 0;
  const sources = records(poetry?.source);
  const primary = sources.find(
    (s) => s.priority === "primary" || s.priority === "default" || s.default === true
  );
  const defaults = defaultIndexes(env, str(primary?.url));
  const nodes = /* @__PURE__ */ new Map();
  for (const entry of records(lock.package)) {
    const name = str(entry.name);
    const version = str(entry.version);
    if (!name || !version)
      throw new InputError(
        `A [[package]] in ${file} lacks name or version; regenerate it with \`poetry lock\``,
        { file }
      );
    const where2 = `the package ${name} ${version}`;
    let indexes = defaults;
    if (isRecord(entry.source)) {
      const type = str(entry.source.type);
      const url2 = str(entry.source.url);
      if (type !== "legacy" || !url2)
        throw new InputError(
          `${where2} in ${file} comes from a ${type ?? "unknown"} source (${url2 ?? "no url"}), which Slipway cannot install natively; publish it to a package index, or set builder: docker`,
          { file }
        );
      indexes = [url2.replace(/\/+$/, "")];
    }
    const files = records(entry.files).map((f) => ({
      filename: str(f.file),
      sha256: sha256Of(str(f.hash), `${where2} (file ${str(f.file) ?? "?"})`, file)
    }));
    const meta = isRecord(lock.metadata) && isRecord(lock.metadata.files) ? lock.metadata.files : {};
    for (const f of records(meta[name]))
      files.push({
        filename: str(f.file),
        sha256: sha256Of(str(f.hash), `${where2} (file ${str(f.file) ?? "?"})`, file)
      });
    const key = normalizeName(name);
    nodes.set(key, {
      pkg: { name, key, version, files, indexes },
      category: str(entry.category),
      ...Array.isArray(entry.groups) ? { groups: entry.groups.filter((g) => typeof g === "string") } : {},
      mainMarker: isRecord(entry.markers) ? str(entry.markers.main) : str(entry.markers),
      edges: poetryEdges(entry.dependencies),
      extras: new Map(
        Object.entries(isRecord(entry.extras) ? entry.extras : {}).map(([extra, deps]) => [
          normalizeName(extra),
          (Array.isArray(deps) ? deps : []).flatMap(
            (d) => typeof d === "string" ? [normalizeName(requirementName(d))] : []
          )
        ])
      )
    });
  }
  const roots = rootEdges(pyproject);
  return {
    kind: "poetry",
    file,
    packagesFor(target2) {
      if ([...nodes.values()].every((n) => n.groups)) {
        return [...nodes.values()].filter((n) => n.groups?.includes("main")).filter(
          (n) => !n.mainMarker || evaluateMarker(n.mainMarker, target2, `${n.pkg.name} in ${file}`)
        ).map((n) => n.pkg).sort(byKey);
      }
      if (!roots) {
        const main = [...nodes.values()].filter(
          (n) => n.category === void 0 || n.category === "main"
        );
        return main.map((n) => n.pkg).sort(byKey);
      }
      const chosen = /* @__PURE__ */ new Map();
      const queue = [];
      const follow = (edges, parentExtras, from, enabled) => {
        for (const edge of edges) {
          const key = normalizeName(edge.name);
          if (edge.optional && !enabled?.has(key)) continue;
          if (!edgeHolds(edge, { ...target2, extras: parentExtras }, from)) continue;
          const extras = chosen.get(key) ?? /* @__PURE__ */ new Set();
          const fresh = !chosen.has(key) || edge.extras.some((e) => !extras.has(normalizeName(e)));
          for (const e of edge.extras) extras.add(normalizeName(e));
          chosen.set(key, extras);
          if (fresh) queue.push([key, [...extras]]);
        }
      };
      follow(roots, [], "pyproject.toml");
      while (queue.length > 0) {
        const [key, extras] = queue.shift();
        const node = nodes.get(key);
        if (!node) {
          throw new InputError(
            `${file} does not list ${key}, which the project depends on; run \`poetry lock\` again`,
            { file }
          );
        }
        const enabled = new Set(extras.flatMap((e) => node.extras.get(e) ?? []));
        follow(node.edges, extras, `${node.pkg.name} ${node.pkg.version} in ${file}`, enabled);
      }
      return [...chosen.keys()].map((k) => nodes.get(k).pkg).sort(byKey);
    }
  };
}
function byKey(a, b) {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
function edgeHolds(edge, env, where2) {
  if (edge.marker && !evaluateMarker(edge.marker, env, where2)) return false;
  if (edge.python && !poetryConstraintHolds(env.python_full_version, edge.python)) return false;
  if (edge.platform && edge.platform !== env.sys_platform) return false;
  return true;
}
function poetryEdges(deps) {
  if (!isRecord(deps)) return [];
  const edges = [];
  for (const [name, spec] of Object.entries(deps)) {
    if (name.toLowerCase() === "python") continue;
    const variants = Array.isArray(spec) ? spec : [spec];
    for (const v of variants) {
      if (typeof v === "string") edges.push({ name, optional: false, extras: [] });
      else if (isRecord(v))
        edges.push({
          name,
          marker: str(v.markers),
          optional: v.optional === true,
          extras: Array.isArray(v.extras) ? v.extras.filter((e) => typeof e === "string") : [],
          python: str(v.python),
          platform: str(v.platform)
        });
    }
  }
  return edges;
}
function rootEdges(pyproject) {
  if (!pyproject) return void 0;
  const tool = isRecord(pyproject.tool) ? pyproject.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const edges = poetryEdges(poetry.dependencies);
  const groups = isRecord(poetry.group) ? poetry.group : {};
  if (isRecord(groups.main)) edges.push(...poetryEdges(groups.main.dependencies));
  const project = isRecord(pyproject.project) ? pyproject.project : {};
  for (const req of Array.isArray(project.dependencies) ? project.dependencies : []) {
    if (typeof req !== "string") continue;
    const parsed = parseRequirement(req);
    edges.push({
      name: parsed.name,
      marker: parsed.marker,
      optional: false,
      extras: parsed.extras
    });
  }
  if (edges.length === 0 && !isRecord(poetry.dependencies) && !Array.isArray(project.dependencies))
    return void 0;
  return edges;
}
function poetryConstraintHolds(version, constraint) {
  return constraint.split("||").some(
    (alternative) => alternative.split(/,|\s+(?=[<>=!~^\d])/).map((c) => c.trim()).filter(Boolean).every((c) => {
      if (c === "*") return true;
      const m = /^(\^|~=|~|==|!=|>=|<=|>|<|=)?\s*(\S+)$/.exec(c);
      if (!m) return true;
      const [, op = "==", v] = m;
      const parts = v.replace(/\.\*$/, "").split(".").map(Number);
      if (op === "^") {
        const firstNonZero = parts.findIndex((n) => n !== 0);
        const i = firstNonZero === -1 ? parts.length - 1 : firstNonZero;
        const upper = parts.slice(0, i + 1).map((n, j) => j === i ? n + 1 : n).join(".");
        return versionMatches(version, ">=", v) && versionMatches(version, "<", upper);
      }
      if (op === "~") {
        const i = parts.length > 1 ? 1 : 0;
        const upper = parts.slice(0, i + 1).map((n, j) => j === i ? n + 1 : n).join(".");
        return versionMatches(version, ">=", v) && versionMatches(version, "<", upper);
      }
      return versionMatches(version, op === "=" ? "==" : op, v);
    })
  );
}
function parseRequirement(text4) {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(?:@\s*([^;\s]+)\s*)?([^;]*?)\s*(?:;\s*(.*?))?\s*$/.exec(
    text4
  );
  if (!m)
    throw new InputError(
      `"${text4}" is not a PEP 508 requirement (name[extras] specifier ; marker)`
    );
  return {
    name: m[1],
    extras: (m[2] ?? "").split(",").map((e) => e.trim()).filter(Boolean),
    specifier: m[4].replace(/^\(|\)$/g, "").replace(/\s+/g, ""),
    ...m[3] ? { url: m[3] } : {},
    ...m[5] ? { marker: m[5] } : {}
  };
}
function requirementName(text4) {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text4)?.[1] ?? text4;
}
function readRequirements(file, env) {
  const lines = [];
  let primary;
  const extra = [];
  const visit = (current, depth2) => {
    let text4;
    try {
      text4 = readFileSync(current, "utf8");
    } catch (err) {
      throw new InputError(`Cannot read ${current}: ${errorMessage(err)}`, { file: current });
    }
    const physical = text4.split(/\r?\n/);
    for (let i = 0; i < physical.length; i++) {
      const lineNo = i + 1;
      let logical = physical[i];
      while (logical.endsWith("\\") && i + 1 < physical.length)
        logical = `${logical.slice(0, -1)} ${physical[++i]}`;
      logical = logical.replace(/(^|\s)#.*$/, "").trim();
      if (!logical) continue;
      const where2 = `${current} line ${lineNo}`;
      const option = /^(-i|--index-url|--extra-index-url|-r|--requirement|-c|--constraint|-e|--editable|-f|--find-links|--no-index|--[a-z-]+)(?:[=\s]\s*(\S+))?/.exec(
        logical
      );
      if (option && logical.startsWith("-") && !/^--hash/.test(logical)) {
        const [, flag, value] = option;
        if ((flag === "-i" || flag === "--index-url") && value) primary = value;
        else if (flag === "--extra-index-url" && value) extra.push(value);
        else if ((flag === "-r" || flag === "--requirement") && value) {
          if (depth2 > 10)
            throw new InputError(`${where2}: -r includes nest more than 10 deep; remove the cycle`, {
              file: current,
              line: lineNo
            });
          visit(path5.resolve(path5.dirname(current), value), depth2 + 1);
        } else if ([
          "--trusted-host",
          "--prefer-binary",
          "--only-binary",
          "--no-binary",
          "--pre",
          "--require-hashes"
        ].includes(flag)) {
        } else {
          throw new InputError(
            `${where2}: the option ${flag} needs pip itself; remove it (pin every package with ==version and --hash=sha256:\u2026), or set builder: docker`,
            { file: current, line: lineNo }
          );
        }
        continue;
      }
      const hashes = [...logical.matchAll(/--hash[=\s]\s*(\S+)/g)].map((m) => m[1]);
      const body = logical.replace(/--hash[=\s]\s*\S+/g, "").trim();
      const req = parseRequirement(body);
      const pin = /^===?([^,*]+)$/.exec(req.specifier);
      if (!pin || req.url) {
        throw new InputError(
          `${where2}: "${body}" is not pinned to one version (name==version); pin every package, e.g. with \`pip-compile --generate-hashes\`, so that the image is reproducible`,
          { file: current, line: lineNo }
        );
      }
      if (hashes.length === 0) {
        throw new InputError(
          `${where2}: ${req.name}==${pin[1]} has no --hash=sha256:\u2026; add the hashes (\`pip-compile --generate-hashes\` writes them) so that every download is verified`,
          { file: current, line: lineNo }
        );
      }
      lines.push({
        req,
        version: pin[1],
        hashes: hashes.map(
          (h) => sha256Of(h.replace(/^sha256=/, "sha256:"), `${req.name}==${pin[1]}`, current)
        ),
        line: lineNo,
        file: current
      });
    }
  };
  visit(file, 0);
  const indexes = defaultIndexes(env, primary, extra);
  return {
    kind: "requirements",
    file,
    packagesFor(target2) {
      const byKey2 = /* @__PURE__ */ new Map();
      for (const l of lines) {
        if (l.req.marker && !evaluateMarker(l.req.marker, target2, `${l.file} line ${l.line}`))
          continue;
        const key = normalizeName(l.req.name);
        const seen = byKey2.get(key);
        if (seen && seen.version !== l.version) {
          throw new InputError(
            `${l.file} line ${l.line}: ${l.req.name} is pinned to ${seen.version} and to ${l.version}; keep one pin`,
            { file: l.file, line: l.line }
          );
        }
        byKey2.set(key, {
          name: l.req.name,
          key,
          version: l.version,
          files: l.hashes.map((sha2562) => ({ sha256: sha2562 })),
          indexes
        });
      }
      return [...byKey2.values()].sort((a, b) => a.key < b.key ? -1 : 1);
    }
  };
}
function readPylock(file, env) {
  const lock = readToml(file);
  if (str(lock["lock-version"])?.split(".")[0] !== "1")
    throw new InputError(
      `${file} has lock-version "${String(lock["lock-version"])}", Slipway reads PEP 751 lock-version 1.x; regenerate it`,
      { file }
    );
  const groups = Array.isArray(lock["default-groups"]) ? lock["default-groups"].filter((g) => typeof g === "string") : [];
  const entries = records(lock.packages).map((entry) => {
    const name = str(entry.name) ?? "";
    const version = str(entry.version) ?? "";
    const where2 = `the package ${name} ${version}`;
    if (!name || !version && !isRecord(entry.directory))
      throw new InputError(
        `A [[packages]] entry in ${file} lacks name or version; regenerate the lock`,
        { file }
      );
    const fileOf = (f) => {
      const hashes = isRecord(f.hashes) ? f.hashes : {};
      const url2 = str(f.url);
      const filename = str(f.name) ?? (url2 ? decodeURIComponent(url2.split("/").pop() ?? "") : void 0);
      return {
        ...filename ? { filename } : {},
        sha256: sha256Of(
          typeof hashes.sha256 === "string" ? `sha256:${hashes.sha256}` : void 0,
          `${where2} (${filename ?? "a file"})`,
          file
        ),
        ...url2 ? { url: url2 } : {}
      };
    };
    const files = records(entry.wheels).map(fileOf);
    if (isRecord(entry.sdist)) files.push(fileOf(entry.sdist));
    if (files.length === 0)
      throw new InputError(
        `${where2} in ${file} is not locked as wheels or an sdist (vcs, directory or archive sources need pip); lock it from an index, or set builder: docker`,
        { file }
      );
    const index = str(entry.index);
    return {
      marker: str(entry.marker),
      pkg: {
        name,
        key: normalizeName(name),
        version,
        files,
        indexes: defaultIndexes(env, index)
      }
    };
  });
  return {
    kind: "pylock",
    file,
    packagesFor(target2) {
      const env2 = { ...target2, dependency_groups: groups };
      return entries.filter((e) => !e.marker || evaluateMarker(e.marker, env2, `${e.pkg.name} in ${file}`)).map((e) => e.pkg).sort(byKey);
    }
  };
}
function readProjectPackage(projectDir) {
  const file = path5.join(projectDir, "pyproject.toml");
  const toml = readToml(file);
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const project = isRecord(toml.project) ? toml.project : {};
  const name = str(project.name) ?? str(poetry.name);
  if (!name)
    throw new InputError(
      `${file} names no project ([project] name or [tool.poetry] name); add the name`,
      { file }
    );
  const version = str(project.version) ?? str(poetry.version) ?? "0.0.0";
  let packages = records(poetry.packages).flatMap((p) => {
    const include = str(p.include);
    return include ? [path5.posix.join(str(p.from) ?? ".", include)] : [];
  });
  if (packages.length === 0) {
    const guess = name.replace(/[-.]/g, "_").toLowerCase();
    packages = [guess, `src/${guess}`, `${guess}.py`].filter((p) => existsSync(path5.join(projectDir, p))).slice(0, 1);
  }
  const scriptTable = isRecord(project.scripts) ? project.scripts : isRecord(poetry.scripts) ? poetry.scripts : {};
  const scripts = {};
  for (const [k, v] of Object.entries(scriptTable)) {
    const target2 = typeof v === "string" ? v : isRecord(v) ? str(v.reference) : void 0;
    if (target2) scripts[k] = target2;
  }
  return { name, version, packages, scripts };
}

// src/toolchain/python/package-index.ts
import { createHash as createHash3, randomBytes as randomBytes2 } from "node:crypto";
import { createWriteStream as createWriteStream2, existsSync as existsSync2, promises as fs5 } from "node:fs";
import * as path6 from "node:path";
import { Readable as Readable4 } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";
var ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";
var PackageIndex = class {
  constructor(opts) {
    this.opts = opts;
  }
  opts;
  listings = /* @__PURE__ */ new Map();
  /** The project's files on one index; undefined when the index does not know the project (404). */
  listFiles(index, project) {
    const url2 = `${index.replace(/\/+$/, "")}/${normalizeName(project)}/`;
    let pending = this.listings.get(url2);
    if (!pending) {
      pending = this.fetchListing(index, url2);
      this.listings.set(url2, pending);
    }
    return pending;
  }
  async fetchListing(index, pageUrl) {
    const { url: url2, headers } = splitCredentials(pageUrl);
    const response = await this.request(
      url2,
      { ...headers, Accept: ACCEPT },
      `the index page ${url2}`
    );
    if (response.status === 404 || response.status === 410) return void 0;
    if (!response.ok) {
      throw new RunError(
        `The package index answered ${response.status} ${response.statusText} for ${url2}; check the index URL and its credentials`
      );
    }
    const finalUrl = response.url || url2;
    const type = response.headers.get("content-type") ?? "";
    const body = await response.text();
    if (type.includes("application/vnd.pypi.simple.v1+json"))
      return parseJsonPage(body, finalUrl, index);
    return parseHtmlPage(body, finalUrl, index);
  }
  /**
   * The file's path in the cache, downloading it first when absent. The bytes must hash to
   * `sha256` (from the lock); `pkg` ("requests 2.31.0") names the package in errors.
   */
  async download(file, sha2562, pkg) {
    const cached = path6.join(this.opts.cacheDir, "sha256", sha2562);
    if (existsSync2(cached)) return cached;
    await fs5.mkdir(path6.dirname(cached), { recursive: true });
    const { url: url2, headers } = splitCredentials(file.url);
    const response = await this.request(url2, headers, `${file.filename} of ${pkg}`);
    if (response.status === 404 || response.status === 410) {
      throw new InputError(
        `The index ${file.index} answered ${response.status} for ${file.filename}, the file the lock pins for ${pkg}; publish the file there again or update the lock`
      );
    }
    if (!response.ok || !response.body) {
      throw new RunError(
        `Downloading ${file.filename} of ${pkg} from ${url2} failed: ${response.status} ${response.statusText}`
      );
    }
    const partial = `${cached}.${randomBytes2(6).toString("hex")}.part`;
    const hash = createHash3("sha256");
    try {
      const hashing = Readable4.fromWeb(response.body);
      hashing.on("data", (chunk) => hash.update(chunk));
      await pipeline2(hashing, createWriteStream2(partial));
      const got = hash.digest("hex");
      if (got !== sha2562) {
        throw new InputError(
          `${file.filename} of ${pkg} from ${file.index} has sha256 ${got}, but the lock pins ${sha2562}; the index serves different bytes than were locked: check the index, or update the lock if the change is expected`
        );
      }
      await fs5.rename(partial, cached);
      return cached;
    } finally {
      await fs5.rm(partial, { force: true });
    }
  }
  async request(url2, headers, what) {
    try {
      return await fetch(url2, {
        headers,
        redirect: "follow",
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 6e4)
      });
    } catch (err) {
      throw new RunError(`Cannot reach the package index for ${what}: ${errorMessage(err)}`);
    }
  }
};
function splitCredentials(raw) {
  const u = new URL(raw);
  if (!u.username && !u.password) return { url: raw, headers: {} };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  secrets.add(password);
  const token = Buffer.from(`${user}:${password}`).toString("base64");
  secrets.add(token);
  u.username = "";
  u.password = "";
  return { url: u.toString(), headers: { Authorization: `Basic ${token}` } };
}
function parseJsonPage(body, pageUrl, index) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch (err) {
    throw new RunError(`The package index page ${pageUrl} is not valid JSON: ${errorMessage(err)}`);
  }
  const files = isRecord(parsed) && Array.isArray(parsed.files) ? parsed.files : [];
  return files.filter(isRecord).flatMap((f) => {
    if (typeof f.filename !== "string" || typeof f.url !== "string") return [];
    const sha = isRecord(f.hashes) && typeof f.hashes.sha256 === "string" ? f.hashes.sha256.toLowerCase() : void 0;
    return [
      {
        filename: f.filename,
        url: new URL(f.url, pageUrl).toString(),
        index,
        ...sha ? { sha256: sha } : {}
      }
    ];
  });
}
function parseHtmlPage(body, pageUrl, index) {
  const base = /<base\s[^>]*href\s*=\s*["']([^"']+)["']/i.exec(body)?.[1];
  const baseUrl = base ? new URL(base, pageUrl).toString() : pageUrl;
  const out = [];
  for (const m of body.matchAll(/<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a>/gis)) {
    const href = decodeEntities2(m[2]);
    const absolute = new URL(href, baseUrl);
    const sha = /(?:^|&)sha256=([0-9a-fA-F]{64})/.exec(absolute.hash.slice(1))?.[1]?.toLowerCase();
    absolute.hash = "";
    const text4 = decodeEntities2(m[3].replace(/<[^>]*>/g, "")).trim();
    const filename = text4 || decodeURIComponent(absolute.pathname.split("/").pop() ?? "");
    out.push({ filename, url: absolute.toString(), index, ...sha ? { sha256: sha } : {} });
  }
  return out;
}
function decodeEntities2(s) {
  return s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
}

// src/toolchain/python/install-wheel.ts
import { createHash as createHash4, randomBytes as randomBytes3 } from "node:crypto";
import { createWriteStream as createWriteStream3, existsSync as existsSync3, promises as fs6 } from "node:fs";
import * as path7 from "node:path";
import { pipeline as pipeline3 } from "node:stream/promises";
import { Transform } from "node:stream";
var MANIFEST = ".slipway-wheel.json";
var unpacking = /* @__PURE__ */ new Map();
async function installWheel(wheelPath, sha2562, pkg, target2, stageDir) {
  const key = `${stageDir}\0${sha2562}`;
  let pending = unpacking.get(key);
  if (!pending) {
    pending = stageWheel(wheelPath, sha2562, pkg, stageDir);
    unpacking.set(key, pending);
    pending.catch(() => unpacking.delete(key));
  }
  const staged = await pending;
  return layout(staged, pkg, target2, stageDir);
}
async function stageWheel(wheelPath, sha2562, pkg, stageDir) {
  const dir = path7.join(stageDir, "wheels", sha2562);
  const manifest = path7.join(dir, MANIFEST);
  if (existsSync3(manifest)) return JSON.parse(await fs6.readFile(manifest, "utf8"));
  const work = `${dir}.${randomBytes3(6).toString("hex")}.part`;
  await fs6.mkdir(work, { recursive: true });
  try {
    const files = await unzipHashed(wheelPath, work, pkg);
    const { distInfo, dataDir } = await checkRecord(work, files, pkg);
    const staged = {
      dir,
      distInfo,
      dataDir,
      files: files.sort((a, b) => cmp(a.name, b.name))
    };
    await fs6.writeFile(path7.join(work, MANIFEST), JSON.stringify(staged));
    try {
      await fs6.rename(work, dir);
    } catch {
    }
    return staged;
  } finally {
    await fs6.rm(work, { recursive: true, force: true });
  }
}
function cmp(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
function bad(pkg, why, fix = "rebuild or re-download the wheel") {
  return new InputError(`The wheel ${pkg.filename} of ${pkg.name} ${pkg.version} ${why}; ${fix}`);
}
async function unzipHashed(wheelPath, into, pkg) {
  const yauzl = (await import("./yauzl-5HV3C5TD.js")).default;
  let zip;
  try {
    zip = await yauzl.openPromise(wheelPath, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw bad(pkg, `is not a readable zip archive (${errorMessage(err)})`);
  }
  const files = [];
  try {
    const entries = [];
    await new Promise((resolve14, reject) => {
      zip.on("entry", (e) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on("end", () => resolve14());
      zip.on("error", reject);
      zip.readEntry();
    });
    for (const entry of entries) {
      const name = entry.fileName;
      if (name.endsWith("/")) continue;
      const norm = path7.posix.normalize(name);
      if (name.startsWith("/") || norm.startsWith("../") || norm !== name || name.includes("\\")) {
        throw bad(pkg, `holds the unsafe path "${name}"`);
      }
      const unixMode = entry.externalFileAttributes >>> 16 & 61440;
      if (unixMode === 40960)
        throw bad(pkg, `holds the symbolic link "${name}", which wheels cannot carry`);
      const dest = path7.join(into, name);
      await fs6.mkdir(path7.dirname(dest), { recursive: true });
      const hash = createHash4("sha256");
      let size = 0;
      const hashing = new Transform({
        transform(chunk, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        }
      });
      try {
        await pipeline3(await zip.openReadStreamPromise(entry), hashing, createWriteStream3(dest));
      } catch (err) {
        throw bad(pkg, `has the unreadable entry ${name} (${errorMessage(err)})`);
      }
      const executable = (entry.externalFileAttributes >>> 16 & 73) !== 0;
      files.push({
        name,
        mode: executable ? 493 : 420,
        sha256: hash.digest("base64url"),
        size
      });
    }
  } finally {
    zip.close();
  }
  return files;
}
async function checkRecord(dir, files, pkg) {
  const want = normalizeName(pkg.name).replace(/-/g, "_");
  const distInfos = [
    ...new Set(files.map((f) => f.name.split("/")[0]).filter((d) => d.endsWith(".dist-info")))
  ];
  const distInfo = distInfos.find((d) => normalizeName(d.slice(0, d.indexOf("-"))).replace(/-/g, "_") === want) ?? (distInfos.length === 1 ? distInfos[0] : void 0);
  if (!distInfo) throw bad(pkg, `has no ${want}-${pkg.version}.dist-info folder`);
  const dataDir = `${distInfo.slice(0, -".dist-info".length)}.data`;
  const recordName = `${distInfo}/RECORD`;
  if (!files.some((f) => f.name === recordName)) throw bad(pkg, `has no ${recordName}`);
  const recorded = /* @__PURE__ */ new Map();
  for (const row of parseCsv(await fs6.readFile(path7.join(dir, recordName), "utf8"))) {
    if (row.length === 0 || row[0] === "") continue;
    recorded.set(row[0], { hash: row[1] ?? "", size: row[2] ?? "" });
  }
  for (const f of files) {
    if (f.name === recordName || f.name === `${distInfo}/RECORD.jws` || f.name === `${distInfo}/RECORD.p7s`)
      continue;
    const line = recorded.get(f.name);
    if (!line)
      throw bad(
        pkg,
        `holds ${f.name}, which its RECORD does not list`,
        "the wheel was altered after it was built: rebuild it"
      );
    const m = /^sha256=([A-Za-z0-9_-]+)$/.exec(line.hash);
    if (!m) throw bad(pkg, `lists ${f.name} in RECORD without a sha256 hash ("${line.hash}")`);
    if (m[1].replace(/=+$/, "") !== f.sha256 || line.size !== "" && Number(line.size) !== f.size) {
      throw bad(
        pkg,
        `holds ${f.name}, whose content does not match its RECORD (sha256 ${f.sha256}, ${f.size} bytes; RECORD says ${m[1]}, ${line.size} bytes)`,
        "the wheel was altered after it was built: rebuild it"
      );
    }
  }
  const present = new Set(files.map((f) => f.name));
  for (const name of recorded.keys()) {
    if (name !== recordName && !name.endsWith(".pyc") && !present.has(name))
      throw bad(
        pkg,
        `lists ${name} in RECORD, but the wheel does not hold it`,
        "the wheel was altered after it was built: rebuild it"
      );
  }
  return { distInfo, dataDir };
}
function parseCsv(text4) {
  const rows = [];
  for (const line of text4.split(/\r?\n/)) {
    if (line === "") continue;
    const cells = [];
    let cell = "";
    let quoted2 = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted2) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted2 = false;
        else cell += c;
      } else if (c === '"') quoted2 = true;
      else if (c === ",") {
        cells.push(cell);
        cell = "";
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}
function csvCell(value) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
async function layout(staged, pkg, target2, stageDir) {
  const site = target2.sitePackages;
  const bin = path7.posix.join(target2.prefix, "bin");
  const out = [];
  const record = [];
  const relToSite = (imagePath2) => path7.posix.relative(site, imagePath2);
  const add = (imagePath2, source, mode, sha256b64, size) => {
    out.push({ path: imagePath2, source, mode, uid: 0, gid: 0 });
    record.push([relToSite(imagePath2), `sha256=${sha256b64}`, String(size)]);
  };
  const generated = async (imagePath2, content, mode) => {
    const source = await storeGenerated(stageDir, content);
    add(
      imagePath2,
      source,
      mode,
      createHash4("sha256").update(content).digest("base64url"),
      content.length
    );
  };
  const recordName = `${staged.distInfo}/RECORD`;
  const distName = staged.distInfo.slice(0, staged.distInfo.indexOf("-"));
  for (const f of staged.files) {
    if (f.name === recordName || f.name === `${staged.distInfo}/INSTALLER`) continue;
    const source = path7.join(staged.dir, f.name);
    if (!f.name.startsWith(`${staged.dataDir}/`)) {
      add(path7.posix.join(site, f.name), source, f.mode, f.sha256, f.size);
      continue;
    }
    const rest = f.name.slice(staged.dataDir.length + 1);
    const slash = rest.indexOf("/");
    const scheme = rest.slice(0, slash);
    const inner = rest.slice(slash + 1);
    switch (scheme) {
      case "purelib":
      case "platlib":
        add(path7.posix.join(site, inner), source, f.mode, f.sha256, f.size);
        break;
      case "scripts": {
        const content = await fs6.readFile(source);
        const m = /^#!python(w)?(?=\s)/.exec(content.subarray(0, 16).toString("latin1"));
        if (m) {
          const rewritten = Buffer.concat([
            Buffer.from(`#!${target2.interpreter}`),
            content.subarray(m[0].length)
          ]);
          await generated(path7.posix.join(bin, inner), rewritten, 493);
        } else add(path7.posix.join(bin, inner), source, f.mode, f.sha256, f.size);
        break;
      }
      case "headers":
        add(
          path7.posix.join(target2.prefix, "include", `python${target2.version}`, distName, inner),
          source,
          f.mode,
          f.sha256,
          f.size
        );
        break;
      case "data":
        add(path7.posix.join(target2.prefix, inner), source, f.mode, f.sha256, f.size);
        break;
      default:
        throw bad(
          pkg,
          `holds ${f.name}, in the unknown install scheme "${scheme}" (PEP 427 knows purelib, platlib, headers, scripts, data)`
        );
    }
  }
  const entryPoints = staged.files.find((f) => f.name === `${staged.distInfo}/entry_points.txt`);
  if (entryPoints) {
    const text4 = await fs6.readFile(path7.join(staged.dir, entryPoints.name), "utf8");
    for (const [name, reference] of consoleScripts(text4)) {
      await generated(
        path7.posix.join(bin, name),
        Buffer.from(launcher(target2.interpreter, reference, name, pkg)),
        493
      );
    }
  }
  await generated(
    path7.posix.join(site, staged.distInfo, "INSTALLER"),
    Buffer.from("slipway\n"),
    420
  );
  const recordPath = path7.posix.join(site, recordName);
  const lines = record.sort((a, b) => cmp(a[0], b[0])).map((r) => r.map(csvCell).join(",")).concat(`${csvCell(relToSite(recordPath))},,`);
  const recordContent = Buffer.from(`${lines.join("\n")}
`);
  out.push({
    path: recordPath,
    source: await storeGenerated(stageDir, recordContent),
    mode: 420,
    uid: 0,
    gid: 0
  });
  return out.sort((a, b) => cmp(a.path, b.path));
}
function consoleScripts(text4) {
  const out = [];
  let section = "";
  for (const raw of text4.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header2 = /^\[(.+)\]$/.exec(line);
    if (header2) {
      section = header2[1].trim();
      continue;
    }
    if (section !== "console_scripts" && section !== "gui_scripts") continue;
    const eq2 = line.indexOf("=");
    if (eq2 <= 0) continue;
    out.push([
      line.slice(0, eq2).trim(),
      line.slice(eq2 + 1).replace(/\[.*\]\s*$/, "").trim()
    ]);
  }
  return out;
}
function launcher(interpreter, reference, name, pkg) {
  const m = /^([\w.]+)\s*:\s*([\w.]+)$/.exec(reference);
  if (!m)
    throw bad(pkg, `declares the script ${name} = "${reference}", which is not module:function`);
  const [, module, attr] = m;
  const importName = attr.split(".")[0];
  return [
    `#!${interpreter}`,
    "# -*- coding: utf-8 -*-",
    "import re",
    "import sys",
    `from ${module} import ${importName}`,
    "if __name__ == '__main__':",
    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])",
    `    sys.exit(${attr}())`,
    ""
  ].join("\n");
}
async function storeGenerated(stageDir, content) {
  const hex = createHash4("sha256").update(content).digest("hex");
  const file = path7.join(stageDir, "generated", hex);
  if (existsSync3(file)) return file;
  await fs6.mkdir(path7.dirname(file), { recursive: true });
  const partial = `${file}.${randomBytes3(6).toString("hex")}.part`;
  await fs6.writeFile(partial, content);
  await fs6.rename(partial, file);
  return file;
}

// src/toolchain/python/pip-lock.ts
import { execFile as execFile3 } from "node:child_process";
import { promises as fs7 } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join9 } from "node:path";
import { promisify } from "node:util";
var run = promisify(execFile3);
var MACHINES = ["x86_64", "aarch64"];
function platformTags(machine) {
  const tags = [`manylinux2014_${machine}`];
  for (let minor = 17; minor <= 31; minor++) tags.push(`manylinux_2_${minor}_${machine}`);
  return tags;
}
function requirementsArePinned(file) {
  try {
    readPythonLock(file, { env: {} });
    return true;
  } catch (err) {
    if (err instanceof InputError && /is not pinned to one version|has no --hash=/.test(err.message))
      return false;
    throw err;
  }
}
async function lockWithPip(requirements, out, opts) {
  const python = opts.runnerPython ?? "python3";
  const work = await fs7.mkdtemp(join9(tmpdir3(), "slipway-pip-lock-"));
  const byKey2 = /* @__PURE__ */ new Map();
  try {
    for (const machine of MACHINES) {
      const report = join9(work, `${machine}.json`);
      const args = [
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--ignore-installed",
        "--quiet",
        "--disable-pip-version-check",
        "--no-input",
        "--only-binary=:all:",
        "--implementation",
        "cp",
        ...platformTags(machine).flatMap((t) => ["--platform", t]),
        // pip refuses platform options without --target; with --dry-run nothing lands there.
        "--target",
        join9(work, "target"),
        "--report",
        report,
        "-r",
        requirements
      ];
      try {
        await run(python, args, { env: opts.env, maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        throw new InputError(
          `Locking ${requirements} with the runner's \`${python} -m pip\` for ${machine} failed (${errorMessage(err).split("\n").filter(Boolean).slice(-2).join(" ")}); pin it with \`pip-compile --generate-hashes\` and commit the lock.`
        );
      }
      for (const item of installs(JSON.parse(await fs7.readFile(report, "utf8")))) {
        const key = normalizeName(item.name);
        const seen = byKey2.get(key);
        if (seen && seen.version !== item.version) {
          throw new InputError(
            `pip resolves ${requirements} to ${item.name} ${seen.version} on one machine and ${item.version} on ${machine}; pin it (name==version) in ${requirements}.`
          );
        }
        const entry = seen ?? { name: item.name, version: item.version, hashes: /* @__PURE__ */ new Set() };
        entry.hashes.add(item.sha256);
        byKey2.set(key, entry);
      }
    }
  } finally {
    await fs7.rm(work, { recursive: true, force: true });
  }
  const lines = [
    `# Locked by Slipway with the runner's pip from ${requirements}, for x86_64 and aarch64.`,
    "# Commit a lock of your own (pip-compile --generate-hashes) to make this reproducible.",
    ...[...byKey2.keys()].sort().map((key) => {
      const r = byKey2.get(key);
      const hashes = [...r.hashes].sort().map((h) => `    --hash=sha256:${h}`);
      return [`${r.name}==${r.version}`, ...hashes].join(" \\\n");
    })
  ];
  await fs7.writeFile(out, `${lines.join("\n")}
`);
  opts.logger?.info(`python: locked ${byKey2.size} packages into ${out}`);
}
function installs(report) {
  const items = isRecord(report) && Array.isArray(report.install) ? report.install : [];
  return items.filter(isRecord).flatMap((item) => {
    const metadata = isRecord(item.metadata) ? item.metadata : {};
    const info = isRecord(item.download_info) ? item.download_info : {};
    const archive = isRecord(info.archive_info) ? info.archive_info : {};
    const hashes = isRecord(archive.hashes) ? archive.hashes : {};
    const legacy = typeof archive.hash === "string" ? /^sha256=(\w+)$/.exec(archive.hash)?.[1] : void 0;
    const sha2562 = typeof hashes.sha256 === "string" ? hashes.sha256 : legacy;
    const { name, version } = metadata;
    if (typeof name !== "string" || typeof version !== "string") return [];
    if (!sha2562) {
      throw new InputError(
        `The index gave no sha256 for the file pip chose for ${name} ${version}, so it cannot be locked; lock it with pip-compile --generate-hashes against an index that lists hashes.`
      );
    }
    return [{ name, version, sha256: sha2562.toLowerCase() }];
  });
}

// src/toolchain/python/resolve.ts
import { execFile as execFile4 } from "node:child_process";
import { createHash as createHash5 } from "node:crypto";
import { existsSync as existsSync4, promises as fs8, readFileSync as readFileSync2 } from "node:fs";
import * as path8 from "node:path";
import { promisify as promisify2 } from "node:util";

// src/toolchain/python/tags.ts
function parseWheelName(filename) {
  if (!filename.endsWith(".whl")) return void 0;
  const parts = filename.slice(0, -4).split("-");
  if (parts.length !== 5 && parts.length !== 6) return void 0;
  const [name, version] = parts;
  const build = parts.length === 6 ? parts[2] : void 0;
  const [pythons, abis, platforms] = parts.slice(-3).map((p) => p.split("."));
  const tags = [];
  for (const py of pythons)
    for (const abi of abis) for (const plat of platforms) tags.push(`${py}-${abi}-${plat}`);
  return { name: normalizeName(name), version, ...build ? { build } : {}, tags };
}
var MACHINES2 = {
  amd64: "x86_64",
  arm64: "aarch64",
  "386": "i686",
  ppc64le: "ppc64le",
  s390x: "s390x",
  arm: "armv7l",
  riscv64: "riscv64"
};
function machineOf(architecture2) {
  return MACHINES2[architecture2];
}
function firstGlibcMinor(machine) {
  return machine === "x86_64" || machine === "i686" ? 5 : 17;
}
function platformTags2(target2, machine) {
  const [major, minor] = target2.libcVersion.split(".").map(Number);
  const tags = [];
  if (target2.libc === "musl") {
    for (let m = minor; m >= 0; m--) tags.push(`musllinux_${major}_${m}_${machine}`);
  } else {
    const legacy = {
      17: "manylinux2014",
      12: "manylinux2010",
      5: "manylinux1"
    };
    for (let m = minor; m >= firstGlibcMinor(machine); m--) {
      tags.push(`manylinux_${major}_${m}_${machine}`);
      const alias = legacy[m];
      if (alias && (m === 17 || machine === "x86_64" || machine === "i686"))
        tags.push(`${alias}_${machine}`);
    }
  }
  tags.push(`linux_${machine}`);
  return tags;
}
function supportedTags(target2, machine) {
  const platforms = platformTags2(target2, machine);
  const [major, minor] = target2.version.split(".").map(Number);
  const cp = `cp${major}${minor}`;
  const tags = [];
  for (const abi of [target2.abi, "abi3", "none"])
    for (const p of platforms) tags.push(`${cp}-${abi}-${p}`);
  for (let m = minor - 1; m >= 2; m--)
    for (const p of platforms) tags.push(`cp${major}${m}-abi3-${p}`);
  const pys = [`py${major}${minor}`, `py${major}`];
  for (let m = minor - 1; m >= 0; m--) pys.push(`py${major}${m}`);
  for (const py of pys) for (const p of platforms) tags.push(`${py}-none-${p}`);
  tags.push(`${cp}-none-any`);
  for (const py of pys) tags.push(`${py}-none-any`);
  return tags;
}
function wheelRank(wheel, ranks) {
  let best;
  for (const tag of wheel.tags) {
    const rank = ranks.get(tag);
    if (rank !== void 0 && (best === void 0 || rank < best)) best = rank;
  }
  return best;
}
function markerEnvironment(target2, machine, extras = []) {
  return {
    python_version: target2.version,
    python_full_version: target2.fullVersion,
    sys_platform: "linux",
    platform_system: "Linux",
    os_name: "posix",
    platform_machine: machine,
    implementation_name: "cpython",
    platform_python_implementation: "CPython",
    implementation_version: target2.fullVersion,
    platform_release: "",
    platform_version: "",
    extras,
    dependency_groups: []
  };
}

// src/toolchain/python/resolve.ts
async function resolvePythonDependencies(opts) {
  const index = new PackageIndex({ cacheDir: opts.cacheDir });
  const out = [];
  for (const target2 of opts.targets) out.push(await resolveOne(opts, index, target2));
  return out;
}
async function resolveOne(opts, index, target2) {
  const platformName = formatPlatform(target2.platform);
  const machine = machineOf(target2.platform.architecture);
  if (target2.platform.os !== "linux" || !machine) {
    throw new InputError(
      `Python wheels have no tags for the platform ${platformName}; build for linux/amd64 or linux/arm64 (platforms: linux/amd64), or set builder: docker`
    );
  }
  const ranks = new Map(supportedTags(target2.python, machine).map((t, i) => [t, i]));
  const packages = opts.lock.packagesFor(markerEnvironment(target2.python, machine));
  const installed = await mapLimited(packages, opts.concurrency ?? 4, async (pkg) => {
    const chosen = await chooseFile(opts, index, pkg, ranks, platformName, target2.python);
    const files2 = await installWheel(
      chosen.path,
      chosen.sha256,
      { name: pkg.name, version: pkg.version, filename: chosen.filename },
      target2.python,
      path8.join(opts.cacheDir, "stage")
    );
    return {
      info: {
        name: pkg.name,
        version: pkg.version,
        filename: chosen.filename,
        sha256: chosen.sha256,
        from: chosen.from
      },
      files: files2
    };
  });
  const byPath2 = /* @__PURE__ */ new Map();
  const owner = /* @__PURE__ */ new Map();
  for (const { info, files: files2 } of installed) {
    for (const f of files2) {
      const previous = byPath2.get(f.path);
      if (previous && previous.source !== f.source) {
        opts.logger?.warn(
          `${info.name} ${info.version} overwrites ${f.path} of ${owner.get(f.path) ?? "?"} (as pip would)`
        );
      }
      byPath2.set(f.path, f);
      owner.set(f.path, `${info.name} ${info.version}`);
    }
  }
  const files = [...byPath2.values()].sort(
    (a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path))
  );
  return {
    platform: target2.platform,
    python: target2.python,
    entries: { files, directories: [] },
    packages: installed.map((i) => i.info)
  };
}
async function chooseFile(opts, index, pkg, ranks, platformName, python) {
  const label = `${pkg.name} ${pkg.version}`;
  const files = await namedFiles(index, pkg, label, opts.lock.file);
  let best;
  for (const f of files) {
    const wheel = parseWheelName(f.filename);
    if (!wheel) continue;
    const rank = wheelRank(wheel, ranks);
    if (rank === void 0) continue;
    if (!best || rank < best.rank || rank === best.rank && f.filename < best.file.filename)
      best = { file: f, rank };
  }
  if (best) {
    const located2 = await locate(index, pkg, best.file, label);
    return {
      path: await index.download(located2, best.file.sha256, label),
      filename: best.file.filename,
      sha256: best.file.sha256,
      from: "wheel"
    };
  }
  const sdist = files.find((f) => /\.(tar\.gz|zip)$/.test(f.filename));
  const wheels = files.filter((f) => f.filename.endsWith(".whl")).map((f) => f.filename);
  const fix = `build for the platforms it has wheels for (e.g. platforms: linux/amd64), or set builder: docker to build it in a container`;
  if (!sdist) {
    throw new InputError(
      `${label} has no wheel for ${platformName} with Python ${python.version} (${python.libc}) in ${opts.lock.file}${wheels.length ? ` (locked: ${wheels.slice(0, 4).join(", ")}${wheels.length > 4 ? ", \u2026" : ""})` : ""} and no sdist; ${fix}`
    );
  }
  const located = await locate(index, pkg, sdist, label);
  const sdistPath = await index.download(located, sdist.sha256, label);
  const built = await buildPureWheel(opts, sdistPath, sdist.sha256, label, platformName, fix);
  opts.logger?.info(
    `Built ${built.filename} from ${sdist.filename} with the runner's Python (no wheel fits ${platformName})`
  );
  return { ...built, from: "sdist" };
}
async function namedFiles(index, pkg, label, lockFile) {
  if (pkg.files.every((f) => f.filename)) return pkg.files;
  const wanted = new Set(pkg.files.map((f) => f.sha256));
  const found = /* @__PURE__ */ new Map();
  for (const url2 of pkg.indexes) {
    for (const f of await index.listFiles(url2, pkg.name) ?? []) {
      if (f.sha256 && wanted.has(f.sha256) && !found.has(f.sha256))
        found.set(f.sha256, { filename: f.filename, sha256: f.sha256 });
    }
  }
  for (const f of pkg.files)
    if (f.filename && !found.has(f.sha256))
      found.set(f.sha256, f);
  if (found.size === 0) {
    throw new InputError(
      `None of the indexes (${pkg.indexes.join(", ")}) lists a file of ${label} with a hash that ${lockFile} pins; check the index URL (PIP_INDEX_URL, -i) and the hashes`
    );
  }
  return [...found.values()];
}
async function locate(index, pkg, file, label) {
  if (file.url) return { filename: file.filename, url: file.url, index: new URL(file.url).origin };
  let knownProject = false;
  for (const url2 of pkg.indexes) {
    const listing = await index.listFiles(url2, pkg.name);
    if (!listing) continue;
    knownProject = true;
    const hit = listing.find((f) => f.filename === file.filename) ?? listing.find((f) => f.sha256 === file.sha256);
    if (hit) return hit;
  }
  throw new InputError(
    knownProject ? `The index ${pkg.indexes.join(", ")} does not list ${file.filename}, the file the lock pins for ${label}; publish it there or update the lock` : `The index ${pkg.indexes.join(", ")} answered 404 for ${label} (needed for ${file.filename}); check the index URL (lock source, PIP_INDEX_URL) or publish the package there`
  );
}
var run2 = promisify2(execFile4);
async function buildPureWheel(opts, sdistPath, sdistSha, label, platformName, fix) {
  const out = path8.join(opts.cacheDir, "built", sdistSha);
  const python = opts.runnerPython ?? "python3";
  let wheel = existsSync4(out) ? (await fs8.readdir(out)).find((f) => f.endsWith(".whl")) : void 0;
  if (!wheel) {
    const work = `${out}.part`;
    await fs8.rm(work, { recursive: true, force: true });
    await fs8.mkdir(work, { recursive: true });
    const named = path8.join(
      work,
      "src",
      label.replace(/\s+/g, "-") + (sdistPath.endsWith(".zip") ? ".zip" : ".tar.gz")
    );
    await fs8.mkdir(path8.dirname(named));
    await fs8.copyFile(sdistPath, named);
    try {
      await run2(
        python,
        [
          "-m",
          "pip",
          "wheel",
          "--no-deps",
          "--no-build-isolation",
          "--no-index",
          "--disable-pip-version-check",
          "-w",
          path8.join(work, "out"),
          named
        ],
        {
          env: { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? "315532800" },
          maxBuffer: 16 * 1024 * 1024
        }
      );
    } catch (err) {
      throw new InputError(
        `${label} has no wheel for ${platformName}, and building its sdist with the runner's \`${python} -m pip wheel\` failed (${errorMessage(err).split("\n").slice(-3).join(" ")}); ${fix}`
      );
    }
    const built = (await fs8.readdir(path8.join(work, "out"))).find((f) => f.endsWith(".whl"));
    if (!built) throw new RunError(`pip wheel built no wheel for ${label}`);
    await fs8.rm(out, { recursive: true, force: true });
    await fs8.mkdir(out, { recursive: true });
    await fs8.rename(path8.join(work, "out", built), path8.join(out, built));
    await fs8.rm(work, { recursive: true, force: true });
    wheel = built;
  }
  const parsed = parseWheelName(wheel);
  if (!parsed || !parsed.tags.every((t) => t.endsWith("-none-any"))) {
    throw new InputError(
      `${label} has no wheel for ${platformName} and its sdist builds a compiled wheel (${wheel}), which the runner cannot build for another platform; ${fix}`
    );
  }
  const file = path8.join(out, wheel);
  const sha2562 = createHash5("sha256").update(readFileSync2(file)).digest("hex");
  return { path: file, filename: wheel, sha256: sha2562 };
}

// src/assemble/python-deps.ts
function dependencyDirectory(platform) {
  return `deps/${platform.os}/${platform.architecture}`;
}
async function pythonDependencyLayers(deps, images, baseName, opts) {
  if (images.length === 0) {
    throw new InputError(
      `${deps.label} pins Python dependencies, but the base image is scratch, which has no Python to run them; set base-image to an image with Python 3.`
    );
  }
  const targets = [];
  for (const image of images) {
    const python = targetPythonFromBase({
      env: image.config.config?.Env ?? [],
      paths: await cachedPythonPaths(image.layers, opts.cacheDir),
      label: `${baseName} (${formatPlatform(image.platform)})`
    });
    targets.push({ platform: image.platform, python });
  }
  const resolved = await resolvePythonDependencies({
    lock: deps.lock,
    targets,
    cacheDir: join11(opts.cacheDir, "wheels"),
    logger: opts.logger
  });
  const byPlatform = /* @__PURE__ */ new Map();
  const layers = [];
  try {
    for (const platformDeps of resolved) {
      const { platform, python, packages, entries } = platformDeps;
      const name = formatPlatform(platform);
      opts.logger?.info(
        `python: ${name}: ${packages.length} packages from ${deps.label} for Python ${python.version} (${python.abi}, ${python.libc} ${python.libcVersion}) into ${python.sitePackages}`
      );
      const layer = await buildLayer(entries, {
        epoch: opts.epoch,
        tmpDir: opts.tmpDir,
        signal: opts.signal
      });
      layers.push(layer);
      const dir = dependencyDirectory(platform);
      byPlatform.set(name, {
        layers: [layer],
        history: [
          dependencyHistory(
            opts.created,
            dir,
            `Python ${python.version} dependencies from ${deps.label}: ${packages.length} packages`
          )
        ]
      });
      if (opts.contextDir) await writeTree(join11(opts.contextDir, ...dir.split("/")), entries.files);
    }
  } catch (err) {
    await Promise.all(layers.map((l) => l.dispose()));
    throw err;
  }
  return {
    below: (platform) => byPlatform.get(formatPlatform(platform)),
    layers,
    dispose: async () => {
      await Promise.all(layers.map((l) => l.dispose()));
    }
  };
}
async function cachedPythonPaths(layers, cacheDir) {
  const key = createHash6("sha256").update(layers.map((l) => l.descriptor.digest).join("\n")).digest("hex");
  const file = join11(cacheDir, "base-paths", `${key}.json`);
  if (existsSync5(file)) return JSON.parse(await fs9.readFile(file, "utf8"));
  const paths = await basePythonPaths(layers);
  await fs9.mkdir(dirname6(file), { recursive: true });
  const part = `${file}.${process.pid}.part`;
  await fs9.writeFile(part, JSON.stringify(paths));
  await fs9.rename(part, file);
  return paths;
}
async function writeTree(root, files) {
  for (const f of files) {
    const target2 = join11(root, ...f.path.split("/"));
    await fs9.mkdir(dirname6(target2), { recursive: true });
    await fs9.copyFile(f.source, target2);
    await fs9.chmod(target2, f.mode);
  }
}

// src/assemble/native.ts
function selectImages(plan, base) {
  const only = plan.platforms;
  if (!only || base.images.length === 0) return base.images;
  const chosen = base.images.filter((img) => only.some((p) => samePlatform(p, img.platform)));
  if (chosen.length === 0) {
    const offered = base.images.map((img) => formatPlatform(img.platform)).join(", ");
    throw new InputError(
      `The artifact runs only on ${only.map(formatPlatform).join(", ")} but the base image ${base.name} (from ${plan.baseSource ?? BASE_IMAGE_INPUT}) offers ${offered}; build the artifact for one of those or choose another base-image.`
    );
  }
  return chosen;
}
function baseBlobs(images) {
  return images.flatMap((image) => image.layers).filter((blob) => isDistributable(blob.descriptor));
}
function imageChanges(plan) {
  return {
    env: plan.env,
    labels: plan.labels,
    user: plan.user,
    workdir: plan.workdir,
    entrypoint: plan.entrypoint,
    cmd: plan.cmd,
    exposedPorts: plan.exposedPorts
  };
}
function buildPlanLayer(plan, imagesPromise, opts, signal) {
  return buildLayer(
    { files: plan.files, directories: plan.directories, symlinks: plan.symlinks },
    {
      epoch: opts.epoch,
      tmpDir: opts.tmpDir,
      signal,
      tee: opts.upload,
      fileDigests: opts.fileDigests,
      // Asked only when the plan has directories to make only where missing.
      existingDirectories: async (paths) => {
        const layers = (await imagesPromise).map((i) => i.layers);
        if (!worthReading(layers)) return new Set(paths);
        return baseDirectories(layers, paths, { signal, logger: opts.logger });
      }
    }
  );
}
async function assembleNative(plan, baseSource, opts) {
  const phase = opts.phase ?? ((_name, step) => step());
  const stop = new AbortController();
  const basePromise = phase(
    "base",
    () => openBase(plan.base, baseSource, plan.baseSource ?? BASE_IMAGE_INPUT)
  );
  const imagesPromise = basePromise.then((base) => selectImages(plan, base));
  imagesPromise.catch(() => void 0);
  const python = plan.python;
  const depsPromise = python ? Promise.all([basePromise, imagesPromise]).then(
    ([base, images]) => phase(
      "dependencies",
      () => pythonDependencyLayers(python, images, base.name, {
        epoch: opts.epoch,
        created: epochToIso(opts.epoch),
        cacheDir: opts.cacheDir ?? resolve3(opts.tmpDir ?? ".", "python-cache"),
        tmpDir: opts.tmpDir,
        contextDir: opts.contextDir,
        signal: stop.signal,
        logger: opts.logger
      })
    )
  ) : Promise.resolve(void 0);
  depsPromise.catch(() => void 0);
  basePromise.then(
    () => imagesPromise.then(
      // With dependencies, only once they are resolved: a lock the index does not match
      // (bad input) then leaves nothing in the target, not even the base's blobs.
      (images) => depsPromise.then(
        () => opts.upload?.pushEarly(baseBlobs(images)),
        () => opts.upload?.abort()
      ),
      () => opts.upload?.pushEarly([])
      // the build reports the clash itself
    ),
    (err) => {
      opts.upload?.abort();
      stop.abort(err);
    }
  );
  const disposeDeps = async () => {
    await (await depsPromise.catch(() => void 0))?.dispose();
  };
  let layer;
  let copies = [];
  try {
    layer = await phase("layer", async () => {
      const made = await baseExecutableCopies(plan, imagesPromise, opts, stop.signal);
      copies = made.files;
      const withCopies = { ...plan, files: [...plan.files, ...copies] };
      return made.dispose(await buildPlanLayer(withCopies, imagesPromise, opts, stop.signal));
    });
  } catch (err) {
    opts.upload?.abort();
    stop.abort(err);
    await disposeDeps();
    await basePromise;
    throw err;
  }
  try {
    const base = await basePromise;
    const images = await imagesPromise;
    const deps = await depsPromise;
    if (deps) opts.upload?.pushEarly(deps.layers);
    const changes = imageChanges(plan);
    const image = buildImageOrIndex({
      base: { ...base, images },
      layer,
      below: deps?.below,
      changes,
      history: history(changes, epochToIso(opts.epoch), plan.files, {
        base: plan.base,
        files: copies
      }),
      epoch: opts.epoch,
      platforms: plan.platforms ?? (opts.requested.length ? opts.requested : void 0),
      annotations: typeof opts.annotations === "function" ? await opts.annotations() : opts.annotations
    });
    const upload = opts.upload;
    if (upload) await phase("upload", () => upload.finish(layer, image));
    const platforms = isIndex(image) ? image.images.map((i) => i.platform) : [image.platform];
    const dispose = async () => {
      await layer.dispose();
      await deps?.dispose();
    };
    return { image, layer, platforms, base, dispose };
  } catch (err) {
    opts.upload?.abort();
    stop.abort(err);
    await layer.dispose();
    await disposeDeps();
    throw err;
  }
}
async function baseExecutableCopies(plan, imagesPromise, opts, signal) {
  const wanted = (plan.baseExecutables ?? []).filter(
    (x) => !plan.files.some((f) => f.path === x.path)
  );
  const none = { files: [], dispose: (layer) => layer };
  if (wanted.length === 0) return none;
  const images = await imagesPromise;
  const files = [];
  let dir;
  try {
    for (const executable of wanted) {
      let found;
      for (const image of images) {
        found = await readBaseFile(image.layers, executable.path, { signal });
        if (found) break;
      }
      if (!found) {
        opts.logger?.debug(`the base has no regular file ${executable.path}; left as it is`);
        continue;
      }
      if ((found.mode & 73) !== 0) continue;
      dir ??= await mkdtemp2(join12(opts.tmpDir ?? tmpdir4(), "slipway-base-files-"));
      const source = join12(dir, String(files.length));
      await writeFile2(source, found.bytes);
      files.push({ ...executable, source });
      opts.logger?.info(
        `the base has ${executable.path} without the execute bit (mode ${found.mode.toString(8).padStart(4, "0")}); the layer makes it ${executable.mode.toString(8).padStart(4, "0")}, owned by ${executable.uid}:${executable.gid}`
      );
    }
  } catch (err) {
    if (dir) await rm2(dir, { recursive: true, force: true });
    throw err;
  }
  const folder = dir;
  if (!folder) return none;
  return {
    files,
    dispose: (layer) => ({
      ...layer,
      dispose: async () => {
        await layer.dispose();
        await rm2(folder, { recursive: true, force: true });
      }
    })
  };
}
async function openBase(name, src, origin) {
  try {
    if (isScratch(name)) return await resolveBase(src.transport, SCRATCH);
    if (name.startsWith("oci:")) {
      const { dir, tag } = parseLayoutReference(name);
      const base = await readLayoutBase(resolve3(src.workingDirectory, dir), tag, {
        name,
        logger: src.transport.options.logger
      });
      return { ...base, images: onlyRequested(base, src.platforms) };
    }
    const ref = parseReference(name, { defaultTag: "latest" });
    return await resolveBase(src.transport, ref, { platforms: src.platforms });
  } catch (err) {
    throw withOrigin(err, name, origin);
  }
}
function withOrigin(err, name, origin) {
  if (err instanceof SlipwayError)
    err.message = `Base image ${name} (from ${origin}): ${err.message}`;
  return err;
}
function onlyRequested(base, requested) {
  if (requested.length === 0) return base.images;
  return requested.map((want) => {
    const match = bestMatch(want, base.images, (img) => img.platform);
    if (!match) {
      const offered = base.images.map((img) => formatPlatform(img.platform)).join(", ");
      throw new InputError(
        `Input "platforms": the base image ${base.name} has no ${formatPlatform(want)} (it offers ${offered}); drop it from platforms or choose another base-image.`
      );
    }
    return match;
  });
}

// src/connectors/index.ts
import { readFile as readFile7, realpath as realpath4 } from "node:fs/promises";
import { resolve as resolve8 } from "node:path";

// src/toolchain/index.ts
import { access, constants as constants2, stat as stat2 } from "node:fs/promises";
import { join as join13, resolve as resolve4 } from "node:path";
async function isFile(path9) {
  try {
    return (await stat2(path9)).isFile();
  } catch {
    return false;
  }
}
async function isExecutable(path9) {
  try {
    await access(path9, constants2.X_OK);
    return isFile(path9);
  } catch {
    return false;
  }
}
var GRADLE_FILES = [
  "build.gradle",
  "build.gradle.kts",
  "settings.gradle",
  "settings.gradle.kts",
  "gradlew"
];
async function detectBuildTool(dir) {
  if (await isFile(join13(dir, "pom.xml"))) return "maven";
  for (const name of GRADLE_FILES) if (await isFile(join13(dir, name))) return "gradle";
  return void 0;
}
function twoJobHint(tool, image, script, output) {
  return [
    `the job image has no ${tool}. Build in a job of your toolchain's image and package its output with Slipway in a second job (the two-job pattern), e.g. in .gitlab-ci.yml:`,
    `  build:`,
    `    image: ${image}`,
    `    script: ${script}`,
    `    artifacts: { paths: [${output}] }`,
    `  slipway:  # the job the Slipway component adds`,
    `    needs: [build]`,
    `with the component input build: none (on GitHub, a setup action before the Slipway step works too)`
  ].join("\n");
}
function where(env) {
  if (env.GITHUB_ACTIONS === "true") return "github";
  if (env.GITLAB_CI === "true") return "gitlab";
  return "terminal";
}
function missingToolHint(tool, env = process.env) {
  switch (where(env)) {
    case "github":
      return tool === "maven" ? "add actions/setup-java (with cache: maven) before this step, or build in an earlier step and set build: none" : "add actions/setup-java and gradle/actions/setup-gradle before this step, or add the Gradle wrapper (gradle wrapper), or set build: none";
    case "gitlab":
      return tool === "maven" ? twoJobHint("Maven (mvn)", "maven:3-eclipse-temurin-17", "mvn -B package", "target/") : twoJobHint(
        "Gradle (gradle, and no ./gradlew in the project)",
        "gradle:8-jdk17",
        "./gradlew build || gradle build",
        "build/libs/"
      );
    case "terminal":
      return tool === "maven" ? "install Maven (apt-get install maven, brew install maven or sdk install maven) or set --build none" : "add the Gradle wrapper (gradle wrapper) or install Gradle (brew install gradle or sdk install gradle), or set --build none";
  }
}
async function buildCommand(tool, dir, buildArgs, env = process.env) {
  if (tool === "maven") {
    const args2 = ["-B", "package", ...buildArgs];
    return {
      command: "mvn",
      args: args2,
      title: `mvn ${args2.join(" ")}`,
      missingHint: missingToolHint("maven", env)
    };
  }
  const wrapper = join13(dir, "gradlew");
  const command = await isExecutable(wrapper) ? wrapper : "gradle";
  const args = ["build", "--console=plain", ...buildArgs];
  return {
    command,
    args,
    title: `${command === wrapper ? "./gradlew" : "gradle"} ${args.join(" ")}`,
    missingHint: missingToolHint("gradle", env)
  };
}
async function runBuild(inputs, workingDirectory, logger, env = process.env) {
  const dir = resolve4(workingDirectory);
  const mode = inputs.build;
  if (mode === "none") return;
  let tool;
  if (mode === "maven" || mode === "gradle") {
    tool = mode;
    const marker = tool === "maven" ? ["pom.xml"] : GRADLE_FILES;
    const found = await Promise.all(marker.map((m) => isFile(join13(dir, m))));
    if (!found.some(Boolean)) {
      throw new InputError(
        `Input "build" is ${mode} but ${dir} has no ${marker.join(" or ")}; set working-directory to the project or build: none.`
      );
    }
  } else {
    tool = await detectBuildTool(dir);
    if (!tool) {
      logger.debug(`no pom.xml or Gradle build in ${dir}: nothing to build`);
      return;
    }
  }
  const cmd = await buildCommand(tool, dir, inputs["build-args"], env);
  logger.info(`build: ${cmd.title}`);
  await runTool({ ...cmd, cwd: dir, logger, env });
}

// src/connectors/airbyte/plan.ts
import { lstat as lstat2, mkdtemp as mkdtemp3 } from "node:fs/promises";
import { basename as basename7, join as join19, posix as posix13, relative as relative2 } from "node:path";

// src/connectors/inspect/airbyte.ts
import { readFile as readFile5, readdir as readdir3, stat as stat3 } from "node:fs/promises";
import { join as join16 } from "node:path";

// src/connectors/paths.ts
import { isAbsolute, relative, sep as sep2 } from "node:path";
function isInside(root, path9) {
  const rel = relative(root, path9);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep2}`) && !isAbsolute(rel);
}
function displayPath(path9, workingDirectory) {
  if (!isInside(workingDirectory, path9)) return path9;
  return relative(workingDirectory, path9) || ".";
}

// src/connectors/inspect/components.ts
import { createHash as createHash7 } from "node:crypto";
import { basename as basename5, extname as extname2 } from "node:path";

// src/connectors/inspect/zip.ts
var MAX_TEXT_ENTRY_BYTES = 1024 * 1024;
var MAX_NESTED_ARCHIVE_BYTES = 64 * 1024 * 1024;
var MAX_TOTAL_UNCOMPRESSED_BYTES = 8 * 1024 * 1024 * 1024;
var MAX_ENTRIES = 2e5;
var MAX_DEFLATE_RATIO = 1100;
async function zipReader() {
  return (await import("./yauzl-5HV3C5TD.js")).default;
}
async function openZip(path9, label) {
  const yauzl = await zipReader();
  let zip;
  try {
    zip = await yauzl.openPromise(path9, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(
      `${label} is not a readable zip archive (${errorMessage(err)}); rebuild it or point artifact at the right file.`,
      { file: label }
    );
  }
  return listArchive(zip, label);
}
async function openZipBuffer(buffer, label) {
  const yauzl = await zipReader();
  let zip;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw new InputError(`${label} is not a readable zip archive (${errorMessage(err)}).`, {
      file: label
    });
  }
  return listArchive(zip, label);
}
async function listArchive(zip, label) {
  const entries = /* @__PURE__ */ new Map();
  let declaredTotal = 0;
  try {
    if (zip.entryCount > MAX_ENTRIES) {
      throw new InputError(
        `${label} declares ${zip.entryCount} entries (more than ${MAX_ENTRIES}); refusing it as a possible zip bomb.`,
        { file: label }
      );
    }
    for await (const entry of zip.eachEntry()) {
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        throw new InputError(
          `${label} declares more than ${MAX_TOTAL_UNCOMPRESSED_BYTES / 2 ** 30} GiB of uncompressed content; refusing it as a possible zip bomb.`,
          { file: label }
        );
      }
      entries.set(entry.fileName, entry);
    }
  } catch (err) {
    zip.close();
    if (err instanceof InputError) throw err;
    throw unsafeArchiveError(label, err);
  }
  const archive = {
    label,
    entries,
    has: (name) => entries.has(name),
    read: (name, maxBytes = MAX_TEXT_ENTRY_BYTES) => readEntry(zip, label, entries, name, maxBytes),
    readText: async (name, maxBytes) => (await archive.read(name, maxBytes)).toString("utf8"),
    close: () => zip.close()
  };
  return archive;
}
function unsafeArchiveError(label, err) {
  const message = errorMessage(err);
  const slip = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(
    message
  );
  if (slip) {
    return new InputError(
      `${label} holds the entry "${slip[2]}", whose name points outside the folder it would be unpacked into (zip slip); rebuild the archive without it.`,
      { file: label }
    );
  }
  return new InputError(`${label} is not a valid zip archive (${message}); rebuild it.`, {
    file: label
  });
}
async function readEntry(zip, label, entries, name, maxBytes) {
  const entry = entries.get(name);
  const where2 = `${label}!/${name}`;
  if (!entry) throw new InputError(`${where2} does not exist.`, { file: label });
  if (entry.uncompressedSize > maxBytes) {
    throw new InputError(
      `${where2} declares ${entry.uncompressedSize} bytes, more than the ${maxBytes} Slipway reads from such an entry; refusing it as a possible zip bomb.`,
      { file: label }
    );
  }
  if (entry.compressionMethod === 8 && entry.uncompressedSize > MAX_DEFLATE_RATIO * Math.max(entry.compressedSize, 1)) {
    throw new InputError(
      `${where2} declares a compression ratio deflate cannot reach (${entry.uncompressedSize} from ${entry.compressedSize} bytes); refusing the forged entry.`,
      { file: label }
    );
  }
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks);
  } catch (err) {
    throw new InputError(`${where2} cannot be read (${errorMessage(err)}); rebuild the archive.`, {
      file: label
    });
  }
}
async function withZip(open2, fn) {
  const zip = await open2;
  try {
    return await fn(zip);
  } finally {
    zip.close();
  }
}

// src/connectors/inspect/java.ts
var MANIFEST_ENTRY = "META-INF/MANIFEST.MF";
var BUNDLED_DEPENDENCIES = "META-INF/bundled-dependencies/";
function parseManifest(text4) {
  const out = {};
  let last;
  for (const line of text4.split(/\r\n|\r|\n/)) {
    if (line === "") break;
    if (line.startsWith(" ") && last !== void 0) {
      out[last] += line.slice(1);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    out[last] = line.slice(colon + 1).trim();
  }
  return out;
}
function parseProperties(text4) {
  const out = {};
  for (const raw of text4.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!match) continue;
    out[match[1].replace(/\\(.)/g, "$1")] = match[2].replace(/\\(.)/g, "$1");
  }
  return out;
}
var CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
function isClassName(value) {
  return CLASS_NAME.test(value);
}
function classEntry(className) {
  return `${className.replace(/\./g, "/")}.class`;
}
function bundledJars(zip) {
  return [...zip.entries.keys()].filter(
    (name) => name.startsWith(BUNDLED_DEPENDENCIES) && name.toLowerCase().endsWith(".jar")
  ).filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes("/")).sort();
}
async function findClasses(zip, classNames) {
  const found = /* @__PURE__ */ new Map();
  const unreadable = [];
  let missing = classNames.filter((name) => {
    if (zip.has(classEntry(name))) found.set(name, { in: "root" });
    else if (zip.has(BUNDLED_DEPENDENCIES + classEntry(name))) found.set(name, { in: "root" });
    return !found.has(name);
  });
  for (const jar of bundledJars(zip)) {
    if (missing.length === 0) break;
    const entry = zip.entries.get(jar);
    if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) {
      unreadable.push(jar);
      continue;
    }
    try {
      const bytes = await zip.read(jar, MAX_NESTED_ARCHIVE_BYTES);
      await withZip(openZipBuffer(bytes, `${zip.label}!/${jar}`), (inner) => {
        missing = missing.filter((name) => {
          if (inner.has(classEntry(name))) found.set(name, { in: "bundled", jar });
          return !found.has(name);
        });
        return Promise.resolve();
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      unreadable.push(jar);
    }
  }
  return { found, unreadable };
}
async function ownCoordinates(zip, fileName) {
  const poms = [...zip.entries.keys()].filter(
    (name) => name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")
  );
  const byName = poms.filter((name) => {
    const artifactId = name.split("/")[3];
    return artifactId !== void 0 && fileName.startsWith(`${artifactId}-`);
  });
  const chosen = byName.length >= 1 ? byName[0] : poms.length === 1 ? poms[0] : void 0;
  if (!chosen) return void 0;
  const props = parseProperties(await zip.readText(chosen));
  return { groupId: props.groupId, artifactId: props.artifactId, version: props.version };
}

// src/connectors/inspect/pulsar.ts
import { basename as basename3 } from "node:path";

// src/connectors/inspect/classpath.ts
var BUNDLED_DIRECTORY_ENTRY = BUNDLED_DEPENDENCIES;
var MAX_CLASS_FILE_BYTES = 8 * 1024 * 1024;
var MAX_OPEN_JAR_BYTES = 192 * 1024 * 1024;
function mayBeANarArchive(zip) {
  const entry = zip.entries.get(BUNDLED_DIRECTORY_ENTRY);
  return entry !== void 0 && entry.fileName.endsWith("/");
}
function narClassPathJars(zip) {
  return [...zip.entries.keys()].filter((name) => name.startsWith(BUNDLED_DEPENDENCIES) && !name.endsWith("/")).filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes("/")).filter((name) => name.toLowerCase().endsWith(".jar")).sort();
}
var ArchiveClassPath = class _ArchiveClassPath {
  constructor(zip, asNar, jars) {
    this.zip = zip;
    this.asNar = asNar;
    this.jars = jars;
  }
  zip;
  asNar;
  jars;
  /** Bundled jars too big or broken to look into. */
  unreadable = [];
  jarNames = /* @__PURE__ */ new Map();
  /** Open nested jars, least recently used first, and the bytes they hold in memory. */
  openJars = /* @__PURE__ */ new Map();
  openBytes = 0;
  static of(zip) {
    const asNar = mayBeANarArchive(zip);
    return new _ArchiveClassPath(zip, asNar, asNar ? narClassPathJars(zip) : []);
  }
  /** The class file for a binary name, or undefined when the class path does not hold it. */
  async find(className) {
    const entry = classEntry(className);
    const label = this.zip.label;
    if (this.zip.has(entry)) {
      return {
        bytes: await this.zip.read(entry, MAX_CLASS_FILE_BYTES),
        where: `${label}!/${entry}`
      };
    }
    if (!this.asNar) return void 0;
    const loose = `${BUNDLED_DEPENDENCIES}${entry}`;
    if (this.zip.has(loose)) {
      return {
        bytes: await this.zip.read(loose, MAX_CLASS_FILE_BYTES),
        where: `${label}!/${loose}`
      };
    }
    for (const jar of this.jars) {
      const names = await this.namesOf(jar);
      if (!names?.has(entry)) continue;
      const archive = await this.open(jar);
      if (!archive) continue;
      return {
        bytes: await archive.read(entry, MAX_CLASS_FILE_BYTES),
        where: `${archive.label}!/${entry}`,
        jar
      };
    }
    return void 0;
  }
  /** Every class on the class path (binary names, nested classes left out), in class path order. */
  async classNames() {
    const out = /* @__PURE__ */ new Set();
    const add = (names, prefix = "") => {
      for (const name of names) {
        if (!name.startsWith(prefix) || !name.endsWith(".class") || name.includes("$")) continue;
        const rest = name.slice(prefix.length);
        if (rest.startsWith("META-INF/") || rest === "module-info.class") continue;
        out.add(rest.slice(0, -".class".length).replace(/\//g, "."));
      }
    };
    add(this.zip.entries.keys());
    if (this.asNar) {
      add(this.zip.entries.keys(), BUNDLED_DEPENDENCIES);
      for (const jar of this.jars) add(await this.namesOf(jar) ?? []);
    }
    return [...out];
  }
  close() {
    for (const { archive } of this.openJars.values()) archive.close();
    this.openJars.clear();
    this.openBytes = 0;
  }
  async namesOf(jar) {
    const known = this.jarNames.get(jar);
    if (known) return known;
    const archive = await this.open(jar);
    if (!archive) return void 0;
    const names = new Set(archive.entries.keys());
    this.jarNames.set(jar, names);
    return names;
  }
  /**
   * Keeps recently used nested jars open up to MAX_OPEN_JAR_BYTES: a NAR's jars together can be
   * hundreds of MiB, and a hierarchy often goes back and forth between two or three of them.
   */
  async open(jar) {
    const cached = this.openJars.get(jar);
    if (cached) {
      this.openJars.delete(jar);
      this.openJars.set(jar, cached);
      return cached.archive;
    }
    if (this.unreadable.includes(jar)) return void 0;
    const entry = this.zip.entries.get(jar);
    if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) {
      this.unreadable.push(jar);
      return void 0;
    }
    try {
      const bytes = await this.zip.read(jar, MAX_NESTED_ARCHIVE_BYTES);
      const archive = await openZipBuffer(bytes, `${this.zip.label}!/${jar}`);
      for (const [name, open2] of this.openJars) {
        if (this.openBytes + bytes.length <= MAX_OPEN_JAR_BYTES) break;
        open2.archive.close();
        this.openJars.delete(name);
        this.openBytes -= open2.size;
      }
      this.openJars.set(jar, { archive, size: bytes.length });
      this.openBytes += bytes.length;
      return archive;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.unreadable.push(jar);
      return void 0;
    }
  }
};

// src/connectors/inspect/classfile.ts
var CLASS_MAGIC = 3405691582;
var ACC_INTERFACE = 512;
var ACC_ABSTRACT = 1024;
var ClassFileError = class extends Error {
};
var TAG = {
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
  Package: 20
};
var FIXED_BODY_SIZE = {
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
  [TAG.Package]: 2
};
var Reader = class {
  constructor(bytes) {
    this.bytes = bytes;
  }
  bytes;
  at = 0;
  need(n) {
    if (this.at + n > this.bytes.length) {
      throw new ClassFileError(`the class file ends at byte ${this.bytes.length}`);
    }
  }
  u1() {
    this.need(1);
    return this.bytes[this.at++];
  }
  u2() {
    this.need(2);
    const v = this.bytes.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  u4() {
    this.need(4);
    const v = this.bytes.readUInt32BE(this.at);
    this.at += 4;
    return v;
  }
  take(n) {
    this.need(n);
    const v = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return v;
  }
  skip(n) {
    this.need(n);
    this.at += n;
  }
};
function decodeModifiedUtf8(bytes) {
  const units = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i];
    if (a < 128 && a !== 0) {
      units.push(a);
      i += 1;
    } else if ((a & 224) === 192 && i + 1 < bytes.length) {
      units.push((a & 31) << 6 | bytes[i + 1] & 63);
      i += 2;
    } else if ((a & 240) === 224 && i + 2 < bytes.length) {
      units.push((a & 15) << 12 | (bytes[i + 1] & 63) << 6 | bytes[i + 2] & 63);
      i += 3;
    } else {
      throw new ClassFileError(`a constant pool string holds the invalid byte 0x${a.toString(16)}`);
    }
  }
  let out = "";
  for (let i = 0; i < units.length; i += 4096) {
    out += String.fromCharCode(...units.slice(i, i + 4096));
  }
  return out;
}
function parseClassFile(bytes) {
  const r = new Reader(bytes);
  if (bytes.length < 4 || r.u4() !== CLASS_MAGIC) {
    throw new ClassFileError("it does not start with 0xCAFEBABE");
  }
  const minorVersion = r.u2();
  const majorVersion = r.u2();
  const poolCount = r.u2();
  const pool = [void 0];
  for (let index = 1; index < poolCount; index++) {
    const tag = r.u1();
    if (tag === TAG.Utf8) {
      pool.push({ tag, text: decodeModifiedUtf8(r.take(r.u2())) });
      continue;
    }
    const size = FIXED_BODY_SIZE[tag];
    if (size === void 0) {
      throw new ClassFileError(`constant pool entry ${index} has the unknown tag ${tag}`);
    }
    if (tag === TAG.Class || tag === TAG.Module || tag === TAG.Package) {
      pool.push({ tag, ref: r.u2() });
    } else {
      r.skip(size);
      pool.push({ tag, ref: 0 });
    }
    if (tag === TAG.Long || tag === TAG.Double) {
      pool.push(void 0);
      index++;
    }
  }
  const utf8 = (index) => {
    const entry = pool[index];
    if (!entry || entry.tag !== TAG.Utf8 || !("text" in entry)) {
      throw new ClassFileError(`constant pool entry ${index} is not a UTF-8 string`);
    }
    return entry.text;
  };
  const className = (index) => {
    const entry = pool[index];
    if (!entry || entry.tag !== TAG.Class || !("ref" in entry)) {
      throw new ClassFileError(`constant pool entry ${index} is not a class`);
    }
    return utf8(entry.ref).replace(/\//g, ".");
  };
  const accessFlags = r.u2();
  const thisClass = className(r.u2());
  const superIndex = r.u2();
  const superClass = superIndex === 0 ? void 0 : className(superIndex);
  const interfaceCount = r.u2();
  const interfaces = [];
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
    isAbstract: isInterface || (accessFlags & ACC_ABSTRACT) !== 0
  };
}

// src/connectors/inspect/roles.ts
var ROLE_TYPES = {
  source: "org.apache.pulsar.io.core.Source",
  "batch-source": "org.apache.pulsar.io.core.BatchSource",
  sink: "org.apache.pulsar.io.core.Sink",
  "pulsar-function": "org.apache.pulsar.functions.api.Function",
  "java-function": "java.util.function.Function",
  "window-function": "org.apache.pulsar.functions.api.WindowFunction"
};
var ACCEPTS = {
  source: ["source", "batch-source"],
  sink: ["sink"],
  // A WindowFunction runs through WindowFunctionExecutor when the function has a window config.
  function: ["pulsar-function", "java-function", "window-function"]
};
var PULSAR_RUNTIME_TYPES = {
  "java.lang.Object": { abstract: false, interfaces: [] },
  "java.lang.AutoCloseable": { abstract: true, interfaces: [] },
  "java.io.Closeable": { abstract: true, interfaces: ["java.lang.AutoCloseable"] },
  "java.io.Serializable": { abstract: true, interfaces: [] },
  "java.util.function.Function": { abstract: true, interfaces: [] },
  "java.util.function.UnaryOperator": {
    abstract: true,
    interfaces: ["java.util.function.Function"]
  },
  "org.apache.pulsar.io.core.Source": { abstract: true, interfaces: ["java.lang.AutoCloseable"] },
  "org.apache.pulsar.io.core.BatchSource": {
    abstract: true,
    interfaces: ["java.lang.AutoCloseable"]
  },
  "org.apache.pulsar.io.core.Sink": { abstract: true, interfaces: ["java.lang.AutoCloseable"] },
  "org.apache.pulsar.io.core.AbstractPushSource": {
    abstract: true,
    superClass: "java.lang.Object",
    interfaces: []
  },
  "org.apache.pulsar.io.core.PushSource": {
    abstract: true,
    superClass: "org.apache.pulsar.io.core.AbstractPushSource",
    interfaces: ["org.apache.pulsar.io.core.Source"]
  },
  "org.apache.pulsar.io.core.BatchPushSource": {
    abstract: true,
    superClass: "org.apache.pulsar.io.core.AbstractPushSource",
    interfaces: ["org.apache.pulsar.io.core.BatchSource"]
  },
  "org.apache.pulsar.io.core.BatchSourceTriggerer": { abstract: true, interfaces: [] },
  "org.apache.pulsar.functions.api.Function": { abstract: true, interfaces: [] },
  "org.apache.pulsar.functions.api.WindowFunction": { abstract: true, interfaces: [] }
};
async function findRoles(classPath, className) {
  const result = {
    className,
    status: "resolved",
    abstract: false,
    roles: [],
    unresolved: []
  };
  const parent = /* @__PURE__ */ new Map([[className, void 0]]);
  const queue = [className];
  const chainTo = (name) => {
    const chain = [];
    for (let at = name; at !== void 0; at = parent.get(at))
      chain.unshift(at);
    return chain;
  };
  while (queue.length > 0) {
    const name = queue.shift();
    const role = Object.keys(ROLE_TYPES).find((r) => ROLE_TYPES[r] === name);
    if (role && !result.roles.some((r) => r.role === role)) {
      result.roles.push({ role, chain: chainTo(name) });
    }
    const type = await typeOf(classPath, name);
    if (name === className) {
      if (type.kind === "unreadable") {
        return { ...result, status: "unknown", reason: type.reason };
      }
      if (type.kind === "known") result.abstract = type.abstract;
    }
    if (type.kind !== "known") {
      if (type.kind === "missing" || type.kind === "unreadable") result.unresolved.push(name);
      continue;
    }
    for (const next of [type.superClass, ...type.interfaces]) {
      if (next === void 0 || parent.has(next)) continue;
      parent.set(next, name);
      queue.push(next);
    }
  }
  return result;
}
async function typeOf(classPath, name) {
  const runtime = PULSAR_RUNTIME_TYPES[name];
  if (runtime) return { kind: "known", ...runtime };
  if (/^(java|javax|jdk|sun)\./.test(name)) return { kind: "jdk" };
  let found;
  try {
    found = await classPath.find(name);
  } catch (err) {
    return { kind: "unreadable", reason: errorMessage(err) };
  }
  if (!found) return { kind: "missing" };
  try {
    const head = parseClassFile(found.bytes);
    return {
      kind: "known",
      abstract: head.isAbstract,
      superClass: head.superClass,
      interfaces: head.interfaces
    };
  } catch (err) {
    if (!(err instanceof ClassFileError)) throw err;
    return {
      kind: "unreadable",
      reason: `${found.where} is not a readable class file (${err.message})`
    };
  }
}
function describeRoles(found) {
  if (found.roles.length === 0) return "implements none of Source, BatchSource, Sink or Function";
  return `implements ${found.roles.map((r) => `${ROLE_TYPES[r.role]} (${r.chain.join(" \u2192 ")})`).join(" and ")}`;
}
var ROLE_WORD = {
  source: "org.apache.pulsar.io.core.Source or BatchSource",
  sink: "org.apache.pulsar.io.core.Sink",
  function: "org.apache.pulsar.functions.api.Function or java.util.function.Function"
};
function typeFor(found) {
  const roles = found.roles.map((r) => r.role);
  if (roles.includes("sink")) return "pulsar-sink";
  if (roles.includes("source") || roles.includes("batch-source")) return "pulsar-source";
  if (ACCEPTS.function.some((r) => roles.includes(r))) return "pulsar-function";
  return void 0;
}
async function checkRole(classPath, className, wanted, options = {}) {
  const roles = await findRoles(classPath, className);
  const log = options.logger;
  if (roles.status === "unknown") {
    log?.debug(
      `role of ${className} not checked: ${roles.reason ?? "its class file cannot be read"}.`
    );
    return { roles };
  }
  const instead = options.suggestion && options.suggestion !== className ? ` (e.g. ${options.suggestion})` : "";
  const matching = roles.roles.find((r) => ACCEPTS[wanted].includes(r.role));
  if (matching) {
    log?.debug(`${className} ${describeRoles(roles)}.`);
    if (roles.abstract) {
      return {
        roles,
        problem: `is abstract or an interface, so Pulsar cannot create it; name a concrete class that extends it${instead}`
      };
    }
    return { roles };
  }
  if (roles.unresolved.length > 0) {
    log?.debug(
      `role of ${className} not checked: ${roles.unresolved.join(", ")} ${roles.unresolved.length === 1 ? "is" : "are"} not in the archive nor among Pulsar's own types.`
    );
    return { roles };
  }
  const other = typeFor(roles);
  const fix = other && other !== `pulsar-${wanted}` ? `set connector-type: ${other} if that is what it is, or name a class that implements ${ROLE_WORD[wanted]}${instead}` : `name a class that implements ${ROLE_WORD[wanted]}${instead}`;
  return {
    roles,
    problem: `${describeRoles(roles)}, not ${ROLE_WORD[wanted]}, so Pulsar refuses it as a ${wanted}; ${fix}`
  };
}
async function preferConcrete(classPath, candidates, wanted, limit = 20) {
  let undecided;
  for (const candidate of candidates.slice(0, limit)) {
    let roles;
    try {
      roles = await findRoles(classPath, candidate);
    } catch {
      continue;
    }
    if (roles.status === "unknown") {
      undecided ??= candidate;
      continue;
    }
    if (roles.abstract) continue;
    if (roles.roles.some((r) => ACCEPTS[wanted].includes(r.role))) return candidate;
    if (roles.roles.length === 0 && roles.unresolved.length > 0) undecided ??= candidate;
  }
  return undecided;
}
function wantedRole(connectorType) {
  return connectorType === "pulsar-source" ? "source" : connectorType === "pulsar-sink" ? "sink" : "function";
}
async function classRoleProblem(zip, className, connectorType, logger) {
  const classPath = ArchiveClassPath.of(zip);
  try {
    const wanted = wantedRole(connectorType);
    if (!classPath.asNar && !zip.has(classEntry(className))) {
      const bundled = [...zip.entries.keys()].some((n) => n.startsWith(BUNDLED_DIRECTORY_ENTRY));
      if (bundled) {
        return `is not in the archive root, and ${zip.label} has no ${BUNDLED_DIRECTORY_ENTRY} directory entry, so Pulsar loads it as a plain JAR and never reads its bundled jars (FileUtils.mayBeANarArchive); rebuild the NAR with nifi-nar-maven-plugin or add the directory entry to the archive`;
      }
    }
    const first = await checkRole(classPath, className, wanted, { logger });
    if (!first.problem) return void 0;
    const suggestion = await suggestConcreteClass(classPath, wanted, [className]);
    return (await checkRole(classPath, className, wanted, { suggestion })).problem;
  } finally {
    classPath.close();
  }
}
async function suggestConcreteClass(classPath, wanted, exclude = []) {
  const suffix = wanted === "source" ? "Source" : wanted === "sink" ? "Sink" : "Function";
  const named = (await classPath.classNames()).filter(
    (name) => name.endsWith(suffix) && !exclude.includes(name)
  );
  return preferConcrete(classPath, named, wanted);
}
async function suggestClassOf(zip, connectorType) {
  const classPath = ArchiveClassPath.of(zip);
  try {
    return await suggestConcreteClass(classPath, wantedRole(connectorType));
  } finally {
    classPath.close();
  }
}

// src/connectors/inspect/pulsar.ts
var PULSAR_IO_YAML2 = "META-INF/services/pulsar-io.yaml";
function looksLikeNar(zip) {
  return zip.has(PULSAR_IO_YAML2) || mayBeANarArchive(zip);
}
var ROLE = {
  "pulsar-source": { classKey: "sourceClass", configKey: "sourceConfigClass", suffix: "Source" },
  "pulsar-sink": { classKey: "sinkClass", configKey: "sinkConfigClass", suffix: "Sink" },
  "pulsar-function": { classKey: "functionClass", configKey: void 0, suffix: "Function" }
};
function isPulsarType(t) {
  return t === "pulsar-source" || t === "pulsar-sink" || t === "pulsar-function";
}
async function manifestOf(zip) {
  return zip.has(MANIFEST_ENTRY) ? parseManifest(await zip.readText(MANIFEST_ENTRY)) : {};
}
async function suggestClass(zip, type, className) {
  if (className) return className;
  return await suggestClassOf(zip, type) ?? `com.example.My${ROLE[type].suffix}`;
}
async function inspectNar(zip, ctx) {
  const where2 = `${ctx.label}!/${PULSAR_IO_YAML2}`;
  if (ctx.connectorType !== "auto" && !isPulsarType(ctx.connectorType)) {
    throw new InputError(
      `${ctx.label} is a Pulsar NAR but connector-type is ${ctx.connectorType}; set connector-type to pulsar-source, pulsar-sink or pulsar-function.`,
      { file: ctx.label }
    );
  }
  if (!zip.has(PULSAR_IO_YAML2)) {
    const type2 = ctx.connectorType === "auto" ? void 0 : ctx.connectorType;
    const fix = type2 ? `name and ${ROLE[type2].classKey}: ${await suggestClass(zip, type2, ctx.className)}` : "name and sourceClass or sinkClass";
    throw new InputError(`${where2} is missing; add it to the NAR with ${fix}.`, {
      file: ctx.label
    });
  }
  const yaml = await YamlFile.parse(await zip.readText(PULSAR_IO_YAML2), where2, ctx.label);
  const type = await resolveType(zip, yaml, ctx);
  const role = ROLE[type];
  const declared = yaml.string(role.classKey);
  if (!declared) {
    throw yaml.error(
      role.classKey,
      `${role.classKey} is missing; add ${role.classKey}: ${await suggestClass(zip, type, ctx.className)}`
    );
  }
  const name = yaml.string("name");
  if (!name) {
    const suggestion = basename3(ctx.path).replace(/(-\d[\w.-]*)?\.\w+$/, "");
    throw yaml.error("name", `name is missing; add name: ${suggestion}`);
  }
  const wanted = [
    { key: role.classKey, className: declared }
  ];
  const configClass = role.configKey ? yaml.string(role.configKey) : void 0;
  if (role.configKey && configClass) wanted.push({ key: role.configKey, className: configClass });
  if (ctx.className && ctx.className !== declared) {
    ctx.logger?.warn(
      `class-name ${ctx.className} differs from ${role.classKey} ${declared} in ${where2}; Pulsar loads ${declared}.`
    );
  }
  for (const w of wanted) {
    if (!isClassName(w.className)) {
      throw yaml.error(
        w.key,
        `${w.key} "${w.className}" is not a Java class name; write e.g. ${w.key}: com.example.My${role.suffix}`
      );
    }
  }
  const jars = bundledJars(zip);
  const search = await findClasses(
    zip,
    wanted.map((w) => w.className)
  );
  for (const w of wanted) {
    if (search.found.has(w.className)) continue;
    if (search.unreadable.length > 0) {
      ctx.logger?.warn(
        `${w.key} ${w.className} was not found in ${ctx.label}, but ${search.unreadable.length} bundled jar(s) were too big or unreadable to check (${search.unreadable.join(", ")}).`
      );
      continue;
    }
    throw yaml.error(
      w.key,
      `${w.key} ${w.className} is not inside the NAR (looked for ${classEntry(w.className)} in its root and in ${jars.length} jar(s) under ${BUNDLED_DEPENDENCIES}); fix the class name or bundle the jar that holds it.`
    );
  }
  const roleProblem = await classRoleProblem(zip, declared, type, ctx.logger);
  if (roleProblem) throw yaml.error(role.classKey, `${role.classKey} ${declared} ${roleProblem}.`);
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename3(ctx.path));
  const description = yaml.string("description");
  return {
    connectorType: type,
    format: "nar",
    path: ctx.path,
    label: ctx.label,
    name,
    version: manifest["Nar-Version"] ?? manifest["Implementation-Version"] ?? pom?.version ?? versionFromFileName(ctx.path),
    className: declared,
    description,
    descriptorFile: where2,
    nar: { manifest, bundledJars: jars }
  };
}
async function resolveType(zip, yaml, ctx) {
  if (ctx.connectorType !== "auto" && isPulsarType(ctx.connectorType)) return ctx.connectorType;
  const declared = Object.keys(ROLE).filter((t) => yaml.has(ROLE[t].classKey));
  if (declared.length === 1) return declared[0];
  if (declared.length > 1) {
    throw yaml.error(
      void 0,
      `it declares ${declared.map((t) => ROLE[t].classKey).join(" and ")}; set connector-type to ${declared.join(" or ")} to choose which one this image runs.`
    );
  }
  throw yaml.error(
    void 0,
    `it names no sourceClass or sinkClass; add sinkClass: ${await suggestClass(zip, "pulsar-sink", ctx.className)} (or sourceClass for a source).`
  );
}
async function inspectJar(zip, ctx) {
  const type = ctx.connectorType;
  if (type === "auto") {
    throw new InputError(
      `${ctx.label} is a plain JAR without ${PULSAR_IO_YAML2}, so its kind is unknown; set connector-type to pulsar-function, or pulsar-source/pulsar-sink with class-name for an uber JAR connector.`,
      { file: ctx.label }
    );
  }
  if (!isPulsarType(type)) {
    throw new InputError(
      `${ctx.label} is a Java JAR, which connector-type ${type} cannot run; Airbyte Java connectors are built as a distribution tar (gradle distTar).`,
      { file: ctx.label }
    );
  }
  const isConnector = type !== "pulsar-function";
  if (isConnector && !ctx.className) {
    throw new InputError(
      `Input "class-name" is required for an uber JAR connector (${ctx.label}); set it to the ${ROLE[type].suffix.toLowerCase()} class, e.g. class-name: ${await suggestClass(zip, type, "")}.`
    );
  }
  if (ctx.className) {
    if (!isClassName(ctx.className)) {
      throw new InputError(
        `Input "class-name" (${ctx.className}) is not a Java class name; write e.g. com.example.My${ROLE[type].suffix}.`
      );
    }
    const search = await findClasses(zip, [ctx.className]);
    if (!search.found.has(ctx.className)) {
      throw new InputError(
        `${ctx.label} does not contain ${classEntry(ctx.className)}; fix class-name or shade the class into the JAR.`,
        { file: ctx.label }
      );
    }
    const roleProblem = await classRoleProblem(zip, ctx.className, type, ctx.logger);
    if (roleProblem) {
      throw new InputError(`Input "class-name" ${ctx.className} in ${ctx.label} ${roleProblem}.`, {
        file: ctx.label
      });
    }
  }
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename3(ctx.path));
  return {
    connectorType: type,
    format: isConnector ? "uber-jar" : "jar",
    path: ctx.path,
    label: ctx.label,
    name: manifest["Implementation-Title"] ?? pom?.artifactId ?? basename3(ctx.path).replace(/(-\d[\w.-]*)?\.jar$/i, ""),
    version: manifest["Implementation-Version"] ?? pom?.version ?? versionFromFileName(ctx.path),
    className: ctx.className || void 0
  };
}
function versionFromFileName(path9) {
  return /-(\d+(?:\.\d+)*(?:[-.][\w.]+)?)\.[a-z]+$/i.exec(basename3(path9))?.[1];
}

// src/connectors/inspect/python.ts
import { readFile as readFile4, readdir as readdir2 } from "node:fs/promises";
import { basename as basename4, extname, join as join14 } from "node:path";

// src/connectors/inspect/python-names.ts
function logicalLines(source) {
  const lines = [];
  let code = "";
  let indent = -1;
  let depth2 = 0;
  let atLineStart = true;
  let column = 0;
  const text4 = source.replace(/\r\n?/g, "\n");
  const flush = () => {
    if (code.trim() !== "" && indent >= 0) lines.push({ indent, code: code.trim() });
    code = "";
    indent = -1;
  };
  for (let i = 0; i < text4.length; ) {
    const c = text4[i];
    if (atLineStart) {
      column = 0;
      while (text4[i] === " " || text4[i] === "	" || text4[i] === "\f") {
        column = text4[i] === "	" ? (Math.floor(column / 8) + 1) * 8 : column + 1;
        i++;
      }
      atLineStart = false;
      if (text4[i] === "\n" || text4[i] === "#" || i >= text4.length) continue;
      if (indent < 0) indent = column;
      continue;
    }
    if (c === "#") {
      while (i < text4.length && text4[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && text4[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "\n") {
      i++;
      if (depth2 > 0) continue;
      flush();
      atLineStart = true;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text4.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      for (; ; ) {
        if (i >= text4.length) break;
        if (text4.startsWith(quote, i)) {
          i += quote.length;
          break;
        }
        if (!triple && text4[i] === "\n") break;
        i += text4[i] === "\\" ? 2 : 1;
      }
      code += '""';
      continue;
    }
    if ("([{".includes(c)) depth2++;
    else if (")]}".includes(c)) depth2 = Math.max(0, depth2 - 1);
    code += c;
    i++;
  }
  flush();
  return lines;
}
var DEFINITION = /^(?:async\s+)?(?:def|class)\s+([A-Za-z_]\w*)/;
var ASSIGNMENT = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)/;
var SCOPE2 = /^(?:async\s+)?(?:def|class)\b/;
function moduleTopLevelNames(source) {
  const names = [];
  const blocks = [];
  for (const line of logicalLines(source)) {
    while (blocks.length > 0 && blocks[blocks.length - 1].indent >= line.indent) blocks.pop();
    const inScope = blocks.some((b) => b.scope);
    const statement = line.code.replace(/^@.*$/, "");
    if (!inScope) {
      const name = DEFINITION.exec(statement)?.[1] ?? ASSIGNMENT.exec(statement)?.[1];
      if (name && !names.includes(name)) names.push(name);
    }
    if (/:\s*$/.test(statement) || SCOPE2.test(statement)) {
      blocks.push({ indent: line.indent, scope: SCOPE2.test(statement) });
    }
  }
  return names;
}

// src/connectors/inspect/python.ts
function requireFunction(ctx, what) {
  if (ctx.connectorType !== "auto" && ctx.connectorType !== "pulsar-function") {
    throw new InputError(
      `${ctx.label} is ${what}, which only a Pulsar Function can be (connector-type is ${ctx.connectorType}); set connector-type: pulsar-function, or point artifact at the connector folder.`,
      { file: ctx.label }
    );
  }
}
var MAX_SCANNED_PYTHON_BYTES = 4 * 1024 * 1024;
async function checkPythonClassName(ctx) {
  if (!ctx.className) return;
  const moduleName = basename4(ctx.path, extname(ctx.path));
  const dot = ctx.className.lastIndexOf(".");
  const modulePart = dot < 0 ? "" : ctx.className.slice(0, dot);
  const name = ctx.className.slice(dot + 1);
  if (modulePart !== "" && modulePart !== moduleName) return;
  const source = await readFile4(ctx.path);
  if (source.length > MAX_SCANNED_PYTHON_BYTES) return;
  const names = moduleTopLevelNames(source.toString("utf8"));
  const known = names.length > 0 ? `it defines ${names.join(", ")}` : "it defines no function or class at its top level";
  const example = `class-name: ${moduleName}.${names.includes(name) ? name : names[0] ?? "process"}`;
  if (modulePart === "") {
    throw new InputError(
      `Input "class-name" (${ctx.className}) has no module part, so Pulsar would import a module named ${name} instead of reading ${ctx.label}; write ${example} (${known}).`,
      { file: ctx.label }
    );
  }
  if (!names.includes(name)) {
    throw new InputError(
      `Input "class-name" (${ctx.className}) names ${name}, which ${ctx.label} does not define at its top level (${known}); write ${example}.`,
      { file: ctx.label }
    );
  }
}
async function functionFileOf(folder, className, label) {
  const modules = (await readdir2(folder, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith(".py")).map((e) => e.name).sort();
  const dot = className.lastIndexOf(".");
  if (dot > 0) {
    const wanted = `${className.slice(0, dot)}.py`;
    if (modules.includes(wanted)) return join14(folder, wanted);
    throw new InputError(
      `Input "class-name" (${className}) names the module ${wanted}, which ${label} does not hold (it has ${modules.join(", ") || "no .py file"}); fix class-name or point artifact at the function file.`,
      { file: label }
    );
  }
  if (modules.length === 1) return join14(folder, modules[0]);
  throw new InputError(
    `${label} is a folder with ${modules.length === 0 ? "no .py file" : `several .py files (${modules.join(", ")})`}, so its function file is unknown; set class-name to module.Name or point artifact at the function file.`,
    { file: label }
  );
}
async function inspectPythonFile(ctx) {
  requireFunction(ctx, "a Python file");
  await checkPythonClassName(ctx);
  return {
    connectorType: "pulsar-function",
    format: "python",
    path: ctx.path,
    label: ctx.label,
    name: basename4(ctx.path, extname(ctx.path)),
    className: ctx.className || void 0
  };
}
function coreMetadataFields(text4) {
  const out = [];
  for (const line of text4.split(/\r\n|\r|\n/)) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith(" ") || line.startsWith("	")) continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return out;
}
function parseCoreMetadata(text4) {
  const out = {};
  for (const [key, value] of coreMetadataFields(text4)) if (!(key in out)) out[key] = value;
  return out;
}
async function inspectPythonArchive(zip, ctx) {
  const isWheel = extname(ctx.path).toLowerCase() === ".whl";
  requireFunction(ctx, isWheel ? "a Python wheel" : "a zip archive");
  const base = {
    connectorType: "pulsar-function",
    format: "python",
    path: ctx.path,
    label: ctx.label,
    name: basename4(ctx.path, extname(ctx.path)),
    version: versionFromFileName(ctx.path),
    className: ctx.className || void 0
  };
  if (!isWheel) return base;
  const metadata = [...zip.entries.keys()].filter((n) => /^[^/]+\.dist-info\/METADATA$/.test(n));
  if (metadata.length !== 1) {
    throw new InputError(
      `${ctx.label} is not a valid wheel: it has ${metadata.length} *.dist-info/METADATA entries instead of one; rebuild it with pip wheel or python -m build.`,
      { file: ctx.label }
    );
  }
  const fields = parseCoreMetadata(await zip.readText(metadata[0]));
  if (!fields.Name || !fields.Version) {
    throw new InputError(
      `${ctx.label}!/${metadata[0]}: Name or Version is missing; rebuild the wheel with a project name and version.`,
      { file: ctx.label }
    );
  }
  return {
    ...base,
    name: fields.Name,
    version: fields.Version,
    description: fields.Summary,
    descriptorFile: `${ctx.label}!/${metadata[0]}`
  };
}

// src/connectors/inspect/components.ts
var LOCATION = "slipway:location";
function sha256Hex(data) {
  return createHash7("sha256").update(data).digest("hex");
}
function enc(s) {
  return encodeURIComponent(s);
}
function mavenPurl(group, artifact, version) {
  return `pkg:maven/${enc(group)}/${enc(artifact)}${version ? `@${enc(version)}` : ""}`;
}
function pypiPurl(name, version) {
  const normalized = name.toLowerCase().replace(/[-_.]+/g, "-");
  return `pkg:pypi/${enc(normalized)}${version ? `@${enc(version)}` : ""}`;
}
function addProperty(c, name, value) {
  (c.properties ??= []).push({ name, value });
}
function fileComponent(info, type) {
  return {
    type,
    "bom-ref": `artifact:${basename5(info.path)}`,
    name: info.name ?? basename5(info.path),
    version: info.version,
    description: info.description
  };
}
function fileComponents(info) {
  return { main: fileComponent(info, "application"), components: [] };
}
function mavenComponent(props, location, type = "library") {
  const { groupId, artifactId, version } = props;
  if (!groupId || !artifactId) return void 0;
  const purl = mavenPurl(groupId, artifactId, version);
  return {
    type,
    "bom-ref": purl,
    group: groupId,
    name: artifactId,
    version: version || void 0,
    purl,
    properties: [{ name: LOCATION, value: location }]
  };
}
function pomEntries(zip) {
  return [...zip.entries.keys()].filter((name) => name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")).sort();
}
async function pomComponents(zip, where2) {
  const out = [];
  for (const entry of pomEntries(zip)) {
    const c = mavenComponent(parseProperties(await zip.readText(entry)), `${where2}${entry}`);
    if (c) out.push(c);
  }
  return out;
}
async function javaComponents(zip, info, logger) {
  const main = fileComponent(info, "application");
  const own2 = await ownCoordinates(zip, basename5(info.path));
  if (own2?.groupId && own2.artifactId) {
    const purl = mavenPurl(own2.groupId, own2.artifactId, own2.version);
    Object.assign(main, {
      "bom-ref": purl,
      group: own2.groupId,
      name: own2.artifactId,
      version: own2.version ?? main.version,
      purl
    });
  }
  const components = (await pomComponents(zip, "")).filter((c) => c.purl !== main.purl);
  for (const jar of bundledJars(zip)) {
    components.push(...await bundledJar(zip, jar, logger));
  }
  return { main, components };
}
async function bundledJar(zip, jar, logger) {
  const fileName = jar.slice(BUNDLED_DEPENDENCIES.length);
  const byName = {
    type: "library",
    "bom-ref": `file:${jar}`,
    name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ""),
    version: versionFromFileName(fileName),
    properties: [{ name: LOCATION, value: jar }]
  };
  const entry = zip.entries.get(jar);
  if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) {
    logger?.warn(`sbom: ${zip.label}!/${jar} is too big to look into; it is listed by file name`);
    return [byName];
  }
  let bytes;
  try {
    bytes = await zip.read(jar, MAX_NESTED_ARCHIVE_BYTES);
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [byName];
  }
  const hashes = [{ alg: "SHA-256", content: sha256Hex(bytes) }];
  try {
    return await withZip(openZipBuffer(bytes, `${zip.label}!/${jar}`), async (inner) => {
      const found = await pomComponents(inner, `${jar}!/`);
      if (found.length === 0) return [{ ...byName, hashes }];
      const own2 = await ownCoordinates(inner, fileName);
      const ownPurl = own2?.groupId && own2.artifactId ? mavenPurl(own2.groupId, own2.artifactId, own2.version) : void 0;
      for (const c of found) if (c.purl === ownPurl || found.length === 1) c.hashes = hashes;
      return found;
    });
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [{ ...byName, hashes }];
  }
}
function pypiComponent(fields, location, type) {
  const get = (key) => fields.find(([k]) => k === key)?.[1];
  const name = get("Name");
  if (!name) return void 0;
  const version = get("Version");
  const purl = pypiPurl(name, version);
  const license = get("License-Expression") ?? get("License");
  return {
    type,
    "bom-ref": purl,
    name,
    version,
    description: get("Summary"),
    purl,
    licenses: license ? [{ license: { name: license } }] : void 0,
    properties: [{ name: LOCATION, value: location }]
  };
}
async function pythonComponents(zip, info) {
  const main = fileComponent(info, "application");
  const isWheel = extname2(info.path).toLowerCase() === ".whl";
  const metadata = [...zip.entries.keys()].filter((n) => /(^|\/)[^/]+\.dist-info\/METADATA$/.test(n)).sort();
  const components = [];
  for (const entry of metadata) {
    const fields = coreMetadataFields(await zip.readText(entry));
    const isOwn = isWheel && /^[^/]+\.dist-info\/METADATA$/.test(entry);
    const c = pypiComponent(fields, entry, isOwn ? "application" : "library");
    if (!c) continue;
    if (!isOwn) {
      components.push(c);
      continue;
    }
    Object.assign(main, { ...c, hashes: main.hashes });
    for (const [key, value] of fields) {
      if (key !== "Requires-Dist") continue;
      const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(value)?.[0];
      if (!name) continue;
      components.push({
        type: "library",
        "bom-ref": pypiPurl(name),
        name,
        purl: pypiPurl(name),
        properties: [{ name: "slipway:requirement", value }]
      });
    }
  }
  return { main, components };
}
function airbyteComponents(meta, info, distribution) {
  const data = (key) => meta.string(`data.${key}`);
  const repository = data("dockerRepository") ?? info.defaultImage ?? info.name ?? "connector";
  const tag = data("dockerImageTag") ?? info.version;
  const purl = `pkg:docker/${repository.split("/").map(enc).join("/")}${tag ? `@${enc(tag)}` : ""}`;
  const license = data("license");
  const main = {
    type: "application",
    "bom-ref": purl,
    name: repository,
    version: tag,
    description: data("name"),
    purl,
    licenses: license ? [{ license: { name: license } }] : void 0
  };
  for (const key of ["definitionId", "connectorType", "connectorSubtype", "releaseStage"]) {
    const value = data(key);
    if (value) addProperty(main, `airbyte:${key}`, value);
  }
  const components = [];
  const baseImage2 = data("connectorBuildOptions.baseImage");
  if (baseImage2) {
    components.push({
      type: "container",
      "bom-ref": `base:${baseImage2}`,
      name: baseImage2,
      properties: [{ name: LOCATION, value: "metadata.yaml data.connectorBuildOptions.baseImage" }]
    });
  }
  for (const entry of distribution?.entries ?? []) {
    if (entry.type !== "file" || !/^lib\/[^/]+\.jar$/.test(entry.name)) continue;
    const fileName = entry.name.slice("lib/".length);
    components.push({
      type: "library",
      "bom-ref": `file:${entry.name}`,
      name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ""),
      version: versionFromFileName(fileName),
      properties: [
        { name: LOCATION, value: `${basename5(distribution?.tar ?? "")}!/${entry.name}` }
      ]
    });
  }
  return { main, components };
}

// src/connectors/inspect/tar.ts
var import_tar_stream4 = __toESM(require_tar_stream());
import { createReadStream as createReadStream3, createWriteStream as createWriteStream4 } from "node:fs";
import { chmod as chmod2, mkdir } from "node:fs/promises";
import { dirname as dirname7, join as join15 } from "node:path";
import { pipeline as pipeline4 } from "node:stream/promises";
import { createGunzip as createGunzip3 } from "node:zlib";
function openTar(path9) {
  const raw = createReadStream3(path9);
  return /\.(tgz|tar\.gz)$/i.test(path9) ? raw.pipe(createGunzip3()) : raw;
}
function entryName(label, rawName, strip) {
  const name = rawName.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  if (name === "" || name === ".") return void 0;
  const parts = name.split("/");
  if (name.startsWith("/") || parts.includes("..") || name.includes("\\")) {
    throw new InputError(
      `${label} holds the entry "${rawName}", whose name points outside the folder it is unpacked into; rebuild the archive without it.`,
      { file: label }
    );
  }
  const kept = parts.slice(strip).filter((p) => p !== "." && p !== "");
  return kept.length === 0 ? void 0 : kept.join("/");
}
async function walkTar(path9, label, strip, visit) {
  const extract = import_tar_stream4.default.extract();
  const source = openTar(path9);
  source.on("error", (err) => extract.destroy(err));
  source.pipe(extract);
  let total = 0;
  try {
    for await (const entry of extract) {
      const header2 = entry.header;
      const type = header2.type ?? "file";
      const name = entryName(label, header2.name, strip);
      if (type !== "file" && type !== "directory" && type !== "contiguous-file") {
        throw new InputError(
          `${label} holds "${header2.name}", a ${type}; only files and folders are supported in a distribution tar.`,
          { file: label }
        );
      }
      total += header2.size ?? 0;
      if (total > MAX_TOTAL_UNCOMPRESSED_BYTES) {
        throw new InputError(`${label} is bigger than 8 GiB unpacked; refusing it.`, {
          file: label
        });
      }
      if (name === void 0) {
        entry.resume();
        continue;
      }
      await visit(
        {
          name,
          type: type === "directory" ? "directory" : "file",
          mode: (header2.mode ?? 420) & 4095,
          size: header2.size ?? 0
        },
        entry
      );
      entry.resume();
    }
  } catch (err) {
    source.destroy();
    if (err instanceof InputError) throw err;
    throw new InputError(`${label} is not a readable tar archive (${errorMessage(err)}).`, {
      file: label
    });
  }
}
async function listTar(path9, label, strip = 0) {
  const out = [];
  await walkTar(path9, label, strip, (entry) => {
    out.push(entry);
    return Promise.resolve();
  });
  return out;
}
async function extractTar(path9, label, destination, strip) {
  const out = [];
  await walkTar(path9, label, strip, async (entry, body) => {
    const target2 = join15(destination, entry.name);
    if (entry.type === "directory") {
      await mkdir(target2, { recursive: true });
    } else {
      await mkdir(dirname7(target2), { recursive: true });
      await pipeline4(body, createWriteStream4(target2, { mode: 384 }));
      await chmod2(target2, entry.mode & 511 | 384);
    }
    out.push(entry);
  });
  return out;
}

// src/connectors/inspect/airbyte.ts
var METADATA_FILE = "metadata.yaml";
var MANIFEST_FILE = "manifest.yaml";
var COMPONENTS_FILE = "components.py";
var PYTHON_MAIN_FILE = "main.py";
var DISTRIBUTIONS_DIR = "build/distributions";
async function exists(path9) {
  try {
    await stat3(path9);
    return true;
  } catch {
    return false;
  }
}
function show(ctx, path9) {
  return displayPath(path9, ctx.workingDirectory);
}
async function distributionTars(folder) {
  try {
    const names = await readdir3(join16(folder, DISTRIBUTIONS_DIR));
    return names.filter((n) => /\.(tar|tgz|tar\.gz)$/.test(n)).sort().map((n) => join16(folder, DISTRIBUTIONS_DIR, n));
  } catch {
    return [];
  }
}
async function inspectAirbyteFolder(ctx) {
  const folderLabel = show(ctx, ctx.folder);
  const metadataPath = join16(ctx.folder, METADATA_FILE);
  const metadataLabel = show(ctx, metadataPath);
  if (!await exists(metadataPath)) {
    throw new InputError(
      `${metadataLabel} is missing; an Airbyte connector folder needs it with data.dockerRepository, data.dockerImageTag and data.connectorType (or point artifact at the right folder).`,
      { file: metadataLabel }
    );
  }
  const meta = await YamlFile.parse(await readFile5(metadataPath, "utf8"), metadataLabel);
  const repository = meta.string("data.dockerRepository");
  const tag = meta.string("data.dockerImageTag");
  if (!repository) {
    throw meta.error(
      "data.dockerRepository",
      "data.dockerRepository is missing; add e.g. dockerRepository: airbyte/source-my-api under data:."
    );
  }
  if (!tag) {
    throw meta.error(
      "data.dockerImageTag",
      "data.dockerImageTag is missing; add e.g. dockerImageTag: 0.1.0 under data:."
    );
  }
  const connectorType = resolveAirbyteType(ctx, meta);
  const project = {
    folder: ctx.folder,
    metadataFile: metadataPath,
    documentationUrl: meta.string("data.documentationUrl")
  };
  const format = await resolveFormat(ctx, project, folderLabel);
  let distribution;
  if (format === "airbyte-manifest") {
    if (connectorType !== "airbyte-source") {
      throw meta.error(
        "data.connectorType",
        "a declarative manifest can only be a source; set connectorType: source or build the destination as Java or Python."
      );
    }
    await checkManifest(ctx, project);
  } else if (format === "airbyte-java") {
    distribution = await inspectDistribution(ctx, project);
  } else {
    const main = join16(ctx.folder, PYTHON_MAIN_FILE);
    if (!await exists(main)) {
      throw new InputError(
        `${show(ctx, main)} is missing; a Python Airbyte connector starts with python /airbyte/integration_code/main.py, so add main.py to ${folderLabel}.`,
        { file: folderLabel }
      );
    }
  }
  const info = {
    connectorType,
    format,
    path: ctx.folder,
    label: folderLabel,
    name: meta.string("data.name") ?? repository.split("/").pop(),
    version: tag,
    defaultImage: repository,
    defaultTag: tag,
    baseImage: meta.string("data.connectorBuildOptions.baseImage"),
    descriptorFile: metadataPath,
    airbyte: project
  };
  return { ...info, bom: airbyteComponents(meta, info, distribution) };
}
function resolveAirbyteType(ctx, meta) {
  if (ctx.connectorType === "airbyte-source" || ctx.connectorType === "airbyte-destination") {
    return ctx.connectorType;
  }
  if (ctx.connectorType !== "auto") {
    throw meta.error(
      void 0,
      `this is an Airbyte connector but connector-type is ${ctx.connectorType}; set connector-type to airbyte-source or airbyte-destination.`
    );
  }
  const declared = meta.string("data.connectorType");
  if (declared === "source") return "airbyte-source";
  if (declared === "destination") return "airbyte-destination";
  throw meta.error(
    "data.connectorType",
    `data.connectorType is ${declared ? `"${declared}"` : "missing"}; set it to source or destination (or set connector-type).`
  );
}
async function resolveFormat(ctx, project, folderLabel) {
  const wanted = ctx.format;
  if (wanted !== "auto" && !wanted.startsWith("airbyte-")) {
    throw new InputError(
      `${folderLabel} is an Airbyte connector folder, but artifact-format is ${wanted}; use auto, airbyte-manifest, airbyte-java or airbyte-python.`
    );
  }
  if (wanted === "airbyte-manifest" || wanted === "auto" && !ctx.tar && await exists(join16(ctx.folder, MANIFEST_FILE))) {
    return "airbyte-manifest";
  }
  if (wanted === "airbyte-java" || wanted === "auto") {
    const tars = ctx.tar ? [ctx.tar] : await distributionTars(ctx.folder);
    if (tars.length === 1) {
      project.distributionTar = tars[0];
      return "airbyte-java";
    }
    if (tars.length > 1) {
      throw new InputError(
        `Several distribution tars in ${show(ctx, join16(ctx.folder, DISTRIBUTIONS_DIR))} (${tars.map((t) => show(ctx, t)).join(", ")}); choose one with artifact.`
      );
    }
    if (wanted === "airbyte-java") {
      throw new InputError(
        `No distribution tar in ${show(ctx, join16(ctx.folder, DISTRIBUTIONS_DIR))}; run gradle distTar (build: gradle, build-args: distTar) or set artifact to the tar.`
      );
    }
  }
  const python = ["pyproject.toml", "setup.py", PYTHON_MAIN_FILE];
  for (const file of python) {
    if (await exists(join16(ctx.folder, file))) return "airbyte-python";
  }
  if (wanted === "airbyte-python") return "airbyte-python";
  throw new InputError(
    `${folderLabel} has metadata.yaml but no manifest.yaml, build/distributions/*.tar, pyproject.toml or main.py; add the connector code or set artifact-format.`
  );
}
async function checkManifest(ctx, project) {
  const path9 = join16(ctx.folder, MANIFEST_FILE);
  const label = show(ctx, path9);
  if (!await exists(path9)) {
    throw new InputError(`${label} is missing; a declarative connector needs its manifest.yaml.`, {
      file: label
    });
  }
  const manifest = await YamlFile.parse(await readFile5(path9, "utf8"), label);
  if (!manifest.has("spec")) {
    throw manifest.error(
      void 0,
      "spec is missing; add spec: with connection_specification so that the image can answer spec."
    );
  }
  project.manifestFile = path9;
  const components = join16(ctx.folder, COMPONENTS_FILE);
  if (await exists(components)) project.componentsFile = components;
}
async function inspectDistribution(ctx, project) {
  const tar2 = project.distributionTar;
  const label = show(ctx, tar2);
  const entries = await listTar(tar2, label, 1);
  const scripts = entries.filter((e) => e.type === "file" && /^bin\/[^/]+$/.test(e.name) && !e.name.endsWith(".bat")).map((e) => e.name.slice("bin/".length));
  if (scripts.length === 0) {
    throw new InputError(
      `${label} has no start script under <name>/bin/; build it with Gradle's application plugin (distTar).`,
      { file: label }
    );
  }
  if (scripts.length > 1) {
    throw new InputError(
      `${label} has several start scripts in bin/ (${scripts.join(", ")}); Airbyte's base.sh runs one, so keep one application per distribution.`,
      { file: label }
    );
  }
  project.application = scripts[0];
  return { tar: tar2, entries };
}

// src/connectors/python.ts
import { existsSync as existsSync6, readFileSync as readFileSync3 } from "node:fs";
import { basename as basename6, join as join17 } from "node:path";
async function pythonDependencies(folder, opts) {
  const lockFile = findLock(folder);
  const readOpts = { env: opts.env };
  if (lockFile && (basename6(lockFile) !== "requirements.txt" || requirementsArePinned(lockFile))) {
    return {
      lock: readPythonLock(lockFile, readOpts),
      label: displayPath(lockFile, opts.workingDirectory)
    };
  }
  const label = lockFile ? displayPath(lockFile, opts.workingDirectory) : void 0;
  if (!lockFile) {
    const pyproject = join17(folder, "pyproject.toml");
    if (opts.unlockedProject === "ignore") return void 0;
    if (!existsSync6(pyproject) || !declaresDependencies(pyproject)) return void 0;
    throw new InputError(
      `${displayPath(pyproject, opts.workingDirectory)} declares dependencies but the folder has no lock (poetry.lock, pylock.toml or requirements.txt pinned with hashes); run \`poetry lock\` (or \`pip-compile --generate-hashes\`) and commit the lock, or set builder: docker.`
    );
  }
  if (opts.requireLock) {
    throw new InputError(
      `${label} is not a lock (not every line is pinned with ==version and --hash), and require-lock is true; pin it with \`pip-compile --generate-hashes\`, or set require-lock: false to let Slipway lock it with the runner's pip.`
    );
  }
  const out = join17(opts.outputDir ?? folder, "requirements.lock.txt");
  opts.logger?.warn(
    `${label} is not pinned with hashes, so the image is only as reproducible as today's index: locking it with the runner's pip into ${out} (commit a lock, or set require-lock: true to refuse)`
  );
  await lockWithPip(lockFile, out, { env: opts.env, logger: opts.logger });
  return { lock: readPythonLock(out, readOpts), label: `${label} (locked into ${out})` };
}
function declaresDependencies(file) {
  let toml;
  try {
    toml = parse(readFileSync3(file, "utf8"));
  } catch {
    return false;
  }
  const project = isRecord(toml.project) ? toml.project : {};
  if (Array.isArray(project.dependencies) && project.dependencies.length > 0) return true;
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const deps = isRecord(poetry.dependencies) ? Object.keys(poetry.dependencies) : [];
  return deps.some((name) => name.toLowerCase() !== "python");
}

// src/connectors/folder.ts
import { lstat, readFile as readFile6, readdir as readdir4, readlink, realpath } from "node:fs/promises";
import { join as join18, posix as posix12 } from "node:path";

// src/connectors/dockerignore.ts
import { posix as posix11 } from "node:path";
function clean(p) {
  const rooted = p.startsWith("/");
  const out = posix11.normalize(p).replace(/\/+$/, "");
  if (out === "" || out === ".") return rooted ? "/" : ".";
  return out;
}
function readDockerignore(text4) {
  const patterns = [];
  for (const [index, raw] of text4.split(/\r?\n/).entries()) {
    const line = index === 0 ? raw.replace(/^\uFEFF/, "") : raw;
    if (line.startsWith("#")) continue;
    let pattern = line.trim();
    if (pattern === "") continue;
    const invert = pattern.startsWith("!");
    if (invert) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = clean(pattern);
      if (pattern.length > 1 && pattern.startsWith("/")) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}
function compile(cleaned) {
  let re = "^";
  let type = "exact";
  const chars = [...cleaned];
  for (let i = 0, step = 0; i < chars.length; i++, step++) {
    const ch = chars[i];
    if (ch === "*") {
      if (chars[i + 1] === "*") {
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          if (type === "exact") type = "prefix";
          else {
            re += ".*";
            type = "regexp";
          }
        } else {
          re += "(.*/)?";
          type = "regexp";
        }
        if (step === 0) type = "suffix";
      } else {
        re += "[^/]*";
        type = "regexp";
      }
    } else if (ch === "?") {
      re += "[^/]";
      type = "regexp";
    } else if (".+()|{}$".includes(ch)) {
      re += `\\${ch}`;
    } else if (ch === "\\") {
      if (i + 1 < chars.length) {
        i++;
        re += `\\${chars[i]}`;
        type = "regexp";
      } else {
        re += "\\\\";
      }
    } else if (ch === "[" || ch === "]") {
      re += ch;
      type = "regexp";
    } else {
      re += ch;
    }
  }
  if (type !== "regexp") return { type };
  try {
    return { type, regexp: new RegExp(`${re}$`, "u") };
  } catch {
    throw new InputError(`.dockerignore pattern "${cleaned}" is not a valid pattern; fix it.`);
  }
}
function matches(p, path9) {
  switch (p.type) {
    case "exact":
      return path9 === p.cleaned;
    case "prefix":
      return path9.startsWith(p.cleaned.slice(0, -2));
    case "suffix": {
      const suffix = p.cleaned.slice(2);
      if (path9.endsWith(suffix)) return true;
      return suffix.startsWith("/") && path9 === suffix.slice(1);
    }
    case "regexp":
      return p.regexp.test(path9);
  }
}
var IgnoreMatcher = class {
  patterns = [];
  /** Whether some pattern starts with "!": an excluded folder may then hold included files. */
  hasExceptions;
  constructor(lines) {
    for (const line of lines) {
      let p = line.trim();
      if (p === "") continue;
      p = clean(p);
      const exclusion = p.startsWith("!");
      if (exclusion) {
        if (p.length === 1)
          throw new InputError('.dockerignore has a line "!" alone; give a pattern after "!".');
        p = p.slice(1);
      }
      this.patterns.push({ exclusion, cleaned: p, ...compile(p) });
    }
    this.hasExceptions = this.patterns.some((p) => p.exclusion);
  }
  /** MatchesOrParentMatches: the last pattern that matches the path or one of its parents wins. */
  ignores(path9) {
    let matched = false;
    const parent = posix11.dirname(path9);
    const parentDirs = parent.split("/");
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = matches(pattern, path9);
      if (!match && parent !== ".") {
        for (let i = 0; i < parentDirs.length && !match; i++)
          match = matches(pattern, parentDirs.slice(0, i + 1).join("/"));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
  /** Whether a "!" pattern names this path (or a parent) itself: how a user lists a file explicitly. */
  includesExplicitly(path9) {
    const parentDirs = path9.split("/");
    return this.patterns.some(
      (p) => p.exclusion && parentDirs.some((_, i) => matches(p, parentDirs.slice(0, i + 1).join("/")))
    );
  }
};

// src/connectors/folder.ts
var SECRET_NAMES = [
  /^\.git$/,
  /^\.env($|\.)/,
  /^\.npmrc$/,
  /^\.pypirc$/,
  /^\.netrc$/,
  /^\.docker$/,
  /^gha-creds-.*\.json$/
];
var KEY_NAMES = [/\.pem$/, /\.key$/];
async function walkFolder(folder, opts) {
  const root = await realpath(folder);
  const ignore = new IgnoreMatcher(
    readDockerignore(await readFile6(join18(root, ".dockerignore"), "utf8").catch(() => ""))
  );
  const secrets2 = [];
  const ignored = [];
  const entries = [];
  const visit = async (rel) => {
    const names = (await readdir4(rel ? join18(root, rel) : root)).sort();
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      const source = join18(root, childRel);
      const st = await lstat(source);
      if (SECRET_NAMES.some((re) => re.test(name))) {
        secrets2.push(st.isDirectory() ? `${childRel}/` : childRel);
        continue;
      }
      if (opts.excludeNames?.has(name) || opts.excludeSuffixes?.some((suffix) => name.endsWith(suffix)))
        continue;
      if (!st.isDirectory() && KEY_NAMES.some((re) => re.test(name)) && !ignore.includesExplicitly(childRel)) {
        secrets2.push(childRel);
        continue;
      }
      const ignoredHere = ignore.ignores(childRel);
      if (st.isDirectory()) {
        if (ignoredHere && !ignore.hasExceptions) {
          ignored.push(`${childRel}/`);
          continue;
        }
        const before = entries.length;
        if (!ignoredHere) entries.push({ rel: childRel, kind: "dir", source, mode: st.mode });
        await visit(childRel);
        if (ignoredHere && entries.length > before)
          entries.splice(before, 0, { rel: childRel, kind: "dir", source, mode: st.mode });
        continue;
      }
      if (ignoredHere) {
        ignored.push(childRel);
        continue;
      }
      if (st.isSymbolicLink()) {
        entries.push({ ...await checkedLink(root, childRel, opts.label), mode: 511 });
      } else if (st.isFile()) {
        entries.push({ rel: childRel, kind: "file", source, mode: st.mode });
      }
    }
  };
  await visit("");
  if (secrets2.length > 0) {
    opts.logger?.info(
      `left out of the image (secrets are never packaged; a *.pem or *.key comes in when a "!" line of .dockerignore names it): ${summarise(secrets2)}`
    );
  }
  if (ignored.length > 0)
    opts.logger?.info(`left out of the image by .dockerignore: ${summarise(ignored)}`);
  return entries;
}
function summarise(paths) {
  const shown = paths.slice(0, 10).join(", ");
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}
async function checkedLink(root, rel, label) {
  const source = join18(root, rel);
  const target2 = await readlink(source);
  const where2 = label === "." ? rel : `${label}/${rel}`;
  const folder = label === "." ? "the connector folder" : label;
  const refuse = (why) => {
    throw new InputError(
      `${where2} is a symbolic link to ${target2}, which ${why}; only links that stay inside ${folder} are packaged (as links): replace it with the file it points to, or make it a relative link inside the folder.`
    );
  };
  if (posix12.isAbsolute(target2)) refuse("is an absolute path");
  const resolved = posix12.normalize(posix12.join(posix12.dirname(rel), target2));
  if (resolved === ".." || resolved.startsWith("../")) refuse(`leaves ${folder}`);
  const real = await realpath(source).catch(() => void 0);
  if (real !== void 0 && !isInside(root, real)) refuse(`leads to ${real}, outside ${folder}`);
  return { rel, kind: "link", source, target: target2 };
}

// src/connectors/airbyte/plan.ts
var DEFAULT_BASES = {
  manifest: "docker.io/airbyte/source-declarative-manifest:latest",
  java: "docker.io/airbyte/java-connector-base:2.0.1",
  python: "docker.io/airbyte/python-connector-base:4.0.0"
};
var AIRBYTE_OWNER = { uid: 1e3, gid: 1e3 };
var INTEGRATION_CODE = "/airbyte/integration_code";
var AIRBYTE_HOME = "/airbyte";
var DIR_MODE = 493;
var BUILD_CUSTOMIZATION = "build_customization.py";
var PYTHON_EXCLUDES = /* @__PURE__ */ new Set([
  ".git",
  ".slipway",
  // the GitLab component's outputs and workspace (gitlab/templates/slipway.yml)
  ".venv",
  "venv",
  "__pycache__",
  ".pytest_cache",
  ".mypy_cache",
  ".ruff_cache",
  "node_modules",
  "secrets",
  "build",
  "dist",
  ".idea",
  ".vscode"
]);
function airbyteLabels(info) {
  return {
    "io.airbyte.name": info.defaultImage ?? "",
    "io.airbyte.version": info.defaultTag ?? ""
  };
}
function entrypointEnv(entrypoint) {
  return { AIRBYTE_ENTRYPOINT: entrypoint.join(" ") };
}
var KIND_NAMES = { manifest: "declarative manifest", java: "Java", python: "Python" };
function airbyteBase(inputs, info, kind) {
  return info.baseImage ? baseImage(inputs, info.baseImage, "connectorBuildOptions.baseImage in metadata.yaml") : baseImage(
    inputs,
    DEFAULT_BASES[kind],
    `the default base of ${info.connectorType ?? "Airbyte"} ${KIND_NAMES[kind]} connectors`
  );
}
function dirs(paths) {
  return [...new Set(paths)].sort().map((path9) => ({ path: path9, mode: DIR_MODE, ...AIRBYTE_OWNER }));
}
async function planAirbyte(inputs, info, opts) {
  const project = info.airbyte;
  if (!project) throw new InputError(`${info.label} is not an Airbyte connector folder.`);
  switch (info.format) {
    case "airbyte-manifest":
      return planManifest(inputs, info);
    case "airbyte-java":
      return planJava(inputs, info, opts);
    case "airbyte-python":
      return planPython(inputs, info, opts);
    default:
      throw new InputError(
        `${info.label} is a ${info.format} artifact; an Airbyte connector is a folder with metadata.yaml.`
      );
  }
}
function planManifest(inputs, info) {
  const project = info.airbyte;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const packageDir = posix13.join(code, "source_declarative_manifest");
  const files = [
    {
      path: posix13.join(packageDir, "manifest.yaml"),
      source: project.manifestFile,
      mode: 420,
      ...AIRBYTE_OWNER
    }
  ];
  if (project.componentsFile) {
    files.push({
      path: posix13.join(packageDir, "components.py"),
      source: project.componentsFile,
      mode: 420,
      ...AIRBYTE_OWNER
    });
  }
  const entrypoint = ["python", posix13.join(code, "main.py")];
  return {
    ...airbyteBase(inputs, info, "manifest"),
    files,
    directories: dirs(directoryPaths(packageDir, AIRBYTE_HOME)),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: []
  };
}
async function planJava(inputs, info, opts) {
  const project = info.airbyte;
  const home = targetDirectory(inputs, AIRBYTE_HOME);
  const staging = await mkdtemp3(join19(opts.stagingDir, "airbyte-dist-"));
  const tar2 = project.distributionTar;
  const entries = await extractTar(tar2, relative2(info.path, tar2), staging, 1);
  const files = [];
  const directories = directoryPaths(home, home);
  for (const entry of entries) {
    const path9 = posix13.join(home, entry.name);
    if (entry.type === "directory") {
      directories.push(path9);
      continue;
    }
    for (const d of directoryPaths(posix13.dirname(path9), home)) directories.push(d);
    files.push({
      path: path9,
      source: join19(staging, entry.name),
      mode: entry.mode & 73 ? 493 : 420,
      ...AIRBYTE_OWNER
    });
  }
  const entrypoint = [posix13.join(home, "base.sh")];
  const baseExecutables = ["base.sh", "javabase.sh"].map((name) => ({
    path: posix13.join(AIRBYTE_HOME, name),
    mode: 493,
    ...AIRBYTE_OWNER
  }));
  return {
    ...airbyteBase(inputs, info, "java"),
    files: files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    directories: dirs(directories),
    // base.sh runs /airbyte/bin/$APPLICATION.
    env: { APPLICATION: project.application, ...entrypointEnv(entrypoint) },
    labels: airbyteLabels(info),
    workdir: home,
    entrypoint,
    baseExecutables,
    run: []
  };
}
async function copyFolder(folder, target2, label, tree, opts) {
  const entries = await walkFolder(folder, {
    excludeNames: PYTHON_EXCLUDES,
    excludeSuffixes: [".pyc"],
    logger: opts.logger,
    label
  });
  for (const entry of entries) {
    const path9 = posix13.join(target2, entry.rel);
    if (entry.kind === "dir") tree.directories.push(path9);
    else if (entry.kind === "link")
      tree.symlinks.push({ path: path9, target: entry.target, ...AIRBYTE_OWNER });
    else
      tree.files.push({
        path: path9,
        source: entry.source,
        mode: entry.mode & 64 ? 493 : 420,
        ...AIRBYTE_OWNER
      });
  }
}
async function planPython(inputs, info, opts) {
  const project = info.airbyte;
  const hooks = join19(project.folder, BUILD_CUSTOMIZATION);
  if (await exists(hooks)) {
    opts.logger?.info(
      `${info.label === "." ? "" : `${info.label}/`}${BUILD_CUSTOMIZATION} holds airbyte-ci's pre/post-install hooks, which only a container build can run: building with the docker builder (docker-command)`
    );
    return planPythonWithPip(inputs, info, opts);
  }
  if (inputs.builder === "docker") return planPythonWithPip(inputs, info, opts);
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files = [];
  const symlinks = [];
  const directories = directoryPaths(code, AIRBYTE_HOME);
  const addFile3 = async (rel) => {
    const st = await lstat2(join19(project.folder, rel));
    files.push({
      path: posix13.join(code, rel),
      source: join19(project.folder, rel),
      mode: st.mode & 64 ? 493 : 420,
      ...AIRBYTE_OWNER
    });
  };
  await addFile3(PYTHON_MAIN_FILE);
  const hasPyproject = await exists(join19(project.folder, "pyproject.toml"));
  const packages = hasPyproject ? readProjectPackage(project.folder).packages : [];
  if (!hasPyproject) {
    const guess = basename7(project.folder).replace(/-/g, "_");
    if (await exists(join19(project.folder, guess))) packages.push(guess);
  }
  for (const pkg of packages) {
    const source = join19(project.folder, ...pkg.split("/"));
    const st = await lstat2(source).catch(() => void 0);
    if (!st) {
      throw new InputError(
        `${info.label}/pyproject.toml names the package ${pkg}, which is not in the folder; fix packages in pyproject.toml or add the package.`
      );
    }
    const target2 = posix13.join(code, posix13.basename(pkg));
    if (st.isFile()) {
      files.push({ path: target2, source, mode: 420, ...AIRBYTE_OWNER });
      continue;
    }
    directories.push(target2);
    await copyFolder(
      source,
      target2,
      `${info.label}/${pkg}`,
      { files, directories, symlinks },
      opts
    );
  }
  const python = await pythonDependencies(project.folder, {
    workingDirectory: opts.workingDirectory ?? process.cwd(),
    env: opts.env ?? process.env,
    requireLock: inputs["require-lock"],
    outputDir: opts.outputDir,
    logger: opts.logger
  });
  const entrypoint = ["python", posix13.join(code, PYTHON_MAIN_FILE)];
  return {
    ...airbyteBase(inputs, info, "python"),
    files: files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    directories: dirs(directories),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: [],
    python,
    ...symlinks.length > 0 ? { symlinks } : {}
  };
}
async function planPythonWithPip(inputs, info, opts) {
  const project = info.airbyte;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files = [];
  const symlinks = [];
  const directories = directoryPaths(code, AIRBYTE_HOME);
  await copyFolder(project.folder, code, info.label, { files, directories, symlinks }, opts);
  const run3 = [];
  if (await exists(join19(project.folder, "pyproject.toml")) || await exists(join19(project.folder, "setup.py"))) {
    run3.push("pip install --no-cache-dir .");
  } else if (await exists(join19(project.folder, "requirements.txt"))) {
    run3.push("pip install --no-cache-dir -r requirements.txt");
  }
  const entrypoint = ["python", posix13.join(code, PYTHON_MAIN_FILE)];
  return {
    ...airbyteBase(inputs, info, "python"),
    files,
    directories: dirs(directories),
    ...symlinks.length > 0 ? { symlinks } : {},
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(info),
    workdir: code,
    entrypoint,
    run: run3
  };
}

// src/connectors/discover.ts
import { readdir as readdir5, realpath as realpath2, stat as stat4 } from "node:fs/promises";
import { tmpdir as tmpdir5 } from "node:os";
import { join as join20, resolve as resolve5 } from "node:path";
async function filesIn(dir) {
  try {
    const names = await readdir5(dir, { withFileTypes: true });
    return names.filter((d) => d.isFile()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}
async function isDirectory(path9) {
  try {
    return (await stat4(path9)).isDirectory();
  } catch {
    return false;
  }
}
var SIDE_JARS = /-(sources|javadoc|tests|test-sources)\.jar$/;
function pickShadedJar(names) {
  const jars = names.filter(
    (n) => n.endsWith(".jar") && !n.startsWith("original-") && !SIDE_JARS.test(n)
  );
  if (jars.length <= 1) return jars;
  const originals = new Set(
    names.filter((n) => n.startsWith("original-")).map((n) => n.slice("original-".length))
  );
  const twins = jars.filter((n) => originals.has(n));
  if (twins.length > 0) return twins;
  const attached = jars.filter((n) => /-(shaded|all|jar-with-dependencies)\.jar$/.test(n));
  return attached.length > 0 ? attached : jars;
}
var RULES = [
  {
    describe: `a folder with ${METADATA_FILE} (Airbyte)`,
    find: async (wd) => (await filesIn(wd)).includes(METADATA_FILE) ? [wd] : []
  },
  {
    describe: "target/*.nar",
    find: async (wd) => (await filesIn(join20(wd, "target"))).filter((n) => n.endsWith(".nar")).map((n) => join20(wd, "target", n))
  },
  {
    describe: "the shaded jar in target/",
    find: async (wd) => pickShadedJar(await filesIn(join20(wd, "target"))).map((n) => join20(wd, "target", n))
  },
  {
    describe: "build/libs/*-all.jar",
    find: async (wd) => (await filesIn(join20(wd, "build", "libs"))).filter((n) => n.endsWith("-all.jar")).map((n) => join20(wd, "build", "libs", n))
  },
  {
    describe: "the jar in build/libs/",
    find: async (wd) => (await filesIn(join20(wd, "build", "libs"))).filter((n) => n.endsWith(".jar") && !n.endsWith("-plain.jar") && !SIDE_JARS.test(n)).map((n) => join20(wd, "build", "libs", n))
  }
];
function several(found, wd, where2) {
  const list = found.map((p) => displayPath(p, wd));
  return new InputError(
    `Several artifacts match ${where2}: ${list.join(", ")}; choose one with artifact, e.g. artifact: ${list[0]}.`
  );
}
async function allowedRoots(wd, named = []) {
  const env = process.env;
  const real = async (c) => realpath2(c).catch(() => resolve5(c));
  const roots = [];
  for (const c of [wd, env.GITHUB_WORKSPACE, env.CI_PROJECT_DIR]) if (c) roots.push(await real(c));
  for (const c of [env.RUNNER_TEMP, tmpdir5(), env.CI_BUILDS_DIR]) {
    if (!c) continue;
    const root = await real(c);
    const wanted = named.some((path9) => isInside(resolve5(c), path9) || isInside(root, path9));
    if (wanted) roots.push(root);
  }
  return roots;
}
async function isConfined(path9, roots) {
  const real = await realpath2(path9).catch(() => void 0);
  return real === void 0 || roots.some((root) => isInside(root, real));
}
async function confineToRoots(path9, roots, what) {
  const real = await realpath2(path9).catch(() => void 0);
  if (real === void 0) return path9;
  if (roots.some((root) => isInside(root, real))) return real;
  throw new InputError(
    `${what} leads to ${real}, which is outside the project (working-directory and the CI checkout); copy it into the project, or name a file in a temp folder with the artifact input.`
  );
}
async function discoverArtifact(artifact, workingDirectory) {
  const wd = resolve5(workingDirectory);
  if (!await isDirectory(wd)) {
    throw new InputError(
      `Input "working-directory" (${workingDirectory}) is not a directory; point it at the connector project.`
    );
  }
  const found = artifact ? await fromInput(artifact, wd) : await byRules(wd);
  if (found === void 0) {
    throw new InputError(
      `No artifact found in ${workingDirectory}: looked for ${RULES.map((r) => r.describe).join(", ")}; build the project (build: maven or gradle) or set artifact to the file (a .py, .whl, .zip or Go binary must be named).`
    );
  }
  const named = artifact ? [found] : [];
  await confineToRoots(found, await allowedRoots(wd, named), `Artifact ${displayPath(found, wd)}`);
  return found;
}
async function findOptionalArtifact(workingDirectory) {
  const wd = resolve5(workingDirectory);
  if (!await isDirectory(wd)) return void 0;
  const found = await byRules(wd);
  if (found === void 0 || !await isConfined(found, await allowedRoots(wd))) return void 0;
  return found;
}
async function byRules(wd) {
  for (const rule of RULES) {
    const found = await rule.find(wd);
    if (found.length === 1) return found[0];
    if (found.length > 1) throw several(found, wd, rule.describe);
  }
  return void 0;
}
async function fromInput(artifact, wd) {
  const direct = resolve5(wd, artifact);
  try {
    await stat4(direct);
    return direct;
  } catch {
  }
  const { glob, isDynamicPattern } = await loadGlob();
  if (!isDynamicPattern(artifact)) {
    throw new InputError(
      `Input "artifact": ${artifact} does not exist in ${displayPath(wd, process.cwd())}; build the project first or fix the path (relative to working-directory).`
    );
  }
  const found = (await glob([artifact], {
    cwd: wd,
    absolute: true,
    onlyFiles: false,
    dot: false,
    expandDirectories: false
  })).sort();
  if (found.length === 1) return resolve5(found[0]);
  if (found.length === 0) {
    throw new InputError(
      `Input "artifact": the pattern ${artifact} matches nothing in ${displayPath(wd, process.cwd())}; build the project first or fix the pattern (relative to working-directory).`
    );
  }
  throw several(
    found.map((p) => resolve5(p)),
    wd,
    `the pattern ${artifact}`
  );
}

// src/connectors/dockerfile.ts
import { copyFile, link, mkdir as mkdir2, symlink } from "node:fs/promises";
import { join as join22, posix as posix15, relative as relative4, sep as sep4 } from "node:path";

// src/connectors/dockerfile-parse.ts
import { lstat as lstat3, readdir as readdir6, readlink as readlink2, realpath as realpath3 } from "node:fs/promises";
import { join as join21, posix as posix14, relative as relative3, resolve as resolve6, sep as sep3 } from "node:path";

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
async function readHead2(path9, bytes = 64) {
  const handle = await open(path9, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// src/connectors/dockerfile-parse.ts
var NeedsDocker = class extends Error {
  constructor(reason, line) {
    super(reason);
    this.reason = reason;
    this.line = line;
  }
  reason;
  line;
};
function lineOf(instruction) {
  return instruction.getRange().start.line + 1;
}
function fail(state, instruction, message) {
  const line = lineOf(instruction);
  return new InputError(`${state.label}:${line}: ${message}`, { file: state.label, line });
}
function words(state, instruction, text4) {
  try {
    return processWords(text4, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}
function word(state, instruction, text4) {
  try {
    return processWord(text4, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}
function jsonArray(text4) {
  const trimmed = text4.trim();
  if (!trimmed.startsWith("[")) return void 0;
  try {
    const value = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === "string"))
      return value;
  } catch {
  }
  return void 0;
}
function propertyValue(state, instruction, p) {
  return word(state, instruction, p.getUnescapedValue() ?? "");
}
function properties(instruction) {
  const withProps = instruction;
  return withProps.getProperties ? withProps.getProperties() : [];
}
function flags(instruction) {
  const withFlags = instruction;
  return withFlags.getFlags ? withFlags.getFlags() : [];
}
async function parseDockerfile(text4, contextDir, opts = {}) {
  const { DockerfileParser } = await importCommonJs(() => import("./main-ZCPQQ472.js"));
  const dockerfile = DockerfileParser.parse(text4);
  const state = {
    label: opts.label ?? "Dockerfile",
    contextDir: resolve6(contextDir),
    escape: dockerfile.getEscapeCharacter(),
    vars: /* @__PURE__ */ new Map(),
    plan: { base: "", files: [], directories: [], env: {}, labels: {}, run: [] },
    files: /* @__PURE__ */ new Map(),
    directories: /* @__PURE__ */ new Map(),
    symlinks: /* @__PURE__ */ new Map(),
    realContext: await realpath3(contextDir).catch(() => resolve6(contextDir)),
    made: /* @__PURE__ */ new Map(),
    hasDockerignore: await lstat3(join21(contextDir, ".dockerignore")).then(
      () => true,
      () => false
    )
  };
  const buildArgs = opts.buildArgs ?? {};
  const globalArgs = /* @__PURE__ */ new Map();
  let seenFrom = false;
  try {
    for (const instruction of dockerfile.getInstructions()) {
      const keyword = instruction.getKeyword();
      const args = instruction.getArgumentsContent() ?? "";
      const line = lineOf(instruction);
      if (!seenFrom && keyword !== "FROM" && keyword !== "ARG") {
        throw fail(
          state,
          instruction,
          `${keyword} before FROM; a Dockerfile starts with FROM (after optional ARGs).`
        );
      }
      switch (keyword) {
        case "ARG":
          for (const p of properties(instruction)) {
            const name = p.getName();
            const fallback = p.getValue() === null ? seenFrom ? globalArgs.get(name) : void 0 : propertyValue(state, instruction, p);
            const value = buildArgs[name] ?? fallback;
            const target2 = seenFrom ? state.vars : globalArgs;
            if (value !== void 0) target2.set(name, value);
            if (!seenFrom && value !== void 0) state.vars.set(name, value);
          }
          break;
        case "FROM": {
          if (seenFrom)
            throw new NeedsDocker(
              `a second FROM (multi-stage build) at ${state.label}:${line}`,
              line
            );
          if (flags(instruction).length > 0) {
            throw new NeedsDocker(
              `FROM --${flags(instruction)[0].getName()} at ${state.label}:${line}`,
              line
            );
          }
          const [image, as] = words(state, instruction, args);
          if (!image)
            throw fail(state, instruction, "FROM names no image; write e.g. FROM busybox:1.36.");
          if (as !== void 0 && as.toUpperCase() !== "AS")
            throw fail(
              state,
              instruction,
              `unexpected "${as}" after the image; write FROM image [AS name].`
            );
          state.plan.base = image;
          state.plan.baseSource = `FROM at ${state.label}:${line}`;
          seenFrom = true;
          state.vars = /* @__PURE__ */ new Map();
          break;
        }
        case "ENV":
          for (const p of properties(instruction)) {
            const value = propertyValue(state, instruction, p);
            state.plan.env[p.getName()] = value;
            state.vars.set(p.getName(), value);
          }
          break;
        case "LABEL":
          for (const p of properties(instruction)) {
            state.plan.labels[word(state, instruction, p.getName())] = propertyValue(
              state,
              instruction,
              p
            );
          }
          break;
        case "USER":
          state.plan.user = word(state, instruction, args.trim());
          break;
        case "WORKDIR": {
          const dir = word(state, instruction, args.trim());
          state.plan.workdir = posix14.resolve(state.plan.workdir ?? "/", dir);
          claimMissingDirectories(state, [state.plan.workdir], ROOT_DIRECTORY);
          break;
        }
        case "EXPOSE":
          state.plan.exposedPorts = [
            ...state.plan.exposedPorts ?? [],
            ...words(state, instruction, args)
          ];
          break;
        case "ENTRYPOINT":
        case "CMD": {
          const exec = jsonArray(args) ?? ["/bin/sh", "-c", args.trim()];
          if (keyword === "ENTRYPOINT") state.plan.entrypoint = exec;
          else state.plan.cmd = exec;
          break;
        }
        case "COPY":
        case "ADD":
          await copy(state, instruction, keyword, args);
          break;
        case "RUN":
        case "VOLUME":
        case "SHELL":
        case "STOPSIGNAL":
        case "HEALTHCHECK":
        case "ONBUILD":
        case "MAINTAINER":
          throw new NeedsDocker(`${keyword} at ${state.label}:${line}`, line);
        default:
          throw fail(
            state,
            instruction,
            `unknown instruction ${instruction.getInstruction()}; fix the typo.`
          );
      }
    }
  } catch (err) {
    if (err instanceof NeedsDocker) {
      return {
        kind: "docker",
        reason: err.reason,
        line: err.line,
        bases: fromImages(dockerfile, buildArgs)
      };
    }
    throw err;
  }
  if (!seenFrom) {
    throw new InputError(
      `${state.label}: no FROM instruction; start the Dockerfile with FROM <base image>.`,
      {
        file: state.label
      }
    );
  }
  const plan = state.plan;
  plan.files = [...state.files.values()].sort((a, b) => a.path < b.path ? -1 : 1);
  if (state.symlinks.size > 0)
    plan.symlinks = [...state.symlinks.values()].sort((a, b) => a.path < b.path ? -1 : 1);
  const made = [...state.made.values()].filter((d) => !state.directories.has(d.path) && !state.files.has(d.path)).filter((d) => !state.symlinks.has(d.path)).filter((d) => d.uid !== 0 || d.gid !== 0 || d.mode !== ROOT_DIRECTORY.mode).map((d) => ({ ...d, ifMissing: true }));
  plan.directories = [...state.directories.values(), ...made].sort(
    (a, b) => a.path < b.path ? -1 : 1
  );
  return { kind: "plan", plan };
}
var SUPPORTED_COPY_FLAGS = /* @__PURE__ */ new Set(["chown", "chmod", "link"]);
function parseOwner(state, instruction, value) {
  const [user, group] = value.split(":");
  const id = (v, fallback) => {
    if (v === void 0 || v === "") return fallback;
    if (v === "root") return 0;
    return /^\d+$/.test(v) ? Number(v) : void 0;
  };
  const uid = id(user, 0);
  const gid = id(group, uid ?? 0);
  if (uid === void 0 || gid === void 0) {
    throw new NeedsDocker(
      `--chown=${value} with user or group names at ${state.label}:${lineOf(instruction)}`,
      lineOf(instruction)
    );
  }
  return { uid, gid };
}
var ARCHIVE_MAGIC = [
  Buffer.from([31, 139]),
  // gzip
  Buffer.from("BZh"),
  // bzip2
  Buffer.from([253, 55, 122, 88, 90, 0])
  // xz
];
async function isLocalArchive(path9) {
  const head = await readHead2(path9, 512);
  if (ARCHIVE_MAGIC.some((m) => head.subarray(0, m.length).equals(m))) return true;
  return head.length >= 262 && head.subarray(257, 262).toString("latin1") === "ustar";
}
async function copy(state, instruction, keyword, args) {
  const line = lineOf(instruction);
  const here = `${state.label}:${line}`;
  let owner = { uid: 0, gid: 0 };
  let chmod3;
  for (const flag of flags(instruction)) {
    const name = flag.getName();
    const value = word(state, instruction, flag.getValue() ?? "");
    if (!SUPPORTED_COPY_FLAGS.has(name))
      throw new NeedsDocker(`${keyword} --${name} at ${here}`, line);
    if (name === "chown") owner = parseOwner(state, instruction, value);
    if (name === "chmod") {
      if (!/^[0-7]{3,4}$/.test(value))
        throw new NeedsDocker(`${keyword} --chmod=${value} (not octal) at ${here}`, line);
      chmod3 = parseInt(value, 8);
    }
  }
  if (/<<-?["']?[A-Za-z_]/.test(args))
    throw new NeedsDocker(`${keyword} with a here-document at ${here}`, line);
  const all = jsonArray(args) ?? words(state, instruction, args);
  if (all.length < 2)
    throw fail(state, instruction, `${keyword} needs a source and a destination.`);
  const dest = all[all.length - 1];
  const sources = all.slice(0, -1);
  const matches2 = [];
  for (const source of sources) {
    if (keyword === "ADD" && (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith("git@"))) {
      throw new NeedsDocker(`ADD of a remote source at ${here}`, line);
    }
    const found = await resolveSources(state, instruction, source);
    matches2.push(...found);
  }
  const destination = posix14.resolve(state.plan.workdir ?? "/", dest);
  const intoDirectory = dest.endsWith("/") || matches2.length > 1 || await anyDirectory(matches2);
  const into = /* @__PURE__ */ new Set();
  for (const src of matches2) {
    const st = await lstat3(src);
    if (keyword === "ADD" && st.isFile() && await isLocalArchive(src)) {
      throw new NeedsDocker(`ADD of a local archive (unpacked by ADD) at ${here}`, line);
    }
    if (st.isDirectory()) {
      into.add(destination);
      await copyTree(state, instruction, src, destination, owner, chmod3);
    } else {
      const path9 = intoDirectory ? posix14.join(destination, posix14.basename(src)) : destination;
      addFile2(state, path9, src, chmod3 ?? st.mode & 4095, owner);
      into.add(posix14.dirname(path9));
    }
  }
  claimMissingDirectories(state, [...into], { mode: ROOT_DIRECTORY.mode, ...owner });
}
var ROOT_DIRECTORY = { mode: 493, uid: 0, gid: 0 };
function claimMissingDirectories(state, dirs2, meta) {
  for (const dir of dirs2) {
    for (let p = dir; p !== "/" && p !== "."; p = posix14.dirname(p)) {
      if (!state.made.has(p) && !state.directories.has(p)) state.made.set(p, { path: p, ...meta });
    }
  }
}
async function anyDirectory(paths) {
  for (const p of paths) if ((await lstat3(p)).isDirectory()) return true;
  return false;
}
async function resolveSources(state, instruction, source) {
  const here = `${state.label}:${lineOf(instruction)}`;
  const direct = resolve6(state.contextDir, source.replace(/^\/+/, ""));
  if (!isInside(state.contextDir, direct)) {
    throw fail(
      state,
      instruction,
      `source ${source} is outside the build context ${state.contextDir}; move it into the context.`
    );
  }
  const { glob, isDynamicPattern } = await loadGlob();
  if (isDynamicPattern(source)) {
    if (state.hasDockerignore)
      throw new NeedsDocker(
        `a wildcard source with a .dockerignore at ${here}`,
        lineOf(instruction)
      );
    const found = await glob([source.replace(/^\/+/, "")], {
      cwd: state.contextDir,
      absolute: true,
      onlyFiles: false,
      dot: true,
      expandDirectories: false
    });
    if (found.length === 0)
      throw fail(
        state,
        instruction,
        `source ${source} matches nothing in the build context ${state.contextDir}.`
      );
    const matches2 = found.map((f) => resolve6(f)).sort();
    for (const match of matches2) {
      const shown = relative3(state.contextDir, match).split(sep3).join("/");
      await confineSource(state, instruction, shown, match);
      if ((await lstat3(match)).isSymbolicLink())
        throw new NeedsDocker(`a symbolic link source (${shown}) at ${here}`, lineOf(instruction));
    }
    return matches2;
  }
  let link2;
  try {
    const st = await lstat3(direct);
    const target2 = await realpath3(direct).catch(() => void 0);
    if (target2 !== void 0 && !isInside(state.realContext, target2)) link2 = target2;
    else if (st.isSymbolicLink())
      throw new NeedsDocker(`a symbolic link source (${source}) at ${here}`, lineOf(instruction));
    if (st.isDirectory() && state.hasDockerignore)
      throw new NeedsDocker(`a folder source with a .dockerignore at ${here}`, lineOf(instruction));
  } catch (err) {
    if (err instanceof NeedsDocker) throw err;
    throw fail(
      state,
      instruction,
      `source ${source} does not exist in the build context ${state.contextDir}.`
    );
  }
  if (link2 !== void 0) {
    throw fail(
      state,
      instruction,
      `source ${source} leads through a symbolic link to ${link2}, outside the build context ${state.contextDir}; copy the file into the context.`
    );
  }
  return [direct];
}
async function confineSource(state, instruction, shown, path9) {
  const real = await realpath3(path9).catch(() => void 0);
  if (real === void 0 || isInside(state.realContext, real)) return;
  throw fail(
    state,
    instruction,
    `source ${shown} leads through a symbolic link to ${real}, outside the build context ${state.contextDir}; copy the file into the context.`
  );
}
function addFile2(state, path9, source, mode, owner) {
  state.directories.delete(path9);
  state.made.delete(path9);
  state.symlinks.delete(path9);
  state.files.set(path9, { path: path9, source, mode, ...owner });
}
async function copyTree(state, instruction, dir, destination, owner, chmod3) {
  for (const name of (await readdir6(dir)).sort()) {
    const src = join21(dir, name);
    const target2 = posix14.join(destination, name);
    const st = await lstat3(src);
    if (st.isSymbolicLink()) {
      const linkTarget = await readlink2(src);
      const real = await realpath3(src).catch(() => void 0);
      const lexical = posix14.isAbsolute(linkTarget) ? void 0 : resolve6(dir, linkTarget.split("/").join(sep3));
      const staysInside = lexical !== void 0 && isInside(state.contextDir, lexical) && (real === void 0 || isInside(state.realContext, real));
      if (!staysInside) {
        throw new NeedsDocker(
          `a symbolic link leading out of the context (${relative3(state.contextDir, src).split(sep3).join("/")}) in a copied folder at ${state.label}:${lineOf(instruction)}`,
          lineOf(instruction)
        );
      }
      state.files.delete(target2);
      state.directories.delete(target2);
      state.made.delete(target2);
      state.symlinks.set(target2, { path: target2, target: linkTarget, ...owner });
      continue;
    }
    if (st.isDirectory()) {
      state.files.delete(target2);
      state.symlinks.delete(target2);
      state.directories.set(target2, { path: target2, mode: chmod3 ?? st.mode & 4095, ...owner });
      await copyTree(state, instruction, src, target2, owner, chmod3);
    } else if (st.isFile()) {
      addFile2(state, target2, src, chmod3 ?? st.mode & 4095, owner);
    }
  }
}
function fromImages(dockerfile, buildArgs) {
  const args = /* @__PURE__ */ new Map();
  const stages = /* @__PURE__ */ new Set();
  const images = [];
  const escape = dockerfile.getEscapeCharacter();
  let seenFrom = false;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === "ARG" && !seenFrom) {
      for (const p of properties(instruction)) {
        const raw = p.getUnescapedValue();
        const value = buildArgs[p.getName()] ?? (raw === null ? void 0 : safeWord(raw, args, escape));
        if (value !== void 0) args.set(p.getName(), value);
      }
    }
    if (keyword !== "FROM") continue;
    seenFrom = true;
    const words2 = safeWords(instruction.getArgumentsContent() ?? "", args, escape);
    const [image, as, stage] = words2;
    if (image && !stages.has(image) && image !== "scratch") images.push(image);
    if (as?.toUpperCase() === "AS" && stage) stages.add(stage);
  }
  return images;
}
function safeWord(text4, vars, escape) {
  try {
    return processWord(text4, (n) => vars.get(n), escape);
  } catch {
    return void 0;
  }
}
function safeWords(text4, vars, escape) {
  try {
    return processWords(text4, (n) => vars.get(n), escape);
  } catch {
    return [];
  }
}

// src/connectors/dockerfile.ts
var DEFAULT_DIR = { mode: 493, uid: 0, gid: 0 };
var EMPTY_DIR = "dirs/empty";
function octal(mode) {
  return (mode & 4095).toString(8).padStart(4, "0");
}
function metaKey(d) {
  return `${d.uid}:${d.gid}:${octal(d.mode)}`;
}
function depth(path9) {
  return path9 === "/" ? 0 : path9.split("/").length - 1;
}
function byPath(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
function listedDirectories(plan) {
  const dirs2 = /* @__PURE__ */ new Map();
  for (const d of plan.directories) {
    if (!d.ifMissing) dirs2.set(posix15.normalize(d.path), { ...d, path: posix15.normalize(d.path) });
  }
  return dirs2;
}
function ifMissingDirectories(plan) {
  const listed = listedDirectories(plan);
  const dirs2 = /* @__PURE__ */ new Map();
  for (const d of plan.directories) {
    const path9 = posix15.normalize(d.path);
    if (d.ifMissing && !listed.has(path9)) dirs2.set(path9, { ...d, path: path9 });
  }
  return dirs2;
}
function impliedDirectories(plan) {
  const listed = listedDirectories(plan);
  const ifMissing = ifMissingDirectories(plan);
  const implied = /* @__PURE__ */ new Set();
  const addParents = (path9) => {
    for (let p = posix15.dirname(path9); p !== "/" && p !== "."; p = posix15.dirname(p)) {
      if (!listed.has(p) && !ifMissing.has(p)) implied.add(p);
    }
  };
  for (const d of listed.keys()) addParents(d);
  for (const d of ifMissing.keys()) addParents(d);
  for (const f of plan.files) addParents(posix15.normalize(f.path));
  for (const l of plan.symlinks ?? []) addParents(posix15.normalize(l.path));
  return [...implied].sort();
}
function missingOnlyDirectories(plan) {
  const implied = impliedDirectories(plan).map((path9) => ({ path: path9, ...DEFAULT_DIR }));
  return [...ifMissingDirectories(plan).values(), ...implied].sort(byPath);
}
function parentCopies(plan) {
  const missing = new Map(missingOnlyDirectories(plan).map((d) => [d.path, d]));
  const above = (path9) => {
    for (let p = posix15.dirname(path9); p !== "/" && p !== "."; p = posix15.dirname(p)) {
      const d = missing.get(p);
      if (d) return d;
    }
    return void 0;
  };
  const notDeepest = /* @__PURE__ */ new Set();
  for (const d of missing.values()) {
    const parent = above(d.path);
    if (parent && metaKey(parent) === metaKey(d)) notDeepest.add(parent.path);
  }
  const runTop = (d) => {
    let top = d;
    for (let up = above(d.path); up && metaKey(up) === metaKey(d); up = above(up.path)) top = up;
    return top;
  };
  const oneOwner = new Set([...missing.values()].map(metaKey)).size <= 1;
  return [...missing.values()].filter((d) => !notDeepest.has(d.path)).map((d) => ({ d, top: oneOwner ? 0 : depth(runTop(d).path) })).sort((a, b) => a.top - b.top || byPath(a.d, b.d)).map(({ d }) => d);
}
function directoryCopies(plan) {
  const listed = listedDirectories(plan);
  const groups = /* @__PURE__ */ new Map();
  for (const d of [...listed.values()].sort(byPath)) {
    let top = d.path;
    for (; ; ) {
      const parent = listed.get(posix15.dirname(top));
      if (!parent || posix15.dirname(top) === top || metaKey(parent) !== metaKey(d)) break;
      top = parent.path;
    }
    const dest = posix15.dirname(top);
    const key = `${dest}|${metaKey(d)}`;
    let group = groups.get(key);
    if (!group) {
      group = { uid: d.uid, gid: d.gid, mode: d.mode, dest, paths: [] };
      groups.set(key, group);
    }
    group.paths.push(d.path);
  }
  return [...groups.values()].sort(
    (a, b) => depth(b.dest) - depth(a.dest) || (a.dest < b.dest ? -1 : a.dest > b.dest ? 1 : 0) || (metaKey(a) < metaKey(b) ? -1 : 1)
  ).map((group, index) => ({ index, ...group }));
}
function linkCopies(plan) {
  const groups = /* @__PURE__ */ new Map();
  for (const l of [...plan.symlinks ?? []].sort(byPath)) {
    const dest = posix15.dirname(posix15.normalize(l.path));
    const key = `${dest}|${l.uid}:${l.gid}`;
    let group = groups.get(key);
    if (!group) {
      group = { uid: l.uid, gid: l.gid, dest, links: [] };
      groups.set(key, group);
    }
    group.links.push(l);
  }
  return [...groups.values()].map((group, index) => ({ index, ...group }));
}
var SAFE_NAME = /^[A-Za-z0-9._+@=,-]+$/;
function contextName(file, index) {
  const name = posix15.basename(file.path);
  return `files/${index}/${SAFE_NAME.test(name) ? name : "file"}`;
}
async function prepareBuildContext(plan, contextDir) {
  await mkdir2(contextDir, { recursive: true });
  const files = sortedFiles(plan);
  const moved = [];
  for (const [index, file] of files.entries()) {
    const target2 = join22(contextDir, ...contextName(file, index).split("/"));
    await mkdir2(join22(target2, ".."), { recursive: true });
    try {
      await link(file.source, target2);
    } catch {
      await copyFile(file.source, target2);
    }
    moved.push({ ...file, source: target2 });
  }
  for (const copy2 of directoryCopies(plan)) {
    for (const path9 of copy2.paths) {
      const inTree = posix15.relative(copy2.dest, path9).split("/");
      await mkdir2(join22(contextDir, "dirs", String(copy2.index), ...inTree), { recursive: true });
    }
  }
  for (const copy2 of linkCopies(plan)) {
    const dir = join22(contextDir, "links", String(copy2.index));
    await mkdir2(dir, { recursive: true });
    for (const l of copy2.links) await symlink(l.target, join22(dir, posix15.basename(l.path)));
  }
  if (parentCopies(plan).length > 0)
    await mkdir2(join22(contextDir, ...EMPTY_DIR.split("/")), { recursive: true });
  return { ...plan, files: moved };
}
function sortedFiles(plan) {
  return [...plan.files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
function noNewline(what, value) {
  if (/[\r\n]/.test(value)) {
    throw new InputError(
      `${what} contains a line break, which a Dockerfile cannot hold; remove it.`
    );
  }
  return value;
}
function word2(what, value) {
  if (value.includes("\\")) {
    throw new InputError(
      `${what} "${value}" contains a backslash, which Dockerfiles treat as an escape; rename it.`
    );
  }
  return noNewline(what, value).replace(/\$/g, "\\$");
}
function quoted(what, value) {
  return `"${noNewline(what, value).replace(/([\\"$])/g, "\\$1")}"`;
}
function copyInstruction(flags2, sources, dest) {
  const words2 = [...sources, dest];
  if (words2.every((w) => !/[\s"'[\]]/.test(w))) return ["COPY", ...flags2, ...words2].join(" ");
  return `COPY ${flags2.join(" ")} ${JSON.stringify(words2)}`;
}
function contextPath(contextDir, source) {
  const rel = relative4(contextDir, source);
  if (rel === "" || !isInside(contextDir, source)) {
    throw new Error(
      `renderDockerfile: ${source} is outside the build context ${contextDir}; call prepareBuildContext first.`
    );
  }
  return rel.split(sep4).join("/");
}
function renderDockerfile(plan, contextDir) {
  const lines = [
    "# Rendered by Slipway from its image plan; the native builder produces the same image.",
    `FROM ${word2("base image", plan.base)}`
  ];
  if (plan.python) {
    lines.push(
      `# Python dependencies from ${noNewline("lock", plan.python.label)}, installed natively per platform`,
      "ARG TARGETOS",
      "ARG TARGETARCH",
      "COPY deps/${TARGETOS}/${TARGETARCH}/ /"
    );
  }
  for (const parent of parentCopies(plan)) {
    if ((parent.mode & 4095) !== DEFAULT_DIR.mode) {
      throw new Error(
        `renderDockerfile: ${parent.path} is to be made with mode ${octal(parent.mode)} where the base lacks it, which no Dockerfile COPY does; only 0755 can be rendered.`
      );
    }
    lines.push(
      copyInstruction(
        [`--chown=${parent.uid}:${parent.gid}`, "--chmod=0755"],
        [`${EMPTY_DIR}/`],
        `${word2("path", parent.path)}/`
      )
    );
  }
  for (const copy2 of directoryCopies(plan)) {
    const dest = copy2.dest === "/" ? "/" : `${word2("path", copy2.dest)}/`;
    const flags2 = [`--chown=${copy2.uid}:${copy2.gid}`, `--chmod=${octal(copy2.mode)}`];
    lines.push(copyInstruction(flags2, [`dirs/${copy2.index}/`], dest));
  }
  const groups = /* @__PURE__ */ new Map();
  for (const file of sortedFiles(plan)) {
    const src = contextPath(contextDir, file.source);
    const sameName = posix15.basename(src) === posix15.basename(file.path);
    const key = sameName ? `${metaKey(file)}|${posix15.dirname(file.path)}` : `single|${file.path}`;
    groups.set(key, [...groups.get(key) ?? [], { file, src }]);
  }
  for (const group of groups.values()) {
    const { file } = group[0];
    const flags2 = [`--chown=${file.uid}:${file.gid}`, `--chmod=${octal(file.mode)}`];
    const sources = group.map((g) => word2("file", g.src));
    const dest = group.length === 1 ? file.path : `${posix15.dirname(file.path)}/`;
    lines.push(copyInstruction(flags2, sources, word2("path", dest)));
  }
  for (const x of plan.baseExecutables ?? []) {
    const flags2 = [
      `--from=${word2("base image", plan.base)}`,
      `--chown=${x.uid}:${x.gid}`,
      `--chmod=${octal(x.mode)}`
    ];
    lines.push(copyInstruction(flags2, [word2("path", x.path)], word2("path", x.path)));
  }
  for (const copy2 of linkCopies(plan)) {
    for (const l of copy2.links) word2("link", posix15.basename(l.path));
    const dest = copy2.dest === "/" ? "/" : `${word2("path", copy2.dest)}/`;
    lines.push(
      copyInstruction([`--chown=${copy2.uid}:${copy2.gid}`], [`links/${copy2.index}/`], dest)
    );
  }
  if (plan.workdir) lines.push(`WORKDIR ${word2("workdir", plan.workdir)}`);
  for (const [key, value] of Object.entries(plan.env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      throw new InputError(
        `Environment variable name "${key}" cannot be written in a Dockerfile; rename it.`
      );
    }
    lines.push(`ENV ${key}=${quoted(`ENV ${key}`, value)}`);
  }
  for (const [key, value] of Object.entries(plan.labels)) {
    lines.push(`LABEL ${quoted("label name", key)}=${quoted(`label ${key}`, value)}`);
  }
  for (const command of plan.run) lines.push(`RUN ${noNewline("RUN command", command)}`);
  if (plan.user) lines.push(`USER ${word2("user", plan.user)}`);
  if (plan.exposedPorts?.length)
    lines.push(`EXPOSE ${plan.exposedPorts.map((p) => word2("port", p)).join(" ")}`);
  if (plan.entrypoint) lines.push(`ENTRYPOINT ${JSON.stringify(plan.entrypoint)}`);
  if (plan.cmd) lines.push(`CMD ${JSON.stringify(plan.cmd)}`);
  return `${lines.join("\n")}
`;
}

// src/connectors/file/plan.ts
import { basename as basename8, posix as posix16 } from "node:path";
var ROOT = { uid: 0, gid: 0 };
function planFile(inputs, info) {
  if (!inputs["base-image"]) {
    throw new InputError(
      `${info.label} is not a connector Slipway knows, so there is no default base: set base-image (e.g. base-image: docker.io/library/busybox:1.36), or set connector-type.`
    );
  }
  if (!inputs["artifact-path"]) {
    throw new InputError(
      `${info.label} is not a connector Slipway knows, so there is no default place for it: set artifact-path (e.g. artifact-path: /opt/app/), or set connector-type.`
    );
  }
  const dir = targetDirectory(inputs, "/");
  return {
    base: inputs["base-image"],
    baseSource: BASE_IMAGE_INPUT,
    files: [
      {
        path: posix16.join(dir, basename8(info.path)),
        source: info.path,
        mode: info.format === "go" ? 493 : 420,
        ...ROOT
      }
    ],
    directories: [],
    env: {},
    labels: {},
    run: [],
    platforms: info.platform ? [info.platform] : void 0
  };
}

// src/connectors/functionmesh/plan.ts
import { basename as basename10, dirname as dirname8, extname as extname3, posix as posix18 } from "node:path";

// src/connectors/pulsar/plan.ts
import { basename as basename9, posix as posix17 } from "node:path";
var RUNNER_OWNER = { uid: 1e4, gid: 10001 };
var RUNNER_DIR_MODE = 509;
var PULSAR_HOME = "/pulsar";
var CONNECTORS_DIR = "/pulsar/connectors";
function runnerImage(language, pulsarVersion) {
  return `streamnative/pulsar-functions-${language}-runner:${pulsarVersion}`;
}
function planPulsarConnector(inputs, info) {
  if (info.connectorType !== "pulsar-source" && info.connectorType !== "pulsar-sink") {
    throw new InputError(`${info.label} is not a Pulsar source or sink.`);
  }
  if (info.format !== "nar" && info.format !== "uber-jar") {
    throw new InputError(
      `${info.label} is a ${info.format} artifact; a Pulsar connector is a NAR or an uber JAR (set artifact to the built archive).`
    );
  }
  const dir = targetDirectory(inputs, CONNECTORS_DIR);
  return {
    ...baseImage(
      inputs,
      runnerImage("java", inputs["pulsar-version"]),
      `the default runner of ${info.connectorType} for pulsar-version ${inputs["pulsar-version"]}`
    ),
    files: [
      {
        path: posix17.join(dir, basename9(info.path)),
        source: info.path,
        mode: 420,
        ...RUNNER_OWNER
      }
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: {},
    run: []
  };
}

// src/connectors/functionmesh/plan.ts
function languageOf(info) {
  switch (info.format) {
    case "go":
      return "go";
    case "python":
      return "python";
    case "jar":
    case "uber-jar":
    case "nar":
    case "file":
      return "java";
    default:
      throw new InputError(
        `${info.label} is a ${info.format} artifact, which is not a Pulsar Function; a function is a Java JAR/NAR, a Python .py/.zip/.whl or a Go binary.`
      );
  }
}
async function planFunction(inputs, info, opts) {
  const language = languageOf(info);
  const dir = targetDirectory(inputs, PULSAR_HOME);
  const python = language === "python" && extname3(info.path).toLowerCase() === ".py" ? await pythonDependencies(dirname8(info.path), {
    workingDirectory: opts.workingDirectory ?? process.cwd(),
    env: opts.env ?? process.env,
    requireLock: inputs["require-lock"],
    outputDir: opts.outputDir,
    logger: opts.logger,
    unlockedProject: "ignore"
  }) : void 0;
  return {
    ...baseImage(
      inputs,
      runnerImage(language, inputs["pulsar-version"]),
      `the default ${language} runner of pulsar-function for pulsar-version ${inputs["pulsar-version"]}`
    ),
    files: [
      {
        path: posix18.join(dir, basename10(info.path)),
        source: info.path,
        // The Go runner executes the binary itself; everything else is read by a runtime.
        mode: language === "go" ? 493 : 420,
        ...RUNNER_OWNER
      }
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: {},
    run: [],
    platforms: info.platform ? [info.platform] : void 0,
    python
  };
}

// src/connectors/inspect/index.ts
import { stat as stat5 } from "node:fs/promises";
import { basename as basename11, dirname as dirname9, extname as extname4, join as join23, resolve as resolve7 } from "node:path";

// src/connectors/types.ts
function connectorTypeInput(value) {
  return CONNECTOR_TYPES.includes(value) ? value : "auto";
}
function artifactFormatInput(value) {
  return ARTIFACT_FORMATS.includes(value) ? value : "auto";
}

// src/connectors/inspect/index.ts
var ZIP_MAGIC = [Buffer.from("PK", "latin1"), Buffer.from("PK", "latin1")];
var GZIP_MAGIC = Buffer.from([31, 139]);
async function inspectArtifact(inputs, artifactPath, workingDirectory, logger) {
  const wd = resolve7(workingDirectory);
  const path9 = resolve7(wd, artifactPath);
  const label = displayPath(path9, wd);
  const connectorType = connectorTypeInput(inputs["connector-type"]);
  const format = artifactFormatInput(inputs["artifact-format"]);
  const className = inputs["class-name"];
  let info;
  try {
    info = await stat5(path9);
  } catch {
    throw new InputError(
      `Artifact ${label} does not exist; build the project first or fix artifact.`
    );
  }
  if (info.isDirectory()) {
    const pythonFunction = (connectorType === "pulsar-function" || format === "python") && !await exists(join23(path9, METADATA_FILE));
    if (pythonFunction) {
      const file = await functionFileOf(path9, className, label);
      return withFileBom(
        await inspectPythonFile({
          path: file,
          label: displayPath(file, wd),
          connectorType,
          className
        })
      );
    }
    return inspectAirbyteFolder({ folder: path9, workingDirectory: wd, connectorType, format });
  }
  const name = basename11(path9);
  if (name === METADATA_FILE || name === MANIFEST_FILE) {
    return inspectAirbyteFolder({
      folder: dirname9(path9),
      workingDirectory: wd,
      connectorType,
      format
    });
  }
  const head = await readHead2(path9, 512);
  const ext = extname4(name).toLowerCase();
  const isZip = ZIP_MAGIC.some((magic) => head.subarray(0, 4).equals(magic));
  const isTar = /\.(tar|tgz|tar\.gz)$/i.test(name) && (head.subarray(0, 2).equals(GZIP_MAGIC) || head.subarray(257, 262).toString("latin1") === "ustar" || head.length < 262);
  const wantsGo = format === "go" || format === "auto" && isElf(head);
  if (wantsGo) {
    if (connectorType !== "auto" && connectorType !== "pulsar-function") {
      throw new InputError(
        `${label} is a Go binary, which only a Pulsar Function can be (connector-type is ${connectorType}); set connector-type: pulsar-function.`,
        { file: label }
      );
    }
    const elf = elfPlatform(head);
    if (!elf.ok) {
      throw new InputError(
        `${label} cannot run as a Go function: ${elf.reason}; build it with GOOS=linux GOARCH=amd64 (or arm64).`,
        { file: label }
      );
    }
    return withFileBom({
      connectorType: "pulsar-function",
      format: "go",
      path: path9,
      label,
      name: basename11(name, ext),
      className: className || void 0,
      platform: elf.platform
    });
  }
  if (format === "airbyte-java" || format === "auto" && isTar) {
    return inspectAirbyteFolder({
      folder: await connectorFolderOf(path9, wd),
      tar: path9,
      workingDirectory: wd,
      connectorType,
      format: "airbyte-java"
    });
  }
  const javaCtx = { path: path9, label, connectorType, className, logger };
  if (format === "python" || format === "auto" && (ext === ".py" || ext === ".whl" || ext === ".zip")) {
    if (!isZip) {
      if (ext === ".py" || format === "python") {
        return withFileBom(await inspectPythonFile(javaCtx));
      }
      throw new InputError(
        `${label} is not a zip archive; rebuild the ${ext === ".whl" ? "wheel" : "zip"}.`,
        { file: label }
      );
    }
    return withZip(openZip(path9, label), async (zip) => {
      const found = await inspectPythonArchive(zip, javaCtx);
      return { ...found, bom: await pythonComponents(zip, found) };
    });
  }
  if (format === "nar" || format === "uber-jar" || format === "jar" || format === "auto" && isZip) {
    if (!isZip) {
      throw new InputError(
        `${label} is not a zip archive, so it cannot be a ${format === "auto" ? "JAR or NAR" : format}; point artifact at the built archive.`,
        { file: label }
      );
    }
    return withZip(openZip(path9, label), async (zip) => {
      const nar = format === "nar" || format === "auto" && (looksLikeNar(zip) || ext === ".nar");
      const found = nar ? await inspectNar(zip, javaCtx) : await inspectJar(zip, javaCtx);
      return { ...found, bom: await javaComponents(zip, found, logger) };
    });
  }
  if (format === "auto" && [".nar", ".jar", ".whl", ".zip"].includes(ext)) {
    throw new InputError(
      `${label} is not a zip archive, although its name says ${ext}; rebuild it or point artifact at the right file.`,
      { file: label }
    );
  }
  if (format === "file" || format === "auto" && connectorType === "auto") {
    return {
      connectorType: connectorType === "auto" ? void 0 : connectorType,
      format: "file",
      path: path9,
      label,
      name: basename11(name, ext)
    };
  }
  throw new InputError(
    `Cannot tell what ${label} is (not a NAR, JAR, wheel, zip, .py, ELF binary, distribution tar or Airbyte folder); set artifact-format or point artifact at the built connector.`,
    { file: label }
  );
}
function withFileBom(info) {
  return { ...info, bom: fileComponents(info) };
}
async function connectorFolderOf(tar2, workingDirectory) {
  for (let dir = dirname9(tar2); ; dir = dirname9(dir)) {
    if (await exists(resolve7(dir, METADATA_FILE))) return dir;
    if (dir === workingDirectory || dir === dirname9(dir) || !isInside(workingDirectory, dir)) break;
  }
  return workingDirectory;
}

// src/connectors/index.ts
async function planImage(inputs, info, opts) {
  switch (info.connectorType) {
    case "pulsar-source":
    case "pulsar-sink":
      return planPulsarConnector(inputs, info);
    case "pulsar-function":
      return planFunction(inputs, info, opts);
    case "airbyte-source":
    case "airbyte-destination":
      return planAirbyte(inputs, info, opts);
    default:
      return planFile(inputs, info);
  }
}
async function prepareArtifact(inputs, opts) {
  const wd = resolve8(opts.workingDirectory);
  const { logger } = opts;
  await runBuild(inputs, wd, logger, opts.env);
  let info;
  let plan;
  let dockerReason;
  let userDockerfile;
  if (inputs.dockerfile) {
    const path9 = resolve8(wd, inputs.dockerfile);
    const label = displayPath(path9, wd);
    let text4;
    try {
      text4 = await readFile7(path9, "utf8");
    } catch {
      throw new InputError(
        `Input "dockerfile": ${label} does not exist; fix the path (relative to working-directory).`
      );
    }
    info = await inspectIfPresent(inputs, wd, logger);
    const parsed = await parseDockerfile(text4, wd, { label });
    if (parsed.kind === "plan") {
      plan = parsed.plan;
    } else {
      dockerReason = parsed.reason;
      userDockerfile = { path: path9, contextDir: wd, bases: parsed.bases };
      plan = {
        base: parsed.bases[parsed.bases.length - 1] ?? "",
        baseSource: `the last FROM of ${label}`,
        files: [],
        directories: [],
        env: {},
        labels: {},
        run: []
      };
    }
  } else {
    const artifact = await discoverArtifact(inputs.artifact, wd);
    info = await inspectArtifact(inputs, artifact, wd, logger);
    logger.info(
      `artifact: ${info.label} (${info.connectorType ?? "unknown type"}, ${info.format}${info.version ? `, ${info.version}` : ""})`
    );
    plan = await planImage(inputs, info, {
      stagingDir: opts.stagingDir,
      logger,
      workingDirectory: wd,
      env: opts.env,
      outputDir: opts.outputDir
    });
    if (plan.run.length > 0) dockerReason = `RUN ${plan.run[0]} (${info.format})`;
  }
  let builder = dockerReason ? "docker" : "native";
  if (inputs.builder === "docker") builder = "docker";
  if (inputs.builder === "native" && dockerReason) {
    throw new InputError(
      `Input "builder" is native, but the image needs ${dockerReason}, which only a docker-compatible builder can run; set builder: auto (or docker) and docker-command.`
    );
  }
  const { contextDir } = opts;
  if (plan.files.length > 0) {
    const named = inputs.artifact ? [info.path] : [];
    const staging = await realpath4(opts.stagingDir).catch(() => resolve8(opts.stagingDir));
    const roots = [...await allowedRoots(wd, named), staging];
    const files = [];
    for (const file of plan.files) {
      const source = await confineToRoots(file.source, roots, displayPath(file.source, wd));
      files.push({ ...file, source });
    }
    plan = { ...plan, files };
  }
  if (!userDockerfile) plan = await prepareBuildContext(plan, contextDir);
  return {
    info,
    plan,
    contextDir: userDockerfile ? wd : contextDir,
    builder,
    dockerReason,
    userDockerfile
  };
}
async function inspectIfPresent(inputs, wd, logger) {
  const artifact = inputs.artifact ? await discoverArtifact(inputs.artifact, wd) : await findOptionalArtifact(wd);
  if (artifact === void 0) return { format: "file", path: wd, label: "." };
  return inspectArtifact(inputs, artifact, wd, logger);
}

// src/publish/index.ts
import { resolve as resolve9 } from "node:path";
function parseOutput(value) {
  if (value === "registry" || value === "none") return { kind: value };
  if (value.startsWith("oci:") && value.length > 4) {
    return { kind: "oci", dir: resolve9(value.slice(4)) };
  }
  throw new InputError(
    `Input "output" must be registry, oci:DIR or none (got "${value}"); e.g. output: oci:out/image`
  );
}
var NOTHING_SENT = {
  bytesUploaded: 0,
  bytesSkipped: 0,
  blobsUploaded: 0,
  blobsMounted: 0,
  blobsExisting: 0
};

// src/publish/dry-run.ts
var DryRunPublisher = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  output = { kind: "none" };
  layerStream() {
    return void 0;
  }
  publish(image) {
    this.logger.info(`dry run: ${image.descriptor.digest} (output: none)`);
    return Promise.resolve({
      references: [],
      pinned: "",
      stored: [],
      pushed: false,
      stats: NOTHING_SENT
    });
  }
};

// src/publish/layout.ts
var LayoutPublisher = class {
  constructor(dir, tags, logger) {
    this.dir = dir;
    this.tags = tags;
    this.logger = logger;
    this.output = { kind: "oci", dir };
  }
  dir;
  tags;
  logger;
  output;
  layerStream() {
    return void 0;
  }
  async publish(image, beforeTags2) {
    const digest = image.descriptor.digest;
    await writeLayout(this.dir, image);
    await beforeTags2?.({ kind: "oci", dir: this.dir, image });
    for (const tag of this.tags) {
      await writeLayout(this.dir, image, tag);
      this.logger.info(`wrote oci:${this.dir}:${tag} (${digest})`);
    }
    const pinned = `oci:${this.dir}@${digest}`;
    return {
      references: this.tags.map((tag) => `oci:${this.dir}:${tag}`),
      pinned,
      stored: [pinned],
      pushed: false,
      stats: NOTHING_SENT
    };
  }
};

// src/publish/if-exists.ts
var semver = __toESM(require_semver());
function ifExists({
  reference,
  existingDigest,
  newDigest,
  policy,
  release = false
}) {
  if (existingDigest === void 0) return { action: "push", outcome: "created" };
  if (existingDigest === newDigest) return { action: "no-op", outcome: "unchanged" };
  const other = `${existingDigest.slice(0, 19)}\u2026`;
  switch (policy) {
    case "overwrite":
      return { action: "push", outcome: "updated" };
    case "protect-releases":
      if (!release) return { action: "push", outcome: "updated" };
      return {
        action: "fail",
        message: `Release tag ${reference} already points at ${existingDigest}, and this build is ${newDigest}; a release tag is never moved to other content by default: release a new version, or set if-exists: overwrite to replace it.`
      };
    case "skip":
      return {
        action: "skip",
        outcome: "skipped",
        message: `${reference} already points at ${other}, left as it is (if-exists: skip)`
      };
    case "fail":
      return {
        action: "fail",
        message: `Tag ${reference} already exists with another image (${other}) and if-exists is fail; push a new tag, or set if-exists to overwrite or skip.`
      };
  }
}
function formatTagDecision(reference, outcome) {
  return `${reference}=${outcome}`;
}
function isReleaseTag(tag) {
  return /^v?\d+\.\d+\.\d+$/.test(tag) && semver.valid(tag) !== null;
}

// src/publish/stream-upload.ts
import { PassThrough } from "node:stream";
var CANCEL_TIMEOUT_MS = 5e3;
var BUFFER = 8 * 1024 * 1024;
var LayerUpload = class {
  constructor(opts) {
    this.opts = opts;
    this.client = opts.transport.client(opts.target.registry);
    this.scopes = [pushScope(opts.target.repository)];
    this.body.on("error", () => void 0);
    this.pushing = this.decide().catch((err) => {
      this.abandon(errorMessage(err));
      return false;
    });
  }
  opts;
  state = "deciding";
  body = new PassThrough({ highWaterMark: BUFFER });
  client;
  scopes;
  /** Resolves true when no tag exists, i.e. the push will happen (so blobs may go early). */
  pushing;
  patch;
  written = 0;
  why = "";
  stopped = false;
  /** Blobs pushed early, by digest; each promise never rejects. */
  early = /* @__PURE__ */ new Map();
  async write(chunk) {
    if (this.state === "abandoned") return;
    this.written += chunk.length;
    if (this.body.write(chunk)) return;
    if (this.body.destroyed) return;
    await new Promise((resolve14) => {
      const done = () => {
        this.body.off("drain", done);
        this.body.off("close", done);
        resolve14();
      };
      this.body.on("drain", done);
      this.body.on("close", done);
    });
  }
  /**
   * Makes these blobs present in the target now, once it is known that the push will happen
   * (HEAD, mount, or copy as the push would). Failures are left to the push.
   */
  pushEarly(blobs) {
    const fresh = blobs.filter((b) => !this.early.has(b.descriptor.digest));
    if (fresh.length === 0) return;
    const ctx = {
      transport: this.opts.transport,
      target: this.opts.target,
      scopes: pushScopes(this.opts.target, fresh),
      logger: this.opts.logger
    };
    for (const blob of fresh) {
      const outcome = this.pushing.then(async (pushing) => {
        if (!pushing || this.stopped) return void 0;
        try {
          return await pushBlob(ctx, blob);
        } catch (err) {
          this.opts.logger?.debug(
            `early push of ${shortDigest(blob.descriptor.digest)} failed: ${errorMessage(err)}`
          );
          return void 0;
        }
      });
      this.early.set(blob.descriptor.digest, outcome);
    }
  }
  /**
   * Completes the upload as the built layer's blob, while the image's configs go up, then
   * marks every blob of the image that is now in the target (`pushedTo`), so that the push
   * skips it. What did not work out is left unmarked for the push to send. Never rejects.
   */
  async finish(layer, built) {
    const images = isIndex(built) ? built.images : [built];
    this.pushEarly(images.map((i) => i.config));
    const streamed = await this.complete(layer);
    const placed = /* @__PURE__ */ new Map();
    for (const [digest, outcome] of this.early) {
      const done = await outcome;
      if (done) placed.set(digest, done);
    }
    if (streamed) placed.set(layer.descriptor.digest, "uploaded");
    const { registry, repository } = this.opts.target;
    for (const image of images) {
      for (const blob of [image.config, ...image.layers]) {
        const outcome = placed.get(blob.descriptor.digest);
        if (outcome) blob.pushedTo = { registry, repository, outcome };
      }
    }
  }
  /** Stops sending (a failed build); the registry drops the unfinished session. */
  abort() {
    this.stopped = true;
    this.abandon("the build stopped");
  }
  async decide() {
    await this.opts.prepare?.();
    if (this.gaveUp()) return false;
    const session = this.openSession();
    session.catch(() => void 0);
    const location = await session;
    if (this.gaveUp()) {
      await this.cancel(session);
      return false;
    }
    this.state = "sending";
    let opened = false;
    this.patch = this.client.request({
      method: "PATCH",
      url: location,
      scopes: this.scopes,
      op: this.op("uploading"),
      // No Content-Length: the size is not known yet, so the body goes chunked.
      headers: { "content-type": "application/octet-stream" },
      body: () => {
        if (opened) return Promise.reject(new RegistryError("the streamed layer was already sent"));
        opened = true;
        return Promise.resolve(this.body);
      },
      // Amazon ECR answers 201: the bytes are taken all the same, and PUT ?digest= checks them.
      expect: [202, 201, 204],
      retry: false
    });
    this.patch.catch((err) => this.abandon(errorMessage(err)));
    return true;
  }
  /** The session's URL; opened without waiting for the push's retries around a whole upload. */
  openSession() {
    return startUpload(this.client, this.context(), (what) => this.op(what), { retry: true });
  }
  /** Best effort: a registry also drops an abandoned session by itself, in time. */
  async cancel(session) {
    const location = await session.catch(() => void 0);
    if (location !== void 0) {
      await cancelUpload(this.client, this.context(), location, CANCEL_TIMEOUT_MS);
    }
  }
  /** Ends the stream and commits it under the layer's digest; true when the registry has it. */
  async complete(layer) {
    await this.pushing;
    const d = layer.descriptor;
    const { target: target2 } = this.opts;
    if (this.state !== "sending" || !this.patch) {
      this.abandon(this.why || "not started");
      return false;
    }
    if (this.written !== d.size) {
      this.abandon(`${this.written} bytes streamed for a ${d.size}-byte blob`);
      return false;
    }
    this.body.end();
    let sent = false;
    try {
      const res = await this.patch;
      await res.body.dump();
      sent = true;
      checkRange(header(res.headers, "range"), d.size, this.opts.logger);
      const next = uploadLocation(res.url, header(res.headers, "location") ?? res.url, target2);
      await putBlob(this.client, this.context(), layer, next, (w) => this.op(w), "upload", false);
    } catch (err) {
      const held = sent && await blobPresent(this.client, this.context(), d, (w) => this.op(w)) === true;
      if (!held) {
        this.abandon(errorMessage(err));
        return false;
      }
      this.opts.logger?.debug(
        `the layer's commit was not confirmed, but ${target2.name()} holds it`
      );
    }
    this.opts.logger?.progress({
      id: shortDigest(d.digest),
      action: "upload",
      bytes: d.size,
      total: d.size
    });
    return true;
  }
  /** write.ts's view of this push: the layer's session uses the layer's push token. */
  context() {
    const { transport, target: target2, logger } = this.opts;
    return { transport, target: target2, scopes: this.scopes, logger };
  }
  /** A method, not a field test: the state changes while decide() awaits. */
  gaveUp() {
    return this.state === "abandoned";
  }
  abandon(why) {
    if (this.state === "abandoned") return;
    this.state = "abandoned";
    this.why = why;
    this.body.destroy();
    this.opts.logger?.debug(`layer not streamed to ${this.opts.target.name()}: ${why}`);
  }
  op(what) {
    return { access: "push", repository: this.opts.target.name(), what: `${what} the layer` };
  }
};
function checkRange(range, size, logger) {
  if (range === void 0) return;
  const m = /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (size === 0 || !m) return;
  if (Number(m[1]) !== size - 1) {
    logger?.debug(`the registry reports bytes ${range} of ${size}; its PUT ?digest= will tell`);
  }
}

// src/publish/registry.ts
var RegistryPublisher = class {
  constructor(opts) {
    this.opts = opts;
    if (opts.targets.length === 0) throw new Error("RegistryPublisher: no target");
  }
  opts;
  output = { kind: "registry" };
  lookups;
  /** Whether an image (by repo@digest) records this build's layer; each is read once. */
  compared = /* @__PURE__ */ new Map();
  layerStream() {
    const { transport, targets, logger } = this.opts;
    const [first] = targets;
    return new LayerUpload({
      transport,
      target: first.repository,
      // Throwing here just means "do not stream".
      prepare: () => this.streamable(),
      logger
    });
  }
  /**
   * Streaming sends the layer before its digest is known, so only when the push will surely send
   * it to the first target: one of its tags is new or moves (its image records another layer),
   * no tag anywhere would refuse other content (so no streamed byte serves a run that fails on
   * its digest), and no image there (a tag, or an earlier run's `sameAs`) records this layer (a
   * rebuilt release, an unchanged re-push: those send no layer bytes). Throws why not.
   */
  async streamable() {
    const { policy, targets } = this.opts;
    const first = targets[0].repository;
    let sends = false;
    for (const { target: target2, existing } of await this.lookUp()) {
      for (const [i, tag] of target2.tags.entries()) {
        const digest = existing[i];
        const onFirst = target2.repository === first;
        const ref = target2.repository.withTag(tag).toString();
        if (digest === void 0) {
          sends ||= onFirst;
          continue;
        }
        if (await this.recordsThisLayer(target2.repository, digest)) {
          if (onFirst) throw new Error(`${ref} has this layer`);
          continue;
        }
        const decision = ifExists({
          reference: ref,
          existingDigest: digest,
          newDigest: "another image",
          policy,
          release: isReleaseTag(tag)
        });
        if (decision.action === "fail") throw new Error(`${ref} would refuse another image`);
        sends ||= onFirst && decision.action === "push";
      }
    }
    if (!sends) throw new Error(`no tag of ${first.name()} is new or moves`);
    const earlier = await this.builtBefore();
    if (earlier) throw new Error(`${earlier} has this layer`);
  }
  async publish(image, beforeTags2) {
    const { transport, targets, logger } = this.opts;
    const digest = image.descriptor.digest;
    const decided = this.decide(await this.lookUp(), digest);
    const decisions = decided.flatMap((d) => d.decisions);
    const first = targets[0].repository;
    const references = targets[0].tags.map((tag) => first.withTag(tag).toString());
    const pinned = `${first.name()}@${digest}`;
    const active = decided.filter((d) => d.toPush.length > 0);
    const holding = decided.filter((d) => d.toPush.length > 0 || d.unchanged.length > 0);
    const stored = holding.map((d) => `${d.target.repository.name()}@${digest}`);
    for (const d of decided) {
      if (d.unchanged.length > 0 && d.toPush.length === 0) {
        logger.info(`unchanged: ${d.unchanged.join(", ")} already at ${digest}; nothing sent`);
      }
    }
    if (active.length === 0) {
      return { references, pinned, stored, pushed: false, stats: NOTHING_SENT, decisions };
    }
    const stats = { ...NOTHING_SENT };
    const pushedTo = [];
    for (const { target: target2, unchanged } of active) {
      const held = unchanged.length > 0 || await headManifest(transport, target2.repository.withDigest(digest), { push: true });
      if (held) {
        logger.debug(`${target2.repository.name()}@${digest} is there already`);
        pushedTo.push(target2.repository);
        continue;
      }
      const source = mountableFrom(image, target2.repository, pushedTo);
      const result = await pushImage(target2.repository, source, [], { transport, logger });
      for (const key of Object.keys(stats)) stats[key] += result.stats[key];
      pushedTo.push(target2.repository);
      logger.debug(`stored ${target2.repository.name()}@${digest}; no tag yet`);
    }
    await beforeTags2?.({
      kind: "registry",
      transport,
      repositories: holding.map((d) => d.target.repository),
      image
    });
    for (const { target: target2, toPush } of active) {
      const tagged = await tagImage(target2.repository, image, toPush, { transport, logger });
      for (const ref of tagged) logger.info(`pushed ${ref}@${digest}`);
    }
    return { references, pinned, stored, pushed: true, stats, decisions };
  }
  /** The first target's reference of an earlier push of this very build, if there is one. */
  async builtBefore() {
    const { transport, targets, sameAs = [], record, logger } = this.opts;
    if (!record) return void 0;
    const repository = targets[0].repository;
    for (const tag of sameAs) {
      const ref = repository.withTag(tag);
      try {
        const found = await headManifest(transport, ref, { push: true });
        if (found && await this.recordsThisLayer(repository, found.digest)) return ref.toString();
      } catch (err) {
        logger.debug(`could not look ${ref.toString()} up: ${errorMessage(err)}`);
      }
    }
    return void 0;
  }
  /**
   * Whether the image at repository@digest records this build's layer. The files are hashed
   * only for an image of this very plan; one that cannot be read counts as another layer.
   */
  recordsThisLayer(repository, digest) {
    const { transport, record, logger } = this.opts;
    const ref = repository.withDigest(digest);
    const key = ref.toString();
    let answer = this.compared.get(key);
    if (answer) return answer;
    answer = (async () => {
      if (!record) return false;
      try {
        const { manifest } = await fetchManifest(transport, ref, { push: true });
        const theirs = manifest.annotations ?? {};
        const holds = (own2) => Object.keys(own2).length > 0 && Object.entries(own2).every(([k, v]) => theirs[k] === v);
        if (!holds(record.planned)) {
          logger.debug(`${key} was built from another plan or other files`);
          return false;
        }
        logger.debug(`${key} was built from this plan; hashing the files to compare`);
        return holds(await record.full());
      } catch (err) {
        logger.debug(`could not compare with ${key}: ${errorMessage(err)}`);
        return false;
      }
    })();
    this.compared.set(key, answer);
    return answer;
  }
  /** Looks every tag of every target up once (repositories made first, where that is needed). */
  lookUp() {
    this.lookups ??= (async () => {
      const { transport, targets, ensureRepository: ensureRepository2 } = this.opts;
      for (const target2 of targets) await ensureRepository2?.(target2.repository);
      return Promise.all(
        targets.map(async (target2) => ({
          target: target2,
          existing: await Promise.all(
            target2.tags.map(
              async (tag) => (await headManifest(transport, target2.repository.withTag(tag), { push: true }))?.digest
            )
          )
        }))
      );
    })();
    return this.lookups;
  }
  /** The policy for every tag of every target; a `fail` anywhere throws before anything is sent. */
  decide(looked, digest) {
    const { policy, logger } = this.opts;
    return looked.map(({ target: target2, existing }) => {
      const toPush = [];
      const unchanged = [];
      const decisions = [];
      target2.tags.forEach((tag, i) => {
        const ref = target2.repository.withTag(tag).toString();
        const release = isReleaseTag(tag);
        const decision = ifExists({
          reference: ref,
          existingDigest: existing[i],
          newDigest: digest,
          policy,
          release
        });
        if (decision.action === "fail") throw new RunError(decision.message);
        if (decision.action === "skip") logger.warn(decision.message);
        if (decision.action === "no-op") unchanged.push(ref);
        if (decision.action === "push") toPush.push(tag);
        logger.info(`tag ${ref} (${release ? "release tag" : "moving tag"}): ${decision.outcome}`);
        decisions.push(formatTagDecision(ref, decision.outcome));
      });
      return { target: target2, toPush, unchanged, decisions };
    });
  }
};
function mountableFrom(built, target2, pushedTo) {
  const sibling = pushedTo.find((r) => r.registry === target2.registry);
  if (!sibling) return built;
  const origin = { registry: sibling.registry, repository: sibling.repository };
  const blob = (b) => b.origin?.registry === target2.registry ? b : { ...b, origin };
  const image = (i) => ({
    ...i,
    config: blob(i.config),
    layers: i.layers.map(blob)
  });
  return isIndex(built) ? { ...built, images: built.images.map(image) } : image(built);
}
function pushToRegistry(image, target2) {
  const { repository, tags, ...rest } = target2;
  return new RegistryPublisher({ ...rest, targets: [{ repository, tags }] }).publish(image);
}

// src/run/after-push.ts
import { writeFileSync } from "node:fs";
import { basename as basename12, posix as posix20 } from "node:path";

// src/connectors/airbyte/registration.ts
var BODY_LIMIT = 8 * 1024 * 1024;
function checkAirbyteInputs(inputs) {
  let url2;
  try {
    url2 = new URL(inputs.url);
  } catch {
    throw new InputError(
      `Input "airbyte-url" (${inputs.url}) is not a URL; write e.g. https://api.airbyte.com/v1 or https://airbyte.example.com/api/public/v1.`
    );
  }
  if (url2.protocol !== "https:" && url2.protocol !== "http:") {
    throw new InputError(`Input "airbyte-url" must be an http(s) URL (got ${url2.protocol}).`);
  }
  if (!inputs.workspaceId) {
    throw new InputError(
      'Input "airbyte-workspace-id" is required with airbyte-url: the custom connector is registered in one workspace (Settings \u2192 Workspace shows its id).'
    );
  }
  const { token, clientId, clientSecret } = inputs.auth;
  if (!token && !(clientId && clientSecret)) {
    throw new InputError(
      "Airbyte registration needs airbyte-token, or airbyte-client-id with airbyte-client-secret (User settings \u2192 Applications in Airbyte)."
    );
  }
  return url2.toString().replace(/\/+$/, "");
}
var AirbyteApi = class {
  constructor(base, req) {
    this.base = base;
    this.req = req;
    if (url(base).protocol === "http:" && !isLoopbackHost(url(base).host)) {
      req.logger.warn(
        `airbyte-url ${base} is plain HTTP: the Airbyte token crosses the network unencrypted; use https.`
      );
    }
  }
  base;
  req;
  token;
  async bearer() {
    if (this.token) return this.token;
    const { token, clientId, clientSecret } = this.req.auth;
    if (token) {
      this.token = token;
      return token;
    }
    const body = await this.call(
      "POST",
      "/applications/token",
      { client_id: clientId, client_secret: clientSecret, "grant-type": "client_credentials" },
      { auth: false, what: "exchanging airbyte-client-id/airbyte-client-secret for a token" }
    );
    if (typeof body.access_token !== "string" || body.access_token === "") {
      throw new RunError(
        `Airbyte's token endpoint ${this.base}/applications/token answered without an access_token; check that airbyte-url points at the public API (\u2026/v1 or \u2026/api/public/v1).`
      );
    }
    secrets.add(body.access_token);
    this.token = body.access_token;
    return this.token;
  }
  async call(method, path9, body, opts) {
    const headers = {
      accept: "application/json",
      "user-agent": "slipway"
    };
    if (body !== void 0) headers["content-type"] = "application/json";
    if (opts.auth !== false) headers.authorization = `Bearer ${await this.bearer()}`;
    const target2 = `${this.base}${path9}`;
    let res;
    try {
      res = await fetch(target2, {
        method,
        headers,
        body: body === void 0 ? void 0 : JSON.stringify(body),
        redirect: "error",
        signal: AbortSignal.timeout(this.req.timeoutMs ?? 6e4)
      });
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
      throw new RunError(
        `Airbyte at ${this.base} could not be reached while ${opts.what} (${errorMessage(err)}${cause}); check airbyte-url.`
      );
    }
    const text4 = await readLimited(res);
    if (!res.ok) throw this.failure(res.status, text4, opts.what, opts.auth !== false);
    if (text4.trim() === "") return {};
    try {
      return JSON.parse(text4);
    } catch {
      throw new RunError(
        `Airbyte answered ${method} ${path9} with something that is not JSON; check that airbyte-url points at the public API (\u2026/v1 or \u2026/api/public/v1), not the web app.`
      );
    }
  }
  failure(status, text4, what, withToken) {
    const detail = secrets.redact(apiMessage(text4)).slice(0, 300);
    const said = detail ? ` (Airbyte said: ${detail})` : "";
    const credential = this.req.auth.token ? "airbyte-token" : "airbyte-client-id and airbyte-client-secret";
    if (status === 401) {
      return new RunError(
        `Airbyte refused the credentials while ${what} (HTTP 401)${said}; check ${withToken ? credential : "airbyte-client-id and airbyte-client-secret"}: the token may be expired (application tokens last minutes) or belong to another Airbyte.`
      );
    }
    if (status === 403) {
      return new RunError(
        `Airbyte denied ${what} in workspace ${this.req.workspaceId} (HTTP 403)${said}; the user behind ${credential} needs workspace admin (or editor) rights there.`
      );
    }
    if (status === 404) {
      return new RunError(
        `Airbyte found nothing at ${what} (HTTP 404)${said}; check airbyte-workspace-id and that airbyte-url ends with the API root (\u2026/v1 or \u2026/api/public/v1).`
      );
    }
    return new RunError(`Airbyte failed while ${what} (HTTP ${status})${said}.`);
  }
};
function url(s) {
  return new URL(s);
}
async function readLimited(res, limit = BODY_LIMIT) {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => void 0);
      throw new RunError(`Airbyte answered with more than ${limit} bytes; refusing to read it.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
function apiMessage(text4) {
  try {
    const doc = JSON.parse(text4);
    const parts = [doc.title, doc.detail, doc.message].filter((p) => typeof p === "string");
    if (parts.length > 0) return parts.join(": ");
  } catch {
  }
  return text4.trim().replace(/\s+/g, " ");
}
function definitionsOf(body) {
  const data = typeof body === "object" && body !== null ? body.data : [];
  if (!Array.isArray(data)) return [];
  return data.filter(
    (d) => typeof d === "object" && d !== null && typeof d.id === "string"
  );
}
async function registerDefinition(req) {
  const base = checkAirbyteInputs({ url: req.url, workspaceId: req.workspaceId, auth: req.auth });
  const api = new AirbyteApi(base, req);
  const root = `/workspaces/${encodeURIComponent(req.workspaceId)}/definitions/${req.kind}`;
  const noun = req.kind === "sources" ? "source" : "destination";
  const listed = await api.call("GET", root, void 0, {
    what: `listing the ${noun} definitions of workspace ${req.workspaceId}`
  });
  const existing = definitionsOf(listed).find((d) => d.dockerRepository === req.dockerRepository);
  if (existing) {
    if (existing.dockerImageTag === req.dockerImageTag && existing.name === req.name) {
      req.logger.info(
        `airbyte: ${noun} definition ${existing.id} already runs ${req.dockerRepository}:${req.dockerImageTag}`
      );
      return { id: existing.id, action: "unchanged" };
    }
    const updated = await api.call(
      "PUT",
      `${root}/${encodeURIComponent(existing.id)}`,
      { name: req.name, dockerImageTag: req.dockerImageTag },
      { what: `updating ${noun} definition ${existing.id}` }
    );
    const id = typeof updated.id === "string" ? updated.id : existing.id;
    req.logger.info(
      `airbyte: updated ${noun} definition ${id} from ${existing.dockerImageTag ?? "?"} to ${req.dockerRepository}:${req.dockerImageTag}`
    );
    return { id, action: "updated" };
  }
  const body = {
    name: req.name,
    dockerRepository: req.dockerRepository,
    dockerImageTag: req.dockerImageTag
  };
  if (req.documentationUrl) body.documentationUrl = req.documentationUrl;
  const created = await api.call("POST", root, body, {
    what: `creating a ${noun} definition in workspace ${req.workspaceId}`
  });
  if (typeof created.id !== "string" || created.id === "") {
    throw new RunError(
      `Airbyte created the ${noun} definition but returned no id; check airbyte-url points at the public API.`
    );
  }
  req.logger.info(
    `airbyte: created ${noun} definition ${created.id} for ${req.dockerRepository}:${req.dockerImageTag}`
  );
  return { id: created.id, action: "created" };
}

// src/connectors/functionmesh/resource.ts
import { existsSync as existsSync7, readFileSync as readFileSync4, statSync } from "node:fs";
import { posix as posix19, resolve as resolve10 } from "node:path";

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
function str2(v) {
  return typeof v === "string" ? v : "";
}
function num(v) {
  return typeof v === "number" ? v : void 0;
}
function collectAllInputTopics(input) {
  if (!input) return [];
  const topics = [];
  if (Array.isArray(input.topics)) topics.push(...input.topics.map(String));
  if (str2(input.topicPattern) !== "") topics.push(str2(input.topicPattern));
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
  const name = str2(metadata.name);
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
  const className = str2(spec.className);
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
    if (str2(body[file]) === "") {
      problems.push({
        field: `spec.${runtime}.${file}`,
        rule: `${file} cannot be empty in ${runtime} runtime`,
        fix: `give the path of the ${runtime === "golang" ? "Go binary" : runtime === "python" ? "Python file" : "jar or NAR"}`
      });
    }
    const where2 = str2(body[location]);
    const error = where2 === "" ? void 0 : packageLocationError(where2);
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
    if (Array.isArray(policies) && policies.some((p) => str2(obj(p)?.containerName) === "")) {
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
    if (maxMessageRetry <= 0 && str2(spec.deadLetterTopic) !== "") {
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
      if (crypto && str2(crypto.cryptoKeyReaderClassName) === "") {
        problems.push({
          field: `spec.input.sourceSpecs["${topic2}"].cryptoConfig.cryptoKeyReaderClassName`,
          rule: "is required",
          fix: "name the CryptoKeyReader class"
        });
      }
    }
  }
  const output = obj(spec.output);
  const topic = str2(output?.topic);
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
      if (str2(crypto.cryptoKeyReaderClassName) === "") {
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
  if (kind === "Function" && str2(spec.logTopic) !== "") {
    push(topicProblem("spec.logTopic", "log topic", str2(spec.logTopic)));
  }
  if (kind !== "Source" && str2(spec.deadLetterTopic) !== "") {
    push(topicProblem("spec.deadLetterTopic", "dead letter topic", str2(spec.deadLetterTopic)));
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
    } else if (str2(stateful.serviceUrl) === "") {
      problems.push({
        field: "spec.statefulConfig.pulsar.serviceUrl",
        rule: "cannot be empty",
        fix: "give the state storage service URL"
      });
    }
  }
  const window2 = obj(spec.windowConfig);
  if (!window2) return;
  const count = num(window2.windowLengthCount);
  const duration = num(window2.windowLengthDurationMs);
  const rule = (field, text4, fix) => {
    problems.push({ field: `spec.windowConfig${field}`, rule: text4, fix });
  };
  if (count !== void 0 && window2.slidingIntervalCount === void 0 && (window2.maxLagMs === void 0 || window2.watermarkEmitIntervalMs === void 0)) {
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
    ...window2.timestampExtractorClassName !== void 0 ? [
      ["maxLagMs", "Lag duration"],
      ["watermarkEmitIntervalMs", "Watermark interval"]
    ] : []
  ];
  for (const [key, what] of positive) {
    const v = num(window2[key]);
    if (v !== void 0 && v <= 0) rule(`.${key}`, `${what} must be positive`, "use 1 or more");
  }
}
function checkMessaging(spec, problems) {
  if (str2(obj(spec.pulsar)?.pulsarConfig) === "") {
    problems.push({
      field: "spec.pulsar.pulsarConfig",
      rule: "Pulsar configuration needs to be set",
      fix: "name the ConfigMap with webServiceURL and brokerServiceURL, e.g. pulsar: {pulsarConfig: my-pulsar}"
    });
  }
  const packages = spec.pulsarPackageService;
  if (packages !== void 0 && str2(obj(packages)?.pulsarConfig) === "") {
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
        Object.entries(value).map(([name, child2]) => [name, toJsonSchema(child2, false)])
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
async function compile2(kind) {
  const [{ default: AjvClass }, crd] = await Promise.all([import("./ajv-RAGL7A6I.js"), loadCrd(kind)]);
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
    v = compile2(kind);
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
    let validate2 = v.fields.get(name);
    if (!validate2) {
      validate2 = v.ajv.compile(schema);
      v.fields.set(name, validate2);
    }
    if (validate2(value)) continue;
    const prefix = `/spec/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    for (const e of validate2.errors ?? []) {
      errors.push({ ...e, instancePath: prefix + e.instancePath });
    }
  }
  return errors;
}
function fieldPath(instancePath, child2) {
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child2 !== void 0) parts.push(child2);
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
  let text4 = raw;
  let label = "function-mesh-values";
  const candidate = resolve10(workingDirectory, trimmed);
  if (!trimmed.includes("\n") && existsSync7(candidate) && statSync(candidate).isFile()) {
    text4 = readFileSync4(candidate, "utf8");
    label = `function-mesh-values file ${trimmed}`;
  }
  const doc = (await loadYaml()).parseDocument(text4);
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
  const rel = posix19.relative(RUNNER_HOME, pathInImage);
  return rel.startsWith("..") || posix19.isAbsolute(rel) ? pathInImage : rel;
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
  const { stringify: stringify2 } = await loadYaml();
  return { kind, resource, yaml: stringify2(resource, { lineWidth: 0 }) };
}
function checkAdmission(resource) {
  const problems = admissionProblems(resource);
  if (problems.length > 0) {
    throw refusal(resource.kind, problems, "the operator");
  }
}

// src/attest/publish-sbom.ts
async function publishSbom(target2) {
  const { logger } = target2;
  const bom = buildSbom(target2.info, target2.epoch, target2.artifactSha256);
  if (!bom) {
    logger.info("sbom: a plain file bundles nothing to list; no SBOM pushed");
    return void 0;
  }
  const subject = await target2.subject();
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject,
    content: sbomBytes(bom),
    annotations: { [Annotation.Created]: epochToIso(target2.epoch) },
    layerAnnotations: { "org.opencontainers.image.title": "sbom.cdx.json" }
  });
  const result = await pushReferrer(target2.transport, target2.repository, artifact, logger);
  const where2 = result.source === "api" ? "referrers API" : `tag ${target2.repository.name()}:${referrersTag(subject.digest)}`;
  if (result.pushed) {
    logger.info(
      `sbom: ${bom.components.length} components, pushed ${target2.repository.name()}@${result.descriptor.digest} (found through the ${where2})`
    );
  }
  return result.descriptor.digest;
}
var MAX_SBOM_BYTES = 64 * 1024 * 1024;
async function carrySbom(opts) {
  const { transport, repository, logger } = opts;
  const listed = await listReferrers(transport, repository, opts.from);
  const entry = listed.manifests.find((d) => d.artifactType === CYCLONEDX_MEDIA_TYPE);
  if (!entry) {
    logger.info(`sbom: ${repository.name()}@${opts.from} has no SBOM to carry over`);
    return void 0;
  }
  const old = await fetchManifest(transport, repository.withDigest(entry.digest), { push: true });
  const layer = isIndexDocument(old.manifest) ? void 0 : old.manifest.layers[0];
  if (!layer || layer.size > MAX_SBOM_BYTES) {
    logger.warn(`sbom: ${entry.digest} is not an SBOM Slipway can carry over; none pushed`);
    return void 0;
  }
  const stream = await fetchBlob(transport, repository, layer, { push: true });
  const content = await readBytes(stream, MAX_SBOM_BYTES, `SBOM ${layer.digest}`);
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject: opts.subject,
    content,
    annotations: isIndexDocument(old.manifest) ? void 0 : old.manifest.annotations,
    layerAnnotations: layer.annotations
  });
  const result = await pushReferrer(transport, repository, artifact, logger);
  logger.info(`sbom: carried over as ${repository.name()}@${result.descriptor.digest}`);
  return result.descriptor.digest;
}

// src/run/after-push.ts
var FUNCTION_MESH_FILE = "function-mesh.yaml";
async function afterPush(run3, image) {
  const out = {};
  const { inputs } = run3;
  if (inputs["function-mesh-manifest"]) out.manifest = await writeFunctionMesh(run3, image);
  if (inputs.sbom) {
    const digest = await sbomStep(run3, image);
    if (digest) out["sbom-digest"] = digest;
  }
  if (inputs["airbyte-url"]) out["definition-id"] = await airbyteStep(run3);
  return out;
}
async function checkAfterPush(inputs, prepared, workdir) {
  const { info } = prepared;
  if (inputs["function-mesh-manifest"]) {
    if (!inputs.image && !info.defaultImage) {
      throw new InputError(
        'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).'
      );
    }
    await generateResource(
      functionMeshInput(inputs, prepared, workdir, `example.invalid/image@${STAND_IN}`)
    );
  }
  if (inputs["airbyte-url"]) {
    requireAirbyteConnector(info);
    checkAirbyteInputs({
      url: inputs["airbyte-url"],
      workspaceId: inputs["airbyte-workspace-id"],
      auth: airbyteAuth(inputs)
    });
  }
}
function requireAirbyteConnector(info) {
  if (info.connectorType !== "airbyte-source" && info.connectorType !== "airbyte-destination") {
    throw new InputError(
      `Input "airbyte-url" registers an Airbyte connector, but this artifact is ${info.connectorType ?? "not a connector"}; remove airbyte-url.`
    );
  }
}
var STAND_IN = `sha256:${"0".repeat(64)}`;
function airbyteAuth(inputs) {
  return {
    token: inputs["airbyte-token"] || void 0,
    clientId: inputs["airbyte-client-id"] || void 0,
    clientSecret: inputs["airbyte-client-secret"] || void 0
  };
}
function functionMeshInput(inputs, prepared, workdir, imageRef) {
  const { info, plan } = prepared;
  const file = plan.files.find((f) => posix20.basename(f.path) === basename12(info.path));
  const pathInImage = file?.path ?? plan.files[0]?.path;
  if (!pathInImage) {
    throw new InputError(
      'Input "function-mesh-manifest": the image plan has no artifact file to point the runtime at.'
    );
  }
  return {
    connectorType: info.connectorType,
    format: info.format,
    name: info.name,
    className: info.className,
    imageRef,
    pathInImage,
    values: inputs["function-mesh-values"],
    workingDirectory: workdir
  };
}
async function writeFunctionMesh(run3, image) {
  if (!run3.repository) {
    throw new InputError(
      'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).'
    );
  }
  const imageRef = `${run3.repository.name()}@${image.digest}`;
  const { kind, yaml } = await generateResource(
    functionMeshInput(run3.inputs, run3.prepared, run3.projectDir, imageRef),
    run3.ctx.logger
  );
  const path9 = run3.workspace.output(FUNCTION_MESH_FILE);
  writeFileSync(path9, yaml);
  run3.ctx.logger.info(`function mesh: wrote ${kind} resource ${path9}`);
  return path9;
}
async function sbomStep(run3, image) {
  const { repository } = run3;
  const { logger } = run3.ctx;
  if (run3.output.kind !== "registry" || !repository) {
    logger.debug("sbom: pushed only with output: registry");
    return void 0;
  }
  const subject = async () => {
    const found = await headManifest(run3.transport, repository.withDigest(image.digest), {
      push: true
    });
    if (!found) throw new RunError(`${repository.name()}@${image.digest} is not in the registry`);
    return { mediaType: found.mediaType, digest: image.digest, size: found.size };
  };
  try {
    return await publishSbom({
      transport: run3.transport,
      repository: repository.repositoryOnly(),
      subject,
      info: run3.prepared.info,
      artifactSha256: await run3.hashes.ofFile(run3.prepared.info.path),
      epoch: run3.epoch,
      logger
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    logger.warn(`sbom: not pushed (${errorMessage(err)}); set sbom: false to skip it`);
    return void 0;
  }
}
function airbyteRepository(repository) {
  if (repository.registry !== "docker.io") return repository.name();
  return repository.repository.replace(/^library\//, "");
}
async function airbyteStep(run3) {
  const { inputs, repository } = run3;
  const { logger } = run3.ctx;
  const { info } = run3.prepared;
  requireAirbyteConnector(info);
  if (run3.output.kind !== "registry" || !repository) {
    throw new InputError(
      'Input "airbyte-url" registers the pushed image, so it needs output: registry and image.'
    );
  }
  const tag = run3.tags[0];
  if (!tag) {
    throw new InputError(
      'Input "airbyte-url": Airbyte runs an image by tag, but no tag was pushed; set tags.'
    );
  }
  const result = await registerDefinition({
    url: inputs["airbyte-url"],
    workspaceId: inputs["airbyte-workspace-id"],
    auth: airbyteAuth(inputs),
    kind: info.connectorType === "airbyte-destination" ? "destinations" : "sources",
    name: info.name ?? repository.repository,
    dockerRepository: airbyteRepository(repository),
    dockerImageTag: tag,
    documentationUrl: info.airbyte?.documentationUrl,
    logger,
    timeoutMs: inputs["request-timeout"] * 1e3
  });
  return result.id;
}

// src/run/attest.ts
import { execFileSync } from "node:child_process";
import { writeFile as writeFile3 } from "node:fs/promises";
import { basename as basename13 } from "node:path";

// src/attest/github.ts
function githubRepositoryVisibility(env) {
  const repo = githubEvent(env)?.repository;
  if (!isRecord(repo)) return void 0;
  if (typeof repo.visibility === "string") return repo.visibility;
  if (typeof repo.private === "boolean") return repo.private ? "private" : "public";
  return void 0;
}
function githubSigstoreInstance(env) {
  if (githubRepositoryVisibility(env) === "public") return { name: "public-good" };
  let host = new URL(env.GITHUB_SERVER_URL || "https://github.com").hostname;
  if (host === "github.com") host = "githubapp.com";
  return {
    name: "github",
    fulcioUrl: `https://fulcio.${host}`,
    rekorUrl: false,
    tsaUrl: `https://timestamp.${host}`
  };
}
async function storeGithubAttestation(api, bundle, logger) {
  secrets.add(api.token);
  const url2 = `${api.apiUrl.replace(/\/+$/, "")}/repos/${api.repository}/attestations`;
  const what = `storing the attestation in ${api.repository}`;
  const retry = { maxRetries: api.retries, baseDelayMs: api.baseDelayMs, logger };
  const answer = await withRetry(what, retry, async () => {
    let res;
    try {
      res = await fetch(url2, {
        method: "POST",
        headers: {
          authorization: `Bearer ${api.token}`,
          accept: "application/vnd.github+json",
          "content-type": "application/json",
          "x-github-api-version": "2022-11-28"
        },
        body: JSON.stringify({ bundle })
      });
    } catch (err) {
      throw new RegistryError(`${url2}: ${errorMessage(err)}`, { retryable: true, url: url2 });
    }
    const text4 = await res.text();
    if (res.ok) return text4;
    const status = res.status;
    const retryable = status === 408 || status === 429 || status >= 500;
    throw new RegistryError(`${url2} answered HTTP ${status}: ${text4.slice(0, 200)}`, {
      status,
      retryable,
      url: url2
    });
  }).catch((err) => {
    const status = err instanceof RegistryError ? err.status : void 0;
    const fix = status === 401 || status === 403 || status === 404 ? 'give the job "permissions: attestations: write" (and id-token: write), or set github-attestations: false' : "run the job again, or set github-attestations: false";
    throw new RunError(
      secrets.redact(
        `GitHub's attestations API refused the bundle (${errorMessage(err)}); ${fix}.`
      )
    );
  });
  let id;
  try {
    id = JSON.parse(answer).id;
  } catch {
    id = void 0;
  }
  return typeof id === "number" || typeof id === "string" ? String(id) : "";
}

// src/run/attest.ts
async function signingFor(inputs, env, logger) {
  const mode = inputs.sign;
  if (mode === "false") return void 0;
  const bestEffort = mode !== "true";
  const key = inputs["signing-key"] || env[SIGNING_KEY_VARIABLE] || "";
  if (key) {
    const { privateKeySigner } = await import("./sign-FMYK32V3.js");
    return {
      signer: privateKeySigner(key, `Input "signing-key" (${SIGNING_KEY_VARIABLE})`),
      bestEffort,
      github: githubAttestations(inputs, env, false)
    };
  }
  const tokenVariable = inputs["sigstore-token-variable"];
  const custom = Boolean(inputs["fulcio-url"] || inputs["rekor-url"] || inputs["tsa-url"]);
  if (mode === "auto") {
    const unsigned = autoUnsigned(env, tokenVariable, custom);
    if (unsigned) {
      logger.info(`sign: the image is not signed: ${unsigned}; sign: false silences this`);
      return void 0;
    }
  }
  try {
    await sigstoreToken({ env, tokenVariable });
  } catch (err) {
    if (mode !== "auto") throw err;
    logger.warn(`sign: the image is not signed (${errorMessage(err)}); sign is auto`);
    return void 0;
  }
  const instance = !custom && env.GITHUB_ACTIONS === "true" ? githubSigstoreInstance(env) : { name: "public-good" };
  if (instance.name === "github") {
    logger.info(
      "sign: the repository is not public: GitHub's Sigstore instance signs and timestamps (nothing enters the public Rekor log), as actions/attest does"
    );
  }
  const rekor = inputs["rekor-url"];
  const { keylessSigner } = await import("./sign-FMYK32V3.js");
  const signer = keylessSigner({
    identity: ciIdentity({ env, tokenVariable }),
    fulcioUrl: inputs["fulcio-url"] || instance.fulcioUrl,
    rekorUrl: rekor === "none" ? false : rekor || instance.rekorUrl,
    tsaUrl: inputs["tsa-url"] || instance.tsaUrl,
    retries: inputs["max-retries"],
    logger
  });
  return { signer, bestEffort, github: githubAttestations(inputs, env, true) };
}
function autoUnsigned(env, tokenVariable, custom) {
  if (!identitySource({ env, tokenVariable })) {
    const variable2 = tokenVariable || DEFAULT_SIGSTORE_TOKEN_VARIABLE;
    return `the job offers no OIDC token for Sigstore; to sign, on GitHub give the job "permissions: id-token: write", on GitLab add "id_tokens: ${variable2}: aud: sigstore", or set ${SIGNING_KEY_VARIABLE}`;
  }
  const visibility = env.CI_PROJECT_VISIBILITY;
  if (!custom && env.GITLAB_CI === "true" && visibility && visibility !== "public") {
    return `the GitLab project is ${visibility} and the public Rekor log would publish its identity; set sign: true to sign with the public-good instance anyway, or fulcio-url and rekor-url for a private Sigstore`;
  }
  return void 0;
}
function githubAttestations(inputs, env, keyless) {
  const mode = inputs["github-attestations"];
  if (mode === "false") return void 0;
  const token = inputs["github-token"] || env.GITHUB_TOKEN || "";
  const repository = env.GITHUB_REPOSITORY || "";
  if (mode === "auto" && !(env.GITHUB_ACTIONS === "true" && keyless && token && repository)) {
    return void 0;
  }
  if (!token || !repository) {
    throw new InputError(
      'Input "github-attestations" is true, but the GitHub repository (GITHUB_REPOSITORY) or token (github-token, or GITHUB_TOKEN) is missing; run it in GitHub Actions with the token, or set github-attestations: auto.'
    );
  }
  return {
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    repository,
    token,
    retries: inputs["max-retries"],
    required: mode === "true" && inputs.sign === "true"
  };
}
async function writeImageSbom(run3, file, digest, base) {
  const { buildImageSbom } = await import("./sbom-GMJWK5A3.js");
  const sbom = buildImageSbom({
    info: run3.info,
    artifactSha256: await run3.artifactSha256(),
    epoch: run3.epoch,
    image: { repository: run3.repository?.name() ?? "localhost/image", digest },
    base: base.digest ? { reference: base.name, digest: base.digest } : void 0
  });
  await writeFile3(file, sbom.bytes);
  run3.logger.info(`sbom: ${sbom.componentCount} components, wrote ${file}`);
  return sbom;
}
async function signStored(run3, signing, stored, subjects, base, sbom) {
  try {
    return await signAndAttach(run3, signing, stored, subjects, base, sbom);
  } catch (err) {
    if (!signing.bestEffort || err instanceof InputError) throw err;
    run3.logger.warn(
      `sign: the image is not signed (${errorMessage(err)}); tagged anyway as sign is best-effort`
    );
    return [];
  }
}
async function signAndAttach(run3, { signer, github }, stored, subjects, base, sbom) {
  const names = stored.kind === "registry" ? stored.repositories.map((r) => r.name()) : [run3.repository?.name() ?? `oci:${stored.dir}`];
  const pushed = names.flatMap(
    (repository) => subjects.map((s) => ({ repository, digest: s.digest }))
  );
  const ci = ciContext(run3.env);
  const provenance = provenanceStatement({
    subjects: pushed,
    inputs: run3.inputs,
    base: base.digest ? { reference: base.name, digest: base.digest } : void 0,
    artifact: await artifactFacts(run3),
    ci,
    commit: ci.commit ? void 0 : headCommit(run3.projectDir)
  });
  run3.logger.info(`sign: ${signer.description}`);
  const signed = [];
  for (const statement of [provenance, sbomStatement(pushed, sbom.document)]) {
    signed.push(await signer.sign(statement));
  }
  const created = epochToIso(run3.epoch);
  const out = await attach(stored, subjects, signed, created, run3.logger);
  if (github) await storeOnGithub(github, signed, run3.logger);
  return out;
}
async function storeOnGithub(github, signed, logger) {
  for (const attestation of signed) {
    try {
      const id = await storeGithubAttestation(github, attestation.bundle, logger);
      logger.info(
        `attest: ${attestation.predicateType} bundle stored in ${github.repository}'s attestations${id ? ` (id ${id})` : ""}`
      );
    } catch (err) {
      if (github.required) throw err;
      logger.warn(`${errorMessage(err)} The image stays signed by its referrers.`);
      return;
    }
  }
}
async function attach(stored, subjects, signed, created, logger) {
  if (stored.kind === "oci") {
    const out2 = [];
    for (const subject of subjects) {
      for (const attestation of signed) {
        const referrer = bundleReferrer(attestation, subject, created);
        await writeLayoutReferrer(stored.dir, referrer);
        out2.push(`oci:${stored.dir}@${referrer.descriptor.digest}`);
      }
    }
    logger.info(`sign: wrote ${out2.length} bundle(s) into oci:${stored.dir}`);
    return out2;
  }
  const out = [];
  for (const repository of stored.repositories) {
    const attached = await attachBundles({
      transport: stored.transport,
      repository,
      subjects,
      attestations: signed,
      created,
      logger
    });
    out.push(...attached.map((a) => `${repository.name()}@${a.digest}`));
  }
  return out;
}
function subjectDescriptors(image) {
  const top = image.descriptor;
  const own2 = (d) => ({
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size
  });
  return isIndex(image) ? [own2(top), ...image.images.map((i) => own2(i.descriptor))] : [own2(top)];
}
async function artifactFacts(run3) {
  const sha2562 = await run3.artifactSha256();
  return sha2562 === void 0 ? void 0 : { name: basename13(run3.info.path), sha256: sha2562 };
}
function headCommit(dir) {
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "ignore"],
      encoding: "utf8"
    }).trim();
    return /^[0-9a-f]{40,64}$/.test(out) ? out : void 0;
  } catch {
    return void 0;
  }
}

// src/run/connect.ts
function connect(inputs, ctx, target2) {
  if (ctx.pool) return ctx.pool.connection(inputs, target2);
  return openConnection(inputs, ctx, target2);
}
function openConnection(inputs, ctx, target2) {
  const access2 = registryAccess(
    { inputs, env: ctx.env, logger: ctx.logger, ciOidcToken: ctx.ciOidcToken },
    target2
  );
  const transport = new Transport({
    credentials: access2.credentials,
    insecureRegistries: insecureRegistries(inputs, target2),
    skipTlsVerify: inputs["skip-tls-verify"],
    caPem: access2.caPem,
    maxRetries: inputs["max-retries"],
    requestTimeoutMs: inputs["request-timeout"] * 1e3,
    logger: ctx.logger
  });
  return { access: access2, transport, close: () => transport.close() };
}
var CONNECTION_INPUTS = Object.keys(INPUTS).filter(
  (name) => INPUTS[name].group === "registry" || INPUTS[name].group === "cloud" || name === "max-retries" || name === "request-timeout"
);
var ConnectionPool = class {
  /** `ctx` is the whole process's: the shared connections log without a project's prefix. */
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  connections = /* @__PURE__ */ new Map();
  connection(inputs, target2) {
    if (!target2) return openConnection(inputs, this.ctx, target2);
    const key = JSON.stringify([
      normalizeRegistry(target2.registry),
      CONNECTION_INPUTS.map((name) => inputs[name])
    ]);
    let shared = this.connections.get(key);
    if (!shared) {
      shared = openConnection(inputs, this.ctx, target2);
      this.connections.set(key, shared);
    }
    return { ...shared, close: () => Promise.resolve() };
  }
  /** How many connections the runs needed: one per registry and login. */
  get size() {
    return this.connections.size;
  }
  async close() {
    for (const c of this.connections.values()) await c.close();
    this.connections.clear();
  }
};
function insecureRegistries(inputs, target2) {
  const hosts = [...inputs["insecure-registries"]];
  if (inputs["insecure-registry"] && target2) hosts.push(target2.registry);
  return hosts;
}

// src/run/airbyte-verify.ts
var OCI_ARCH = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm",
  ia32: "386",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64"
};
function runsHere(platform, arch = process.arch) {
  const p = normalizePlatform(platform);
  return p.os === "linux" && p.architecture === (OCI_ARCH[arch] ?? arch);
}
function isAirbyte(info) {
  return info.connectorType === "airbyte-source" || info.connectorType === "airbyte-destination";
}
async function verifySpec(check, repository, images) {
  const { inputs, logger } = check;
  if (!isAirbyte(check.info)) {
    logger.warn("verify applies to Airbyte connectors only; nothing to verify for this artifact");
    return;
  }
  const cli = await dockerCliOptions(
    {
      ...check.session,
      repository,
      insecureRegistries: insecureRegistries(inputs, repository),
      skipTlsVerify: inputs["skip-tls-verify"]
    },
    "",
    { command: inputs["docker-command"], logger, tmpDir: check.tmpDir }
  );
  for (const image of images) {
    const ref = `${repository.name()}@${image.digest}`;
    if (image.platform && !runsHere(image.platform)) {
      logger.warn(
        `verify: ${formatPlatform(image.platform)} not verified (${ref}): this runner cannot run it`
      );
      continue;
    }
    await verifyAirbyteSpec({ ...cli, image: ref });
    logger.info(`verified: ${ref} answers spec with a SPEC message`);
  }
}

// src/run/before-tags.ts
async function imageSbom(run3, digest, base) {
  if (!run3.inputs.sbom && !run3.signing) return void 0;
  const file = run3.workspace.output("sbom.cdx.json");
  const sbom = await writeImageSbom(attestRun(run3), file, digest, base);
  return { ...sbom, file };
}
function attestRun(run3) {
  return {
    inputs: run3.inputs,
    env: run3.ctx.env,
    logger: run3.ctx.logger,
    projectDir: run3.projectDir,
    epoch: run3.epoch,
    info: run3.prepared.info,
    artifactSha256: () => run3.hashes.ofFile(run3.prepared.info.path),
    repository: run3.repository
  };
}
var own = (d) => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.size
});
function beforeTags(run3, base, sbom) {
  const { inputs, signing, phases } = run3;
  let attested;
  const check = async (where2, images, subjects) => {
    if (inputs.verify && where2.kind === "registry") {
      const spec = {
        inputs,
        session: {
          access: run3.access,
          prepared: {}
        },
        info: run3.prepared.info,
        logger: run3.ctx.logger,
        tmpDir: run3.workspace.root
      };
      await phases.run("verify", () => verifySpec(spec, where2.repositories[0], images));
    }
    if (signing && sbom) {
      attested = await phases.run(
        "sign",
        () => signStored(attestRun(run3), signing, where2, subjects, base, sbom)
      );
    }
  };
  return {
    run: async (stored) => {
      const built = stored.image;
      const images = isIndex(built) ? built.images.map((i) => ({ digest: i.descriptor.digest, platform: i.platform })) : [{ digest: built.descriptor.digest, platform: built.platform }];
      await check(stored, images, subjectDescriptors(built));
    },
    afterDockerPush: async (repository, digest) => {
      if (!inputs.verify && !signing) return;
      const fetched = await fetchManifest(run3.transport, repository.withDigest(digest));
      const entries = isIndexDocument(fetched.manifest) ? fetched.manifest.manifests : [];
      const where2 = {
        kind: "registry",
        transport: run3.transport,
        repositories: [repository]
      };
      await check(where2, [{ digest }], [own(fetched.descriptor), ...entries.map(own)]);
    },
    attestations: () => attested
  };
}

// src/run/tags.ts
var semver2 = __toESM(require_semver());
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}
function githubDefaultBranch(env) {
  const repository = githubEvent(env)?.repository;
  const branch = isRecord(repository) ? repository.default_branch : void 0;
  return typeof branch === "string" && branch !== "" ? branch : void 0;
}
function positiveInteger(value) {
  return value !== void 0 && /^[1-9]\d*$/.test(value) ? Number(value) : void 0;
}
function ciContext2(env) {
  if (env.GITHUB_ACTIONS === "true" || nonEmpty(env.GITHUB_REF) !== void 0) {
    const ref = env.GITHUB_REF ?? "";
    let gitTag;
    let branch;
    let pullRequest;
    const pull = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(ref);
    if (ref.startsWith("refs/tags/")) gitTag = ref.slice("refs/tags/".length);
    else if (ref.startsWith("refs/heads/")) branch = ref.slice("refs/heads/".length);
    else if (pull !== null) pullRequest = positiveInteger(pull[1]);
    else if (env.GITHUB_REF_TYPE === "tag") gitTag = nonEmpty(env.GITHUB_REF_NAME);
    else if (env.GITHUB_REF_TYPE === "branch") branch = nonEmpty(env.GITHUB_REF_NAME);
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? "https://github.com";
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    const context = {
      ci: "github",
      sha: nonEmpty(env.GITHUB_SHA),
      gitTag,
      branch,
      repositoryUrl: repo === void 0 ? void 0 : `${server.replace(/\/+$/, "")}/${repo}`
    };
    const defaultBranch = githubDefaultBranch(env);
    if (defaultBranch !== void 0) context.defaultBranch = defaultBranch;
    if (pullRequest !== void 0) context.pullRequest = pullRequest;
    return context;
  }
  if (env.GITLAB_CI === "true" || nonEmpty(env.CI_COMMIT_SHA) !== void 0) {
    const context = {
      ci: "gitlab",
      sha: nonEmpty(env.CI_COMMIT_SHA) ?? nonEmpty(env.CI_COMMIT_SHORT_SHA),
      gitTag: nonEmpty(env.CI_COMMIT_TAG),
      branch: nonEmpty(env.CI_COMMIT_BRANCH),
      repositoryUrl: nonEmpty(env.CI_PROJECT_URL)
    };
    const defaultBranch = nonEmpty(env.CI_DEFAULT_BRANCH);
    if (defaultBranch !== void 0) context.defaultBranch = defaultBranch;
    const mergeRequest = positiveInteger(env.CI_MERGE_REQUEST_IID);
    if (mergeRequest !== void 0) context.pullRequest = mergeRequest;
    return context;
  }
  return { ci: "none" };
}
function sanitizeTag(value) {
  const cleaned = value.trim().replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[.-]+/, "").slice(0, 128);
  return cleaned === "" ? void 0 : cleaned;
}
function gitTagVersion(gitTag) {
  const raw = gitTag.replace(/\//g, "-");
  if (semver2.valid(raw) === null) return void 0;
  return semver2.parse(raw, { loose: true }) ?? void 0;
}
function tagsForGitTag(gitTag) {
  const version = gitTagVersion(gitTag);
  if (version === void 0) {
    const tag = sanitizeTag(gitTag);
    return tag === void 0 ? [] : [tag];
  }
  if (version.prerelease.length > 0) return [version.version];
  const tags = [version.version, `${version.major}.${version.minor}`];
  if (version.major !== 0) tags.push(String(version.major));
  return tags;
}
function dedupe(tags) {
  return [...new Set(tags)];
}
function commitTag(env) {
  return shortSha(ciContext2(env).sha);
}
function shortSha(sha) {
  return sha !== void 0 && /^[0-9a-f]{7,}$/i.test(sha) ? `sha-${sha.slice(0, 7).toLowerCase()}` : void 0;
}
function ciTags(ci) {
  const tags = [];
  if (ci.gitTag !== void 0) {
    tags.push(...tagsForGitTag(ci.gitTag));
    const version = gitTagVersion(ci.gitTag);
    if (version !== void 0 && version.prerelease.length === 0) tags.push("latest");
  } else if (ci.pullRequest !== void 0) {
    tags.push(`${ci.ci === "gitlab" ? "mr" : "pr"}-${ci.pullRequest}`);
  } else if (ci.branch !== void 0) {
    const branch = sanitizeTag(ci.branch);
    if (branch !== void 0) tags.push(branch);
    if (ci.defaultBranch !== void 0 && ci.branch === ci.defaultBranch) tags.push("edge");
  }
  if (ci.gitTag === void 0) {
    const sha = shortSha(ci.sha);
    if (sha !== void 0) tags.push(sha);
  }
  return tags.length > 0 ? dedupe(tags) : ["latest"];
}
function parseTagEntry(entry) {
  const value = entry.trim();
  if (!value.includes("/")) {
    const stray = /[:@]/.exec(value)?.[0];
    if (stray !== void 0) {
      throw new InputError(
        `Input "tags": tag "${value}" has an invalid character "${stray}"; write a bare tag (1.0.0) or a full reference with its repository (ghcr.io/acme/x:1.0.0).`
      );
    }
    return { tag: parseTag(value, "tags") };
  }
  const ref = parseReference(value, { input: "tags" });
  if (ref.digest !== void 0 || ref.tag === void 0) {
    throw new InputError(
      `Input "tags": "${value}" names ${ref.digest !== void 0 ? "a digest" : "no tag"}; write a tag (1.0.0) or a reference with a tag (ghcr.io/acme/x:1.0.0).`
    );
  }
  return { repository: parseRepository(ref.name(), "tags"), tag: ref.tag };
}
function checkVersion(sources, ci) {
  const { artifactVersion, strictVersion, logger } = sources;
  if (ci.gitTag === void 0 || artifactVersion === void 0) return;
  const released = gitTagVersion(ci.gitTag);
  if (released === void 0) return;
  const own2 = semver2.parse(artifactVersion, { loose: true });
  if (own2 !== null && semver2.eq(own2, released)) return;
  const message = `The git tag ${ci.gitTag} releases version ${released.version} but the artifact says ${artifactVersion}`;
  if (strictVersion) {
    throw new InputError(
      `${message}; bump the artifact's version to ${released.version} (or tag the commit v${artifactVersion}), or set strict-version: false.`
    );
  }
  logger?.warn(
    `${message}; the image is tagged from the git tag (strict-version: true fails here).`
  );
}
function resolveTags(sources) {
  const ci = ciContext2(sources.env);
  checkVersion(sources, ci);
  const entries = sources.inputTags.length > 0 ? sources.inputTags.map(parseTagEntry) : ciTags(ci).map((tag) => ({ tag, repository: void 0 }));
  const image = sources.image?.trim();
  const primary = image !== void 0 && image !== "" ? parseRepository(image) : entries.find((e) => e.repository !== void 0)?.repository;
  const targets = [];
  const seen = /* @__PURE__ */ new Set();
  for (const entry of entries) {
    const repository = entry.repository ?? primary;
    const key = repository === void 0 ? `:${entry.tag}` : repository.withTag(entry.tag).toString();
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push(repository === void 0 ? { tag: entry.tag } : { repository, tag: entry.tag });
  }
  const tags = targets.filter((t) => t.repository?.name() === primary?.name()).map((t) => t.tag);
  return { primary, targets, tags };
}

// src/run/labels.ts
var OCI = "org.opencontainers.image";
function defaultLabels(env, info) {
  const ci = ciContext2(env);
  const labels = {};
  const set = (key, value) => {
    if (value !== void 0 && value !== "") labels[`${OCI}.${key}`] = value;
  };
  set("created", epochToIso(info.epoch));
  set("source", ci.repositoryUrl);
  set("url", ci.repositoryUrl);
  set("revision", ci.sha);
  set(
    "version",
    info.version ?? (ci.gitTag === void 0 ? void 0 : tagsForGitTag(ci.gitTag)[0])
  );
  set("title", info.title);
  set("description", info.description);
  set("licenses", info.licenses);
  return labels;
}
function oneLine(value) {
  return value?.replace(/\s+/g, " ").trim();
}
function imageLabels({ env, info, plan, user }) {
  const defaults = defaultLabels(env, {
    ...info,
    title: oneLine(info.title),
    version: oneLine(info.version),
    description: oneLine(info.description)
  });
  return { ...defaults, ...plan, ...user };
}
var ANNOTATION_LEVELS = {
  manifest: "manifest",
  index: "index",
  "manifest-descriptor": "descriptor"
};
function imageAnnotations(input) {
  const out = { manifest: {}, index: {}, descriptor: {} };
  for (const [raw, value] of Object.entries(input)) {
    const colon = raw.indexOf(":");
    const prefix = colon < 0 ? "manifest" : raw.slice(0, colon).trim();
    const key = raw.slice(colon + 1).trim();
    const level = Object.hasOwn(ANNOTATION_LEVELS, prefix) ? ANNOTATION_LEVELS[prefix] : void 0;
    if (level === void 0 || key === "") {
      throw new InputError(
        `Input "annotations": "${raw}=${value}" has the prefix "${prefix}", which Slipway does not write; use manifest:${key || "key"}=value, index:${key || "key"}=value or manifest-descriptor:${key || "key"}=value.`
      );
    }
    out[level][key] = value;
  }
  return out;
}

// src/run/reuse.ts
import { createHash as createHash8 } from "node:crypto";
import { createReadStream as createReadStream4, lstatSync as lstatSync2, statSync as statSync2 } from "node:fs";
var ARTIFACT_DIGEST_ANNOTATION = "dev.slipway.artifact.sha256";
var PLAN_DIGEST_ANNOTATION = "dev.slipway.plan.sha256";
async function fileSha256(path9) {
  const hash = createHash8("sha256");
  for await (const chunk of createReadStream4(path9, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk);
  }
  return hash.digest("hex");
}
var FileHashes = class {
  digests = /* @__PURE__ */ new Map();
  /** What the layer's pass computed while it read the files. */
  add(digests) {
    for (const [source, digest] of digests) {
      const key = identity(source);
      if (key && !this.digests.has(key)) this.digests.set(key, Promise.resolve(digest));
    }
  }
  sha256(path9) {
    const key = identity(path9);
    if (!key) return fileSha256(path9);
    let digest = this.digests.get(key);
    if (!digest) {
      digest = fileSha256(path9);
      this.digests.set(key, digest);
      digest.catch(() => this.digests.delete(key));
    }
    return digest;
  }
  /** The sha256 of a regular file; undefined for a folder (an Airbyte project) or a missing path. */
  async ofFile(path9) {
    try {
      if (!statSync2(path9).isFile()) return void 0;
      return await this.sha256(path9);
    } catch {
      return void 0;
    }
  }
};
function identity(path9) {
  try {
    const st = statSync2(path9);
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return void 0;
  }
}
function artifactDigest(plan, digestOf) {
  const digests = plan.files.map((f) => digestOf(f.source));
  if (digests.some((d) => d === void 0)) return void 0;
  if (digests.length === 1) return digests[0];
  const lines = plan.files.map((f, i) => `${digests[i]}  ${f.path}
`).join("");
  return createHash8("sha256").update(lines).digest("hex");
}
async function hashArtifact(plan, hashes) {
  const sources = [...new Set(plan.files.map((f) => f.source))];
  const digests = new Map(
    await Promise.all(sources.map(async (s) => [s, await hashes.sha256(s)]))
  );
  const digest = artifactDigest(plan, (source) => digests.get(source));
  if (digest === void 0) throw new Error("internal: a file of the plan was not hashed");
  return digest;
}
function planDigest(plan, epoch, requested) {
  const record = {
    files: plan.files.map(({ path: path9, source, mode, uid, gid }) => ({
      path: path9,
      mode,
      uid,
      gid,
      size: sizeOf(source)
    })),
    directories: plan.directories,
    platforms: plan.platforms ?? requested,
    epoch
  };
  return createHash8("sha256").update(JSON.stringify(record)).digest("hex");
}
function sizeOf(source) {
  try {
    return lstatSync2(source).size;
  } catch {
    return null;
  }
}
async function withReuseRecord(annotations, record) {
  const own2 = await record;
  return {
    ...annotations,
    manifest: { ...own2, ...annotations.manifest },
    index: { ...own2, ...annotations.index }
  };
}
var ReuseRecord = class {
  constructor(plan, epoch, requested, hashes) {
    this.plan = plan;
    this.hashes = hashes;
    this.planned = { [PLAN_DIGEST_ANNOTATION]: planDigest(plan, epoch, requested) };
  }
  plan;
  hashes;
  planned;
  fromLayer;
  hashed;
  /** For the layer's pass (LayerOptions.fileDigests). */
  fileDigests = {
    wanted: () => this.hashed === void 0,
    take: (digests) => {
      this.hashes.add(digests);
      this.fromLayer = artifactDigest(this.plan, (source) => digests.get(source));
    }
  };
  /** The whole record: the layer's digest when its pass is over, else one hashing pass. */
  async full() {
    let artifact = this.fromLayer;
    if (artifact === void 0) {
      this.hashed ??= hashArtifact(this.plan, this.hashes);
      try {
        artifact = await this.hashed;
      } catch (err) {
        this.hashed = void 0;
        throw err;
      }
    }
    return { [ARTIFACT_DIGEST_ANNOTATION]: artifact, ...this.planned };
  }
};
function reuseCandidateTags(env, tags) {
  const sha = commitTag(env);
  return sha === void 0 || tags.includes(sha) ? [] : [sha];
}

// src/run/permission-hint.ts
async function withPermissionHint(run3, step) {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof RegistryError) || err.status !== 401 && err.status !== 403) throw err;
    const registry = err.registry ?? run3.repository?.registry;
    if (!registry) throw err;
    const access2 = err.access ?? (registry === run3.repository?.registry ? "push" : "pull");
    const hint = run3.access.hint(registry, access2);
    throw hint ? new RunError(`${err.message} ${hint}`, err.location) : err;
  }
}

// src/run/phases.ts
var Phases = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  ms = {};
  async run(name, step) {
    const start = performance.now();
    const end = this.logger?.section?.(name);
    try {
      return await step();
    } finally {
      end?.();
      this.ms[name] = Math.round(performance.now() - start);
    }
  }
  summary() {
    return Object.entries(this.ms).map(([name, ms]) => `${name} ${ms} ms`).join(", ");
  }
};

// src/run/targets.ts
function publishTargets(resolved) {
  const targets = [];
  for (const { repository, tag } of resolved.targets) {
    if (!repository) continue;
    const same = targets.find((t) => t.repository.name() === repository.name());
    if (same) {
      if (!same.tags.includes(tag)) same.tags.push(tag);
    } else {
      targets.push({ repository: repository.repositoryOnly(), tags: [tag] });
    }
  }
  const primary = resolved.primary?.name();
  return [
    ...targets.filter((t) => t.repository.name() === primary),
    ...targets.filter((t) => t.repository.name() !== primary)
  ];
}

// src/run/workspace.ts
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir as tmpdir6 } from "node:os";
import { join as join24 } from "node:path";
var Workspace = class _Workspace {
  constructor(root) {
    this.root = root;
  }
  root;
  /**
   * A new folder under the CI runner's temp folder (cleaned by the runner; the GitLab component
   * points it at its `.slipway/` artifacts), else under `.slipway/` in the current directory, where
   * the user finds the run's outputs and nothing piles up in the system's temp folder. Only a
   * current directory that cannot be written to falls back to the system's.
   */
  static create(env, cwd = process.cwd()) {
    let parent = env.RUNNER_TEMP || join24(cwd, ".slipway");
    try {
      mkdirSync(parent, { recursive: true });
    } catch {
      parent = tmpdir6();
    }
    return new _Workspace(mkdtempSync(join24(parent, "slipway-")));
  }
  get dockerfile() {
    return join24(this.root, "Dockerfile");
  }
  /** The build context the native and docker builders read. */
  get context() {
    return join24(this.root, "context");
  }
  /** Where plans unpack what they need (an Airbyte Java distribution). */
  get staging() {
    const dir = join24(this.root, "staging");
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  /** An output file of the run, kept after it. */
  output(name) {
    return join24(this.root, name);
  }
  /**
   * Removes what only the run needed; the outputs stay. `keepContext` (SLIPWAY_KEEP_CONTEXT=true)
   * leaves the context beside the Dockerfile so that it can be built by hand.
   */
  dispose(keepContext) {
    rmSync(join24(this.root, "staging"), { recursive: true, force: true });
    if (!keepContext) rmSync(this.context, { recursive: true, force: true });
  }
};

// src/run/build.ts
async function runBuild2(inputs, ctx) {
  const { logger, env } = ctx;
  const phases = new Phases(logger);
  const projectDir = resolve11(inputs["working-directory"]);
  const output = parseOutput(inputs.output);
  const platforms = parsePlatforms(inputs.platforms);
  const annotations = imageAnnotations(inputs.annotations);
  if (inputs.verify && output.kind !== "registry") {
    throw new InputError(
      'Input "verify" runs the pushed image, so it needs output: registry; set verify: false to write a layout or do a dry run.'
    );
  }
  const workspace = Workspace.create(env);
  try {
    const prepared = await phases.run(
      "artifact",
      () => prepareArtifact(inputs, {
        workingDirectory: projectDir,
        logger,
        contextDir: workspace.context,
        stagingDir: workspace.staging,
        outputDir: workspace.root,
        env
      })
    );
    const { info, plan } = prepared;
    await checkAfterPush(inputs, prepared, projectDir);
    const epoch = buildEpoch(projectDir, env);
    plan.labels = imageLabels({
      env,
      info: { epoch, version: info.version, title: info.name, description: info.description },
      plan: plan.labels,
      user: inputs.labels
    });
    const dockerfileText = prepared.userDockerfile ? readFileSync5(prepared.userDockerfile.path, "utf8") : renderDockerfile(plan, prepared.contextDir);
    const dockerfile = prepared.userDockerfile?.path ?? workspace.dockerfile;
    if (!prepared.userDockerfile) writeFileSync2(dockerfile, dockerfileText);
    const resolved = resolveTags({
      inputTags: inputs.tags,
      image: inputs.image || info.defaultImage,
      artifactVersion: info.defaultTag ?? info.version,
      strictVersion: inputs["strict-version"],
      env,
      logger
    });
    const targets = publishTargets(resolved);
    if (output.kind === "registry" && targets.length === 0) {
      throw new InputError(
        'Input "image" is required to push: set image to the target repository (e.g. ghcr.io/acme/my-sink), or set output to oci:DIR to write an OCI layout instead.'
      );
    }
    const repository = resolved.primary;
    const { tags } = resolved;
    const signing = await signingFor(inputs, env, logger);
    const connection = connect(inputs, ctx, repository);
    const build = {
      ...connection,
      inputs,
      ctx,
      phases,
      prepared,
      dockerfile,
      output,
      repository,
      tags,
      targets,
      annotations,
      signing,
      platforms,
      projectDir,
      workspace,
      epoch,
      hashes: new FileHashes()
    };
    try {
      const image = await withPermissionHint(
        build,
        () => prepared.builder === "docker" ? assembleDocker(build) : assembleHere(build)
      );
      const after = await phases.run("after-push", () => afterPush(build, image));
      const { published } = image;
      logger.info(`done: ${phases.summary()}`);
      return {
        outputs: {
          image: published.references[0] ?? "",
          digest: image.digest,
          "image-ref": published.pinned,
          tags,
          platforms: image.platforms,
          "base-digest": image.baseDigest,
          dockerfile,
          pushed: published.pushed,
          references: published.stored,
          ...published.decisions ? { "tag-decisions": published.decisions } : {},
          ...image.sbomFile ? { sbom: image.sbomFile } : {},
          ...image.attestations ? { attestations: image.attestations } : {},
          ...after
        },
        stats: { ...published.stats, phases: phases.ms },
        dockerfileText,
        base: image.baseName
      };
    } finally {
      await connection.close();
    }
  } finally {
    workspace.dispose(env.SLIPWAY_KEEP_CONTEXT === "true");
  }
}
function publisherFor(build, record) {
  const { output, repository, ctx } = build;
  if (output.kind === "oci") return new LayoutPublisher(output.dir, build.tags, ctx.logger);
  if (output.kind === "none" || !repository) return new DryRunPublisher(ctx.logger);
  return new RegistryPublisher({
    transport: build.transport,
    targets: build.targets,
    policy: build.inputs["if-exists"],
    logger: ctx.logger,
    ensureRepository: (r) => build.access.ensureRepository(r),
    record,
    sameAs: reuseCandidateTags(build.ctx.env, build.targets[0]?.tags ?? [])
  });
}
async function assembleHere(build) {
  const { plan } = build.prepared;
  const record = new ReuseRecord(plan, build.epoch, build.platforms, build.hashes);
  const publisher = publisherFor(build, record);
  const built = await assembleNative(
    plan,
    { transport: build.transport, platforms: build.platforms, workingDirectory: build.projectDir },
    {
      epoch: build.epoch,
      requested: build.platforms,
      tmpDir: build.workspace.root,
      phase: (name, step) => build.phases.run(name, step),
      upload: publisher.layerStream(),
      logger: build.ctx.logger,
      fileDigests: record.fileDigests,
      annotations: () => withReuseRecord(build.annotations, record.full()),
      cacheDir: pythonCacheDir(build.ctx.env),
      contextDir: build.ctx.env.SLIPWAY_KEEP_CONTEXT === "true" ? build.prepared.contextDir : void 0
    }
  );
  try {
    const { image, base } = built;
    const facts = { name: base.name, digest: base.digest ?? "" };
    const sbom = await imageSbom(build, image.descriptor.digest, facts);
    const checks = beforeTags(build, facts, sbom);
    const phase = publisher.output.kind === "registry" ? "push" : "write";
    const published = await build.phases.run(phase, () => publisher.publish(image, checks.run));
    return {
      digest: image.descriptor.digest,
      platforms: built.platforms.map(formatPlatform),
      baseName: base.name,
      baseDigest: base.digest ?? "",
      published,
      sbomFile: sbom?.file,
      attestations: checks.attestations()
    };
  } finally {
    await built.dispose();
  }
}
function pythonCacheDir(env) {
  const root = env.SLIPWAY_CACHE_DIR || join25(env.XDG_CACHE_HOME || join25(homedir(), ".cache"), "slipway");
  return join25(root, "python");
}
async function assembleDocker(build) {
  const { prepared, repository, inputs } = build;
  if (build.output.kind !== "registry" || !repository) {
    throw new InputError(
      `The image needs ${prepared.dockerReason ?? "a docker-compatible builder"}, which is built with docker-command and pushed, so output must be registry; remove the RUN steps to write an OCI layout.`
    );
  }
  if (build.targets.length > 1) {
    throw new InputError(
      `Input "tags" names ${build.targets.length} repositories, but the image needs ${prepared.dockerReason ?? "a docker-compatible builder"}, which pushes to one; push to one repository, or remove the RUN steps for a native build.`
    );
  }
  const { manifest, index } = build.annotations;
  if (Object.keys(manifest).length + Object.keys(index).length > 0) {
    build.ctx.logger.warn(
      "annotations are written by the native builder only; this image is built with docker-command and carries its labels but not the annotations"
    );
  }
  const checked = inputs.verify || Boolean(build.signing);
  const built = await build.phases.run(
    "docker",
    () => assembleWithDocker({
      ...build,
      repository,
      insecureRegistries: insecureRegistries(inputs, repository),
      skipTlsVerify: inputs["skip-tls-verify"],
      command: inputs["docker-command"],
      logger: build.ctx.logger,
      tmpDir: build.workspace.root,
      layoutDir: checked ? join25(build.workspace.root, "engine-image") : void 0
    })
  );
  const base = { name: prepared.plan.base, digest: "" };
  if (built.layout) {
    const image = await readLayoutImage(built.layout);
    const sbom2 = await imageSbom(build, image.descriptor.digest, base);
    const checks2 = beforeTags(build, base, sbom2);
    const publisher = publisherFor(build);
    const published = await build.phases.run("push", () => publisher.publish(image, checks2.run));
    return {
      digest: image.descriptor.digest,
      platforms: [formatPlatform(image.platform)],
      baseName: base.name,
      baseDigest: "",
      published,
      sbomFile: sbom2?.file,
      attestations: checks2.attestations()
    };
  }
  if (build.signing) {
    const note = "sign: docker pushes its tags itself, so the signatures follow the tags; use podman as docker-command to sign before tagging";
    if (inputs.sign === "true") build.ctx.logger.warn(note);
    else build.ctx.logger.info(note);
  }
  const pinned = `${repository.name()}@${built.digest}`;
  const sbom = await imageSbom(build, built.digest, base);
  const checks = beforeTags(build, base, sbom);
  await checks.afterDockerPush(repository, built.digest);
  return {
    digest: built.digest,
    platforms: built.platforms,
    baseName: prepared.plan.base,
    baseDigest: "",
    published: {
      references: built.references,
      pinned,
      stored: [pinned],
      pushed: true,
      stats: NOTHING_SENT
    },
    sbomFile: sbom?.file,
    attestations: checks.attestations()
  };
}

// src/run/rebase.ts
async function runRebase(inputs, ctx) {
  const { logger } = ctx;
  const started = performance.now();
  if (!inputs.image) {
    throw new InputError(
      'Input "image" names the image to rebase in mode: rebase, e.g. ghcr.io/acme/my-sink:1.2.0.'
    );
  }
  if (!inputs["base-image"]) {
    throw new InputError(
      'Input "base-image" names the new base in mode: rebase, e.g. streamnative/pulsar-functions-java-runner:4.0.5.'
    );
  }
  const image = parseReference(inputs.image, { input: "image", defaultTag: "latest" });
  const newBase = parseReference(inputs["base-image"], {
    input: "base-image",
    defaultTag: "latest"
  });
  const tags = inputs.tags.length > 0 ? inputs.tags.map((t) => parseTag(t)) : image.tag ? [image.tag] : [];
  if (tags.length === 0) {
    throw new InputError(
      `Input "tags": ${image.toString()} is named by digest, so there is no tag to move; set tags to where the rebased image goes.`
    );
  }
  const target2 = image.repositoryOnly();
  const connection = connect(inputs, { ...ctx, logger }, target2);
  const { transport } = connection;
  try {
    const rebased = await rebaseImage({ transport, image, newBase, split: slipwayPart });
    logger.info(
      `rebase: ${image.toString()} from ${rebased.oldBase.name}@${rebased.oldBase.digest} onto ${rebased.newBase.name}@${rebased.newBase.digest ?? ""}, keeping ${rebased.kept.length} layer(s) of its own`
    );
    const published = await pushToRegistry(rebased.image, {
      transport,
      repository: target2,
      tags,
      policy: inputs["if-exists"],
      logger
    });
    const digest = rebased.image.descriptor.digest;
    const sbom = inputs.sbom ? await carryOver(transport, target2, rebased, logger) : void 0;
    return {
      outputs: {
        image: published.references[0] ?? "",
        digest,
        "image-ref": `${target2.name()}@${digest}`,
        tags,
        platforms: rebased.platforms.map(formatPlatform),
        "base-digest": rebased.newBase.digest ?? "",
        dockerfile: "",
        pushed: published.pushed,
        ...published.decisions ? { "tag-decisions": published.decisions } : {},
        ...sbom ? { "sbom-digest": sbom } : {}
      },
      stats: { ...published.stats, phases: { rebase: Math.round(performance.now() - started) } },
      dockerfileText: "",
      base: rebased.newBase.name
    };
  } finally {
    await connection.close();
  }
}
async function carryOver(transport, repository, rebased, logger) {
  try {
    return await carrySbom({
      transport,
      repository,
      from: rebased.source.digest,
      subject: rebased.image.descriptor,
      logger
    });
  } catch (err) {
    logger.warn(`sbom: not carried over (${errorMessage(err)}); set sbom: false to skip it`);
    return void 0;
  }
}

// src/run/index.ts
function runMode(inputs, ctx) {
  return inputs.mode === "rebase" ? runRebase(inputs, ctx) : runBuild2(inputs, ctx);
}

// src/run/fanout.ts
var GITHUB_MATRIX_LIMIT = 256;
var MATRIX_KEYS = [
  "name",
  "working-directory",
  "connector-type",
  "artifact-format",
  "image",
  "artifact",
  "class-name",
  "build-args"
];
function gitHubMatrices(projects, limit = GITHUB_MATRIX_LIMIT) {
  const perProject = projects.map((p) => ({ name: p.name, ...projectInputs(p) }));
  const keys = [
    ...MATRIX_KEYS,
    ...[...new Set(perProject.flatMap((e) => Object.keys(e)))].filter((k) => !MATRIX_KEYS.includes(k)).sort()
  ];
  const entries = perProject.map((e) => {
    const values = e;
    return Object.fromEntries(keys.map((k) => [k, values[k] ?? ""]));
  });
  const matrices = [];
  for (let i = 0; i < entries.length; i += limit) {
    matrices.push({ include: entries.slice(i, i + limit) });
  }
  return matrices;
}
function gitHubMatrixOutputs(matrices, declaredJobs = 4) {
  const outputs = {
    count: String(matrices.reduce((n, m) => n + m.include.length, 0)),
    matrices: String(matrices.length)
  };
  const slots = Math.max(declaredJobs, matrices.length);
  for (let i = 0; i < slots; i++) {
    const json = matrices[i] ? JSON.stringify(matrices[i]) : "";
    outputs[i === 0 ? "matrix" : `matrix-${i + 1}`] = json;
  }
  return outputs;
}
var JOB_INPUTS = ["stage", "job-name", "job-image", "slipway-command"];
var SUMMARY_JOB = "slipway-summary";
var RESULTS_DIR = "slipway-results";
var SUMMARY_FILE = "slipway-summary.md";
function gitLabJobName(projectName) {
  return `slipway-${projectName.replace(/[^A-Za-z0-9._-]+/g, "-")}`;
}
function typedInput(name, value) {
  const spec = INPUTS[name];
  if (spec?.type === "boolean") return value.trim().toLowerCase() === "true";
  if (spec?.type === "number" && value.trim() !== "" && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return value;
}
function componentInput(name) {
  if (JOB_INPUTS.includes(name)) return true;
  const spec = INPUTS[name];
  return spec !== void 0 && !spec.secret;
}
function yamlValue(value) {
  return JSON.stringify(value);
}
function shellWord(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
function summaryScript(jobs) {
  return [
    `if [ -L ${SUMMARY_FILE} ] || [ -d ${SUMMARY_FILE} ]; then echo "${SUMMARY_FILE} is a symbolic link or a folder; the summary job writes that file and never through a link: remove it from the repository."; exit 2; fi`,
    `out=$(mktemp ${SUMMARY_FILE}.XXXXXX)`,
    `printf '| project | image | digest | status |\\n|---|---|---|---|\\n' >> "$out"`,
    "failed=0",
    // Job names are letters, digits, ".", "_" and "-" (gitLabJobName): safe as shell words.
    `for job in ${jobs.join(" ")}; do`,
    `  f=${RESULTS_DIR}/$job.env`,
    // A link is no result a job wrote (the CLI never writes one): it is not read.
    `  if [ -L "$f" ] || [ ! -f "$f" ]; then failed=$((failed + 1)); echo "| $job |  |  | no result |" >> "$out"; continue; fi`,
    `  value() { sed -n "s/^$1=//p" "$f" | head -n 1; }`,
    "  status=$(value SLIPWAY_JOB_STATUS)",
    '  [ "$status" = success ] || failed=$((failed + 1))',
    '  echo "| $(value SLIPWAY_PROJECT) | $(value SLIPWAY_IMAGE) | $(value SLIPWAY_DIGEST) | $status |" >> "$out"',
    "done",
    `mv -f "$out" ${SUMMARY_FILE}`,
    `cat ${SUMMARY_FILE}`,
    'if [ "$failed" -gt 0 ]; then echo "$failed project(s) failed"; exit 1; fi'
  ].join("\n");
}
function gitLabChildPipeline(projects, options) {
  const stage = options.stage ?? "build";
  const lines = [
    "# Generated by slipway discover: one job per project, then a summary.",
    `stages: [${yamlValue(stage)}]`,
    ""
  ];
  if (projects.length === 0) {
    lines.push(
      `${SUMMARY_JOB}:`,
      "  stage: .post",
      "  script:",
      `    - ${yamlValue('echo "No project changed: nothing to build."')}`,
      ""
    );
    return lines.join("\n");
  }
  const [kind, location] = Object.entries(options.template)[0];
  lines.push("include:");
  const jobs = projects.map((p) => ({ project: p, job: gitLabJobName(p.name) }));
  for (const { project, job } of jobs) {
    const inputs = {
      ...options.inputs,
      ...projectInputs(project),
      "job-name": job,
      stage
    };
    lines.push(`  - ${kind}: ${yamlValue(location)}`, "    inputs:");
    for (const [name, value] of Object.entries(inputs)) {
      if (!componentInput(name)) continue;
      lines.push(`      ${name}: ${yamlValue(typedInput(name, value))}`);
    }
  }
  lines.push("");
  const slipway = options.inputs?.["slipway-command"] || "slipway";
  for (const { project, job } of jobs) {
    lines.push(
      `${job}:`,
      "  after_script:",
      `    - ${yamlValue(`${slipway} job-result --project ${shellWord(project.name)} --status "$CI_JOB_STATUS" --dotenv ${RESULTS_DIR}/${job}.env`)}`,
      "  artifacts:",
      "    when: always",
      `    paths: [${yamlValue(`${RESULTS_DIR}/`)}]`,
      ""
    );
  }
  lines.push(
    `${SUMMARY_JOB}:`,
    "  stage: .post",
    "  when: always",
    `  image: ${yamlValue(options.summaryImage ?? options.inputs?.["job-image"] ?? "node:22-slim")}`,
    "  script:",
    `    - ${yamlValue(summaryScript(jobs.map((j) => j.job)))}`,
    "  artifacts:",
    "    when: always",
    `    paths: [${yamlValue(SUMMARY_FILE)}]`,
    ""
  );
  return lines.join("\n");
}

// src/run/many.ts
import { join as join26, resolve as resolve12 } from "node:path";
async function selectProjects(root, opts = {}) {
  const projects = await discoverProjects(root, { imagePrefix: opts.imagePrefix });
  return opts.changedSince ? selectChanged(projects, root, opts.changedSince) : selectAll(projects);
}
function discoverOutputs(selections) {
  return {
    ...gitHubMatrixOutputs(gitHubMatrices(selections.map((s) => s.project))),
    projects: JSON.stringify(discoveryJson(selections))
  };
}
var ProjectLogger = class {
  constructor(inner, prefix) {
    this.inner = inner;
    this.prefix = prefix;
  }
  inner;
  prefix;
  info(message) {
    this.inner.info(`${this.prefix} ${message}`);
  }
  warn(message) {
    this.inner.warn(`${this.prefix} ${message}`);
  }
  debug(message) {
    this.inner.debug(`${this.prefix} ${message}`);
  }
  progress(event) {
    this.inner.progress({ ...event, id: `${this.prefix} ${event.id}` });
  }
  // No sections: the phases of concurrent projects interleave.
};
async function eachLimited(items, limit, step) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await step(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
function exitCodeOf(err) {
  const code = err.exitCode;
  return typeof code === "number" ? code : 1;
}
async function runMany(selections, base, root, ctx, opts) {
  const { logger, env } = ctx;
  const projects = selections.map((s) => s.project);
  const reactors = mavenReactorBuilds(projects);
  const baseArgs = readInputs((name) => base[name])["build-args"];
  const failedReactors = /* @__PURE__ */ new Map();
  for (const reactor of reactors) {
    const dir = join26(root, reactor.reactor);
    const cmd = await buildCommand("maven", dir, [...reactor.args, ...baseArgs], env);
    logger.info(`build: ${cmd.title} (in ${reactor.reactor})`);
    try {
      await runTool({ ...cmd, cwd: dir, logger, env });
    } catch (err) {
      failedReactors.set(reactor.reactor, errorMessage(err));
      logger.warn(`the Maven build in ${reactor.reactor} failed; its projects are not packaged`);
    }
  }
  const outcomes = /* @__PURE__ */ new Map();
  const pool = new ConnectionPool(ctx);
  const building = eachLimited(projects, opts.concurrency, async (project) => {
    const started = performance.now();
    const outcome = (fields) => {
      outcomes.set(project, {
        name: project.name,
        "working-directory": project.workingDirectory,
        image: project.image,
        ...fields,
        "duration-ms": Math.round(performance.now() - started)
      });
    };
    const reactorError = project.maven && failedReactors.get(project.maven.reactor);
    if (reactorError) {
      outcome({ status: "failed", error: reactorError.split("\n")[0], "exit-code": 1 });
      return;
    }
    const projectLogger = new ProjectLogger(logger, `[${project.name}]`);
    try {
      const inputs = projectRunInputs(project, base, root);
      const result = await runBuild2(inputs, { ...ctx, logger: projectLogger, pool });
      outcome({ status: "success", outputs: result.outputs });
    } catch (err) {
      projectLogger.warn(`failed: ${errorMessage(err)}`);
      outcome({
        status: "failed",
        error: errorMessage(err).split("\n")[0],
        "exit-code": exitCodeOf(err)
      });
    }
  });
  await building.finally(() => pool.close());
  const ordered = projects.map((p) => outcomes.get(p));
  const failed = ordered.filter((o) => o.status === "failed").length;
  return {
    projects: ordered,
    "maven-builds": reactors,
    succeeded: ordered.length - failed,
    failed
  };
}
function projectRunInputs(project, base, root) {
  const own2 = {
    ...projectInputs(project),
    "working-directory": resolve12(root, project.workingDirectory)
  };
  if (project.maven) own2.build = "none";
  return readInputs((name) => own2[name] ?? base[name]);
}
function manySummary(report) {
  const lines = ["| project | image | digest | status |", "|---|---|---|---|"];
  for (const p of report.projects) {
    const image = p.outputs?.image || p.image;
    const digest = p.outputs?.digest ? `\`${p.outputs.digest}\`` : "";
    const status = p.status === "failed" ? `failed: ${p.error ?? ""}` : p.outputs?.pushed ? "pushed" : "built";
    lines.push(`| ${p.name} | ${image} | ${digest} | ${status.replace(/\|/g, "\\|")} |`);
  }
  lines.push("", `${report.succeeded} succeeded, ${report.failed} failed.`);
  return `${lines.join("\n")}
`;
}

// src/fronts/cli/progress.ts
var BAR_WIDTH = 24;
var TtyLogger = class extends LineLogger {
  constructor(stream, verbose) {
    super((line) => this.printAbove(line), verbose);
    this.stream = stream;
  }
  stream;
  bars = /* @__PURE__ */ new Map();
  drawn = 0;
  progress(event) {
    if (event.action === "upload" || event.action === "copy") {
      if (event.bytes < event.total) {
        this.bars.set(event.id, event);
        this.redraw();
        return;
      }
    }
    this.bars.delete(event.id);
    this.printAbove(`${event.id}: ${event.action} ${formatBytes(event.total)}`);
  }
  printAbove(line) {
    this.clear();
    this.stream.write(`${line}
`);
    this.redraw();
  }
  clear() {
    for (let i = 0; i < this.drawn; i++) this.stream.write("\x1B[1A\x1B[2K");
    this.drawn = 0;
  }
  redraw() {
    this.clear();
    for (const bar of this.bars.values()) {
      const done = bar.total > 0 ? bar.bytes / bar.total : 1;
      const filled = Math.round(done * BAR_WIDTH);
      this.stream.write(
        `${bar.id}: ${bar.action} [${"=".repeat(filled)}${" ".repeat(BAR_WIDTH - filled)}] ${formatBytes(bar.bytes)}/${formatBytes(bar.total)}
`
      );
      this.drawn++;
    }
  }
};
var QUIET_START_MS = 3e3;
var LINE_INTERVAL_MS = 1e4;
var LINE_STEP = 0.1;
var TransferLines = class {
  constructor(write, now = () => performance.now()) {
    this.write = write;
    this.now = now;
  }
  write;
  now;
  transfers = /* @__PURE__ */ new Map();
  /** Returns true when the event was handled (a running transfer); false leaves it to the caller. */
  update(event) {
    if (event.action !== "upload" && event.action !== "copy") return false;
    const key = `${event.action} ${event.id}`;
    const now = this.now();
    if (event.bytes >= event.total) {
      this.transfers.delete(key);
      return false;
    }
    let state = this.transfers.get(key);
    if (!state || event.bytes === 0) {
      state = { start: now, lastLine: now, lastFraction: 0 };
      this.transfers.set(key, state);
      return true;
    }
    const elapsed = now - state.start;
    const fraction = event.total > 0 ? event.bytes / event.total : 1;
    if (elapsed < QUIET_START_MS) return true;
    if (now - state.lastLine < LINE_INTERVAL_MS && fraction - state.lastFraction < LINE_STEP) {
      return true;
    }
    state.lastLine = now;
    state.lastFraction = fraction;
    const rate = event.bytes / (elapsed / 1e3);
    const eta = rate > 0 ? (event.total - event.bytes) / rate : Infinity;
    this.write(
      `${event.id}: ${event.action} ${formatBytes(event.bytes)}/${formatBytes(event.total)} (${Math.floor(fraction * 100 + 1e-9)}%), ${formatBytes(Math.round(rate))}/s, ETA ${formatDuration(eta)}`
    );
    return true;
  }
};
function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return "unknown";
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
function gitLabSection(write, title, now = Date.now) {
  const id = `slipway_${title.replace(/[^A-Za-z0-9_.-]+/g, "_")}`;
  const stamp = () => Math.floor(now() / 1e3);
  write(`\x1B[0Ksection_start:${stamp()}:${id}[collapsed=true]\r\x1B[0K${title}
`);
  return () => write(`\x1B[0Ksection_end:${stamp()}:${id}\r\x1B[0K
`);
}
var CiLogger = class extends LineLogger {
  constructor(out, opts) {
    super((line) => out(`${line}
`), opts.verbose);
    this.out = out;
    this.lines = opts.progress ? new TransferLines((line) => out(`${line}
`)) : void 0;
    this.sections = opts.sections;
  }
  out;
  lines;
  openSections = 0;
  sections;
  progress(event) {
    if (this.lines?.update(event)) return;
    if ((event.action === "upload" || event.action === "copy") && event.bytes !== event.total) {
      return;
    }
    super.progress(event);
  }
  section(title) {
    if (!this.sections || this.openSections > 0) return () => void 0;
    this.openSections++;
    const end = gitLabSection(this.out, title);
    return () => {
      this.openSections--;
      end();
    };
  }
};

// src/fronts/report.ts
import { randomBytes as randomBytes4 } from "node:crypto";
import {
  closeSync as closeSync2,
  constants as constants3,
  lstatSync as lstatSync3,
  mkdirSync as mkdirSync2,
  openSync as openSync2,
  readFileSync as readFileSync6,
  renameSync,
  rmSync as rmSync2,
  writeFileSync as writeFileSync3
} from "node:fs";
import { basename as basename14, dirname as dirname10, isAbsolute as isAbsolute2, join as join27, relative as relative5, resolve as resolve13, sep as sep5 } from "node:path";

// src/core/result.ts
var DISCOVER_OUTPUTS = [
  "matrix",
  "matrix-2",
  "matrix-3",
  "matrix-4",
  "matrices",
  "count",
  "projects"
];
var OUTPUT_DESCRIPTIONS = {
  image: "First pushed reference, repo:tag.",
  digest: "Digest of the pushed manifest or index.",
  "image-ref": "The image pinned by digest, repo@sha256:\u2026.",
  tags: "Pushed tags, comma-separated.",
  platforms: "Platforms in the image, comma-separated.",
  "base-digest": "Digest the base image was pinned to.",
  dockerfile: "Path of the rendered Dockerfile.",
  metadata: "JSON with every output.",
  pushed: "true when anything was pushed; false when the registry already had the image.",
  manifest: "Path of the Function Mesh resource, when written.",
  "definition-id": "Airbyte custom connector definition id, when registered.",
  "sbom-digest": "Digest of the pushed SBOM artifact.",
  sbom: "Path of the CycloneDX SBOM file of the image (base image, artifact and what it bundles).",
  attestations: "Signed Sigstore bundles attached to the image, repo@digest, comma-separated.",
  references: "Every repository that holds the image, repo@digest, comma-separated.",
  matrix: "mode: discover \u2014 the selected projects as a job matrix for strategy.matrix: ${{ fromJSON(...) }}; empty when none was selected.",
  "matrix-2": "mode: discover \u2014 the second matrix, past 256 projects (the limit of one GitHub matrix).",
  "matrix-3": "mode: discover \u2014 the third matrix.",
  "matrix-4": "mode: discover \u2014 the fourth matrix.",
  matrices: "mode: discover \u2014 how many matrices hold projects.",
  count: "mode: discover \u2014 how many projects were selected.",
  projects: 'mode: discover \u2014 JSON {"projects": [...]} with every selected project, its inputs and why it was selected.',
  "tag-decisions": "What happened to each tag, repo:tag=created|updated|unchanged|skipped, comma-separated (a refused release tag fails the run)."
};

// src/fronts/report.ts
var OUTPUT_ORDER = Object.keys(OUTPUT_DESCRIPTIONS).filter(
  (name) => name !== "metadata" && !DISCOVER_OUTPUTS.includes(name)
);
var DOTENV_OUTPUTS = OUTPUT_ORDER.filter((name) => name !== "dockerfile");
var FILE_OUTPUTS = ["manifest", "sbom"];
function dotenvName(name) {
  return `SLIPWAY_${name.toUpperCase().replace(/-/g, "_")}`;
}
function outputString(value) {
  if (value === void 0) return "";
  return Array.isArray(value) ? value.join(",") : String(value);
}
function outputStrings(outputs) {
  const out = {};
  for (const name of OUTPUT_ORDER) {
    if (outputs[name] !== void 0) out[name] = outputString(outputs[name]);
  }
  out.metadata = outputsJson(outputs);
  return out;
}
function outputsJson(outputs) {
  const ordered = {};
  for (const name of OUTPUT_ORDER) {
    if (outputs[name] !== void 0) ordered[name] = outputs[name];
  }
  return JSON.stringify(ordered);
}
function dotenvReport(outputs, projectDir) {
  const lines = [];
  for (const name of DOTENV_OUTPUTS) {
    if (outputs[name] === void 0) continue;
    let value = outputString(outputs[name]);
    if (FILE_OUTPUTS.includes(name) && projectDir !== void 0)
      value = underDir(projectDir, value);
    if (/[\s"'#]/.test(value)) continue;
    lines.push(`${dotenvName(name)}=${value}`);
  }
  return `${lines.join("\n")}
`;
}
function underDir(dir, path9) {
  const rel = relative5(dir, path9);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute2(rel) ? rel : path9;
}
function checkReportPath(path9, flag) {
  const refuse = (link2) => {
    const what = link2 === path9 ? "" : ` (its folder ${link2})`;
    throw new InputError(
      `${flag} ${path9}${what} is a symbolic link; Slipway never writes through links (one committed to the repository could overwrite any file the job can write): remove the link or choose another path.`
    );
  };
  const cwd = process.cwd();
  const folder = relative5(cwd, dirname10(resolve13(path9)));
  if (folder !== "" && !folder.startsWith("..") && !isAbsolute2(folder)) {
    let at = cwd;
    for (const part of folder.split(sep5)) {
      at = join27(at, part);
      const stat6 = lstatOrUndefined(at);
      if (stat6 === void 0) break;
      if (stat6.isSymbolicLink()) refuse(relative5(cwd, at));
    }
  }
  if (lstatOrUndefined(path9)?.isSymbolicLink()) refuse(path9);
}
function lstatOrUndefined(path9) {
  try {
    return lstatSync3(path9);
  } catch {
    return void 0;
  }
}
function writeReportFile(path9, text4, flag) {
  checkReportPath(path9, flag);
  mkdirSync2(dirname10(path9), { recursive: true });
  const temp = join27(dirname10(path9), `.${basename14(path9)}.${randomBytes4(6).toString("hex")}.tmp`);
  const flags2 = constants3.O_WRONLY | constants3.O_CREAT | constants3.O_EXCL | constants3.O_NOFOLLOW;
  try {
    const fd = openSync2(temp, flags2, 420);
    try {
      writeFileSync3(fd, text4);
    } finally {
      closeSync2(fd);
    }
    renameSync(temp, path9);
  } catch (err) {
    rmSync2(temp, { force: true });
    throw err;
  }
}
function readReportFile(path9, flag) {
  let fd;
  try {
    fd = openSync2(path9, constants3.O_RDONLY | constants3.O_NOFOLLOW);
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return void 0;
    if (code === "ELOOP") {
      throw new InputError(
        `${flag} ${path9} is a symbolic link; Slipway never reads reports through links: remove the link.`
      );
    }
    throw err;
  }
  try {
    return readFileSync6(fd, "utf8");
  } finally {
    closeSync2(fd);
  }
}
function dotenvValue(value) {
  return value.replace(new RegExp("\\p{Cc}|[\\u2028\\u2029]", "gu"), " ");
}
function jobResultReport(dotenv, project, status) {
  const lines = status === "success" ? (dotenv ?? "").split("\n").filter((line) => /^SLIPWAY_[A-Z0-9_]+=\S*$/.test(line)) : [];
  lines.push(
    `SLIPWAY_PROJECT=${dotenvValue(project)}`,
    `SLIPWAY_JOB_STATUS=${dotenvValue(status)}`
  );
  return `${lines.join("\n")}
`;
}

export {
  LineLogger,
  formatBytes,
  readRepositoryConfig,
  describeReason,
  discoveryJson,
  parseLayoutReference,
  readLayoutBase,
  SUFFIX,
  oidcTokenFromEnv,
  connect,
  runMode,
  gitLabChildPipeline,
  selectProjects,
  discoverOutputs,
  runMany,
  manySummary,
  TtyLogger,
  TransferLines,
  CiLogger,
  OUTPUT_DESCRIPTIONS,
  dotenvName,
  outputStrings,
  outputsJson,
  dotenvReport,
  checkReportPath,
  writeReportFile,
  readReportFile,
  jobResultReport
};
