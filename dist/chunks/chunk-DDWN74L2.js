#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-3ILMJHGQ.js";

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
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
  "node_modules/fast-fifo/index.js"(exports, module) {
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
  "node_modules/b4a/index.js"(exports, module) {
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
    function copy2(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
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
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
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
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
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
  "node_modules/text-decoder/index.js"(exports, module) {
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
  "node_modules/streamx/lib/errors.js"(exports, module) {
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
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder = require_text_decoder();
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
    var Readable4 = class _Readable extends Stream {
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
        const dec = new TextDecoder(encoding);
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
            return new Promise(function(resolve10, reject) {
              promiseResolve = resolve10;
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
          return new Promise((resolve10, reject) => {
            if (stream._duplexState & DESTROYED) return resolve10({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve10({ value: void 0, done: true });
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
        return new Promise((resolve10) => {
          state.drains.push({ writes, resolve: resolve10 });
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
    var Duplex = class extends Readable4 {
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
    var Transform3 = class extends Duplex {
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
    var PassThrough2 = class extends Transform3 {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve10, reject) => {
        return pipeline5(...streams, (err) => {
          if (err) return reject(err);
          resolve10();
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
      Readable: Readable4,
      Duplex,
      Transform: Transform3,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough: PassThrough2
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
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
    exports.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function encodePax(opts) {
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
    exports.decodePax = function decodePax(buf) {
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
    exports.encode = function encode(opts) {
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
    exports.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
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
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
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
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
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
    function addLength(str) {
      const len = b4a.byteLength(str);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable4, getStreamError } = require_streamx();
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
    var Source = class extends Readable4 {
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
        function onnext(resolve10, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve10({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve10;
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
          return new Promise((resolve10, reject) => {
            if (extract.destroyed) return resolve10({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve10({ value: void 0, done: true });
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
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants2 = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants2;
    } catch {
      module.exports = constants2;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable4, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants2 = require_constants();
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
    var Pack = class extends Readable4 {
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
      switch (mode & constants2.S_IFMT) {
        case constants2.S_IFBLK:
          return "block-device";
        case constants2.S_IFCHR:
          return "character-device";
        case constants2.S_IFDIR:
          return "directory";
        case constants2.S_IFIFO:
          return "fifo";
        case constants2.S_IFLNK:
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
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
  }
});

// src/core/errors.ts
var SlipwayError = class extends Error {
  constructor(message, exitCode, location) {
    super(message);
    this.exitCode = exitCode;
    this.location = location;
    this.name = new.target.name;
  }
  exitCode;
  location;
};
var InputError = class extends SlipwayError {
  constructor(message, location) {
    super(message, 2, location);
  }
};
var RunError = class extends SlipwayError {
  constructor(message, location) {
    super(message, 1, location);
  }
};
function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

// src/core/secrets.ts
var MIN_SECRET_LENGTH = 4;
var SecretRegistry = class {
  values = /* @__PURE__ */ new Set();
  listeners = [];
  add(value) {
    if (!value || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    this.values.add(value);
    const encoded = Buffer.from(value).toString("base64");
    this.values.add(encoded);
    for (const listener of this.listeners) {
      listener(value);
      listener(encoded);
    }
  }
  onAdd(listener) {
    this.listeners.push(listener);
    for (const value of this.values) listener(value);
  }
  redact(text4) {
    let out = text4;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join("***");
    }
    return out;
  }
  /** For tests only: forget everything registered. */
  clear() {
    this.values.clear();
  }
};
var secrets = new SecretRegistry();

// src/core/inputs.ts
var CONNECTOR_TYPES = [
  "pulsar-source",
  "pulsar-sink",
  "pulsar-function",
  "airbyte-source",
  "airbyte-destination"
];
var ARTIFACT_FORMATS = [
  "nar",
  "uber-jar",
  "jar",
  "python",
  "go",
  "airbyte-manifest",
  "airbyte-java",
  "airbyte-python",
  "file"
];
var REGISTRY_PROVIDERS = [
  "ecr",
  "ecr-public",
  "gar",
  "acr",
  "dockerhub",
  "ghcr",
  "gitlab",
  "generic"
];
var spec = (table) => table;
var INPUTS = spec({
  // --- connector: what is packaged -------------------------------------------------------------
  "connector-type": {
    group: "connector",
    type: "string",
    default: "auto",
    choices: ["auto", ...CONNECTOR_TYPES],
    description: "What the artifact is. auto reads it from pulsar-io.yaml (sourceClass/sinkClass) or Airbyte metadata.yaml (connectorType)."
  },
  "artifact-format": {
    group: "connector",
    type: "string",
    default: "auto",
    choices: ["auto", ...ARTIFACT_FORMATS],
    description: "Format of the artifact; auto inspects the file."
  },
  build: {
    group: "connector",
    type: "string",
    default: "auto",
    choices: ["auto", "maven", "gradle", "none"],
    description: "Build to run first: auto picks Maven when pom.xml exists, Gradle when build.gradle(.kts) or gradlew exists."
  },
  "build-args": {
    group: "connector",
    type: "list",
    default: "",
    description: "Extra arguments for the build tool, e.g. -DskipTests."
  },
  "working-directory": {
    group: "connector",
    type: "string",
    default: ".",
    description: "Directory of the connector project; relative paths are resolved from here."
  },
  artifact: {
    group: "connector",
    type: "string",
    default: "",
    description: "Path or glob of the artifact. Found when empty: target/*.nar, the shaded jar, build/libs/*-all.jar, a folder with metadata.yaml."
  },
  "class-name": {
    group: "connector",
    type: "string",
    default: "",
    description: "Connector or function class; required for an uber JAR connector."
  },
  "pulsar-version": {
    group: "connector",
    type: "string",
    default: "4.0.4",
    description: "Pulsar version; selects the Function Mesh runner tag."
  },
  // --- image: what is built ---------------------------------------------------------------------
  image: {
    group: "image",
    type: "string",
    default: "",
    description: "Target repository, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-sink. Airbyte defaults to metadata.yaml dockerRepository."
  },
  tags: {
    group: "image",
    type: "list",
    default: "",
    description: "Tags to push. Empty: the artifact version plus CI tags (v1.2.3 \u2192 1.2.3, 1.2, 1; a branch \u2192 sha-<7 hex>)."
  },
  "base-image": {
    group: "image",
    type: "string",
    default: "",
    description: "Base image; overrides the default runner image of the connector type."
  },
  "artifact-path": {
    group: "image",
    type: "string",
    default: "",
    description: "Directory inside the image where the artifact lands; defaults per connector type."
  },
  platforms: {
    group: "image",
    type: "list",
    default: "",
    description: "Platforms to build, e.g. linux/amd64,linux/arm64. Empty: every platform of the base."
  },
  labels: {
    group: "image",
    type: "map",
    default: "",
    description: "Extra labels, key=value, newline- or comma-separated."
  },
  dockerfile: {
    group: "image",
    type: "string",
    default: "",
    description: "Your own Dockerfile. Built natively when it has no RUN, else with docker-command."
  },
  builder: {
    group: "image",
    type: "string",
    default: "auto",
    choices: ["auto", "native", "docker"],
    description: "auto builds natively unless the plan needs RUN."
  },
  "docker-command": {
    group: "image",
    type: "string",
    default: "docker",
    description: "Docker-compatible CLI for plans that need RUN and for verify (docker or podman)."
  },
  output: {
    group: "image",
    type: "string",
    default: "registry",
    description: "registry (push), oci:DIR (write an OCI image layout, no registry needed) or none (dry run that computes the digest)."
  },
  "if-exists": {
    group: "image",
    type: "string",
    default: "overwrite",
    choices: ["overwrite", "skip", "fail"],
    description: "When a tag already exists with another digest. The same digest is always a successful no-op."
  },
  // --- registry ---------------------------------------------------------------------------------
  "registry-provider": {
    group: "registry",
    type: "string",
    default: "auto",
    choices: ["auto", ...REGISTRY_PROVIDERS],
    description: "How to authenticate; auto detects it from the image host."
  },
  username: {
    group: "registry",
    type: "string",
    default: "",
    description: "Registry user (Docker Hub, ACR admin user, generic registries)."
  },
  password: {
    group: "registry",
    type: "string",
    default: "",
    secret: true,
    description: "Registry password or access token. In the CLI prefer SLIPWAY_PASSWORD."
  },
  "github-token": {
    group: "registry",
    type: "string",
    default: "",
    actionDefault: "${{ github.token }}",
    secret: true,
    description: "Token for ghcr.io. The action passes the workflow's GITHUB_TOKEN; elsewhere GITHUB_TOKEN is read from the environment."
  },
  "insecure-registry": {
    group: "registry",
    type: "boolean",
    default: "false",
    description: "Allow plain HTTP to a non-loopback registry."
  },
  "registry-ca": {
    group: "registry",
    type: "string",
    default: "",
    description: "PEM file of a private CA for a self-hosted registry."
  },
  "create-repository": {
    group: "registry",
    type: "boolean",
    default: "true",
    description: "Create a missing ECR, ECR Public or Artifact Registry repository."
  },
  // --- cloud identities -------------------------------------------------------------------------
  "aws-region": {
    group: "cloud",
    type: "string",
    default: "",
    description: "AWS region; default from the ECR host or AWS_REGION."
  },
  "aws-role-to-assume": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Role ARN assumed with the CI's OIDC token (AssumeRoleWithWebIdentity)."
  },
  "image-tag-mutability": {
    group: "cloud",
    type: "string",
    default: "MUTABLE",
    choices: ["MUTABLE", "IMMUTABLE"],
    description: "Tag mutability of an ECR repository Slipway creates."
  },
  "scan-on-push": {
    group: "cloud",
    type: "boolean",
    default: "false",
    description: "Scan-on-push setting of an ECR repository Slipway creates."
  },
  "oidc-token-variable": {
    group: "cloud",
    type: "string",
    default: "SLIPWAY_ID_TOKEN",
    description: "GitLab: the id_tokens variable holding the OIDC token for keyless cloud login."
  },
  "gcp-workload-identity-provider": {
    group: "cloud",
    type: "string",
    default: "",
    description: "projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER, for keyless Google login."
  },
  "gcp-service-account": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Service account to impersonate after workload identity federation."
  },
  "azure-client-id": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Entra ID application (client) id for keyless login with the CI's OIDC token."
  },
  "azure-tenant-id": {
    group: "cloud",
    type: "string",
    default: "",
    description: "Entra ID tenant id for keyless login."
  },
  // --- behaviour --------------------------------------------------------------------------------
  verify: {
    group: "behaviour",
    type: "boolean",
    default: "false",
    description: "Airbyte: run the pushed image with spec and require a SPEC message."
  },
  "max-retries": {
    group: "behaviour",
    type: "number",
    default: "5",
    description: "Retries of a registry request on 408, 429, 5xx, resets and timeouts."
  },
  "request-timeout": {
    group: "behaviour",
    type: "number",
    default: "300",
    description: "Seconds one registry request may stay silent before it is retried."
  },
  mode: {
    group: "behaviour",
    type: "string",
    default: "build",
    choices: ["build", "rebase"],
    description: "build packages the artifact; rebase moves an image Slipway built onto a new base."
  },
  // --- after the push ---------------------------------------------------------------------------
  sbom: {
    group: "after-push",
    type: "boolean",
    default: "true",
    description: "Push a CycloneDX SBOM of the bundled dependencies as a referrer of the image."
  },
  "function-mesh-manifest": {
    group: "after-push",
    type: "boolean",
    default: "false",
    description: "Write a Function Mesh Source/Sink/Function resource pinned to the pushed digest."
  },
  "function-mesh-values": {
    group: "after-push",
    type: "string",
    default: "",
    description: "YAML merged into the Function Mesh resource (topics, config, pulsar, replicas)."
  },
  "airbyte-url": {
    group: "after-push",
    type: "string",
    default: "",
    description: "Airbyte API URL; when set, the image is registered as a custom connector."
  },
  "airbyte-workspace-id": {
    group: "after-push",
    type: "string",
    default: "",
    description: "Airbyte workspace for the custom connector definition."
  },
  "airbyte-token": {
    group: "after-push",
    type: "string",
    default: "",
    secret: true,
    description: "Airbyte API bearer token."
  },
  "airbyte-client-id": {
    group: "after-push",
    type: "string",
    default: "",
    description: "Airbyte application client id (exchanged for a token)."
  },
  "airbyte-client-secret": {
    group: "after-push",
    type: "string",
    default: "",
    secret: true,
    description: "Airbyte application client secret."
  }
});
function parseList(raw) {
  return raw.split(/[\n,]/).map((s) => s.trim()).filter((s) => s.length > 0);
}
function parseMap(name, raw) {
  const out = {};
  for (const item of parseList(raw)) {
    const eq = item.indexOf("=");
    if (eq <= 0) {
      throw new InputError(
        `Input "${name}": "${item}" is not key=value; write e.g. ${name}: team=data`
      );
    }
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}
function parseOne(name, raw) {
  const s = INPUTS[name];
  switch (s.type) {
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw new InputError(`Input "${name}" must be true or false (got "${raw}").`);
    case "number": {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n)) {
        throw new InputError(`Input "${name}" must be a whole number (got "${raw}").`);
      }
      return n;
    }
    case "list":
      return parseList(raw);
    case "map":
      return parseMap(name, raw);
    case "string":
      if (s.choices && !s.choices.includes(raw)) {
        throw new InputError(
          `Input "${name}" must be one of ${s.choices.join(", ")} (got "${raw}").`
        );
      }
      return raw;
  }
}
function readInputs(get) {
  const out = {};
  for (const name of Object.keys(INPUTS)) {
    const given = get(name)?.trim();
    const raw = given === void 0 || given === "" ? INPUTS[name].default : given;
    if (INPUTS[name].secret) secrets.add(raw);
    out[name] = parseOne(name, raw);
  }
  return out;
}

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

// src/image/digest.ts
import { createHash } from "node:crypto";
var DIGEST = /^sha256:[a-f0-9]{64}$/;
function sha256(data) {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}
function isDigest(value) {
  return DIGEST.test(value);
}
function shortDigest(digest) {
  return digest.slice(digest.indexOf(":") + 1, digest.indexOf(":") + 13);
}

// src/image/reference.ts
var DOCKER_HUB = "docker.io";
var DOCKER_HUB_API = "registry-1.docker.io";
var DOCKER_HUB_ALIASES = /* @__PURE__ */ new Set([
  "docker.io",
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com"
]);
var SCRATCH = "scratch";
var MAX_NAME_LENGTH = 255;
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN_RE = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`
);
var PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var TAG_RE = /^[\w][\w.-]{0,127}$/;
var DIGEST_SHAPE_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
var Reference = class _Reference {
  constructor(registry, repository, tag, digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }
  registry;
  repository;
  tag;
  digest;
  /** "registry/repository", without tag or digest. */
  name() {
    return `${this.registry}/${this.repository}`;
  }
  /** "registry/repository[:tag][@digest]" */
  toString() {
    let out = this.name();
    if (this.tag !== void 0) out += `:${this.tag}`;
    if (this.digest !== void 0) out += `@${this.digest}`;
    return out;
  }
  /** What to ask the registry for: the digest when pinned, else the tag, else "latest". */
  identifier() {
    return this.digest ?? this.tag ?? "latest";
  }
  /** host[:port] that serves the registry API (Docker Hub's differs from its name). */
  apiHost() {
    return registryApiHost(this.registry);
  }
  withTag(tag) {
    return new _Reference(this.registry, this.repository, tag, void 0);
  }
  withDigest(digest) {
    return new _Reference(this.registry, this.repository, this.tag, digest);
  }
  /** The same repository with neither tag nor digest. */
  repositoryOnly() {
    return new _Reference(this.registry, this.repository);
  }
};
function registryApiHost(registry) {
  return registry === DOCKER_HUB ? DOCKER_HUB_API : registry;
}
function normalizeRegistry(host) {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}
function isScratch(value) {
  return value.trim() === SCRATCH;
}
function fail(input, value, problem) {
  const where = input ? `input "${input}": image reference "${value}"` : `image reference "${value}"`;
  throw new InputError(`${where}: ${problem}`);
}
function looksLikeDomain(segment) {
  return segment.includes(".") || segment.includes(":") || segment === "localhost" || segment !== segment.toLowerCase();
}
function parseReference(value, opts = {}) {
  const raw = value.trim();
  if (raw === "") fail(opts.input, value, "is empty; write e.g. ghcr.io/org/name:tag");
  if (/\s/.test(raw)) fail(opts.input, value, "contains whitespace");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    fail(opts.input, value, "must not start with a URL scheme; write host/repository:tag");
  }
  let rest = raw;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    const given = rest.slice(at + 1);
    const shown = `digest "${given}"`;
    rest = rest.slice(0, at);
    if (!DIGEST_SHAPE_RE.test(given)) {
      fail(opts.input, value, `${shown} is malformed; write sha256:<64 hex digits>`);
    }
    if (!isDigest(given)) {
      fail(
        opts.input,
        value,
        `${shown} is not supported; only sha256:<64 lowercase hex digits> is`
      );
    }
    digest = given;
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const problem = tagProblem(tag);
    if (problem !== void 0) fail(opts.input, value, problem);
  }
  const { registry, repository } = splitName(rest, (problem) => fail(opts.input, value, problem));
  if (tag === void 0 && digest === void 0) tag = opts.defaultTag;
  return new Reference(registry, repository, tag, digest);
}
function splitName(name, problem) {
  if (name === "") problem("has no repository name");
  let registry = DOCKER_HUB;
  let path6 = name;
  const slash = name.indexOf("/");
  if (slash >= 0 && looksLikeDomain(name.slice(0, slash))) {
    const domain = name.slice(0, slash);
    path6 = name.slice(slash + 1);
    if (!DOMAIN_RE.test(domain)) {
      problem(`registry host "${domain}" is not a valid host[:port]`);
    }
    registry = normalizeRegistry(domain);
  }
  if (path6 === "") problem("has no repository path after the registry host");
  if (registry === DOCKER_HUB && !path6.includes("/")) path6 = `library/${path6}`;
  if (path6 !== path6.toLowerCase()) {
    problem(`repository "${path6}" must be lowercase`);
  }
  for (const component of path6.split("/")) {
    if (!PATH_COMPONENT_RE.test(component)) {
      problem(
        component === "" ? `repository "${path6}" has an empty path component (a double or trailing "/")` : `repository path component "${component}" is invalid; use a-z, 0-9 and single ".", "_", "__" or "-" between them`
      );
    }
  }
  if (registry.length + 1 + path6.length > MAX_NAME_LENGTH) {
    problem(`the name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return { registry, repository: path6 };
}
function tagProblem(tag) {
  if (TAG_RE.test(tag)) return void 0;
  if (tag === "") return "a tag is empty";
  if (tag.length > 128) return `tag "${tag}" is longer than 128 characters`;
  if (tag.startsWith(".") || tag.startsWith("-")) {
    return `tag "${tag}" must start with a letter, digit or "_"`;
  }
  return `tag "${tag}" has an invalid character; tags are up to 128 of [A-Za-z0-9_.-]`;
}
function parseTag(tag, input = "tags") {
  const t = tag.trim();
  const problem = tagProblem(t);
  if (problem !== void 0) throw new InputError(`input "${input}": ${problem}`);
  return t;
}
function parseRepository(value, input = "image") {
  const ref = parseReference(value, { input });
  if (ref.tag !== void 0 || ref.digest !== void 0) {
    fail(
      input,
      value,
      `names a ${ref.digest !== void 0 ? "digest" : "tag"}; "${input}" takes a repository only (${ref.name()}), put tags in the "tags" input`
    );
  }
  return ref;
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
  run(target, create) {
    const key = `${target.registry}/${target.repository}`;
    let done = this.runs.get(key);
    if (!done) {
      done = create(target);
      this.runs.set(key, done);
    }
    return done;
  }
};

// src/image/transport/hosts.ts
function isLoopbackHost(hostPort) {
  let host = hostPort;
  if (host.startsWith("[")) host = host.slice(1, host.indexOf("]"));
  else if (host.includes(":")) host = host.slice(0, host.lastIndexOf(":"));
  host = host.toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

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
    const identity = await import("./esm-RAOQJ33G.js");
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
      this.credential = new identity.ClientAssertionCredential(
        tenantId,
        clientId,
        () => this.oidcAssertion(),
        options
      );
    } else {
      this.credential = new identity.DefaultAzureCredential({
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
  const run = env.GITHUB_RUN_ID ?? env.CI_JOB_ID ?? String(Date.now());
  return `slipway-${run}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
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
  credentials(_host, target) {
    const token = this.ctx.inputs["github-token"] || envSecret(this.ctx, "GITHUB_TOKEN");
    if (!token) return Promise.resolve(ANONYMOUS);
    const username = (target ? this.ctx.inputs.username : "") || this.ctx.env.GITHUB_ACTOR || "x-access-token";
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
function detectProvider(registryHost, inputs, env = {}, target = targetRegistry(inputs)) {
  const chosen = inputs["registry-provider"];
  if (isProvider(chosen) && target !== void 0 && normalizeRegistry(registryHost) === target) {
    return chosen;
  }
  return providerForHost(registryHost, env);
}

// src/providers/docker-config.ts
import { readFile } from "node:fs/promises";
import path2 from "node:path";

// src/core/json.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/providers/credential-helper.ts
import { execFile } from "node:child_process";
var HELPER_TIMEOUT_MS = 3e4;
var NOT_FOUND = "credentials not found in native keychain";
var TOKEN_USERNAME = "<token>";
function helperGet(name, serverUrl2, env, timeoutMs = HELPER_TIMEOUT_MS) {
  const program = `docker-credential-${name}`;
  return new Promise((resolve10) => {
    const child = execFile(
      program,
      ["get"],
      { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, encoding: "utf8", shell: false },
      (error, stdout, stderr) => {
        if (!error) {
          resolve10(parseAnswer(stdout));
          return;
        }
        const said = firstLine(stdout) || firstLine(stderr);
        if (said === NOT_FOUND) {
          resolve10({ kind: "not-found" });
        } else if (error.code === "ENOENT") {
          resolve10({ kind: "failed", reason: "not found on PATH" });
        } else if (error.killed) {
          resolve10({ kind: "failed", reason: `no answer in ${timeoutMs / 1e3}s` });
        } else {
          const detail = said && !said.startsWith("{") ? `: ${secrets.redact(said).slice(0, 200)}` : "";
          resolve10({ kind: "failed", reason: `${exitOf(error)}${detail}` });
        }
      }
    );
    child.stdin?.on("error", () => void 0);
    child.stdin?.end(serverUrl2);
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
    text4 = await readFile(file.path, "utf8");
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
function text(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function entryCredentials(entry) {
  if (!isRecord(entry)) return "malformed";
  const auth = text(entry.auth);
  let username = text(entry.username);
  let password = text(entry.password);
  if (auth) {
    secrets.add(auth);
    const decoded = Buffer.from(auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return "malformed";
    username = decoded.slice(0, colon) || void 0;
    password = decoded.slice(colon + 1) || void 0;
  }
  secrets.add(password);
  const registryToken = text(entry.registrytoken);
  secrets.add(registryToken);
  if (registryToken) return { registryToken };
  const identityToken = text(entry.identitytoken);
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
    const named = text(lookup(config.credHelpers, host, file)?.value);
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
  constructor(ctx, identity) {
    this.ctx = ctx;
    this.identity = identity;
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
  ensureRepository(target) {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
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
  constructor(ctx, identity) {
    this.ctx = ctx;
    this.identity = identity;
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
  ensureRepository(target) {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
  }
  /** DescribeRepositories, then CreateRepository only when ECR Public says it does not exist. */
  async createIfMissing(target) {
    const { registry } = target;
    const { alias, name } = ecrPublicRepository(target);
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
function text2(value) {
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
      return `${text2(e.status)}: ${text2(e.message)}`;
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
    let json;
    try {
      json = JSON.parse(await fsp.readFile(file, "utf8"));
    } catch (error) {
      throw new InputError(
        `GOOGLE_APPLICATION_CREDENTIALS names ${file}, which is not a readable JSON credentials file (${errorMessage(error)}): point it at the key or external_account file.`
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
    const url2 = rawUrl instanceof URL ? rawUrl.href : text2(rawUrl);
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
  ensureRepository(target) {
    return this.ensured.run(target, (t) => this.createIfMissing(t));
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
async function issue(ctx, host, target) {
  const isTarget = host === target;
  const name = detectProvider(host, ctx.inputs, ctx.env, target);
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
function credentialResolver(ctx, target = targetRegistry(ctx.inputs)) {
  const targetHost = target === void 0 ? void 0 : normalizeRegistry(target);
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
async function ensureRepository(ctx, target) {
  if (!ctx.inputs["create-repository"]) return;
  const registry = normalizeRegistry(target.registry);
  const name = detectProvider(registry, ctx.inputs, ctx.env, registry);
  await providerFor(ctx, name).ensureRepository?.({ registry, repository: target.repository });
}
function accessHint(ctx, registryHost, access2, target = targetRegistry(ctx.inputs)) {
  const name = detectProvider(
    registryHost,
    ctx.inputs,
    ctx.env,
    target && normalizeRegistry(target)
  );
  return permissionHint(name, access2);
}
function registryAccess(ctx, target) {
  const targetHost = target?.registry ?? targetRegistry(ctx.inputs);
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

// src/core/pipeline.ts
import { mkdtempSync, readFileSync as readFileSync3, rmSync, writeFileSync as writeFileSync2 } from "node:fs";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join13, resolve as resolve9 } from "node:path";

// src/core/clock.ts
import { execFileSync } from "node:child_process";
function buildEpoch(workingDirectory, env = process.env) {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== void 0 && fromEnv !== "") {
    if (!/^\d+$/.test(fromEnv)) {
      throw new InputError(
        `SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${fromEnv}"); unset it or set e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`
      );
    }
    return Number(fromEnv);
  }
  try {
    const out = execFileSync("git", ["log", "-1", "--format=%ct"], {
      cwd: workingDirectory,
      stdio: ["ignore", "pipe", "ignore"],
      encoding: "utf8"
    }).trim();
    if (/^\d+$/.test(out)) return Number(out);
  } catch {
  }
  return 0;
}
function epochToIso(epoch) {
  return new Date(epoch * 1e3).toISOString().replace(".000Z", "Z");
}

// src/core/publish.ts
import { resolve } from "node:path";

// src/core/tags.ts
function nonEmpty(value) {
  return value === void 0 || value === "" ? void 0 : value;
}
function ciContext(env) {
  if (env.GITHUB_ACTIONS === "true" || nonEmpty(env.GITHUB_REF) !== void 0) {
    const ref = env.GITHUB_REF ?? "";
    let gitTag;
    let branch;
    if (ref.startsWith("refs/tags/")) gitTag = ref.slice("refs/tags/".length);
    else if (ref.startsWith("refs/heads/")) branch = ref.slice("refs/heads/".length);
    else if (env.GITHUB_REF_TYPE === "tag") gitTag = nonEmpty(env.GITHUB_REF_NAME);
    else if (env.GITHUB_REF_TYPE === "branch") branch = nonEmpty(env.GITHUB_REF_NAME);
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? "https://github.com";
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    return {
      ci: "github",
      sha: nonEmpty(env.GITHUB_SHA),
      gitTag,
      branch,
      repositoryUrl: repo === void 0 ? void 0 : `${server.replace(/\/+$/, "")}/${repo}`
    };
  }
  if (env.GITLAB_CI === "true" || nonEmpty(env.CI_COMMIT_SHA) !== void 0) {
    return {
      ci: "gitlab",
      sha: nonEmpty(env.CI_COMMIT_SHA) ?? nonEmpty(env.CI_COMMIT_SHORT_SHA),
      gitTag: nonEmpty(env.CI_COMMIT_TAG),
      branch: nonEmpty(env.CI_COMMIT_BRANCH),
      repositoryUrl: nonEmpty(env.CI_PROJECT_URL)
    };
  }
  return { ci: "none" };
}
var SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;
function sanitizeTag(value) {
  const cleaned = value.trim().replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[.-]+/, "").slice(0, 128);
  return cleaned === "" ? void 0 : cleaned;
}
function tagsForGitTag(gitTag) {
  const m = SEMVER.exec(gitTag);
  if (m === null) {
    const tag = sanitizeTag(gitTag);
    return tag === void 0 ? [] : [tag];
  }
  const [, major, minor, patch, prerelease, build] = m;
  let full = `${major}.${minor}.${patch}`;
  if (prerelease !== void 0) full += `-${prerelease}`;
  if (build !== void 0) full += `-${build}`;
  if (prerelease !== void 0) return [full];
  return [full, `${major}.${minor}`, major];
}
function dedupe(tags) {
  return [...new Set(tags)];
}
function defaultTags({ inputTags, artifactVersion, env }) {
  if (inputTags.length > 0) return dedupe(inputTags.map((tag) => parseTag(tag, "tags")));
  const ci = ciContext(env);
  const tags = [];
  if (ci.gitTag !== void 0) tags.push(...tagsForGitTag(ci.gitTag));
  const version = artifactVersion === void 0 ? void 0 : sanitizeTag(artifactVersion);
  if (version !== void 0) tags.push(version);
  if (ci.gitTag === void 0 && ci.sha !== void 0 && /^[0-9a-f]{7,}$/i.test(ci.sha)) {
    tags.push(`sha-${ci.sha.slice(0, 7).toLowerCase()}`);
  }
  return tags.length > 0 ? dedupe(tags) : ["latest"];
}
var OCI = "org.opencontainers.image";
function ciLabels(env, info) {
  const ci = ciContext(env);
  const labels = {};
  const set = (key, value) => {
    if (value !== void 0 && value !== "") labels[`${OCI}.${key}`] = value;
  };
  set("created", epochToIso(info.epoch));
  set("source", ci.repositoryUrl);
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
function ifExists({
  reference,
  existingDigest,
  newDigest,
  policy
}) {
  if (existingDigest === void 0) return { action: "push" };
  if (existingDigest === newDigest) return { action: "no-op" };
  const other = `${existingDigest.slice(0, 19)}\u2026`;
  switch (policy) {
    case "overwrite":
      return { action: "push" };
    case "skip":
      return {
        action: "skip",
        message: `${reference} already points at ${other}, left as it is (if-exists: skip)`
      };
    case "fail":
      return {
        action: "fail",
        message: `Tag ${reference} already exists with another image (${other}) and if-exists is fail; push a new tag, or set if-exists to overwrite or skip.`
      };
  }
}

// src/image/layout.ts
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, promises as fs2 } from "node:fs";
import * as path4 from "node:path";
import { pipeline as pipeline2 } from "node:stream";
import { pipeline as pipelineAsync } from "node:stream/promises";

// src/image/image.ts
import { Readable } from "node:stream";
function isIndex(artifact) {
  return "index" in artifact;
}
function isDistributable(d) {
  return !/foreign|nondistributable/.test(d.mediaType);
}
function memoryBlob(descriptor, data, origin) {
  return {
    descriptor,
    origin,
    open: () => Promise.resolve(Readable.from([data]))
  };
}

// src/image/limit.ts
async function mapLimited(items, limit, each) {
  const out = new Array(items.length);
  let next = 0;
  let failure;
  const worker = async () => {
    while (failure === void 0 && next < items.length) {
      const i = next++;
      try {
        out[i] = await each(items[i]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== void 0) throw failure.error;
  return out;
}
async function forEachLimited(items, limit, each) {
  await mapLimited(items, limit, each);
}

// src/image/mutate.ts
import * as path3 from "node:path";

// src/image/types.ts
var MediaType = {
  OciManifest: "application/vnd.oci.image.manifest.v1+json",
  OciIndex: "application/vnd.oci.image.index.v1+json",
  OciConfig: "application/vnd.oci.image.config.v1+json",
  OciLayer: "application/vnd.oci.image.layer.v1.tar",
  OciLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  OciLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  OciEmpty: "application/vnd.oci.empty.v1+json",
  DockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  DockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  DockerConfig: "application/vnd.docker.container.image.v1+json",
  DockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  DockerForeignLayerGzip: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
};
var INDEX_MEDIA_TYPES = [
  MediaType.OciIndex,
  MediaType.DockerManifestList
];
var MANIFEST_MEDIA_TYPES = [
  MediaType.OciManifest,
  MediaType.DockerManifest
];
var Annotation = {
  BaseName: "org.opencontainers.image.base.name",
  BaseDigest: "org.opencontainers.image.base.digest",
  Created: "org.opencontainers.image.created",
  RefName: "org.opencontainers.image.ref.name"
};

// src/image/mutate.ts
var DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var OCI_LAYER_TYPE = {
  [MediaType.DockerLayerGzip]: MediaType.OciLayerGzip,
  [MediaType.DockerForeignLayerGzip]: "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  "application/vnd.docker.image.rootfs.diff.tar": MediaType.OciLayer
};
var STALE_CONFIG_FIELDS = ["container", "container_config", "docker_version"];
var SUFFIX = " # slipway";
function canonicalJson(value) {
  return Buffer.from(JSON.stringify(sortKeys(value)), "utf8");
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map((v) => v === void 0 ? null : sortKeys(v));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v !== void 0) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
function baseAnnotations(base, epoch) {
  const out = {};
  if (base.images.length > 0) {
    out[Annotation.BaseName] = base.name;
    if (base.digest) out[Annotation.BaseDigest] = base.digest;
  }
  out[Annotation.Created] = epochToIso(epoch);
  return out;
}
function mutateImage(input) {
  const { base, image, layer, changes, epoch } = input;
  const platform = image?.platform ?? input.platform;
  if (!platform) throw new Error("mutateImage: a scratch build needs a platform");
  return stackImage(base, image, platform, epoch, {
    layers: layer ? [layer] : [],
    diffIds: layer ? [layer.diffId] : [],
    history: history(changes, epochToIso(epoch), layer !== void 0),
    changes
  });
}
function stackImage(base, image, platform, epoch, own) {
  const baseConfig = image ? structuredClone(image.config) : {
    architecture: platform.architecture,
    os: platform.os,
    rootfs: { type: "layers", diff_ids: [] }
  };
  if (!image && platform.variant) baseConfig.variant = platform.variant;
  if (!image && platform["os.version"]) baseConfig["os.version"] = platform["os.version"];
  for (const field of STALE_CONFIG_FIELDS) delete baseConfig[field];
  const baseLayers = image?.layers ?? [];
  const baseDiffIds = baseConfig.rootfs?.diff_ids ?? [];
  if (baseDiffIds.length !== baseLayers.length) {
    throw new RunError(
      `The base image ${base.name} (${platform.os}/${platform.architecture}) has ${baseLayers.length} layers but its config lists ${baseDiffIds.length} diff_ids; the base is corrupt, pick another one`
    );
  }
  const config = {
    ...baseConfig,
    created: epochToIso(epoch),
    config: applyChanges(baseConfig.config ?? {}, own.changes, !image),
    rootfs: { type: "layers", diff_ids: [...baseDiffIds, ...own.diffIds] },
    history: [...baseConfig.history ?? [], ...own.history]
  };
  const configBytes = canonicalJson(config);
  const configBlob = memoryBlob(
    { mediaType: MediaType.OciConfig, digest: sha256(configBytes), size: configBytes.length },
    configBytes
  );
  const layers = [...baseLayers.map(ociBlob), ...own.layers];
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.descriptor),
    annotations: baseAnnotations(base, epoch)
  };
  const bytes = canonicalJson(manifest);
  return {
    platform,
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      platform
    },
    config: configBlob,
    layers
  };
}
function buildIndex(images, annotations) {
  const seen = /* @__PURE__ */ new Set();
  for (const img of images) {
    const key = canonicalJson(img.platform).toString();
    if (seen.has(key)) {
      throw new Error(`buildIndex: two images for platform ${key}`);
    }
    seen.add(key);
  }
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: images.map((img) => img.descriptor),
    annotations: Object.keys(annotations).length > 0 ? { ...annotations } : void 0
  };
  const bytes = canonicalJson(index);
  return {
    index,
    bytes,
    descriptor: { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.length },
    images
  };
}
function buildArtifact(input) {
  const { base, layer, changes, epoch } = input;
  const targets = base.images.length > 0 ? base.images.map((image) => ({ image })) : (input.platforms ?? [{ os: "linux", architecture: "amd64" }]).map((platform) => ({
    platform
  }));
  const images = targets.map((t) => mutateImage({ base, layer, changes, epoch, ...t }));
  if (images.length === 1 && !input.index) return images[0];
  return buildIndex(images, baseAnnotations(base, epoch));
}
function applyChanges(base, changes, scratch) {
  const out = { ...base };
  const env = [...base.Env ?? []];
  if (scratch && !env.some((e) => e.startsWith("PATH=")) && !(changes.env && "PATH" in changes.env)) {
    env.push(DEFAULT_PATH);
  }
  for (const [key, value] of Object.entries(changes.env ?? {})) {
    if (key === "" || key.includes("=")) {
      throw new InputError(
        `The environment variable name "${key}" is empty or contains "="; fix the env setting`
      );
    }
    const entry = `${key}=${value}`;
    const at = env.findIndex((e) => e === key || e.startsWith(`${key}=`));
    if (at >= 0) env[at] = entry;
    else env.push(entry);
  }
  if (env.length > 0) out.Env = env;
  const labels = { ...base.Labels ?? {}, ...changes.labels ?? {} };
  if (Object.keys(labels).length > 0) out.Labels = labels;
  if (changes.user !== void 0) out.User = changes.user;
  if (changes.workdir !== void 0) {
    out.WorkingDir = path3.posix.resolve(base.WorkingDir || "/", changes.workdir);
  }
  if (changes.entrypoint !== void 0) {
    out.Entrypoint = [...changes.entrypoint];
    if (changes.cmd === void 0) delete out.Cmd;
  }
  if (changes.cmd !== void 0) out.Cmd = [...changes.cmd];
  if (changes.exposedPorts?.length) {
    const ports = { ...out.ExposedPorts ?? {} };
    for (const spec2 of changes.exposedPorts)
      for (const port of exposedPortKeys(spec2)) ports[port] = {};
    out.ExposedPorts = ports;
  }
  return out;
}
var PORT_SPEC = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/i;
function exposedPortKeys(spec2) {
  const m = PORT_SPEC.exec(spec2.trim());
  const first = m ? Number(m[1]) : NaN;
  const last = m?.[2] !== void 0 ? Number(m[2]) : first;
  if (!m || first < 1 || last > 65535 || last < first) {
    throw new InputError(
      `EXPOSE ${spec2} is not a port; write a port or range with an optional protocol, e.g. EXPOSE 8080 or EXPOSE 53/udp.`
    );
  }
  const protocol = (m[3] ?? "tcp").toLowerCase();
  const keys = [];
  for (let port = first; port <= last; port++) keys.push(`${port}/${protocol}`);
  return keys;
}
function history(changes, created, hasLayer) {
  const out = [];
  const meta = (createdBy) => {
    out.push({ created, created_by: createdBy + SUFFIX, empty_layer: true });
  };
  if (hasLayer) out.push({ created, created_by: copyLine(changes.files ?? []) + SUFFIX });
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
function copyLine(files) {
  if (files.length === 0) return "COPY (directories only) /";
  const groups = /* @__PURE__ */ new Map();
  for (const f of [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
    const dir = path3.posix.dirname(f.path);
    const flags2 = [
      f.uid !== 0 || f.gid !== 0 ? `--chown=${f.uid}:${f.gid} ` : "",
      f.mode !== 420 ? `--chmod=${f.mode.toString(8).padStart(3, "0")} ` : ""
    ].join("");
    const key = `${flags2}\0${dir === "/" ? "/" : `${dir}/`}`;
    const names = groups.get(key) ?? [];
    names.push(path3.posix.basename(f.path));
    groups.set(key, names);
  }
  return [...groups.entries()].map(([key, names]) => {
    const [flags2, dir] = key.split("\0");
    return `COPY ${flags2}${names.join(" ")} ${dir}`;
  }).join("; ");
}
function ociBlob(blob) {
  const mediaType = OCI_LAYER_TYPE[blob.descriptor.mediaType] ?? blob.descriptor.mediaType;
  if (mediaType === blob.descriptor.mediaType) return blob;
  const descriptor = { ...blob.descriptor, mediaType };
  return { descriptor, origin: blob.origin, open: () => blob.open() };
}

// src/image/platform.ts
var KNOWN_OS = /* @__PURE__ */ new Set([
  "aix",
  "android",
  "darwin",
  "dragonfly",
  "freebsd",
  "illumos",
  "ios",
  "js",
  "linux",
  "netbsd",
  "openbsd",
  "plan9",
  "solaris",
  "wasip1",
  "windows",
  "zos"
]);
var KNOWN_ARCH = /* @__PURE__ */ new Set([
  "386",
  "amd64",
  "arm",
  "arm64",
  "loong64",
  "mips",
  "mipsle",
  "mips64",
  "mips64le",
  "ppc64",
  "ppc64le",
  "riscv64",
  "s390x",
  "sparc64",
  "wasm"
]);
var VARIANT_RE = /^[a-z0-9.]+$/;
function normalizePlatform(p) {
  let os2 = p.os.toLowerCase();
  if (os2 === "macos") os2 = "darwin";
  let arch = p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || void 0;
  switch (arch) {
    case "i386":
      arch = "386";
      variant = void 0;
      break;
    case "x86_64":
    case "x86-64":
    case "amd64":
      arch = "amd64";
      if (variant === "v1") variant = void 0;
      break;
    case "aarch64":
    case "arm64":
      arch = "arm64";
      if (variant === "8" || variant === "v8" || variant === "v8.0") variant = void 0;
      break;
    case "armhf":
      arch = "arm";
      variant = "v7";
      break;
    case "armel":
      arch = "arm";
      variant = "v6";
      break;
    case "arm":
      if (variant === void 0 || variant === "7") variant = "v7";
      else if (variant === "5" || variant === "6" || variant === "8") variant = `v${variant}`;
      break;
  }
  const out = { os: os2, architecture: arch };
  if (variant !== void 0) out.variant = variant;
  if (p["os.version"] !== void 0) out["os.version"] = p["os.version"];
  if (p["os.features"] !== void 0) out["os.features"] = p["os.features"];
  return out;
}
function formatPlatform(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
function parsePlatform(value, input = "platforms") {
  const raw = value.trim();
  const parts = raw.split("/");
  const bad = (why) => {
    throw new InputError(`input "${input}": platform "${value}" ${why}`);
  };
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) {
    bad("is malformed; write os/architecture[/variant], e.g. linux/amd64 or linux/arm/v7");
  }
  const [os2, architecture2, variant] = parts;
  const p = normalizePlatform({ os: os2, architecture: architecture2, variant });
  if (!KNOWN_OS.has(p.os)) bad(`has an unknown operating system "${os2}"; most images use linux`);
  if (!KNOWN_ARCH.has(p.architecture)) {
    bad(`has an unknown architecture "${architecture2}"; e.g. amd64, arm64, arm, ppc64le, s390x`);
  }
  if (p.variant !== void 0 && !VARIANT_RE.test(p.variant)) {
    bad(`has an invalid variant "${variant}"; e.g. v7 or v8`);
  }
  return p;
}
function parsePlatforms(values, input = "platforms") {
  const out = [];
  for (const value of values) {
    const p = parsePlatform(value, input);
    if (!out.some((q) => samePlatform(p, q))) out.push(p);
  }
  return out;
}
function isUnknownPlatform(p) {
  return p === void 0 || p.os === "unknown" && p.architecture === "unknown";
}
function runnableEntries(manifests) {
  return manifests.filter(
    (d) => MANIFEST_MEDIA_TYPES.includes(d.mediaType) && !isUnknownPlatform(d.platform)
  );
}
function platformOfConfig(config) {
  const p = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  if (config["os.version"]) p["os.version"] = config["os.version"];
  return p;
}
function samePlatform(a, b) {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return x.os === y.os && x.architecture === y.architecture && x.variant === y.variant;
}
function bestMatch(requested, candidates, platformOf) {
  const want = normalizePlatform(requested);
  const exact = candidates.find((c) => {
    const p = platformOf(c);
    return p !== void 0 && samePlatform(want, p);
  });
  if (exact !== void 0 || requested.variant !== void 0) return exact;
  return candidates.find((c) => {
    const p = platformOf(c);
    if (p === void 0) return false;
    const n = normalizePlatform(p);
    return n.os === want.os && n.architecture === want.architecture;
  });
}

// src/image/remote/read.ts
import { pipeline } from "node:stream";

// src/image/transport/challenge.ts
var TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
var Scanner = class {
  constructor(text4) {
    this.text = text4;
  }
  text;
  pos = 0;
  done() {
    return this.pos >= this.text.length;
  }
  skipSpace() {
    while (!this.done() && /[ \t]/.test(this.text[this.pos])) this.pos++;
  }
  skipSeparators() {
    while (!this.done() && /[ \t,]/.test(this.text[this.pos])) this.pos++;
  }
  peek() {
    return this.text[this.pos];
  }
  token() {
    const start = this.pos;
    while (!this.done() && (TOKEN_CHAR.test(this.peek()) || this.peek() === "/")) {
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
  quoted() {
    this.pos++;
    let out = "";
    while (!this.done()) {
      const c = this.text[this.pos++];
      if (c === '"') return out;
      if (c === "\\" && !this.done()) {
        out += this.text[this.pos++];
      } else {
        out += c;
      }
    }
    return out;
  }
};
function parseChallenges(header2) {
  if (header2 === void 0) return [];
  const headers = Array.isArray(header2) ? header2 : [header2];
  const out = [];
  for (const h of headers) out.push(...parseOne2(h));
  return out;
}
function parseOne2(text4) {
  const s = new Scanner(text4);
  const out = [];
  let current;
  while (true) {
    s.skipSeparators();
    if (s.done()) break;
    const start = s.pos;
    const word3 = s.token();
    if (word3 === "") {
      s.pos++;
      continue;
    }
    s.skipSpace();
    if (s.peek() === "=" && current !== void 0) {
      s.pos++;
      s.skipSpace();
      const value = s.peek() === '"' ? s.quoted() : s.token();
      current.params[word3.toLowerCase()] = value;
      continue;
    }
    if (s.peek() === "=" && current === void 0) {
      s.pos = start;
      s.token();
      s.pos++;
      if (s.peek() === '"') s.quoted();
      else s.token();
      continue;
    }
    current = { scheme: word3.toLowerCase(), params: {} };
    out.push(current);
  }
  return out;
}
function preferredChallenge(challenges) {
  return challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
}

// src/image/transport/errors.ts
var RegistryError = class extends RunError {
  status;
  code;
  registryMessage;
  url;
  retryable;
  retryAfterMs;
  registry;
  access;
  constructor(message, details = {}) {
    super(secrets.redact(message));
    this.status = details.status;
    this.code = details.code;
    this.registryMessage = details.registryMessage === void 0 ? void 0 : secrets.redact(details.registryMessage);
    this.url = details.url;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
    this.registry = details.registry;
    this.access = details.access;
  }
};
var SAFE_QUERY_KEYS = /* @__PURE__ */ new Set(["digest", "mount", "from", "scope", "service", "n", "last"]);
function redactUrl(url2) {
  let u;
  try {
    u = new URL(url2);
  } catch {
    return secrets.redact(url2.replace(/\/\/[^/@]*@/, "//***@").replace(/\?.*$/, "?***"));
  }
  if (u.username !== "" || u.password !== "") {
    u.username = "***";
    u.password = "";
  }
  const params = [...u.searchParams.entries()];
  if (params.length > 0) {
    const kept = params.map(([k, v]) => `${k}=${SAFE_QUERY_KEYS.has(k.toLowerCase()) ? v : "***"}`);
    u.search = `?${kept.join("&")}`;
  }
  return secrets.redact(u.toString().replace(/%2A%2A%2A/g, "***"));
}
function parseErrorBody(text4) {
  try {
    const parsed = JSON.parse(text4);
    if (typeof parsed === "object" && parsed !== null && "errors" in parsed) {
      const errors = parsed.errors;
      if (Array.isArray(errors) && errors.length > 0) {
        const first = errors[0];
        if (typeof first === "object" && first !== null) {
          const { code, message } = first;
          return {
            code: typeof code === "string" ? code : void 0,
            message: typeof message === "string" ? message : void 0
          };
        }
      }
    }
  } catch {
  }
  const plain = text4.trim().slice(0, 200);
  return plain === "" ? {} : { message: plain };
}
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status !== 501 && status !== 505;
}
function errorForStatus(op, status, body, url2, retryAfterMs, challengeError) {
  const code = body.code;
  const denied = status === 403 || code === "DENIED" || challengeError === "insufficient_scope";
  const said = [`HTTP ${status}`, code, body.message].filter((x) => x).join(" ");
  const details = {
    status,
    code,
    registryMessage: body.message,
    url: redactUrl(url2),
    retryable: isRetryableStatus(status) || code !== void 0 && op.transientCodes?.includes(code) === true,
    retryAfterMs,
    registry: hostOf(op.repository),
    access: op.access
  };
  const head = `${op.what} for ${op.repository} failed (${said})`;
  let fix;
  if (status === 401 && !denied) {
    fix = `the registry did not accept the credentials; check the username/password or token for ${hostOf(op.repository)} (registry-provider, username, password)`;
  } else if (denied) {
    fix = op.access === "push" ? `the identity lacks push permission on ${op.repository}; grant it write access to that repository` : `the identity lacks pull permission on ${op.repository}; grant it read access or check the name`;
  } else if (code === "NAME_UNKNOWN" || status === 404 && op.what.startsWith("repository")) {
    fix = op.access === "push" ? `the repository ${op.repository} does not exist; create it (or set create-repository: true for ECR and Artifact Registry)` : `the repository ${op.repository} does not exist; check the image name`;
  } else if (code === "MANIFEST_UNKNOWN" || status === 404 && op.what.startsWith("manifest")) {
    fix = `no such tag or digest in ${op.repository}; check the tag`;
  } else if (op.what.startsWith("manifest") && code !== void 0 && op.transientCodes?.includes(code)) {
    fix = `the registry could not find or read a blob the manifest refers to although it confirmed every one before the manifest was sent (its storage lags or was changed meanwhile); run again`;
  } else if (code === "BLOB_UNKNOWN") {
    fix = `the registry is missing a blob the manifest refers to; run again to upload it`;
  } else if (code === "BLOB_UPLOAD_INVALID" || code === "BLOB_UPLOAD_UNKNOWN") {
    fix = "the upload session was lost; run again";
  } else if (code === "DIGEST_INVALID" || code === "SIZE_INVALID") {
    fix = "the uploaded bytes do not match their digest; the source blob is corrupt or changed";
  } else if (code === "MANIFEST_INVALID" || code === "MANIFEST_BLOB_UNKNOWN") {
    fix = "the registry rejected the manifest; it may not support this media type";
  } else if (code === "TAG_INVALID" || code === "MANIFEST_TAG_INVALID") {
    fix = "the registry rejected the tag; tags must be up to 128 of [A-Za-z0-9_.-]";
  } else if (code === "TOOMANYREQUESTS" || status === 429) {
    fix = "the registry rate-limits this identity; authenticate, or wait and run again";
  } else if (status >= 500) {
    fix = "the registry had an internal error; run again later (max-retries controls retries)";
  } else if (status >= 300 && status < 400) {
    fix = "the registry redirected a request that Slipway follows only for blob downloads (credentials never follow a redirect); the registry or a proxy in front of it is misconfigured";
  } else if (body.message === void 0) {
    fix = "the registry gave no reason; check the registry's logs or a proxy in front of it";
  } else {
    fix = "see the registry's message in parentheses";
  }
  return new RegistryError(`${head}: ${fix}.`, details);
}
var RETRYABLE_NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH"
]);
function networkErrorCode(err) {
  let e = err;
  for (let depth2 = 0; depth2 < 4 && typeof e === "object" && e !== null; depth2++) {
    const code = e.code;
    if (typeof code === "string") return code;
    e = e.cause;
  }
  return void 0;
}
function errorForNetwork(op, err, url2) {
  const code = networkErrorCode(err);
  const reason = code ?? (err instanceof Error ? err.message : String(err));
  let fix;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    fix = `the host ${new URL(url2).host} was not found; check the registry host name`;
  } else if (code === "ECONNREFUSED") {
    fix = `nothing listens at ${new URL(url2).host}; check the host and port`;
  } else if (code !== void 0 && /WRONG_VERSION_NUMBER|EPROTO|PACKET_LENGTH_TOO_LONG/.test(code)) {
    fix = `${new URL(url2).host} does not speak TLS; check the port, or set insecure-registry: true for a plain-HTTP registry`;
  } else if (code !== void 0 && /CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
    fix = `the TLS certificate of ${new URL(url2).host} is not trusted; pass the registry's CA in registry-ca`;
  } else if (code !== void 0 && /TIMEOUT/.test(code)) {
    fix = "the registry stopped answering; run again or raise request-timeout";
  } else {
    fix = "the connection to the registry failed; run again";
  }
  return new RegistryError(`${op.what} for ${op.repository} failed (${reason}): ${fix}.`, {
    url: redactUrl(url2),
    retryable: code !== void 0 && RETRYABLE_NETWORK_CODES.has(code)
  });
}
function hostOf(repository) {
  const slash = repository.indexOf("/");
  return slash < 0 ? repository : repository.slice(0, slash);
}

// src/image/transport/auth.ts
var DEFAULT_TOKEN_LIFETIME_S = 60;
var CLIENT_ID = "slipway";
function pullScope(repository) {
  return `repository:${repository}:pull`;
}
function pushScope(repository) {
  return `repository:${repository}:pull,push`;
}
function mergeScopes(scopes) {
  const byResource = /* @__PURE__ */ new Map();
  for (const scope of scopes.flatMap((s) => s.split(" ")).filter((s) => s !== "")) {
    const lastColon = scope.lastIndexOf(":");
    if (lastColon <= 0) continue;
    const resource = scope.slice(0, lastColon);
    const actions = byResource.get(resource) ?? /* @__PURE__ */ new Set();
    for (const action of scope.slice(lastColon + 1).split(",")) if (action) actions.add(action);
    byResource.set(resource, actions);
  }
  return [...byResource.entries()].map(([resource, actions]) => `${resource}:${[...actions].sort().join(",")}`).sort();
}
function checkRealm(realm, registry, insecure) {
  let url2;
  try {
    url2 = new URL(realm);
  } catch {
    throw new RegistryError(
      `${registry} named the token realm "${realm.slice(0, 200)}", which is not a URL; the registry is misconfigured.`
    );
  }
  const shown = redactUrl(`${url2.origin}${url2.pathname}`);
  if (url2.protocol !== "https:" && url2.protocol !== "http:") {
    throw new RegistryError(
      `${registry} named the token realm ${shown}, which is not an http or https URL; refusing to send credentials there.`
    );
  }
  if (url2.protocol === "http:" && !insecure && !isLoopbackHost(url2.host)) {
    throw new RegistryError(
      `${registry} named the token realm ${shown} on plain HTTP; Slipway sends credentials to a token service only over HTTPS or on this machine: fix the registry's token configuration, or set insecure-registry: true if the network is trusted.`
    );
  }
  return url2;
}
var Authenticator = class {
  constructor(registry, credentials, http, now = Date.now) {
    this.registry = registry;
    this.credentials = credentials;
    this.http = http;
    this.now = now;
    secrets.add(credentials?.password);
    secrets.add(credentials?.identityToken);
    secrets.add(credentials?.registryToken);
  }
  registry;
  credentials;
  http;
  now;
  challenge;
  tokens = /* @__PURE__ */ new Map();
  pending = /* @__PURE__ */ new Map();
  /** Sets what the registry asked for (from the /v2/ ping or a 401). */
  setChallenges(challenges) {
    this.challenge = preferredChallenge(challenges) ?? this.challenge;
  }
  get scheme() {
    return this.challenge?.scheme;
  }
  /** The Authorization header for a request needing `scopes`; undefined for none. */
  async authorization(scopes) {
    const c = this.credentials;
    if (c?.registryToken) return `Bearer ${c.registryToken}`;
    if (this.challenge?.scheme === "basic") return this.basicHeader();
    if (this.challenge?.scheme !== "bearer") return void 0;
    const wanted = mergeScopes([...scopes, this.challenge.params.scope ?? ""]);
    const key = wanted.join(" ");
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return `Bearer ${cached.value}`;
    let inflight = this.pending.get(key);
    if (!inflight) {
      inflight = this.fetchToken(this.challenge, wanted).finally(() => this.pending.delete(key));
      this.pending.set(key, inflight);
    }
    return `Bearer ${await inflight}`;
  }
  /**
   * After a 401 from the registry: learns its challenge and forgets cached tokens. Returns true
   * when asking again can succeed (a new or expired token), false when the same header would be
   * sent again (Basic with the same credentials, or a fixed registry token).
   */
  unauthorized(challenges, sent) {
    this.setChallenges(challenges);
    if (this.credentials?.registryToken) return false;
    if (this.challenge?.scheme === "bearer") {
      this.tokens.clear();
      return true;
    }
    if (this.challenge?.scheme === "basic") {
      return sent !== this.basicHeader();
    }
    return false;
  }
  basicHeader() {
    const c = this.credentials;
    if (c?.username === void 0 || c.password === void 0) return void 0;
    return basic(c.username, c.password);
  }
  async fetchToken(challenge, scopes) {
    const realm = challenge.params.realm;
    if (!realm) {
      throw new RegistryError(
        `${this.registry} asked for a Bearer token but named no realm to get it from; the registry is misconfigured.`
      );
    }
    const service = challenge.params.service;
    const c = this.credentials;
    let res;
    let url2 = realm;
    if (c?.identityToken) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: c.identityToken,
        client_id: CLIENT_ID
      });
      if (service) form.set("service", service);
      if (scopes.length > 0) form.set("scope", scopes.join(" "));
      res = await this.http({
        method: "POST",
        url: realm,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString()
      });
      if (res.status === 404 || res.status === 405) {
        url2 = this.getUrl(realm, service, scopes);
        res = await this.http({
          method: "GET",
          url: url2,
          headers: {
            authorization: basic(c.username ?? "<token>", c.identityToken)
          }
        });
      }
    } else {
      url2 = this.getUrl(realm, service, scopes);
      const headers = {};
      if (c?.username !== void 0 && c.password !== void 0) {
        headers.authorization = basic(c.username, c.password);
      }
      res = await this.http({ method: "GET", url: url2, headers });
    }
    return this.acceptToken(res, url2, scopes);
  }
  getUrl(realm, service, scopes) {
    let u;
    try {
      u = new URL(realm);
    } catch {
      throw new RegistryError(
        `${this.registry} named the token realm "${realm}", which is not a URL; the registry is misconfigured.`
      );
    }
    if (service) u.searchParams.set("service", service);
    for (const scope of scopes) u.searchParams.append("scope", scope);
    return u.toString();
  }
  acceptToken(res, url2, scopes) {
    const where = `the token service ${redactUrl(url2.replace(/\?.*$/, ""))} of ${this.registry}`;
    if (res.status === 401 || res.status === 403) {
      const body = parseErrorBody(res.text);
      throw new RegistryError(
        `${where} refused ${this.credentials ? "the credentials" : "anonymous access"} for ${scopes.join(" ") || "the registry"} (HTTP ${res.status}${body.message ? ` ${body.message}` : ""}): check the username/password or token for ${this.registry}.`,
        { status: res.status, code: body.code, registryMessage: body.message, url: redactUrl(url2) }
      );
    }
    if (res.status !== 200) {
      const body = parseErrorBody(res.text);
      throw new RegistryError(
        `${where} answered HTTP ${res.status}${body.message ? ` ${body.message}` : ""}; run again later.`,
        {
          status: res.status,
          code: body.code,
          registryMessage: body.message,
          url: redactUrl(url2),
          retryable: res.status >= 500 || res.status === 429
        }
      );
    }
    let parsed;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      throw new RegistryError(`${where} answered with something that is not JSON.`);
    }
    const t = typeof parsed === "object" && parsed !== null ? parsed : {};
    const token = typeof t.token === "string" && t.token !== "" ? t.token : typeof t.access_token === "string" ? t.access_token : "";
    if (token === "") throw new RegistryError(`${where} answered without a token.`);
    secrets.add(token);
    const lifetime = typeof t.expires_in === "number" && t.expires_in > 0 ? t.expires_in : DEFAULT_TOKEN_LIFETIME_S;
    const margin = Math.min(30, lifetime / 10);
    this.tokens.set(scopes.join(" "), {
      value: token,
      expiresAt: this.now() + (lifetime - margin) * 1e3
    });
    return token;
  }
};
function basic(username, password) {
  const encoded = Buffer.from(`${username}:${password}`).toString("base64");
  secrets.add(encoded);
  return `Basic ${encoded}`;
}

// src/image/transport/client.ts
import { rootCertificates } from "node:tls";

// src/image/transport/http.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
var DUMP_LIMIT = 256 * 1024;
var TIMEOUT_CODE = "ETIMEDOUT";
var HttpConnections = class {
  http = new HttpAgent({ keepAlive: true });
  https;
  constructor(options) {
    this.https = new HttpsAgent({
      keepAlive: true,
      ca: options.ca,
      rejectUnauthorized: options.rejectUnauthorized
    });
  }
  request(url2, req) {
    const target = new URL(url2);
    const secure = target.protocol === "https:";
    return new Promise((resolve10, reject) => {
      const headers = { ...req.headers };
      if (Buffer.isBuffer(req.body)) headers["content-length"] = String(req.body.length);
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(target, {
        method: req.method,
        headers,
        agent: secure ? this.https : this.http
      });
      let answered = false;
      outgoing.setTimeout(req.timeoutMs, () => {
        outgoing.destroy(
          Object.assign(new Error(`no bytes for ${req.timeoutMs} ms`), { code: TIMEOUT_CODE })
        );
      });
      outgoing.on("error", (err) => {
        if (!answered) reject(err);
      });
      const body = req.body;
      outgoing.on("response", (res) => {
        answered = true;
        if (body !== void 0 && !Buffer.isBuffer(body) && !outgoing.writableFinished) {
          body.unpipe(outgoing);
          res.once("close", () => outgoing.destroy());
        }
        resolve10({ statusCode: res.statusCode ?? 0, headers: distinct(res), body: bodyOf(res) });
      });
      if (body === void 0 || Buffer.isBuffer(body)) {
        outgoing.end(body);
        return;
      }
      body.on("error", (err) => outgoing.destroy(err));
      body.pipe(outgoing);
    });
  }
  close() {
    this.http.destroy();
    this.https.destroy();
  }
};
function distinct(res) {
  const headers = {};
  for (const [name, values] of Object.entries(res.headersDistinct)) {
    if (values !== void 0) headers[name] = values.length === 1 ? values[0] : values;
  }
  return headers;
}
function bodyOf(res) {
  const body = res;
  body.dump = () => new Promise((resolve10) => {
    const length = Number(res.headers["content-length"] ?? 0);
    if (res.complete || res.destroyed) return resolve10();
    if (length > DUMP_LIMIT) {
      res.destroy();
      return resolve10();
    }
    res.on("end", resolve10);
    res.on("close", resolve10);
    res.on("error", () => resolve10());
    res.resume();
  });
  return body;
}

// src/image/transport/retry.ts
var DEFAULT_BASE_DELAY_MS = 500;
var DEFAULT_MAX_DELAY_MS = 3e4;
var defaultSleep = (ms) => new Promise((resolve10) => setTimeout(resolve10, ms));
function backoffDelayMs(attempt, opts, retryAfterMs) {
  const base = opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const max = opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  if (retryAfterMs !== void 0) return Math.min(Math.max(retryAfterMs, 0), max);
  const ceiling = Math.min(max, base * 2 ** attempt);
  const random = opts.random ?? Math.random;
  return Math.round(ceiling / 2 + random() * ceiling / 2);
}
function parseRetryAfter(value, now = Date.now()) {
  if (value === void 0 || value.trim() === "") return void 0;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1e3;
  const at = Date.parse(v);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function isRetryable(err) {
  return err instanceof RegistryError && err.retryable;
}
async function withRetry(what, opts, op) {
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (!isRetryable(err) || attempt >= opts.maxRetries) throw err;
      const retryAfter = err instanceof RegistryError ? err.retryAfterMs : void 0;
      const delay = backoffDelayMs(attempt, opts, retryAfter);
      opts.logger?.warn(
        `${what}: ${err instanceof Error ? err.message : String(err)} Retrying in ${(delay / 1e3).toFixed(1)} s (${attempt + 1}/${opts.maxRetries}).`
      );
      await sleep(delay);
    }
  }
}

// src/image/transport/client.ts
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_REDIRECTS = 5;
var ERROR_BODY_LIMIT = 64 * 1024;
var TOKEN_BODY_LIMIT = 1024 * 1024;
var USER_AGENT = "slipway";
var DEFAULT_MAX_RETRIES = 5;
var DEFAULT_TIMEOUT_MS = 3e5;
function header(headers, name) {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
async function readText(body, limit, what) {
  return (await readBytes(body, limit, what)).toString("utf8");
}
async function readBytes(body, limit, what) {
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buf.length;
    if (size > limit) {
      body.destroy();
      throw new RegistryError(`${what} is larger than ${limit} bytes; refusing to read it.`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
function schemesFor(apiHost, insecure) {
  if (isLoopbackHost(apiHost)) return ["http", "https"];
  return insecure ? ["https", "http"] : ["https"];
}
function retryOptionsOf(options) {
  return {
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    baseDelayMs: options.retryBaseDelayMs,
    logger: options.logger
  };
}
var RegistryClient = class {
  constructor(registry, credentials, options = {}) {
    this.registry = registry;
    this.credentials = credentials;
    this.options = options;
    this.apiHost = registryApiHost(registry);
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connections = new HttpConnections({
      ca: options.caPem ? [...rootCertificates, options.caPem] : void 0,
      rejectUnauthorized: !options.insecure
    });
    this.retryOptions = retryOptionsOf(options);
  }
  registry;
  credentials;
  options;
  apiHost;
  connections;
  timeoutMs;
  retryOptions;
  origin;
  readying;
  auth;
  /** "https://host[:port]" or "http://…" once the registry has been reached. */
  async baseUrl() {
    await this.ready();
    return this.origin;
  }
  async request(req) {
    await this.ready();
    const attempt = () => this.authenticated(req);
    if (req.retry === false) return attempt();
    return withRetry(`${req.op.what} for ${req.op.repository}`, this.retryOptions, attempt);
  }
  /** Drops the kept-alive connections. */
  close() {
    this.connections.close();
  }
  async authenticated(req) {
    const auth = this.auth;
    let reauthenticated = false;
    for (; ; ) {
      const authorization = await auth.authorization(req.scopes);
      const res = await this.send(req, authorization);
      if (req.expect.includes(res.status)) return res;
      if (res.status === 401 && !reauthenticated && this.isRegistryUrl(res.url)) {
        const challenges = parseChallenges(res.headers["www-authenticate"]);
        if (auth.unauthorized(challenges, authorization)) {
          this.options.logger?.debug(`${this.registry}: 401, authenticating again`);
          await res.body.dump();
          reauthenticated = true;
          continue;
        }
      }
      throw await this.errorFrom(req.op, res);
    }
  }
  async send(req, authorization) {
    let url2 = new URL(req.url, this.origin).toString();
    let method = req.method;
    for (let hop = 0; ; hop++) {
      const headers = { "user-agent": USER_AGENT, ...req.headers };
      if (authorization !== void 0 && this.isRegistryUrl(url2)) {
        headers.authorization = authorization;
      }
      const body = req.body === void 0 || hop > 0 ? void 0 : Buffer.isBuffer(req.body) ? req.body : await req.body();
      let res;
      try {
        res = await this.connections.request(url2, {
          method,
          headers,
          body,
          timeoutMs: req.timeoutMs ?? this.timeoutMs
        });
      } catch (err) {
        if (body !== void 0 && !Buffer.isBuffer(body)) body.destroy();
        if (err instanceof RegistryError) throw err;
        const cause = bodyError(err);
        if (cause !== void 0) throw cause;
        throw errorForNetwork(req.op, err, url2);
      }
      if (body !== void 0 && !Buffer.isBuffer(body) && res.statusCode >= 300) {
        body.destroy();
      }
      const location = header(res.headers, "location");
      if (req.followRedirects && REDIRECT_STATUSES.has(res.statusCode) && location) {
        await res.body.dump();
        if (hop >= MAX_REDIRECTS) {
          throw new RegistryError(
            `${req.op.what} for ${req.op.repository} failed: more than ${MAX_REDIRECTS} redirects (last to ${redactUrl(location)}).`,
            { url: redactUrl(url2) }
          );
        }
        const next = new URL(location, url2);
        if (new URL(url2).protocol === "https:" && next.protocol !== "https:") {
          throw new RegistryError(
            `${req.op.what} for ${req.op.repository} failed: the registry redirected from HTTPS to ${redactUrl(next.toString())}; refusing the downgrade.`
          );
        }
        if (res.statusCode === 303) method = method === "HEAD" ? "HEAD" : "GET";
        url2 = next.toString();
        continue;
      }
      return { status: res.statusCode, url: url2, headers: res.headers, body: res.body };
    }
  }
  isRegistryUrl(url2) {
    return new URL(url2).origin === this.origin;
  }
  async errorFrom(op, res) {
    let text4 = "";
    try {
      text4 = await readText(res.body, ERROR_BODY_LIMIT, "error body");
    } catch {
    }
    const challenge = parseChallenges(res.headers["www-authenticate"]).find(
      (c) => c.scheme === "bearer"
    );
    return errorForStatus(
      op,
      res.status,
      parseErrorBody(text4),
      res.url,
      parseRetryAfter(header(res.headers, "retry-after")),
      challenge?.params.error
    );
  }
  ready() {
    this.readying ??= this.connect().catch((err) => {
      this.readying = void 0;
      throw err;
    });
    return this.readying;
  }
  /** Resolves credentials, picks the scheme and learns the registry's challenge from /v2/. */
  async connect() {
    const credentials = await this.credentials();
    this.auth = new Authenticator(this.registry, credentials, this.tokenHttp);
    await withRetry(`connecting to ${this.registry}`, this.retryOptions, () => this.discover());
  }
  async discover() {
    const auth = this.auth;
    const op = { access: "pull", repository: this.registry, what: "connecting" };
    const schemes = schemesFor(this.apiHost, this.options.insecure ?? false);
    const unreachable = [];
    for (const [i, scheme] of schemes.entries()) {
      const origin = `${scheme}://${this.apiHost}`;
      const last = i === schemes.length - 1;
      let res;
      try {
        res = await this.ping(origin, op);
      } catch (err) {
        if (!(err instanceof RegistryError) || err.status !== void 0) throw err;
        unreachable.push(err);
        continue;
      }
      const text4 = await readText(res.body, ERROR_BODY_LIMIT, "ping body").catch(() => "");
      if (!last && res.statusCode === 400 && /HTTP request to an HTTPS server/i.test(text4)) {
        continue;
      }
      this.origin = origin;
      if (res.statusCode === 401) {
        auth.setChallenges(parseChallenges(res.headers["www-authenticate"]));
      } else if (res.statusCode !== 200) {
        this.options.logger?.debug(`${this.registry}: GET /v2/ answered ${res.statusCode}`);
      }
      this.options.logger?.debug(`${this.registry}: ${origin}, auth ${auth.scheme ?? "none"}`);
      return;
    }
    throw unreachable.find((e) => /registry-ca/.test(e.message)) ?? unreachable.find((e) => e.retryable) ?? unreachable[0] ?? new RegistryError(`${this.registry} did not answer on ${schemes.join(" or ")}.`);
  }
  async ping(origin, op) {
    const url2 = `${origin}/v2/`;
    let res;
    try {
      res = await this.connections.request(url2, {
        method: "GET",
        headers: { "user-agent": USER_AGENT },
        timeoutMs: this.timeoutMs
      });
    } catch (err) {
      throw errorForNetwork(op, err, url2);
    }
    if (res.statusCode >= 500 || res.statusCode === 429) {
      const error = errorForStatus(
        op,
        res.statusCode,
        parseErrorBody(await readText(res.body, ERROR_BODY_LIMIT, "ping body").catch(() => "")),
        url2,
        parseRetryAfter(header(res.headers, "retry-after"))
      );
      throw error;
    }
    return res;
  }
  tokenHttp = async (req) => {
    const op = { access: "pull", repository: this.registry, what: "getting a token" };
    checkRealm(req.url, this.registry, this.options.insecure ?? false);
    const once = async () => {
      let res;
      try {
        res = await this.connections.request(req.url, {
          method: req.method,
          headers: { "user-agent": USER_AGENT, ...req.headers },
          body: req.body === void 0 ? void 0 : Buffer.from(req.body),
          timeoutMs: this.timeoutMs
        });
      } catch (err) {
        throw errorForNetwork(op, err, req.url);
      }
      const text4 = await readText(res.body, TOKEN_BODY_LIMIT, "token response");
      if (res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408) {
        throw errorForStatus(
          op,
          res.statusCode,
          parseErrorBody(text4),
          req.url,
          parseRetryAfter(header(res.headers, "retry-after"))
        );
      }
      return { status: res.statusCode, text: text4 };
    };
    return withRetry(`getting a token for ${this.registry}`, this.retryOptions, once);
  };
};
function bodyError(err) {
  let e = err;
  for (let depth2 = 0; depth2 < 4 && typeof e === "object" && e !== null; depth2++) {
    if (e instanceof RegistryError) return e;
    e = e.cause;
  }
  return void 0;
}
var Transport = class {
  constructor(options = {}) {
    this.options = options;
  }
  options;
  clients = /* @__PURE__ */ new Map();
  client(registry) {
    let c = this.clients.get(registry);
    if (!c) {
      const resolver = this.options.credentials;
      c = new RegistryClient(
        registry,
        async () => resolver ? await resolver(registry) : void 0,
        this.options
      );
      this.clients.set(registry, c);
    }
    return c;
  }
  /** Retry settings for callers that repeat a larger step (a whole blob upload). */
  retryOptions() {
    return retryOptionsOf(this.options);
  }
  close() {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
    return Promise.resolve();
  }
};

// src/image/remote/verify.ts
import { createHash as createHash2 } from "node:crypto";
import { Transform } from "node:stream";
var VerifyingStream = class extends Transform {
  constructor(descriptor, source, onBytes) {
    super();
    this.descriptor = descriptor;
    this.source = source;
    this.onBytes = onBytes;
  }
  descriptor;
  source;
  onBytes;
  hash = createHash2("sha256");
  seen = 0;
  _transform(chunk, _encoding, callback) {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RegistryError(
          `${this.source} is longer than the ${this.descriptor.size} bytes its descriptor states; the source is corrupt or changed.`
        )
      );
      return;
    }
    this.hash.update(chunk);
    this.onBytes?.(this.seen);
    callback(null, chunk);
  }
  _flush(callback) {
    if (this.seen !== this.descriptor.size) {
      callback(
        // A short body is a broken transfer more often than a broken blob: worth another try.
        new RegistryError(
          `${this.source} ended after ${this.seen} of ${this.descriptor.size} bytes; the source is truncated.`,
          { retryable: true }
        )
      );
      return;
    }
    const digest = `sha256:${this.hash.digest("hex")}`;
    if (digest !== this.descriptor.digest) {
      callback(
        new RegistryError(
          `${this.source} has digest ${digest}, not ${this.descriptor.digest}; the source is corrupt or changed.`
        )
      );
      return;
    }
    callback();
  }
};

// src/image/remote/read.ts
var MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
var MAX_CONFIG_BYTES = 16 * 1024 * 1024;
var MANIFEST_ACCEPT = [...MANIFEST_MEDIA_TYPES, ...INDEX_MEDIA_TYPES].join(", ");
var SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;
function isIndexDocument(m) {
  return "manifests" in m;
}
function scopesFor(ref, opts = {}) {
  return [opts.push ? pushScope(ref.repository) : pullScope(ref.repository)];
}
function manifestOp(ref) {
  return { access: "pull", repository: ref.name(), what: `manifest ${ref.identifier()}` };
}
async function fetchManifest(transport, ref, opts = {}) {
  const op = manifestOp(ref);
  const { res, bytes } = await withRetry(op.what, transport.retryOptions(), async () => {
    const res2 = await transport.client(ref.registry).request({
      method: "GET",
      url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
      scopes: scopesFor(ref, opts),
      op,
      headers: { accept: MANIFEST_ACCEPT },
      expect: [200],
      retry: false
    });
    const length = Number(header(res2.headers, "content-length") ?? "0");
    if (length > MAX_MANIFEST_BYTES) {
      res2.body.destroy();
      throw tooLarge(ref, length);
    }
    try {
      return {
        res: res2,
        bytes: await readBody(res2, MAX_MANIFEST_BYTES, `manifest of ${ref.toString()}`, op)
      };
    } catch (err) {
      if (err instanceof RegistryError && !err.retryable && /larger than/.test(err.message)) {
        throw tooLarge(ref);
      }
      throw err;
    }
  });
  const digest = sha256(bytes);
  if (ref.digest !== void 0 && digest !== ref.digest) {
    throw new RunError(
      `The registry returned a manifest for ${ref.toString()} whose digest is ${digest}; the registry or a proxy in between altered it.`
    );
  }
  const contentType = header(res.headers, "content-type");
  const manifest = parseManifest(bytes, ref, contentType);
  const mediaType = mediaTypeOf(manifest, contentType);
  return { descriptor: { mediaType, digest, size: bytes.length }, bytes, manifest };
}
async function readBody(res, limit, what, op) {
  try {
    return await readBytes(res.body, limit, what);
  } catch (err) {
    if (err instanceof RegistryError || err instanceof RunError) throw err;
    throw errorForNetwork(op, err, res.url);
  }
}
function tooLarge(ref, size) {
  return new RunError(
    `The manifest of ${ref.toString()} is ${size === void 0 ? "over" : `${size} bytes,`} larger than the ${MAX_MANIFEST_BYTES}-byte limit; it is not an image manifest Slipway can use.`
  );
}
function stripParams(contentType) {
  return contentType?.split(";")[0]?.trim().toLowerCase() || void 0;
}
function mediaTypeOf(m, contentType) {
  const type = stripParams(contentType);
  if (type && (MANIFEST_MEDIA_TYPES.includes(type) || INDEX_MEDIA_TYPES.includes(type))) {
    return type;
  }
  if (m.mediaType) return m.mediaType;
  return isIndexDocument(m) ? MediaType.OciIndex : MediaType.OciManifest;
}
function parseManifest(bytes, ref, contentType) {
  const type = stripParams(contentType);
  const bad = (why) => {
    throw new RunError(`The manifest of ${ref.toString()} ${why}.`);
  };
  if (type && SCHEMA1.test(type)) {
    bad("uses Docker schema 1, which Slipway does not read; use a newer tag of the image");
  }
  let doc;
  try {
    doc = JSON.parse(bytes.toString("utf8"));
  } catch (err) {
    bad(`is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) bad("is not a JSON object");
  const m = doc;
  if (m.schemaVersion === 1) {
    bad("uses Docker schema 1, which Slipway does not read; use a newer tag of the image");
  }
  if (m.schemaVersion !== 2) bad(`has schemaVersion ${JSON.stringify(m.schemaVersion)}, not 2`);
  if (Array.isArray(m.manifests)) {
    m.manifests.forEach((d, i) => checkDescriptor(d, `manifests[${i}]`, bad));
    return m;
  }
  checkDescriptor(m.config, "config", bad);
  if (!Array.isArray(m.layers)) bad('has no "layers" array');
  m.layers.forEach((d, i) => checkDescriptor(d, `layers[${i}]`, bad));
  return m;
}
function checkDescriptor(d, where, bad) {
  if (typeof d !== "object" || d === null) bad(`has no valid ${where} descriptor`);
  const { mediaType, digest, size } = d;
  if (typeof mediaType !== "string") bad(`has no mediaType in ${where}`);
  if (typeof digest !== "string" || !isDigest(digest)) {
    bad(`has ${where}.digest ${JSON.stringify(digest)}; only sha256 digests are supported`);
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    bad(`has an invalid ${where}.size ${JSON.stringify(size)}`);
  }
}
async function headManifest(transport, ref, opts = {}) {
  const res = await transport.client(ref.registry).request({
    method: "HEAD",
    url: `/v2/${ref.repository}/manifests/${ref.identifier()}`,
    scopes: scopesFor(ref, opts),
    op: manifestOp(ref),
    headers: { accept: MANIFEST_ACCEPT },
    expect: [200, 404]
  });
  await res.body.dump();
  if (res.status === 404) return void 0;
  const digest = header(res.headers, "docker-content-digest");
  const size = Number(header(res.headers, "content-length"));
  const mediaType = stripParams(header(res.headers, "content-type"));
  if (digest && isDigest(digest) && Number.isSafeInteger(size) && size > 0 && mediaType) {
    return { mediaType, digest, size };
  }
  return (await fetchManifest(transport, ref, opts)).descriptor;
}
async function fetchBlob(transport, repository, descriptor, opts = {}) {
  const what = `blob ${descriptor.digest}`;
  const res = await transport.client(repository.registry).request({
    method: "GET",
    url: `/v2/${repository.repository}/blobs/${descriptor.digest}`,
    scopes: scopesFor(repository, opts),
    op: { access: "pull", repository: repository.name(), what },
    expect: [200],
    followRedirects: true,
    retry: opts.retry
  });
  const verifier = new VerifyingStream(descriptor, `${what} of ${repository.name()}`, opts.onBytes);
  pipeline(res.body, verifier, () => {
  });
  return verifier;
}
async function fetchJsonBlob(transport, repository, descriptor, limit = MAX_CONFIG_BYTES) {
  if (descriptor.size > limit) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is ${descriptor.size} bytes, over the ${limit}-byte limit for a config.`
    );
  }
  const what = `blob ${descriptor.digest}`;
  const op = { access: "pull", repository: repository.name(), what };
  const bytes = await withRetry(what, transport.retryOptions(), async () => {
    const stream = await fetchBlob(transport, repository, descriptor, { retry: false });
    const url2 = `${await transport.client(repository.registry).baseUrl()}/v2/${repository.repository}/blobs/${descriptor.digest}`;
    return readBody({ body: stream, url: url2 }, limit, what, op);
  });
  try {
    return { bytes, value: JSON.parse(bytes.toString("utf8")) };
  } catch (err) {
    throw new RunError(
      `Blob ${descriptor.digest} of ${repository.name()} is not valid JSON (${err instanceof Error ? err.message : String(err)}).`
    );
  }
}
function remoteBlob(transport, repository, d) {
  const origin = { registry: repository.registry, repository: repository.repository };
  return { descriptor: d, origin, open: () => fetchBlob(transport, repository, d) };
}
async function resolveBase(transport, ref, opts = {}) {
  if (ref === SCRATCH) return { name: SCRATCH, images: [] };
  const { name, digest, images } = await resolveImage(transport, ref, opts);
  return { name, digest, images };
}
async function resolveImage(transport, ref, opts = {}) {
  const top = await fetchManifest(transport, ref);
  const requested = opts.platforms ?? [];
  const input = opts.input ?? "base-image";
  const resolved = (isIndex2, images2) => ({
    name: ref.toString(),
    digest: top.descriptor.digest,
    descriptor: top.descriptor,
    isIndex: isIndex2,
    images: images2
  });
  if (!isIndexDocument(top.manifest)) {
    const image = await platformImage(transport, ref, top.descriptor, top.manifest, void 0);
    for (const want of requested) {
      if (!bestMatch(want, [image.platform], (p) => p)) {
        throw new InputError(
          `input "platforms": the base image ${ref.toString()} (input "${input}") is single-platform ${formatPlatform(image.platform)} and has no ${formatPlatform(want)}; drop it from platforms or use a multi-platform base.`
        );
      }
    }
    return resolved(false, [image]);
  }
  const entries = runnableEntries(top.manifest.manifests);
  if (entries.length === 0) {
    throw new RunError(
      `The index ${ref.toString()} lists no image manifests with a platform; it is not a runnable image (input "${input}").`
    );
  }
  let selected = entries;
  if (requested.length > 0) {
    const chosen = /* @__PURE__ */ new Set();
    for (const want of requested) {
      const match = bestMatch(want, entries, (d) => d.platform);
      if (!match) {
        const available = entries.map((d) => formatPlatform(d.platform)).join(", ");
        throw new InputError(
          `input "platforms": the base image ${ref.toString()} (input "${input}") has no ${formatPlatform(want)}; it has ${available}.`
        );
      }
      chosen.add(match);
    }
    selected = entries.filter((d) => chosen.has(d));
  }
  const images = await Promise.all(
    selected.map(async (entry) => {
      const fetched = await fetchManifest(transport, ref.repositoryOnly().withDigest(entry.digest));
      if (isIndexDocument(fetched.manifest)) {
        throw new RunError(
          `The index ${ref.toString()} nests another index at ${entry.digest}; Slipway reads one level of index only.`
        );
      }
      const descriptor = { ...fetched.descriptor, platform: entry.platform };
      return platformImage(transport, ref, descriptor, fetched.manifest, entry.platform);
    })
  );
  return resolved(true, images);
}
async function platformImage(transport, ref, manifestDescriptor, manifest, indexPlatform) {
  const repo = ref.repositoryOnly();
  const { value: config } = await fetchJsonBlob(transport, repo, manifest.config);
  if (typeof config !== "object" || config === null || typeof config.architecture !== "string") {
    throw new RunError(
      `The config ${manifest.config.digest} of ${ref.toString()} has no architecture; it is not an image config.`
    );
  }
  const platform = indexPlatform ?? platformOfConfig(config);
  return {
    platform,
    manifestDescriptor: { ...manifestDescriptor, platform },
    manifest,
    config,
    layers: manifest.layers.map((d) => remoteBlob(transport, repo, d))
  };
}

// src/image/layout.ts
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
async function writeLayout(dir, artifact, tag) {
  if (tag === "" || /[\s]/.test(tag)) {
    throw new InputError(
      `The tag "${tag}" for the OCI layout ${dir} is empty or has spaces; give a tag like "latest"`
    );
  }
  const blobDir = path4.join(dir, "blobs", "sha256");
  await fs2.mkdir(blobDir, { recursive: true });
  await ensureLayoutFile(dir);
  const blobs = /* @__PURE__ */ new Map();
  const addMemory = (descriptor2, bytes) => {
    blobs.set(descriptor2.digest, memoryBlob(descriptor2, bytes));
  };
  const images = isIndex(artifact) ? artifact.images : [artifact];
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!blobs.has(blob.descriptor.digest)) blobs.set(blob.descriptor.digest, blob);
    }
    addMemory(image.descriptor, image.bytes);
  }
  if (isIndex(artifact)) addMemory(artifact.descriptor, artifact.bytes);
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
  const top = artifact.descriptor;
  const descriptor = {
    mediaType: top.mediaType,
    digest: top.digest,
    size: top.size,
    ...top.platform ? { platform: top.platform } : {},
    annotations: { [Annotation.RefName]: tag }
  };
  const index = await readIndexFile(dir, true);
  index.manifests = index.manifests.filter((d) => d.annotations?.[Annotation.RefName] !== tag);
  index.manifests.push(descriptor);
  await writeAtomically(path4.join(dir, INDEX_FILE), canonicalJson(index));
  return { descriptor, written, existing, bytesWritten };
}
async function ensureLayoutFile(dir) {
  const file = path4.join(dir, LAYOUT_FILE);
  let text4;
  try {
    text4 = await fs2.readFile(file, "utf8");
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
    const st = await fs2.stat(path4.join(blobDir, hexOf(d.digest)));
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
    await fs2.rename(temp, final);
  } catch (err) {
    await fs2.rm(temp, { force: true });
    throw new RunError(
      `Writing blob ${digest} (${size} bytes) into the OCI layout ${path4.dirname(path4.dirname(blobDir))} failed: ${errorMessage(err)}`
    );
  }
}
async function readLayoutBase(dir, tag, opts = {}) {
  const name = opts.name ?? `oci:${dir}${tag === void 0 ? "" : `:${tag}`}`;
  try {
    await fs2.access(path4.join(dir, LAYOUT_FILE));
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
  checkDescriptor2(top, dir);
  if (INDEX_MEDIA_TYPES.includes(top.mediaType)) {
    const nested = await readJsonBlob(dir, top, MAX_MANIFEST_BYTES);
    const entries = runnableEntries(nested.manifests ?? []);
    if (entries.length === 0) {
      throw new RunError(
        `The index ${top.digest} in the OCI layout ${dir} lists no image manifest with a platform`
      );
    }
    const images = await Promise.all(entries.map((d) => readPlatformImage(dir, d)));
    return { name, digest: top.digest, images };
  }
  if (!MANIFEST_MEDIA_TYPES.includes(top.mediaType)) {
    throw new RunError(
      `The OCI layout ${dir} entry ${top.digest} has media type ${top.mediaType}, which is not an image`
    );
  }
  return { name, digest: top.digest, images: [await readPlatformImage(dir, top)] };
}
async function readPlatformImage(dir, d) {
  checkDescriptor2(d, dir);
  const manifest = await readJsonBlob(dir, d, MAX_MANIFEST_BYTES);
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    throw new RunError(`The manifest ${d.digest} in the OCI layout ${dir} has no config or layers`);
  }
  checkDescriptor2(manifest.config, dir);
  const config = await readJsonBlob(dir, manifest.config, MAX_CONFIG_BYTES);
  if (typeof config.architecture !== "string" || typeof config.os !== "string") {
    throw new RunError(
      `The config ${manifest.config.digest} in the OCI layout ${dir} has no os/architecture`
    );
  }
  const platform = d.platform ?? platformOfConfig(config);
  return {
    platform,
    manifestDescriptor: { mediaType: d.mediaType, digest: d.digest, size: d.size, platform },
    manifest,
    config,
    layers: manifest.layers.map((layer) => {
      checkDescriptor2(layer, dir);
      return layoutBlob(dir, layer);
    })
  };
}
function layoutBlob(dir, descriptor) {
  return {
    descriptor,
    open: async () => {
      const file = blobPath(dir, descriptor.digest);
      const st = await fs2.stat(file).catch(() => void 0);
      if (!st)
        throw new RunError(
          `The OCI layout ${dir} lacks blob ${descriptor.digest}; it is incomplete, write it again`
        );
      const check = new VerifyingStream(
        descriptor,
        `blob ${descriptor.digest} in the OCI layout ${dir}`
      );
      pipeline2(createReadStream(file, { highWaterMark: 1024 * 1024 }), check, () => {
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
    bytes = await fs2.readFile(file);
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
    text4 = await fs2.readFile(file, "utf8");
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
function checkDescriptor2(d, dir) {
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
  await fs2.writeFile(temp, bytes);
  await fs2.rename(temp, file);
}

// src/image/remote/write.ts
import { pipeline as pipeline3, Transform as Transform2 } from "node:stream";
var DEFAULT_CONCURRENCY = 3;
function distinctBlobs(artifact, target) {
  const images = isIndex(artifact) ? artifact.images : [artifact];
  const byDigest = /* @__PURE__ */ new Map();
  for (const image of images) {
    for (const blob of [image.config, ...image.layers]) {
      if (!isDistributable(blob.descriptor)) continue;
      const seen = byDigest.get(blob.descriptor.digest);
      const mountable = blob.origin?.registry === target.registry;
      if (!seen || mountable && seen.origin?.registry !== target.registry) {
        byDigest.set(blob.descriptor.digest, blob);
      }
    }
  }
  return [...byDigest.values()];
}
function pushScopes(target, blobs) {
  const scopes = /* @__PURE__ */ new Set([pushScope(target.repository)]);
  for (const blob of blobs) {
    const origin = blob.origin;
    if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
      scopes.add(pullScope(origin.repository));
    }
  }
  return [...scopes];
}
async function pushArtifact(target, artifact, tags, opts) {
  const blobs = distinctBlobs(artifact, target);
  const scopes = pushScopes(target, blobs);
  const stats = {
    bytesUploaded: 0,
    bytesSkipped: 0,
    blobsUploaded: 0,
    blobsMounted: 0,
    blobsExisting: 0
  };
  const ctx = { transport: opts.transport, target, scopes, logger: opts.logger };
  await forEachLimited(blobs, opts.concurrency ?? DEFAULT_CONCURRENCY, async (blob) => {
    const outcome = await pushBlob(ctx, blob);
    const size = blob.descriptor.size;
    if (outcome === "uploaded") {
      stats.blobsUploaded++;
      stats.bytesUploaded += size;
    } else {
      if (outcome === "mounted") stats.blobsMounted++;
      else stats.blobsExisting++;
      stats.bytesSkipped += size;
    }
  });
  const client = opts.transport.client(target.registry);
  if (isIndex(artifact)) {
    for (const image of artifact.images) {
      await putManifest(
        client,
        target,
        image.descriptor.digest,
        image.bytes,
        image.descriptor,
        scopes
      );
    }
  }
  const references = [];
  if (tags.length === 0) {
    const d = artifact.descriptor;
    await putManifest(client, target, d.digest, artifact.bytes, d, scopes);
    references.push(target.repositoryOnly().withDigest(d.digest).toString());
  }
  for (const tag of tags) {
    await putManifest(client, target, tag, artifact.bytes, artifact.descriptor, scopes);
    references.push(target.withTag(tag).toString());
  }
  return { digest: artifact.descriptor.digest, descriptor: artifact.descriptor, references, stats };
}
var MONOLITHIC_REFUSED = /* @__PURE__ */ new Set([405, 415, 501]);
async function pushBlob(ctx, blob) {
  const { target, scopes } = ctx;
  const d = blob.descriptor;
  const client = ctx.transport.client(target.registry);
  const id = shortDigest(d.digest);
  const op = (what) => ({
    access: "push",
    repository: target.name(),
    what: `${what} blob ${d.digest}`
  });
  const done = blob.pushedTo;
  if (done?.registry === target.registry && done.repository === target.repository) {
    return done.outcome;
  }
  if (await blobPresent(client, ctx, d, op, { before: true }) === true) {
    ctx.logger?.progress({ id, action: "exists", bytes: d.size, total: d.size });
    return "existing";
  }
  let location;
  const origin = blob.origin;
  if (origin && origin.registry === target.registry && origin.repository !== target.repository) {
    const query = new URLSearchParams({ mount: d.digest, from: origin.repository });
    try {
      const res = await client.request({
        method: "POST",
        url: `/v2/${target.repository}/blobs/uploads/?${query.toString()}`,
        scopes,
        op: op("mounting"),
        headers: { "content-length": "0" },
        expect: [201, 202]
      });
      await res.body.dump();
      if (res.status === 201) {
        ctx.logger?.progress({ id, action: "mount", bytes: d.size, total: d.size });
        return "mounted";
      }
      location = uploadLocation(res.url, header(res.headers, "location"), target);
    } catch (err) {
      if (!(err instanceof RegistryError) || ![401, 403, 404].includes(err.status ?? 0)) throw err;
      ctx.logger?.debug(`mount of ${id} from ${origin.repository} refused: ${err.message}`);
    }
  }
  const action = origin ? "copy" : "upload";
  const retry = { ...ctx.transport.retryOptions(), logger: ctx.logger };
  await withRetry(`uploading blob ${id} to ${target.name()}`, retry, async (attempt) => {
    if (attempt > 0) {
      if (location !== void 0) await cancelUpload(client, ctx, location);
      location = void 0;
      if (await blobPresent(client, ctx, d, op) === true) return;
    }
    location ??= await startUpload(client, ctx, op);
    if (!ctx.patchUploads) {
      try {
        await putBlob(client, ctx, blob, location, op, action, true);
        return;
      } catch (err) {
        if (!(err instanceof RegistryError) || !MONOLITHIC_REFUSED.has(err.status ?? 0)) throw err;
        ctx.logger?.debug(
          `${target.registry} refused a monolithic upload (HTTP ${err.status}); using PATCH then PUT`
        );
        ctx.patchUploads = true;
        location = await startUpload(client, ctx, op);
      }
    }
    const next = await patchBlob(client, ctx, blob, location, op, action);
    await putBlob(client, ctx, blob, next, op, action, false);
  });
  return "uploaded";
}
async function blobPresent(client, ctx, d, op, opts = {}) {
  try {
    const res = await client.request({
      method: "HEAD",
      url: `/v2/${ctx.target.repository}/blobs/${d.digest}`,
      scopes: ctx.scopes,
      op: op("checking"),
      expect: [200, 404],
      // Some registries answer a blob HEAD with a redirect to their storage.
      followRedirects: true,
      retry: opts.before === true
    });
    await res.body.dump();
    if (res.status === 404) return false;
    const length = header(res.headers, "content-length");
    return opts.before || length === void 0 || Number(length) === d.size;
  } catch (err) {
    if (opts.before) throw err;
    ctx.logger?.debug(`checking ${shortDigest(d.digest)} after a failed upload: ${String(err)}`);
    return void 0;
  }
}
var CANCEL_TIMEOUT_MS = 1e4;
async function cancelUpload(client, ctx, location, timeoutMs = CANCEL_TIMEOUT_MS) {
  try {
    const res = await client.request({
      method: "DELETE",
      url: location,
      scopes: ctx.scopes,
      op: { access: "push", repository: ctx.target.name(), what: "cancelling an upload" },
      expect: [200, 202, 204, 404],
      retry: false,
      timeoutMs: Math.min(timeoutMs, ctx.transport.options.requestTimeoutMs ?? timeoutMs)
    });
    await res.body.dump();
  } catch {
  }
}
async function startUpload(client, ctx, op, opts = {}) {
  const res = await client.request({
    method: "POST",
    url: `/v2/${ctx.target.repository}/blobs/uploads/`,
    scopes: ctx.scopes,
    op: op("starting the upload of"),
    headers: { "content-length": "0" },
    expect: [202],
    retry: opts.retry ?? false
    // by default the caller's retry loop repeats the whole upload
  });
  await res.body.dump();
  return uploadLocation(res.url, header(res.headers, "location"), ctx.target);
}
function uploadLocation(requestUrl, location, target) {
  if (!location) {
    throw new RegistryError(
      `${target.registry} started an upload to ${target.name()} without a Location header; the registry is not OCI-compliant.`
    );
  }
  return new URL(location, requestUrl).toString();
}
async function putBlob(client, ctx, blob, location, op, action, withBody) {
  const d = blob.descriptor;
  const url2 = new URL(location);
  url2.searchParams.set("digest", d.digest);
  const res = await client.request({
    method: "PUT",
    url: url2.toString(),
    scopes: ctx.scopes,
    op: op(withBody ? "uploading" : "completing the upload of"),
    headers: {
      "content-type": "application/octet-stream",
      "content-length": withBody ? String(d.size) : "0"
    },
    body: withBody ? blobBody(ctx, blob, action) : void 0,
    expect: [201, 204],
    // The surrounding withRetry restarts the whole upload; a PUT alone cannot be repeated.
    retry: false
  });
  await res.body.dump();
  const stored = header(res.headers, "docker-content-digest");
  if (stored !== void 0 && stored !== d.digest) {
    throw new RunError(
      `${ctx.target.registry} stored blob ${d.digest} of ${ctx.target.name()} as ${stored}; the registry altered the bytes.`
    );
  }
  if (stored === void 0 && await blobPresent(client, ctx, d, op) === false) {
    throw new RegistryError(
      `${ctx.target.registry} accepted blob ${d.digest} of ${ctx.target.name()} but does not hold it; run again.`,
      { retryable: true }
    );
  }
}
async function patchBlob(client, ctx, blob, location, op, action) {
  const res = await client.request({
    method: "PATCH",
    url: location,
    scopes: ctx.scopes,
    op: op("uploading"),
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(blob.descriptor.size)
    },
    body: blobBody(ctx, blob, action),
    expect: [202, 201, 204],
    retry: false
  });
  await res.body.dump();
  return uploadLocation(res.url, header(res.headers, "location") ?? location, ctx.target);
}
function blobBody(ctx, blob, action) {
  const d = blob.descriptor;
  const id = shortDigest(d.digest);
  return async () => {
    const source = await blob.open();
    const counter = new ByteCounter(
      d,
      (bytes) => ctx.logger?.progress({ id, action, bytes, total: d.size })
    );
    pipeline3(source, counter, () => {
    });
    return counter;
  };
}
var ByteCounter = class extends Transform2 {
  constructor(descriptor, report) {
    super();
    this.descriptor = descriptor;
    this.report = report;
    this.step = Math.max(1024 * 1024, Math.floor(descriptor.size / 20));
    this.reportProgress(0);
  }
  descriptor;
  report;
  seen = 0;
  lastReported = -1;
  step;
  _transform(chunk, _encoding, callback) {
    this.seen += chunk.length;
    if (this.seen > this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} has more than the ${this.descriptor.size} bytes its descriptor states; the build produced inconsistent data.`
        )
      );
      return;
    }
    if (this.seen - this.lastReported >= this.step || this.seen === this.descriptor.size) {
      this.reportProgress(this.seen);
    }
    callback(null, chunk);
  }
  _flush(callback) {
    if (this.seen !== this.descriptor.size) {
      callback(
        new RunError(
          `Blob ${this.descriptor.digest} ended after ${this.seen} of ${this.descriptor.size} bytes; the build produced inconsistent data.`
        )
      );
      return;
    }
    callback();
  }
  reportProgress(bytes) {
    this.lastReported = bytes;
    this.report(bytes);
  }
};
var BLOB_LINK_LAG_CODES = ["MANIFEST_BLOB_UNKNOWN", "BLOB_UNKNOWN", "DIGEST_INVALID"];
async function putManifest(client, target, reference, bytes, descriptor, scopes) {
  const computed = sha256(bytes);
  if (computed !== descriptor.digest) {
    throw new RunError(
      `Internal error: manifest bytes hash to ${computed} but their descriptor says ${descriptor.digest}.`
    );
  }
  const res = await client.request({
    method: "PUT",
    url: `/v2/${target.repository}/manifests/${reference}`,
    scopes,
    op: {
      access: "push",
      repository: target.name(),
      what: `manifest ${reference}`,
      transientCodes: BLOB_LINK_LAG_CODES
    },
    headers: { "content-type": descriptor.mediaType },
    body: bytes,
    expect: [201, 200, 204]
  });
  await res.body.dump();
  let stored = header(res.headers, "docker-content-digest");
  if (stored === void 0) {
    const check = await client.request({
      method: "HEAD",
      url: `/v2/${target.repository}/manifests/${descriptor.digest}`,
      scopes,
      op: { access: "push", repository: target.name(), what: `manifest ${descriptor.digest}` },
      headers: { accept: descriptor.mediaType },
      expect: [200, 404]
    });
    await check.body.dump();
    if (check.status === 404) {
      throw new RunError(
        `${target.registry} accepted manifest ${reference} of ${target.name()} but holds no manifest ${descriptor.digest}; the registry did not store what was sent.`
      );
    }
    stored = descriptor.digest;
  }
  if (stored !== descriptor.digest) {
    throw new RunError(
      `${target.registry} stored manifest ${reference} of ${target.name()} as ${stored} instead of ${descriptor.digest}; the registry rewrote it (it may not support ${descriptor.mediaType}).`
    );
  }
}

// src/core/publish.ts
function parseOutput(value) {
  if (value === "registry" || value === "none") return { kind: value };
  if (value.startsWith("oci:") && value.length > 4) {
    return { kind: "oci", dir: resolve(value.slice(4)) };
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
async function pushToRegistry(artifact, req) {
  const digest = artifact.descriptor.digest;
  const toPush = [];
  const unchanged = [];
  for (const tag of req.tags) {
    const ref = req.target.withTag(tag);
    const seenAbsent = req.policy === "overwrite" && req.tagsSeenAbsent?.includes(tag);
    const existing = seenAbsent ? void 0 : await headManifest(req.transport, ref, { push: true });
    const decision = ifExists({
      reference: ref.toString(),
      existingDigest: existing?.digest,
      newDigest: digest,
      policy: req.policy
    });
    if (decision.action === "fail") throw new RunError(decision.message);
    if (decision.action === "skip") req.logger.warn(decision.message);
    if (decision.action === "no-op") unchanged.push(ref.toString());
    if (decision.action === "push") toPush.push(tag);
  }
  const references = req.tags.map((tag) => req.target.withTag(tag).toString());
  if (toPush.length === 0) {
    if (unchanged.length > 0) {
      req.logger.info(`unchanged: ${unchanged.join(", ")} already at ${digest}; nothing sent`);
    }
    return { references, pushed: false, stats: NOTHING_SENT };
  }
  const result = await pushArtifact(req.target, artifact, toPush, {
    transport: req.transport,
    logger: req.logger
  });
  for (const ref of result.references) req.logger.info(`pushed ${ref}@${digest}`);
  return { references, pushed: true, stats: result.stats };
}
async function writeToLayout(artifact, dir, tags, logger) {
  for (const tag of tags) {
    await writeLayout(dir, artifact, tag);
    logger.info(`wrote oci:${dir}:${tag} (${artifact.descriptor.digest})`);
  }
  return { references: tags.map((tag) => `oci:${dir}:${tag}`), pushed: true, stats: NOTHING_SENT };
}

// src/assemble/docker.ts
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readFile as readFile2, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join2 } from "node:path";
import { createInterface } from "node:readline";
var TAIL = 20;
var Cli = class {
  constructor(opts, env) {
    this.opts = opts;
    this.env = env;
  }
  opts;
  env;
  flavorCache;
  exec(run) {
    const { command, logger } = this.opts;
    const args = [...this.opts.globalArgs ?? [], ...run.args];
    logger.debug(`${command} ${args.join(" ")}`);
    return new Promise((resolve10, reject) => {
      const child = spawn(command, args, {
        env: this.env,
        stdio: [run.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"],
        shell: false
      });
      const stdout = [];
      const tail = [];
      const keep = (line) => {
        if (run.log === "info") logger.info(line);
        else logger.debug(line);
        tail.push(line);
        if (tail.length > TAIL) tail.shift();
      };
      const closed = [
        new Promise(
          (done) => createInterface({ input: child.stdout }).on("line", (l) => {
            stdout.push(l);
            keep(l);
          }).on("close", done)
        ),
        new Promise(
          (done) => createInterface({ input: child.stderr }).on("line", keep).on("close", done)
        )
      ];
      const timer = run.timeoutMs === void 0 ? void 0 : setTimeout(() => child.kill("SIGKILL"), run.timeoutMs);
      child.on("error", (err) => {
        if (timer) clearTimeout(timer);
        reject(
          err.code === "ENOENT" ? new InputError(
            `Input "docker-command": ${command} was not found on PATH; install docker or podman, or set docker-command to one that is installed.`
          ) : new RunError(`${command} could not start: ${err.message}.`)
        );
      });
      child.on("close", (code) => {
        if (timer) clearTimeout(timer);
        void Promise.all(closed).then(() => resolve10({ code, stdout, tail }));
      });
      if (run.input !== void 0) child.stdin?.end(run.input);
    });
  }
  async ok(run, what) {
    const result = await this.exec(run);
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
  /** podman takes --tls-verify per command; docker reads insecure registries from its daemon. */
  async tls() {
    return this.opts.insecure && await this.flavor() === "podman" ? ["--tls-verify=false"] : [];
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
var TOKEN_USER = "00000000-0000-0000-0000-000000000000";
async function withLogins(opts, logins, fn) {
  const dir = await mkdtemp(join2(opts.tmpDir ?? tmpdir(), "slipway-docker-auth-"));
  try {
    await chmod(dir, 448);
    const authFile = join2(dir, "auth.json");
    await writeFile(authFile, '{"auths":{}}\n', { mode: 384 });
    const env = {
      ...opts.env ?? process.env,
      DOCKER_CONFIG: dir,
      REGISTRY_AUTH_FILE: authFile
    };
    delete env.DOCKER_AUTH_CONFIG;
    const cli = new Cli(opts, env);
    if (await cli.flavor() === "docker") {
      const config = `${JSON.stringify(dockerConfig(logins))}
`;
      await writeFile(join2(dir, "config.json"), config, { mode: 384 });
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
        args: [
          "login",
          ...await cli.tls(),
          "--username",
          user,
          "--password-stdin",
          login.registry
        ],
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
var DIGEST2 = /sha256:[a-f0-9]{64}/;
async function dockerBuildAndPush(opts) {
  if (opts.images.length === 0) throw new InputError("Nothing to tag: set image (and tags).");
  return withLogins(opts, opts.logins, async (cli) => {
    const flavor = await cli.flavor();
    const args = ["build", ...await cli.tls(), "-f", opts.dockerfile];
    for (const image of opts.images) args.push("-t", image);
    if (opts.platform) args.push("--platform", opts.platform);
    args.push(opts.contextDir);
    opts.logger.info(`${opts.command} build -f ${opts.dockerfile} ${opts.contextDir}`);
    await cli.ok({ args, log: "info" }, "build");
    if (opts.push === false) return { flavor };
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
    const file = join2(
      await mkdtemp(join2(cli.opts.tmpDir ?? tmpdir(), "slipway-digest-")),
      "digest"
    );
    try {
      await cli.ok(
        { args: ["push", ...await cli.tls(), "--digestfile", file, image], log: "info" },
        `push ${image}`
      );
      return DIGEST2.exec(await readFile2(file, "utf8"))?.[0];
    } finally {
      await rm(join2(file, ".."), { recursive: true, force: true });
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
  return match ? DIGEST2.exec(match)?.[0] : void 0;
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
      args: ["run", "--rm", "--network", "none", ...await cli.tls(), opts.image, "spec"],
      log: "debug",
      timeoutMs: opts.timeoutMs ?? 6e5
    });
    const { spec: spec2, specWithoutSchema } = findSpec(result.stdout);
    if (spec2) return spec2;
    const last = result.tail.length ? `; last lines:
${result.tail.join("\n")}` : "";
    const what = specWithoutSchema ? "printed a SPEC message without spec.connectionSpecification" : 'printed no {"type":"SPEC"} message';
    const fix = engineHint(result.tail) ?? "check the connector's entrypoint (AIRBYTE_ENTRYPOINT) and its spec";
    throw new RunError(
      `verify: ${opts.image} spec ${what} (exit code ${result.code ?? "none"}); ${fix}${last}`
    );
  });
}

// src/assemble/native.ts
import { resolve as resolve2 } from "node:path";

// src/image/base-directories.ts
var import_tar_stream = __toESM(require_tar_stream());
import { Readable as Readable2 } from "node:stream";
import { createGunzip } from "node:zlib";
var READ_LIMIT = 16 * 1024 * 1024;
var STANDARD_DIRECTORIES = /* @__PURE__ */ new Set([
  ...["bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt", "proc"],
  ...["root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"],
  ...["usr/bin", "usr/lib", "usr/local", "usr/local/bin", "usr/local/lib", "usr/sbin"],
  ...["usr/share", "var/cache", "var/lib", "var/log", "var/tmp"]
]);
function isStandardDirectory(path6) {
  return STANDARD_DIRECTORIES.has(normalize(path6));
}
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
async function readLayerFacts(blob, asked, { signal }) {
  if (!isDistributable(blob.descriptor)) {
    return { removed: [], written: [], implied: [], unreadable: true };
  }
  const facts = { removed: [], written: [], implied: [] };
  const removed = /* @__PURE__ */ new Set();
  const implied = /* @__PURE__ */ new Set();
  const written = /* @__PURE__ */ new Map();
  const under = (p, dir) => dir === "" || p.startsWith(`${dir}/`);
  const raw = await blob.open();
  let tar2;
  try {
    tar2 = await uncompressed(raw);
  } catch (err) {
    raw.destroy();
    if (err instanceof UnknownFormat) return { ...facts, unreadable: true };
    throw err;
  }
  const extract = (0, import_tar_stream.extract)();
  const stop = () => extract.destroy(signal?.reason);
  signal?.addEventListener("abort", stop, { once: true });
  tar2.on("error", (err) => extract.destroy(err));
  tar2.pipe(extract);
  try {
    for await (const entry of extract) {
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
    throw new RunError(
      `Cannot read the base image's layer ${blob.descriptor.digest} to learn which directories it has: ${errorMessage(err)}; check the base-image registry and run again`
    );
  } finally {
    signal?.removeEventListener("abort", stop);
    raw.destroy();
  }
  return { removed: [...removed], written: [...written], implied: [...implied] };
}
var UnknownFormat = class extends Error {
};
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
  const stream = Readable2.from(all(), { objectMode: false });
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

// src/image/layer.ts
var import_tar_stream2 = __toESM(require_tar_stream());
import { createHash as createHash4 } from "node:crypto";
import {
  closeSync,
  createReadStream as createReadStream2,
  fstatSync,
  openSync,
  promises as fs4,
  readSync,
  statSync
} from "node:fs";
import * as os from "node:os";
import * as path5 from "node:path";
import { Readable as Readable3 } from "node:stream";

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
import { createHash as createHash3 } from "node:crypto";
import { promises as fs3 } from "node:fs";
async function inlineSink(file) {
  const out = await fs3.open(file, "w");
  const hash = createHash3("sha256");
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
var CHUNK = 4 * 1024 * 1024;
var MAX_ID = 2097151;
var S_IFREG = 32768;
var S_IFDIR = 16384;
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
  if (format === "tar") return buildTarLayer(sorted, mtime, opts);
  const dir = await fs4.mkdtemp(path5.join(opts.tmpDir ?? os.tmpdir(), "slipway-layer-"));
  const blobPath2 = path5.join(dir, "layer.tar.gz");
  try {
    const result = await writeGzipLayer(sorted, mtime, mode, blobPath2, opts);
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
        return Promise.resolve(createReadStream2(blobPath2, { highWaterMark: 1024 * 1024 }));
      },
      dispose: async () => {
        disposed = true;
        await fs4.rm(dir, { recursive: true, force: true });
      }
    };
  } catch (err) {
    await fs4.rm(dir, { recursive: true, force: true });
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
    fd = openSync(file.source, "r");
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
async function buildTarLayer(entries, mtime, { tee, signal }) {
  const hash = createHash4("sha256");
  let size = 0;
  for await (const data of startPack(entries, mtime)) {
    signal?.throwIfAborted();
    const chunk = data;
    hash.update(chunk);
    size += chunk.length;
    if (tee) await tee.write(chunk);
  }
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
        Readable3.from(retar(entries, mtime, descriptor), { objectMode: false })
      );
    },
    dispose: () => {
      disposed = true;
      return Promise.resolve();
    }
  };
}
async function* retar(entries, mtime, expected) {
  const hash = createHash4("sha256");
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
    let stat5;
    try {
      stat5 = statSync(f.source);
    } catch (err) {
      throw new InputError(
        `Cannot read ${f.source} (for ${f.path}): ${errorMessage(err)}; check that the artifact was built`
      );
    }
    if (!stat5.isFile()) {
      throw new InputError(
        `${f.source} (for ${f.path}) is not a regular file; point the plan at a file`
      );
    }
    const entry = {
      kind: "file",
      name: rel,
      file: f,
      size: stat5.size,
      mtimeMs: stat5.mtimeMs
    };
    add(entry, "file");
    files.push(entry);
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
  const has2 = await existing(implied);
  return entries.filter(
    (e) => !(e.kind === "dir" && e.implied && has2.has(`/${e.name.slice(0, -1)}`))
  );
}
function sameEntry(a, b) {
  if (a.kind === "dir" && b.kind === "dir")
    return a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
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
  const rel = path5.posix.normalize(p).replace(/^\/+/, "").replace(/\/+$/, "");
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
function startPack(entries, mtime, store) {
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
      } else {
        await addFile(
          pack,
          entry,
          mtime,
          (head) => store?.decide(entry, head) ?? false,
          (chunk) => store?.mark(chunk)
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
async function writeGzipLayer(entries, mtime, mode, blobPath2, { tee, signal }) {
  const storedChunks = /* @__PURE__ */ new WeakSet();
  let storedPlanned = 0;
  const pack = startPack(entries, mtime, {
    decide: (entry, head) => mode === "store" || mode === "auto" && shouldStore(entry.size, head),
    mark: (chunk) => {
      storedChunks.add(chunk);
      storedPlanned += chunk.length;
    }
  });
  const tarHash = createHash4("sha256");
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
  return {
    diffId: `sha256:${tarHash.digest("hex")}`,
    digest: blob.digest,
    size: blob.size,
    tarSize,
    storedBytes
  };
}
function addEntry(pack, header2) {
  return new Promise((resolve10, reject) => {
    pack.entry(header2, (err) => err ? reject(err) : resolve10());
  });
}
async function addFile(pack, entry, mtime, decideStore, markStored) {
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
    if (data.length > 0 && decideStore(data.subarray(0, SAMPLE_SIZE))) markStored(data);
    await new Promise((resolve10, reject) => {
      pack.entry(header2, data, (err) => err ? reject(err) : resolve10()).on("error", () => void 0);
    });
    return;
  }
  const { file, size } = entry;
  let fh;
  try {
    fh = await fs4.open(file.source, "r");
  } catch (err) {
    throw new InputError(`Cannot read ${file.source} (for ${file.path}): ${errorMessage(err)}`);
  }
  try {
    checkUnchanged(entry, await fh.stat(), "size or time changed");
    let finished = () => void 0;
    const done = new Promise((resolve10, reject) => {
      finished = (err) => err ? reject(err) : resolve10();
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
      position += chunk.length;
      if (!sink.write(chunk)) await drained(sink);
    }
    const probe = await fh.read(Buffer.alloc(1), 0, 1, size);
    if (probe.bytesRead > 0) throw changed(entry, (await fh.stat()).size, "it grew");
    checkUnchanged(entry, await fh.stat(), "it was modified");
    sink.end(null);
    await done;
  } finally {
    await fh.close();
  }
}
var SMALL_READ = 1024 * 1024;
function readSmallFile(entry) {
  const { file, size } = entry;
  let fd;
  try {
    fd = openSync(file.source, "r");
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
  return new Promise((resolve10, reject) => {
    const onDrain = () => {
      sink.off("close", onClose);
      resolve10();
    };
    const onClose = () => {
      sink.off("drain", onDrain);
      reject(new Error("the layer tar stream was closed while a file was written into it"));
    };
    sink.once("drain", onDrain);
    sink.once("close", onClose);
  });
}

// src/assemble/native.ts
function selectImages(plan, base) {
  const only = plan.platforms;
  if (!only || base.images.length === 0) return base.images;
  const chosen = base.images.filter((img) => only.some((p) => samePlatform(p, img.platform)));
  if (chosen.length === 0) {
    const offered = base.images.map((img) => formatPlatform(img.platform)).join(", ");
    throw new InputError(
      `The artifact runs only on ${only.map(formatPlatform).join(", ")} but the base image ${base.name} offers ${offered}; build the artifact for one of those or choose another base-image.`
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
    exposedPorts: plan.exposedPorts,
    files: plan.files
  };
}
async function buildPlanLayer(plan, imagesPromise, opts, signal) {
  let guess;
  let known;
  const options = { epoch: opts.epoch, tmpDir: opts.tmpDir, signal };
  const first = await buildLayer(
    { files: plan.files, directories: plan.directories },
    {
      ...options,
      tee: opts.upload,
      // Asked only when the plan has directories to make only where missing (unlisted parents,
      // folders a user Dockerfile's COPY --chown creates).
      existingDirectories: async (paths) => {
        const layers = (await imagesPromise).map((i) => i.layers);
        if (!worthReading(layers)) return new Set(paths);
        known = baseDirectories(layers, paths, { signal });
        known.catch(() => void 0);
        guess = new Set(paths.filter(isStandardDirectory));
        return guess;
      }
    }
  );
  if (known === void 0 || guess === void 0) return first;
  const actual = await known.catch(async (err) => {
    await first.dispose();
    throw err;
  });
  if (sameSet(actual, guess)) return first;
  opts.logger?.debug(
    `the base has ${[...actual].join(", ") || "none"} of the directories the layer creates only where missing; making the layer again`
  );
  opts.upload?.abort();
  await first.dispose();
  return buildLayer(
    { files: plan.files, directories: plan.directories },
    { ...options, existingDirectories: () => Promise.resolve(actual) }
  );
}
function sameSet(a, b) {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
async function assembleNative(plan, baseSource, opts) {
  const phase = opts.phase ?? ((_name, step) => step());
  const stop = new AbortController();
  const basePromise = phase("base", () => openBase(plan.base, baseSource));
  const imagesPromise = basePromise.then((base) => selectImages(plan, base));
  imagesPromise.catch(() => void 0);
  basePromise.then(
    () => imagesPromise.then(
      (images) => opts.upload?.pushEarly(baseBlobs(images)),
      () => opts.upload?.pushEarly([])
      // the build reports the clash itself
    ),
    (err) => {
      opts.upload?.abort();
      stop.abort(err);
    }
  );
  let layer;
  try {
    layer = await phase("layer", () => buildPlanLayer(plan, imagesPromise, opts, stop.signal));
  } catch (err) {
    opts.upload?.abort();
    await basePromise;
    throw err;
  }
  try {
    const base = await basePromise;
    const images = await imagesPromise;
    const artifact = buildArtifact({
      base: { ...base, images },
      layer,
      changes: imageChanges(plan),
      epoch: opts.epoch,
      platforms: plan.platforms ?? (opts.requested.length ? opts.requested : void 0)
    });
    const upload = opts.upload;
    if (upload) await phase("upload", () => upload.finish(layer, artifact));
    const platforms = isIndex(artifact) ? artifact.images.map((i) => i.platform) : [artifact.platform];
    return { artifact, layer, platforms, base };
  } catch (err) {
    opts.upload?.abort();
    await layer.dispose();
    throw err;
  }
}
async function openBase(name, src) {
  if (isScratch(name)) return resolveBase(src.transport, SCRATCH);
  if (name.startsWith("oci:")) {
    const { dir, tag } = parseLayoutReference(name);
    const base = await readLayoutBase(resolve2(src.workingDirectory, dir), tag, { name });
    return { ...base, images: onlyRequested(base, src.platforms) };
  }
  const ref = parseReference(name, { input: "base-image", defaultTag: "latest" });
  return resolveBase(src.transport, ref, { platforms: src.platforms, input: "base-image" });
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
import { readFile as readFile4 } from "node:fs/promises";
import { join as join11, resolve as resolve7 } from "node:path";

// src/build/index.ts
import { access, constants, stat } from "node:fs/promises";
import { join as join4, resolve as resolve3 } from "node:path";

// src/build/run.ts
import { spawn as spawn2 } from "node:child_process";
import { createInterface as createInterface2 } from "node:readline";
var TAIL_LINES = 20;
var BuildError = class extends RunError {
  constructor(message, toolExitCode, tail) {
    super(message);
    this.toolExitCode = toolExitCode;
    this.tail = tail;
  }
  toolExitCode;
  tail;
};
function runTool(run) {
  return new Promise((resolve10, reject) => {
    const tail = [];
    const child = spawn2(run.command, run.args, {
      cwd: run.cwd,
      env: run.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      shell: false
    });
    const onLine = (line) => {
      run.logger.info(line);
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
    };
    const streams = [child.stdout, child.stderr].map((stream) => {
      const rl = createInterface2({ input: stream, crlfDelay: Infinity });
      rl.on("line", onLine);
      return new Promise((done) => rl.on("close", done));
    });
    child.on("error", (err) => {
      if (err.code === "ENOENT") {
        reject(
          new BuildError(`${run.command} was not found on PATH; ${run.missingHint}.`, null, [])
        );
      } else {
        reject(
          new BuildError(`${run.title} could not start in ${run.cwd}: ${err.message}.`, null, [])
        );
      }
    });
    child.on("close", (code, signal) => {
      void Promise.all(streams).then(() => {
        if (code === 0) return resolve10();
        const how = code === null ? `was killed by ${signal ?? "a signal"}` : `failed with exit code ${code}`;
        const last = tail.length ? `; last lines:
${tail.join("\n")}` : "";
        reject(new BuildError(`${run.title} ${how} in ${run.cwd}${last}`, code, [...tail]));
      });
    });
  });
}

// src/build/index.ts
async function isFile(path6) {
  try {
    return (await stat(path6)).isFile();
  } catch {
    return false;
  }
}
async function isExecutable(path6) {
  try {
    await access(path6, constants.X_OK);
    return isFile(path6);
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
  if (await isFile(join4(dir, "pom.xml"))) return "maven";
  for (const name of GRADLE_FILES) if (await isFile(join4(dir, name))) return "gradle";
  return void 0;
}
async function buildCommand(tool, dir, buildArgs) {
  if (tool === "maven") {
    const args2 = ["-B", "package", ...buildArgs];
    return {
      command: "mvn",
      args: args2,
      title: `mvn ${args2.join(" ")}`,
      missingHint: "install Maven on the runner (e.g. actions/setup-java with maven) or set build: none"
    };
  }
  const wrapper = join4(dir, "gradlew");
  const command = await isExecutable(wrapper) ? wrapper : "gradle";
  const args = ["build", "--console=plain", ...buildArgs];
  return {
    command,
    args,
    title: `${command === wrapper ? "./gradlew" : "gradle"} ${args.join(" ")}`,
    missingHint: "add the Gradle wrapper (gradle wrapper) or install Gradle, or set build: none"
  };
}
async function runBuild(inputs, workingDirectory, logger, env = process.env) {
  const dir = resolve3(workingDirectory);
  const mode = inputs.build;
  if (mode === "none") return;
  let tool;
  if (mode === "maven" || mode === "gradle") {
    tool = mode;
    const marker = tool === "maven" ? ["pom.xml"] : GRADLE_FILES;
    const found = await Promise.all(marker.map((m) => isFile(join4(dir, m))));
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
  const cmd = await buildCommand(tool, dir, inputs["build-args"]);
  logger.info(`build: ${cmd.title}`);
  await runTool({ ...cmd, cwd: dir, logger, env });
}

// src/connectors/airbyte/plan.ts
import { lstat, mkdtemp as mkdtemp2, readdir as readdir2 } from "node:fs/promises";
import { join as join7, posix as posix4, relative as relative2 } from "node:path";

// src/connectors/common.ts
import { posix as posix3 } from "node:path";
function targetDirectory(inputs, fallback) {
  const given = inputs["artifact-path"];
  if (!given) return fallback;
  if (!given.startsWith("/")) {
    throw new InputError(
      `Input "artifact-path" must be an absolute path inside the image (got "${given}"); write e.g. ${fallback}.`
    );
  }
  const normal = posix3.normalize(given).replace(/\/+$/, "");
  return normal === "" ? "/" : normal;
}
function baseImage(inputs, fallback) {
  return inputs["base-image"] || fallback;
}
function directoryChain(dir, root, owner, mode) {
  return directoryPaths(dir, root).map((path6) => ({ path: path6, mode, ...owner }));
}
function directoryPaths(dir, root) {
  const rel = posix3.relative(root, dir);
  if (rel === ".." || rel.startsWith("../")) return [];
  const out = [root];
  if (rel === "") return out;
  for (const part of rel.split("/")) out.push(posix3.join(out[out.length - 1], part));
  return out;
}
function oneLine(value) {
  return value.replace(/\s+/g, " ").trim();
}
function ociLabels(info) {
  const labels = {};
  if (info.name) labels["org.opencontainers.image.title"] = oneLine(info.name);
  if (info.version) labels["org.opencontainers.image.version"] = oneLine(info.version);
  if (info.description) labels["org.opencontainers.image.description"] = oneLine(info.description);
  return labels;
}
function finalLabels(inputs, ...sets) {
  return Object.assign({}, ...sets, inputs.labels);
}

// src/connectors/inspect/airbyte.ts
import { readFile as readFile3, readdir, stat as stat2 } from "node:fs/promises";
import { join as join6 } from "node:path";

// src/connectors/paths.ts
import { isAbsolute, relative, sep } from "node:path";
function isInside(root, path6) {
  const rel = relative(root, path6);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
function displayPath(path6, workingDirectory) {
  if (!isInside(workingDirectory, path6)) return path6;
  return relative(workingDirectory, path6) || ".";
}

// src/connectors/inspect/tar.ts
var import_tar_stream3 = __toESM(require_tar_stream());
import { createReadStream as createReadStream3, createWriteStream as createWriteStream2 } from "node:fs";
import { chmod as chmod2, mkdir } from "node:fs/promises";
import { dirname as dirname2, join as join5 } from "node:path";
import { pipeline as pipeline4 } from "node:stream/promises";
import { createGunzip as createGunzip2 } from "node:zlib";

// src/connectors/inspect/zip.ts
var MAX_TEXT_ENTRY_BYTES = 1024 * 1024;
var MAX_NESTED_ARCHIVE_BYTES = 64 * 1024 * 1024;
var MAX_TOTAL_UNCOMPRESSED_BYTES = 8 * 1024 * 1024 * 1024;
var MAX_ENTRIES = 2e5;
var MAX_DEFLATE_RATIO = 1100;
async function zipReader() {
  return (await import("./yauzl-5HV3C5TD.js")).default;
}
async function openZip(path6, label) {
  const yauzl = await zipReader();
  let zip;
  try {
    zip = await yauzl.openPromise(path6, { lazyEntries: true, autoClose: false });
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
  const where = `${label}!/${name}`;
  if (!entry) throw new InputError(`${where} does not exist.`, { file: label });
  if (entry.uncompressedSize > maxBytes) {
    throw new InputError(
      `${where} declares ${entry.uncompressedSize} bytes, more than the ${maxBytes} Slipway reads from such an entry; refusing it as a possible zip bomb.`,
      { file: label }
    );
  }
  if (entry.compressionMethod === 8 && entry.uncompressedSize > MAX_DEFLATE_RATIO * Math.max(entry.compressedSize, 1)) {
    throw new InputError(
      `${where} declares a compression ratio deflate cannot reach (${entry.uncompressedSize} from ${entry.compressedSize} bytes); refusing the forged entry.`,
      { file: label }
    );
  }
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks);
  } catch (err) {
    throw new InputError(`${where} cannot be read (${errorMessage(err)}); rebuild the archive.`, {
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

// src/connectors/inspect/tar.ts
function openTar(path6) {
  const raw = createReadStream3(path6);
  return /\.(tgz|tar\.gz)$/i.test(path6) ? raw.pipe(createGunzip2()) : raw;
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
async function walkTar(path6, label, strip, visit) {
  const extract = import_tar_stream3.default.extract();
  const source = openTar(path6);
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
async function listTar(path6, label, strip = 0) {
  const out = [];
  await walkTar(path6, label, strip, (entry) => {
    out.push(entry);
    return Promise.resolve();
  });
  return out;
}
async function extractTar(path6, label, destination, strip) {
  const out = [];
  await walkTar(path6, label, strip, async (entry, body) => {
    const target = join5(destination, entry.name);
    if (entry.type === "directory") {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname2(target), { recursive: true });
      await pipeline4(body, createWriteStream2(target, { mode: 384 }));
      await chmod2(target, entry.mode & 511 | 384);
    }
    out.push(entry);
  });
  return out;
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
  string(path6) {
    const node = this.doc.getIn(path6.split("."), true);
    if (!this.yaml.isScalar(node)) return void 0;
    const value = node.value;
    if (typeof value === "string") return value.trim() === "" ? void 0 : value.trim();
    if (typeof value === "number") return node.source ?? String(value);
    return void 0;
  }
  has(path6) {
    return this.doc.hasIn(path6.split("."));
  }
  /** Line of the key at `path`, or of its closest existing parent. */
  line(path6) {
    const keys = path6.split(".");
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
  error(path6, message) {
    const line = path6 ? this.line(path6) : void 0;
    return new InputError(`${this.label}: ${message}`, { file: this.annotate, line });
  }
};

// src/connectors/inspect/airbyte.ts
var METADATA_FILE = "metadata.yaml";
var MANIFEST_FILE = "manifest.yaml";
var COMPONENTS_FILE = "components.py";
var PYTHON_MAIN_FILE = "main.py";
var DISTRIBUTIONS_DIR = "build/distributions";
async function exists(path6) {
  try {
    await stat2(path6);
    return true;
  } catch {
    return false;
  }
}
function show(ctx, path6) {
  return displayPath(path6, ctx.workingDirectory);
}
async function distributionTars(folder) {
  try {
    const names = await readdir(join6(folder, DISTRIBUTIONS_DIR));
    return names.filter((n) => /\.(tar|tgz|tar\.gz)$/.test(n)).sort().map((n) => join6(folder, DISTRIBUTIONS_DIR, n));
  } catch {
    return [];
  }
}
async function inspectAirbyteFolder(ctx) {
  const folderLabel = show(ctx, ctx.folder);
  const metadataPath = join6(ctx.folder, METADATA_FILE);
  const metadataLabel = show(ctx, metadataPath);
  if (!await exists(metadataPath)) {
    throw new InputError(
      `${metadataLabel} is missing; an Airbyte connector folder needs it with data.dockerRepository, data.dockerImageTag and data.connectorType (or point artifact at the right folder).`,
      { file: metadataLabel }
    );
  }
  const meta = await YamlFile.parse(await readFile3(metadataPath, "utf8"), metadataLabel);
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
  const project = { folder: ctx.folder, metadataFile: metadataPath };
  const format = await resolveFormat(ctx, project, folderLabel);
  if (format === "airbyte-manifest") {
    if (connectorType !== "airbyte-source") {
      throw meta.error(
        "data.connectorType",
        "a declarative manifest can only be a source; set connectorType: source or build the destination as Java or Python."
      );
    }
    await checkManifest(ctx, project);
  } else if (format === "airbyte-java") {
    await inspectDistribution(ctx, project);
  } else {
    const main = join6(ctx.folder, PYTHON_MAIN_FILE);
    if (!await exists(main)) {
      throw new InputError(
        `${show(ctx, main)} is missing; a Python Airbyte connector starts with python /airbyte/integration_code/main.py, so add main.py to ${folderLabel}.`,
        { file: folderLabel }
      );
    }
  }
  return {
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
  if (wanted === "airbyte-manifest" || wanted === "auto" && !ctx.tar && await exists(join6(ctx.folder, MANIFEST_FILE))) {
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
        `Several distribution tars in ${show(ctx, join6(ctx.folder, DISTRIBUTIONS_DIR))} (${tars.map((t) => show(ctx, t)).join(", ")}); choose one with artifact.`
      );
    }
    if (wanted === "airbyte-java") {
      throw new InputError(
        `No distribution tar in ${show(ctx, join6(ctx.folder, DISTRIBUTIONS_DIR))}; run gradle distTar (build: gradle, build-args: distTar) or set artifact to the tar.`
      );
    }
  }
  const python = ["pyproject.toml", "setup.py", PYTHON_MAIN_FILE];
  for (const file of python) {
    if (await exists(join6(ctx.folder, file))) return "airbyte-python";
  }
  if (wanted === "airbyte-python") return "airbyte-python";
  throw new InputError(
    `${folderLabel} has metadata.yaml but no manifest.yaml, build/distributions/*.tar, pyproject.toml or main.py; add the connector code or set artifact-format.`
  );
}
async function checkManifest(ctx, project) {
  const path6 = join6(ctx.folder, MANIFEST_FILE);
  const label = show(ctx, path6);
  if (!await exists(path6)) {
    throw new InputError(`${label} is missing; a declarative connector needs its manifest.yaml.`, {
      file: label
    });
  }
  const manifest = await YamlFile.parse(await readFile3(path6, "utf8"), label);
  if (!manifest.has("spec")) {
    throw manifest.error(
      void 0,
      "spec is missing; add spec: with connection_specification so that the image can answer spec."
    );
  }
  project.manifestFile = path6;
  const components = join6(ctx.folder, COMPONENTS_FILE);
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
var PYTHON_EXCLUDES = /* @__PURE__ */ new Set([
  ".git",
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
function airbyteLabels(inputs, info) {
  return finalLabels(inputs, ociLabels(info), {
    "io.airbyte.name": info.defaultImage ?? "",
    "io.airbyte.version": info.defaultTag ?? ""
  });
}
function entrypointEnv(entrypoint) {
  return { AIRBYTE_ENTRYPOINT: entrypoint.join(" ") };
}
function dirs(paths) {
  return [...new Set(paths)].sort().map((path6) => ({ path: path6, mode: DIR_MODE, ...AIRBYTE_OWNER }));
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
  const packageDir = posix4.join(code, "source_declarative_manifest");
  const files = [
    {
      path: posix4.join(packageDir, "manifest.yaml"),
      source: project.manifestFile,
      mode: 420,
      ...AIRBYTE_OWNER
    }
  ];
  if (project.componentsFile) {
    files.push({
      path: posix4.join(packageDir, "components.py"),
      source: project.componentsFile,
      mode: 420,
      ...AIRBYTE_OWNER
    });
  }
  const entrypoint = ["python", posix4.join(code, "main.py")];
  return {
    base: baseImage(inputs, info.baseImage ?? DEFAULT_BASES.manifest),
    files,
    directories: dirs(directoryPaths(packageDir, AIRBYTE_HOME)),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(inputs, info),
    workdir: code,
    entrypoint,
    run: []
  };
}
async function planJava(inputs, info, opts) {
  const project = info.airbyte;
  const home = targetDirectory(inputs, AIRBYTE_HOME);
  const staging = await mkdtemp2(join7(opts.stagingDir, "airbyte-dist-"));
  const tar2 = project.distributionTar;
  const entries = await extractTar(tar2, relative2(info.path, tar2), staging, 1);
  const files = [];
  const directories = directoryPaths(home, home);
  for (const entry of entries) {
    const path6 = posix4.join(home, entry.name);
    if (entry.type === "directory") {
      directories.push(path6);
      continue;
    }
    for (const d of directoryPaths(posix4.dirname(path6), home)) directories.push(d);
    files.push({
      path: path6,
      source: join7(staging, entry.name),
      mode: entry.mode & 73 ? 493 : 420,
      ...AIRBYTE_OWNER
    });
  }
  const entrypoint = [posix4.join(home, "base.sh")];
  return {
    base: baseImage(inputs, info.baseImage ?? DEFAULT_BASES.java),
    files: files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    directories: dirs(directories),
    // base.sh runs /airbyte/bin/$APPLICATION.
    env: { APPLICATION: project.application, ...entrypointEnv(entrypoint) },
    labels: airbyteLabels(inputs, info),
    workdir: home,
    entrypoint,
    run: []
  };
}
async function planPython(inputs, info, opts) {
  const project = info.airbyte;
  const code = targetDirectory(inputs, INTEGRATION_CODE);
  const files = [];
  const directories = directoryPaths(code, AIRBYTE_HOME);
  await walk(
    project.folder,
    "",
    async (rel, isDir, mode) => {
      const path6 = posix4.join(code, rel);
      if (isDir) directories.push(path6);
      else
        files.push({
          path: path6,
          source: join7(project.folder, rel),
          mode: mode & 64 ? 493 : 420,
          ...AIRBYTE_OWNER
        });
      return Promise.resolve();
    },
    opts.logger
  );
  const run = [];
  if (await exists(join7(project.folder, "pyproject.toml")) || await exists(join7(project.folder, "setup.py"))) {
    run.push("pip install --no-cache-dir .");
  } else if (await exists(join7(project.folder, "requirements.txt"))) {
    run.push("pip install --no-cache-dir -r requirements.txt");
  }
  const entrypoint = ["python", posix4.join(code, "main.py")];
  return {
    base: baseImage(inputs, info.baseImage ?? DEFAULT_BASES.python),
    files,
    directories: dirs(directories),
    env: entrypointEnv(entrypoint),
    labels: airbyteLabels(inputs, info),
    workdir: code,
    entrypoint,
    run
  };
}
async function walk(root, rel, visit, logger) {
  const names = (await readdir2(join7(root, rel))).sort();
  for (const name of names) {
    if (PYTHON_EXCLUDES.has(name) || name.endsWith(".pyc")) continue;
    const childRel = rel ? `${rel}/${name}` : name;
    const st = await lstat(join7(root, childRel));
    if (st.isSymbolicLink()) {
      logger?.warn(`${childRel} is a symbolic link; it is left out of the image.`);
      continue;
    }
    if (st.isDirectory()) {
      await visit(childRel, true, st.mode);
      await walk(root, childRel, visit, logger);
    } else if (st.isFile()) {
      await visit(childRel, false, st.mode);
    }
  }
}

// src/connectors/discover.ts
import { readdir as readdir3, realpath, stat as stat3 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join8, resolve as resolve4 } from "node:path";
async function filesIn(dir) {
  try {
    const names = await readdir3(dir, { withFileTypes: true });
    return names.filter((d) => d.isFile()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}
async function isDirectory(path6) {
  try {
    return (await stat3(path6)).isDirectory();
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
    find: async (wd) => (await filesIn(join8(wd, "target"))).filter((n) => n.endsWith(".nar")).map((n) => join8(wd, "target", n))
  },
  {
    describe: "the shaded jar in target/",
    find: async (wd) => pickShadedJar(await filesIn(join8(wd, "target"))).map((n) => join8(wd, "target", n))
  },
  {
    describe: "build/libs/*-all.jar",
    find: async (wd) => (await filesIn(join8(wd, "build", "libs"))).filter((n) => n.endsWith("-all.jar")).map((n) => join8(wd, "build", "libs", n))
  },
  {
    describe: "the jar in build/libs/",
    find: async (wd) => (await filesIn(join8(wd, "build", "libs"))).filter((n) => n.endsWith(".jar") && !n.endsWith("-plain.jar") && !SIDE_JARS.test(n)).map((n) => join8(wd, "build", "libs", n))
  }
];
function several(found, wd, where) {
  const list = found.map((p) => displayPath(p, wd));
  return new InputError(
    `Several artifacts match ${where}: ${list.join(", ")}; choose one with artifact, e.g. artifact: ${list[0]}.`
  );
}
async function allowedRoots(wd) {
  const env = process.env;
  const candidates = [
    wd,
    env.GITHUB_WORKSPACE,
    env.RUNNER_TEMP,
    env.CI_PROJECT_DIR,
    env.CI_BUILDS_DIR,
    process.cwd(),
    tmpdir3()
  ];
  const roots = [];
  for (const c of candidates) {
    if (!c) continue;
    roots.push(await realpath(c).catch(() => resolve4(c)));
  }
  return roots;
}
async function isConfined(path6, roots) {
  const real = await realpath(path6).catch(() => void 0);
  return real === void 0 || roots.some((root) => isInside(root, real));
}
async function confineToRoots(path6, roots, what) {
  if (await isConfined(path6, roots)) return;
  const real = await realpath(path6);
  throw new InputError(
    `${what} leads to ${real}, which is outside the folders Slipway packages from (working-directory, the CI workspace and temp folders); copy it into the project or set working-directory to a folder that holds it.`
  );
}
async function discoverArtifact(artifact, workingDirectory) {
  const wd = resolve4(workingDirectory);
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
  await confineToRoots(found, await allowedRoots(wd), `Artifact ${displayPath(found, wd)}`);
  return found;
}
async function findOptionalArtifact(workingDirectory) {
  const wd = resolve4(workingDirectory);
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
  const direct = resolve4(wd, artifact);
  try {
    await stat3(direct);
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
  if (found.length === 1) return resolve4(found[0]);
  if (found.length === 0) {
    throw new InputError(
      `Input "artifact": the pattern ${artifact} matches nothing in ${displayPath(wd, process.cwd())}; build the project first or fix the pattern (relative to working-directory).`
    );
  }
  throw several(
    found.map((p) => resolve4(p)),
    wd,
    `the pattern ${artifact}`
  );
}

// src/connectors/dockerfile.ts
import { copyFile, link, mkdir as mkdir2 } from "node:fs/promises";
import { join as join10, posix as posix6, relative as relative4, sep as sep3 } from "node:path";

// src/connectors/dockerfile-parse.ts
import { lstat as lstat2, readdir as readdir4, realpath as realpath2 } from "node:fs/promises";
import { join as join9, posix as posix5, relative as relative3, resolve as resolve5, sep as sep2 } from "node:path";

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
async function readHead2(path6, bytes = 64) {
  const handle = await open(path6, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// src/connectors/shell-words.ts
var WordError = class extends Error {
};
var Scanner2 = class {
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
  const s = new Scanner2(text4);
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
function fail2(state, instruction, message) {
  const line = lineOf(instruction);
  return new InputError(`${state.label}:${line}: ${message}`, { file: state.label, line });
}
function words(state, instruction, text4) {
  try {
    return processWords(text4, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail2(state, instruction, `${err.message}; fix the quoting.`);
    throw err;
  }
}
function word(state, instruction, text4) {
  try {
    return processWord(text4, (n) => state.vars.get(n), state.escape);
  } catch (err) {
    if (err instanceof WordError)
      throw fail2(state, instruction, `${err.message}; fix the quoting.`);
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
    contextDir: resolve5(contextDir),
    escape: dockerfile.getEscapeCharacter(),
    vars: /* @__PURE__ */ new Map(),
    plan: { base: "", files: [], directories: [], env: {}, labels: {}, run: [] },
    files: /* @__PURE__ */ new Map(),
    directories: /* @__PURE__ */ new Map(),
    made: /* @__PURE__ */ new Map(),
    hasDockerignore: await lstat2(join9(contextDir, ".dockerignore")).then(
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
        throw fail2(
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
            const target = seenFrom ? state.vars : globalArgs;
            if (value !== void 0) target.set(name, value);
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
            throw fail2(state, instruction, "FROM names no image; write e.g. FROM busybox:1.36.");
          if (as !== void 0 && as.toUpperCase() !== "AS")
            throw fail2(
              state,
              instruction,
              `unexpected "${as}" after the image; write FROM image [AS name].`
            );
          state.plan.base = image;
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
          state.plan.workdir = posix5.resolve(state.plan.workdir ?? "/", dir);
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
          throw fail2(
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
  const made = [...state.made.values()].filter((d) => !state.directories.has(d.path) && !state.files.has(d.path)).filter((d) => d.uid !== 0 || d.gid !== 0 || d.mode !== ROOT_DIRECTORY.mode).map((d) => ({ ...d, ifMissing: true }));
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
async function isLocalArchive(path6) {
  const head = await readHead2(path6, 512);
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
    throw fail2(state, instruction, `${keyword} needs a source and a destination.`);
  const dest = all[all.length - 1];
  const sources = all.slice(0, -1);
  const matches = [];
  for (const source of sources) {
    if (keyword === "ADD" && (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith("git@"))) {
      throw new NeedsDocker(`ADD of a remote source at ${here}`, line);
    }
    const found = await resolveSources(state, instruction, source);
    matches.push(...found);
  }
  const destination = posix5.resolve(state.plan.workdir ?? "/", dest);
  const intoDirectory = dest.endsWith("/") || matches.length > 1 || await anyDirectory(matches);
  const into = /* @__PURE__ */ new Set();
  for (const src of matches) {
    const st = await lstat2(src);
    if (keyword === "ADD" && st.isFile() && await isLocalArchive(src)) {
      throw new NeedsDocker(`ADD of a local archive (unpacked by ADD) at ${here}`, line);
    }
    if (st.isDirectory()) {
      into.add(destination);
      await copyTree(state, instruction, src, destination, owner, chmod3);
    } else {
      const path6 = intoDirectory ? posix5.join(destination, posix5.basename(src)) : destination;
      addFile2(state, path6, src, chmod3 ?? st.mode & 4095, owner);
      into.add(posix5.dirname(path6));
    }
  }
  claimMissingDirectories(state, [...into], { mode: ROOT_DIRECTORY.mode, ...owner });
}
var ROOT_DIRECTORY = { mode: 493, uid: 0, gid: 0 };
function claimMissingDirectories(state, dirs2, meta) {
  for (const dir of dirs2) {
    for (let p = dir; p !== "/" && p !== "."; p = posix5.dirname(p)) {
      if (!state.made.has(p) && !state.directories.has(p)) state.made.set(p, { path: p, ...meta });
    }
  }
}
async function anyDirectory(paths) {
  for (const p of paths) if ((await lstat2(p)).isDirectory()) return true;
  return false;
}
async function resolveSources(state, instruction, source) {
  const here = `${state.label}:${lineOf(instruction)}`;
  const direct = resolve5(state.contextDir, source.replace(/^\/+/, ""));
  if (!isInside(state.contextDir, direct)) {
    throw fail2(
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
      throw fail2(
        state,
        instruction,
        `source ${source} matches nothing in the build context ${state.contextDir}.`
      );
    return found.map((f) => resolve5(f)).sort();
  }
  let link2;
  try {
    const st = await lstat2(direct);
    if (st.isSymbolicLink()) {
      const target = await realpath2(direct).catch(() => void 0);
      const context = await realpath2(state.contextDir).catch(() => state.contextDir);
      if (target !== void 0 && !isInside(context, target)) link2 = target;
      else
        throw new NeedsDocker(`a symbolic link source (${source}) at ${here}`, lineOf(instruction));
    }
    if (st.isDirectory() && state.hasDockerignore)
      throw new NeedsDocker(`a folder source with a .dockerignore at ${here}`, lineOf(instruction));
  } catch (err) {
    if (err instanceof NeedsDocker) throw err;
    throw fail2(
      state,
      instruction,
      `source ${source} does not exist in the build context ${state.contextDir}.`
    );
  }
  if (link2 !== void 0) {
    throw fail2(
      state,
      instruction,
      `source ${source} is a symbolic link to ${link2}, outside the build context ${state.contextDir}; copy the file into the context.`
    );
  }
  return [direct];
}
function addFile2(state, path6, source, mode, owner) {
  state.directories.delete(path6);
  state.made.delete(path6);
  state.files.set(path6, { path: path6, source, mode, ...owner });
}
async function copyTree(state, instruction, dir, destination, owner, chmod3) {
  for (const name of (await readdir4(dir)).sort()) {
    const src = join9(dir, name);
    const target = posix5.join(destination, name);
    const st = await lstat2(src);
    if (st.isSymbolicLink()) {
      throw new NeedsDocker(
        `a symbolic link (${relative3(state.contextDir, src).split(sep2).join("/")}) in a copied folder at ${state.label}:${lineOf(instruction)}`,
        lineOf(instruction)
      );
    }
    if (st.isDirectory()) {
      state.files.delete(target);
      state.directories.set(target, { path: target, mode: chmod3 ?? st.mode & 4095, ...owner });
      await copyTree(state, instruction, src, target, owner, chmod3);
    } else if (st.isFile()) {
      addFile2(state, target, src, chmod3 ?? st.mode & 4095, owner);
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
function depth(path6) {
  return path6 === "/" ? 0 : path6.split("/").length - 1;
}
function byPath(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
function listedDirectories(plan) {
  const dirs2 = /* @__PURE__ */ new Map();
  for (const d of plan.directories) {
    if (!d.ifMissing) dirs2.set(posix6.normalize(d.path), { ...d, path: posix6.normalize(d.path) });
  }
  return dirs2;
}
function ifMissingDirectories(plan) {
  const listed = listedDirectories(plan);
  const dirs2 = /* @__PURE__ */ new Map();
  for (const d of plan.directories) {
    const path6 = posix6.normalize(d.path);
    if (d.ifMissing && !listed.has(path6)) dirs2.set(path6, { ...d, path: path6 });
  }
  return dirs2;
}
function impliedDirectories(plan) {
  const listed = listedDirectories(plan);
  const ifMissing = ifMissingDirectories(plan);
  const implied = /* @__PURE__ */ new Set();
  const addParents = (path6) => {
    for (let p = posix6.dirname(path6); p !== "/" && p !== "."; p = posix6.dirname(p)) {
      if (!listed.has(p) && !ifMissing.has(p)) implied.add(p);
    }
  };
  for (const d of listed.keys()) addParents(d);
  for (const d of ifMissing.keys()) addParents(d);
  for (const f of plan.files) addParents(posix6.normalize(f.path));
  return [...implied].sort();
}
function missingOnlyDirectories(plan) {
  const implied = impliedDirectories(plan).map((path6) => ({ path: path6, ...DEFAULT_DIR }));
  return [...ifMissingDirectories(plan).values(), ...implied].sort(byPath);
}
function parentCopies(plan) {
  const missing = new Map(missingOnlyDirectories(plan).map((d) => [d.path, d]));
  const above = (path6) => {
    for (let p = posix6.dirname(path6); p !== "/" && p !== "."; p = posix6.dirname(p)) {
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
      const parent = listed.get(posix6.dirname(top));
      if (!parent || posix6.dirname(top) === top || metaKey(parent) !== metaKey(d)) break;
      top = parent.path;
    }
    const dest = posix6.dirname(top);
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
var SAFE_NAME = /^[A-Za-z0-9._+@=,-]+$/;
function contextName(file, index) {
  const name = posix6.basename(file.path);
  return `files/${index}/${SAFE_NAME.test(name) ? name : "file"}`;
}
async function prepareBuildContext(plan, contextDir) {
  await mkdir2(contextDir, { recursive: true });
  const files = sortedFiles(plan);
  const moved = [];
  for (const [index, file] of files.entries()) {
    const target = join10(contextDir, ...contextName(file, index).split("/"));
    await mkdir2(join10(target, ".."), { recursive: true });
    try {
      await link(file.source, target);
    } catch {
      await copyFile(file.source, target);
    }
    moved.push({ ...file, source: target });
  }
  for (const copy2 of directoryCopies(plan)) {
    for (const path6 of copy2.paths) {
      const inTree = posix6.relative(copy2.dest, path6).split("/");
      await mkdir2(join10(contextDir, "dirs", String(copy2.index), ...inTree), { recursive: true });
    }
  }
  if (parentCopies(plan).length > 0)
    await mkdir2(join10(contextDir, ...EMPTY_DIR.split("/")), { recursive: true });
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
  return rel.split(sep3).join("/");
}
function renderDockerfile(plan, contextDir) {
  const lines = [
    "# Rendered by Slipway from its image plan; the native builder produces the same image.",
    `FROM ${word2("base image", plan.base)}`
  ];
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
    const sameName = posix6.basename(src) === posix6.basename(file.path);
    const key = sameName ? `${metaKey(file)}|${posix6.dirname(file.path)}` : `single|${file.path}`;
    groups.set(key, [...groups.get(key) ?? [], { file, src }]);
  }
  for (const group of groups.values()) {
    const { file } = group[0];
    const flags2 = [`--chown=${file.uid}:${file.gid}`, `--chmod=${octal(file.mode)}`];
    const sources = group.map((g) => word2("file", g.src));
    const dest = group.length === 1 ? file.path : `${posix6.dirname(file.path)}/`;
    lines.push(copyInstruction(flags2, sources, word2("path", dest)));
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
import { basename, posix as posix7 } from "node:path";
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
    files: [
      {
        path: posix7.join(dir, basename(info.path)),
        source: info.path,
        mode: info.format === "go" ? 493 : 420,
        ...ROOT
      }
    ],
    directories: [],
    env: {},
    labels: finalLabels(inputs, ociLabels(info)),
    run: [],
    platforms: info.platform ? [info.platform] : void 0
  };
}

// src/connectors/functionmesh/plan.ts
import { basename as basename3, posix as posix9 } from "node:path";

// src/connectors/pulsar/plan.ts
import { basename as basename2, posix as posix8 } from "node:path";
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
    base: baseImage(inputs, runnerImage("java", inputs["pulsar-version"])),
    files: [
      {
        path: posix8.join(dir, basename2(info.path)),
        source: info.path,
        mode: 420,
        ...RUNNER_OWNER
      }
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: finalLabels(inputs, ociLabels(info)),
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
function planFunction(inputs, info) {
  const language = languageOf(info);
  const dir = targetDirectory(inputs, PULSAR_HOME);
  return {
    base: baseImage(inputs, runnerImage(language, inputs["pulsar-version"])),
    files: [
      {
        path: posix9.join(dir, basename3(info.path)),
        source: info.path,
        // The Go runner executes the binary itself; everything else is read by a runtime.
        mode: language === "go" ? 493 : 420,
        ...RUNNER_OWNER
      }
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: finalLabels(inputs, ociLabels(info)),
    run: [],
    platforms: info.platform ? [info.platform] : void 0
  };
}

// src/connectors/inspect/index.ts
import { stat as stat4 } from "node:fs/promises";
import { basename as basename6, dirname as dirname3, extname as extname2, resolve as resolve6 } from "node:path";

// src/connectors/types.ts
function connectorTypeInput(value) {
  return CONNECTOR_TYPES.includes(value) ? value : "auto";
}
function artifactFormatInput(value) {
  return ARTIFACT_FORMATS.includes(value) ? value : "auto";
}

// src/connectors/inspect/pulsar.ts
import { basename as basename4 } from "node:path";

// src/connectors/inspect/java.ts
var MANIFEST_ENTRY = "META-INF/MANIFEST.MF";
var BUNDLED_DEPENDENCIES = "META-INF/bundled-dependencies/";
function parseManifest2(text4) {
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
  return [...zip.entries.keys()].filter((name) => name.startsWith(BUNDLED_DEPENDENCIES) && name.endsWith(".jar")).filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes("/")).sort();
}
async function findClasses(zip, classNames) {
  const found = /* @__PURE__ */ new Map();
  const unreadable = [];
  let missing = classNames.filter((name) => {
    if (zip.has(classEntry(name))) found.set(name, { in: "root" });
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
function classesNamed(zip, suffix) {
  return [...zip.entries.keys()].filter((name) => name.endsWith(`${suffix}.class`) && !name.includes("$")).filter((name) => !name.startsWith("META-INF/")).map((name) => name.slice(0, -".class".length).replace(/\//g, ".")).sort();
}
async function classesNamedDeep(zip, suffix) {
  const own = classesNamed(zip, suffix);
  if (own.length > 0) return own;
  for (const jar of bundledJars(zip)) {
    const entry = zip.entries.get(jar);
    if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) continue;
    try {
      const bytes = await zip.read(jar, MAX_NESTED_ARCHIVE_BYTES);
      const found = await withZip(
        openZipBuffer(bytes, `${zip.label}!/${jar}`),
        (inner) => Promise.resolve(classesNamed(inner, suffix))
      );
      if (found.length > 0) return found;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  return [];
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
var PULSAR_IO_YAML = "META-INF/services/pulsar-io.yaml";
function looksLikeNar(zip) {
  if (zip.has(PULSAR_IO_YAML)) return true;
  for (const name of zip.entries.keys()) if (name.startsWith(BUNDLED_DEPENDENCIES)) return true;
  return false;
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
  return zip.has(MANIFEST_ENTRY) ? parseManifest2(await zip.readText(MANIFEST_ENTRY)) : {};
}
async function suggestClass(zip, type, className) {
  if (className) return className;
  return (await classesNamedDeep(zip, ROLE[type].suffix))[0] ?? `com.example.My${ROLE[type].suffix}`;
}
async function inspectNar(zip, ctx) {
  const where = `${ctx.label}!/${PULSAR_IO_YAML}`;
  if (ctx.connectorType !== "auto" && !isPulsarType(ctx.connectorType)) {
    throw new InputError(
      `${ctx.label} is a Pulsar NAR but connector-type is ${ctx.connectorType}; set connector-type to pulsar-source, pulsar-sink or pulsar-function.`,
      { file: ctx.label }
    );
  }
  if (!zip.has(PULSAR_IO_YAML)) {
    const type2 = ctx.connectorType === "auto" ? void 0 : ctx.connectorType;
    const fix = type2 ? `name and ${ROLE[type2].classKey}: ${await suggestClass(zip, type2, ctx.className)}` : "name and sourceClass or sinkClass";
    throw new InputError(`${where} is missing; add it to the NAR with ${fix}.`, {
      file: ctx.label
    });
  }
  const yaml = await YamlFile.parse(await zip.readText(PULSAR_IO_YAML), where, ctx.label);
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
    const suggestion = basename4(ctx.path).replace(/(-\d[\w.-]*)?\.\w+$/, "");
    throw yaml.error("name", `name is missing; add name: ${suggestion}`);
  }
  const wanted = [
    { key: role.classKey, className: declared }
  ];
  const configClass = role.configKey ? yaml.string(role.configKey) : void 0;
  if (role.configKey && configClass) wanted.push({ key: role.configKey, className: configClass });
  if (ctx.className && ctx.className !== declared) {
    ctx.logger?.warn(
      `class-name ${ctx.className} differs from ${role.classKey} ${declared} in ${where}; Pulsar loads ${declared}.`
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
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename4(ctx.path));
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
    descriptorFile: where,
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
      `${ctx.label} is a plain JAR without ${PULSAR_IO_YAML}, so its kind is unknown; set connector-type to pulsar-function, or pulsar-source/pulsar-sink with class-name for an uber JAR connector.`,
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
  }
  const manifest = await manifestOf(zip);
  const pom = await ownCoordinates(zip, basename4(ctx.path));
  return {
    connectorType: type,
    format: isConnector ? "uber-jar" : "jar",
    path: ctx.path,
    label: ctx.label,
    name: manifest["Implementation-Title"] ?? pom?.artifactId ?? basename4(ctx.path).replace(/(-\d[\w.-]*)?\.jar$/i, ""),
    version: manifest["Implementation-Version"] ?? pom?.version ?? versionFromFileName(ctx.path),
    className: ctx.className || void 0
  };
}
function versionFromFileName(path6) {
  return /-(\d+(?:\.\d+)*(?:[-.][\w.]+)?)\.[a-z]+$/i.exec(basename4(path6))?.[1];
}

// src/connectors/inspect/python.ts
import { basename as basename5, extname } from "node:path";
function requireFunction(ctx, what) {
  if (ctx.connectorType !== "auto" && ctx.connectorType !== "pulsar-function") {
    throw new InputError(
      `${ctx.label} is ${what}, which only a Pulsar Function can be (connector-type is ${ctx.connectorType}); set connector-type: pulsar-function, or point artifact at the connector folder.`,
      { file: ctx.label }
    );
  }
}
function inspectPythonFile(ctx) {
  requireFunction(ctx, "a Python file");
  return {
    connectorType: "pulsar-function",
    format: "python",
    path: ctx.path,
    label: ctx.label,
    name: basename5(ctx.path, extname(ctx.path)),
    className: ctx.className || void 0
  };
}
function parseCoreMetadata(text4) {
  const out = {};
  for (const line of text4.split(/\r\n|\r|\n/)) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0 || line.startsWith(" ") || line.startsWith("	")) continue;
    const key = line.slice(0, colon).trim();
    if (!(key in out)) out[key] = line.slice(colon + 1).trim();
  }
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
    name: basename5(ctx.path, extname(ctx.path)),
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

// src/connectors/inspect/index.ts
var ZIP_MAGIC = [Buffer.from("PK", "latin1"), Buffer.from("PK", "latin1")];
var GZIP_MAGIC = Buffer.from([31, 139]);
async function inspectArtifact(inputs, artifactPath, workingDirectory, logger) {
  const wd = resolve6(workingDirectory);
  const path6 = resolve6(wd, artifactPath);
  const label = displayPath(path6, wd);
  const connectorType = connectorTypeInput(inputs["connector-type"]);
  const format = artifactFormatInput(inputs["artifact-format"]);
  const className = inputs["class-name"];
  let info;
  try {
    info = await stat4(path6);
  } catch {
    throw new InputError(
      `Artifact ${label} does not exist; build the project first or fix artifact.`
    );
  }
  if (info.isDirectory()) {
    return inspectAirbyteFolder({ folder: path6, workingDirectory: wd, connectorType, format });
  }
  const name = basename6(path6);
  if (name === METADATA_FILE || name === MANIFEST_FILE) {
    return inspectAirbyteFolder({
      folder: dirname3(path6),
      workingDirectory: wd,
      connectorType,
      format
    });
  }
  const head = await readHead2(path6, 512);
  const ext = extname2(name).toLowerCase();
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
    return {
      connectorType: "pulsar-function",
      format: "go",
      path: path6,
      label,
      name: basename6(name, ext),
      className: className || void 0,
      platform: elf.platform
    };
  }
  if (format === "airbyte-java" || format === "auto" && isTar) {
    return inspectAirbyteFolder({
      folder: await connectorFolderOf(path6, wd),
      tar: path6,
      workingDirectory: wd,
      connectorType,
      format: "airbyte-java"
    });
  }
  const javaCtx = { path: path6, label, connectorType, className, logger };
  if (format === "python" || format === "auto" && (ext === ".py" || ext === ".whl" || ext === ".zip")) {
    if (!isZip) {
      if (ext === ".py" || format === "python") return inspectPythonFile(javaCtx);
      throw new InputError(
        `${label} is not a zip archive; rebuild the ${ext === ".whl" ? "wheel" : "zip"}.`,
        { file: label }
      );
    }
    return withZip(openZip(path6, label), (zip) => inspectPythonArchive(zip, javaCtx));
  }
  if (format === "nar" || format === "uber-jar" || format === "jar" || format === "auto" && isZip) {
    if (!isZip) {
      throw new InputError(
        `${label} is not a zip archive, so it cannot be a ${format === "auto" ? "JAR or NAR" : format}; point artifact at the built archive.`,
        { file: label }
      );
    }
    return withZip(openZip(path6, label), (zip) => {
      const nar = format === "nar" || format === "auto" && (looksLikeNar(zip) || ext === ".nar");
      return nar ? inspectNar(zip, javaCtx) : inspectJar(zip, javaCtx);
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
      path: path6,
      label,
      name: basename6(name, ext)
    };
  }
  throw new InputError(
    `Cannot tell what ${label} is (not a NAR, JAR, wheel, zip, .py, ELF binary, distribution tar or Airbyte folder); set artifact-format or point artifact at the built connector.`,
    { file: label }
  );
}
async function connectorFolderOf(tar2, workingDirectory) {
  for (let dir = dirname3(tar2); ; dir = dirname3(dir)) {
    if (await exists(resolve6(dir, METADATA_FILE))) return dir;
    if (dir === workingDirectory || dir === dirname3(dir) || !isInside(workingDirectory, dir)) break;
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
      return planFunction(inputs, info);
    case "airbyte-source":
    case "airbyte-destination":
      return planAirbyte(inputs, info, opts);
    default:
      return planFile(inputs, info);
  }
}
async function prepareArtifact(inputs, opts) {
  const wd = resolve7(opts.workingDirectory);
  const { logger } = opts;
  await runBuild(inputs, wd, logger, opts.env);
  let info;
  let plan;
  let dockerReason;
  let userDockerfile;
  if (inputs.dockerfile) {
    const path6 = resolve7(wd, inputs.dockerfile);
    const label = displayPath(path6, wd);
    let text4;
    try {
      text4 = await readFile4(path6, "utf8");
    } catch {
      throw new InputError(
        `Input "dockerfile": ${label} does not exist; fix the path (relative to working-directory).`
      );
    }
    info = await inspectIfPresent(inputs, wd, logger);
    const parsed = await parseDockerfile(text4, wd, { label });
    if (parsed.kind === "plan") {
      plan = { ...parsed.plan, labels: finalLabels(inputs, parsed.plan.labels) };
    } else {
      dockerReason = parsed.reason;
      userDockerfile = { path: path6, contextDir: wd, bases: parsed.bases };
      plan = {
        base: parsed.bases[parsed.bases.length - 1] ?? "",
        files: [],
        directories: [],
        env: {},
        labels: { ...inputs.labels },
        run: []
      };
    }
  } else {
    const artifact = await discoverArtifact(inputs.artifact, wd);
    info = await inspectArtifact(inputs, artifact, wd, logger);
    logger.info(
      `artifact: ${info.label} (${info.connectorType ?? "unknown type"}, ${info.format}${info.version ? `, ${info.version}` : ""})`
    );
    plan = await planImage(inputs, info, { stagingDir: opts.workDir, logger });
    if (plan.run.length > 0) dockerReason = `RUN ${plan.run[0]} (${info.format})`;
  }
  let builder = dockerReason ? "docker" : "native";
  if (inputs.builder === "docker") builder = "docker";
  if (inputs.builder === "native" && dockerReason) {
    throw new InputError(
      `Input "builder" is native, but the image needs ${dockerReason}, which only a docker-compatible builder can run; set builder: auto (or docker) and docker-command.`
    );
  }
  const contextDir = join11(opts.workDir, "context");
  if (plan.files.length > 0) {
    const roots = await allowedRoots(wd);
    for (const file of plan.files)
      await confineToRoots(file.source, roots, displayPath(file.source, wd));
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

// src/image/remote/stream-upload.ts
import { PassThrough } from "node:stream";
var CANCEL_TIMEOUT_MS2 = 5e3;
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
  /** Tags this upload found absent before it started streaming (none when it did not stream). */
  tagsSeenAbsent = [];
  /** Blobs pushed early, by digest; each promise never rejects. */
  early = /* @__PURE__ */ new Map();
  async write(chunk) {
    if (this.state === "abandoned") return;
    this.written += chunk.length;
    if (this.body.write(chunk)) return;
    if (this.body.destroyed) return;
    await new Promise((resolve10) => {
      const done = () => {
        this.body.off("drain", done);
        this.body.off("close", done);
        resolve10();
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
   * Completes the upload as the built layer's blob, while the artifact's configs go up, then
   * marks every blob of the artifact that is now in the target (`pushedTo`), so that the push
   * skips it. What did not work out is left unmarked for the push to send. Never rejects.
   */
  async finish(layer, artifact) {
    const images = isIndex(artifact) ? artifact.images : [artifact];
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
    const { target, tags, transport } = this.opts;
    await this.opts.prepare?.();
    if (this.gaveUp()) return false;
    const session = this.openSession();
    session.catch(() => void 0);
    const found = await Promise.all(
      tags.map((tag) => headManifest(transport, target.withTag(tag), { push: true }))
    ).catch(async (err) => {
      await this.cancel(session);
      throw err;
    });
    const existing = tags.find((_, i) => found[i] !== void 0);
    if (existing !== void 0) {
      this.abandon(`${target.withTag(existing).toString()} exists; hashing first`);
    }
    if (this.gaveUp()) {
      await this.cancel(session);
      return false;
    }
    this.tagsSeenAbsent = tags;
    const location = await session;
    if (this.gaveUp()) return false;
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
      expect: [202],
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
      await cancelUpload(this.client, this.context(), location, CANCEL_TIMEOUT_MS2);
    }
  }
  /** Ends the stream and commits it under the layer's digest; true when the registry has it. */
  async complete(layer) {
    await this.pushing;
    const d = layer.descriptor;
    const { target } = this.opts;
    if (this.state !== "sending" || !this.patch) {
      this.abandon(this.why || "not started");
      return false;
    }
    if (this.written !== d.size) {
      this.abandon(`${this.written} bytes streamed for a ${d.size}-byte blob`);
      return false;
    }
    this.body.end();
    try {
      const res = await this.patch;
      await res.body.dump();
      checkRange(header(res.headers, "range"), d.size);
      const next = uploadLocation(res.url, header(res.headers, "location") ?? res.url, target);
      await putBlob(this.client, this.context(), layer, next, (w) => this.op(w), "upload", false);
    } catch (err) {
      this.abandon(errorMessage(err));
      return false;
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
    const { transport, target, logger } = this.opts;
    return { transport, target, scopes: this.scopes, logger };
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
function checkRange(range, size) {
  if (range === void 0) return;
  const m = /^(?:bytes=)?0-(\d+)$/.exec(range.trim());
  if (size === 0 || !m) return;
  if (Number(m[1]) !== size - 1) {
    throw new RegistryError(`the registry received bytes ${range} of ${size}`);
  }
}

// src/after/index.ts
import { readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { basename as basename8, join as join12, posix as posix11 } from "node:path";

// src/after/airbyte-registration.ts
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
  async call(method, path6, body, opts) {
    const headers = {
      accept: "application/json",
      "user-agent": "slipway"
    };
    if (body !== void 0) headers["content-type"] = "application/json";
    if (opts.auth !== false) headers.authorization = `Bearer ${await this.bearer()}`;
    const target = `${this.base}${path6}`;
    let res;
    try {
      res = await fetch(target, {
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
        `Airbyte answered ${method} ${path6} with something that is not JSON; check that airbyte-url points at the public API (\u2026/v1 or \u2026/api/public/v1), not the web app.`
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
async function readLimited(res) {
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > BODY_LIMIT) {
    throw new RunError(`Airbyte answered with more than ${BODY_LIMIT} bytes; refusing to read it.`);
  }
  return buf.toString("utf8");
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

// src/after/functionmesh.ts
import { existsSync, readFileSync, statSync as statSync2 } from "node:fs";
import { posix as posix10, resolve as resolve8 } from "node:path";
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
  const cleaned = (name ?? "connector").toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "").slice(0, 63).replace(/[^a-z0-9]+$/, "");
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
  const candidate = resolve8(workingDirectory, trimmed);
  if (!trimmed.includes("\n") && existsSync(candidate) && statSync2(candidate).isFile()) {
    text4 = readFileSync(candidate, "utf8");
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
  const rel = posix10.relative(RUNNER_HOME, pathInImage);
  return rel.startsWith("..") || posix10.isAbsolute(rel) ? pathInImage : rel;
}
async function generateResource(input, logger) {
  const kind = kindOf(input.connectorType);
  const runtime = runtimeOf(kind, input.format);
  const file = runtimePath(input.pathInImage);
  const runtimeSpec = runtime === "java" ? { jar: file, jarLocation: "" } : runtime === "python" ? { py: file, pyLocation: "" } : { go: file, goLocation: "" };
  const spec2 = {
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
    spec: spec2
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
  checkAdmission(resource);
  const { stringify } = await loadYaml();
  return { kind, resource, yaml: stringify(resource, { lineWidth: 0 }) };
}
function has(v) {
  if (v === void 0 || v === null || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}
function obj(v) {
  return isRecord(v) ? v : void 0;
}
function isValidTopic(topic) {
  if (topic === "" || /\s/.test(topic)) return false;
  const m = /^(persistent|non-persistent):\/\/(.*)$/.exec(topic);
  if (m) return m[2].split("/").length === 3 && m[2].split("/").every((p) => p !== "");
  if (topic.includes("://")) return false;
  const parts = topic.split("/");
  return (parts.length === 1 || parts.length === 3) && parts.every((p) => p !== "");
}
function inputTopics(input) {
  if (!input) return [];
  const topics = [];
  if (Array.isArray(input.topics)) topics.push(...input.topics.map(String));
  if (typeof input.topicPattern === "string" && input.topicPattern) topics.push(input.topicPattern);
  for (const key of ["customSerdeSources", "customSchemaSources", "sourceSpecs"]) {
    const map = obj(input[key]);
    if (map) topics.push(...Object.keys(map));
  }
  return topics;
}
function int(v) {
  return typeof v === "number" && Number.isInteger(v) ? v : void 0;
}
function checkAdmission(resource) {
  const kind = resource.kind;
  const spec2 = obj(resource.spec) ?? {};
  const metadata = obj(resource.metadata) ?? {};
  const problems = [];
  const name = metadata.name;
  if (typeof name !== "string" || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) {
    problems.push({
      field: "metadata.name",
      fix: "a lowercase RFC 1123 name such as my-sink"
    });
  }
  const runtimes = ["java", "python", "golang"].filter((r) => spec2[r] !== void 0);
  if (kind === "Function") {
    if (runtimes.length !== 1) {
      problems.push({
        field: "spec.java / spec.python / spec.golang",
        fix: `exactly one runtime (found ${runtimes.length === 0 ? "none" : runtimes.join(" and ")})`
      });
    }
  } else if (!runtimes.includes("java")) {
    problems.push({ field: "spec.java", fix: `a ${kind} runs on the java runtime` });
  } else if (runtimes.length > 1) {
    problems.push({
      field: `spec.${runtimes.filter((r) => r !== "java").join(", spec.")}`,
      fix: "remove it; connectors run on java only"
    });
  }
  const java = obj(spec2.java);
  const python = obj(spec2.python);
  const golang = obj(spec2.golang);
  if ((java || python) && !has(spec2.className)) {
    problems.push({
      field: "spec.className",
      fix: kind === "Function" ? "the function class (set class-name, or className in the values)" : "the connector class (set class-name)"
    });
  }
  if (java && !has(java.jar)) problems.push({ field: "spec.java.jar", fix: "the jar or NAR path" });
  if (python && !has(python.py)) problems.push({ field: "spec.python.py", fix: "the Python file" });
  if (golang && !has(golang.go)) problems.push({ field: "spec.golang.go", fix: "the Go binary" });
  const replicas = int(spec2.replicas);
  const minReplicas = int(spec2.minReplicas);
  const maxReplicas = int(spec2.maxReplicas);
  if (spec2.replicas !== void 0 && (replicas === void 0 || replicas <= 0)) {
    problems.push({ field: "spec.replicas", fix: "a whole number of at least 1" });
  }
  if (maxReplicas !== void 0 && replicas !== void 0 && replicas > maxReplicas) {
    problems.push({ field: "spec.maxReplicas", fix: `at least replicas (${replicas})` });
  }
  if (minReplicas !== void 0 && (minReplicas <= 0 || replicas !== void 0 && minReplicas > replicas)) {
    problems.push({ field: "spec.minReplicas", fix: "between 1 and replicas" });
  }
  if (kind === "Sink" && !has(spec2.sinkConfig)) {
    problems.push({ field: "spec.sinkConfig", fix: "the sink configuration mapping (may be {})" });
  }
  if (kind === "Source" && !has(spec2.sourceConfig)) {
    problems.push({
      field: "spec.sourceConfig",
      fix: "the source configuration mapping (may be {})"
    });
  }
  const topics = inputTopics(obj(spec2.input));
  if (kind !== "Source") {
    if (topics.length === 0) {
      problems.push({
        field: "spec.input.topics",
        fix: "at least one input topic, e.g. input: {topics: [persistent://public/default/in]}"
      });
    }
    for (const t of topics.filter((t2) => !isValidTopic(t2))) {
      problems.push({ field: "spec.input.topics", fix: `a valid topic name instead of "${t}"` });
    }
    const pulsar = obj(spec2.pulsar);
    if (!pulsar || !has(pulsar.pulsarConfig)) {
      problems.push({
        field: "spec.pulsar.pulsarConfig",
        fix: "the ConfigMap with webServiceURL and brokerServiceURL, e.g. pulsar: {pulsarConfig: my-pulsar}"
      });
    }
  }
  const output = obj(spec2.output);
  const outTopic = output?.topic;
  if (kind !== "Sink" && typeof outTopic === "string" && outTopic !== "") {
    if (!isValidTopic(outTopic)) {
      problems.push({
        field: "spec.output.topic",
        fix: `a valid topic name instead of "${outTopic}"`
      });
    } else if (topics.includes(outTopic)) {
      problems.push({ field: "spec.output.topic", fix: "a topic that is not also an input topic" });
    }
  }
  if (problems.length === 0) return;
  const list = problems.map((p) => `${p.field} (${p.fix})`).join("; ");
  throw new InputError(
    `The Function Mesh ${kind} would be refused by the operator: ${list}; add ${problems.length === 1 ? "it" : "them"} to function-mesh-values.`
  );
}

// src/image/remote/referrers.ts
var EMPTY_JSON = Buffer.from("{}");
var EMPTY_DESCRIPTOR = {
  mediaType: MediaType.OciEmpty,
  digest: sha256(EMPTY_JSON),
  size: EMPTY_JSON.length,
  data: EMPTY_JSON.toString("base64")
};
function referrerArtifact(opts) {
  const layer = {
    mediaType: opts.artifactType,
    digest: sha256(opts.content),
    size: opts.content.length,
    annotations: opts.layerAnnotations
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: opts.artifactType,
    config: EMPTY_DESCRIPTOR,
    layers: [layer],
    subject: {
      mediaType: opts.subject.mediaType,
      digest: opts.subject.digest,
      size: opts.subject.size
    },
    annotations: opts.annotations
  };
  const bytes = canonicalJson(manifest);
  return {
    manifest,
    bytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(bytes),
      size: bytes.length,
      artifactType: opts.artifactType,
      annotations: opts.annotations
    },
    blobs: [memoryBlob(EMPTY_DESCRIPTOR, EMPTY_JSON), memoryBlob(layer, opts.content)]
  };
}
function referrersTag(subject) {
  return subject.replace(":", "-");
}
async function listReferrers(transport, repository, subject) {
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: "GET",
    url: `/v2/${repository.repository}/referrers/${subject}`,
    scopes: [pushScope(repository.repository)],
    op: { access: "pull", repository: repository.name(), what: `referrers of ${subject}` },
    headers: { accept: MediaType.OciIndex },
    // 404: no referrers API (distribution 2.8 has none); 400/405: some registries say so instead.
    expect: [200, 400, 404, 405]
  });
  if (res.status === 200) {
    const text4 = await readBytes(res.body, MAX_MANIFEST_BYTES, `referrers of ${subject}`);
    const manifests = parseIndex(text4, `the referrers API of ${repository.name()}`).manifests;
    return { source: "api", manifests };
  }
  await res.body.dump();
  return {
    source: "tag",
    manifests: (await fallbackIndex(transport, repository, subject)).manifests
  };
}
async function fallbackIndex(transport, repository, subject) {
  const ref = repository.withTag(referrersTag(subject));
  const client = transport.client(repository.registry);
  const probe = await client.request({
    method: "HEAD",
    url: `/v2/${repository.repository}/manifests/${ref.identifier()}`,
    scopes: [pushScope(repository.repository)],
    op: { access: "pull", repository: repository.name(), what: `manifest ${ref.identifier()}` },
    headers: { accept: `${MediaType.OciIndex}, ${MediaType.OciManifest}` },
    expect: [200, 404]
  });
  await probe.body.dump();
  if (probe.status === 404)
    return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  const fetched = await fetchManifest(transport, ref, { push: true });
  if (!isIndexDocument(fetched.manifest)) {
    throw new RunError(
      `The tag ${ref.toString()} is not an OCI index of referrers; it was pushed by another tool, so Slipway leaves it alone: delete the tag or set sbom: false.`
    );
  }
  return fetched.manifest;
}
function parseIndex(bytes, where) {
  try {
    const doc = JSON.parse(bytes.toString("utf8"));
    if (Array.isArray(doc.manifests)) return { schemaVersion: 2, manifests: doc.manifests };
  } catch {
  }
  throw new RunError(`${where} answered with something that is not an OCI index.`);
}
async function pushReferrer(transport, repository, artifact, logger) {
  const subject = artifact.manifest.subject?.digest;
  if (!subject) throw new Error("pushReferrer: the artifact has no subject");
  const existing = await listReferrers(transport, repository, subject);
  const digest = artifact.descriptor.digest;
  if (existing.manifests.some((d) => d.digest === digest)) {
    logger?.info(`unchanged: ${repository.name()}@${digest} already refers to ${subject}`);
    return { descriptor: artifact.descriptor, pushed: false, source: existing.source };
  }
  const scopes = [pushScope(repository.repository)];
  const ctx = { transport, target: repository, scopes, logger };
  for (const blob of artifact.blobs) await pushBlob(ctx, blob);
  const client = transport.client(repository.registry);
  const res = await client.request({
    method: "PUT",
    url: `/v2/${repository.repository}/manifests/${digest}`,
    scopes,
    op: { access: "push", repository: repository.name(), what: `manifest ${digest}` },
    headers: { "content-type": MediaType.OciManifest },
    body: artifact.bytes,
    expect: [200, 201, 204]
  });
  await res.body.dump();
  const stored = header(res.headers, "docker-content-digest");
  if (stored !== void 0 && stored !== digest) {
    throw new RunError(
      `${repository.registry} stored the artifact ${digest} of ${repository.name()} as ${stored}; the registry rewrote it, so the referrer cannot be found by its digest.`
    );
  }
  if (header(res.headers, "oci-subject") === subject || existing.source === "api") {
    return { descriptor: artifact.descriptor, pushed: true, source: "api" };
  }
  const current = await fallbackIndex(transport, repository, subject);
  const entry = {
    mediaType: MediaType.OciManifest,
    digest,
    size: artifact.bytes.length,
    artifactType: artifact.manifest.artifactType ?? artifact.manifest.config.mediaType,
    annotations: artifact.manifest.annotations
  };
  const index = {
    schemaVersion: 2,
    mediaType: MediaType.OciIndex,
    manifests: [...current.manifests.filter((d) => d.digest !== digest), entry]
  };
  const indexBytes = canonicalJson(index);
  const tag = referrersTag(subject);
  const put = await client.request({
    method: "PUT",
    url: `/v2/${repository.repository}/manifests/${tag}`,
    scopes,
    op: { access: "push", repository: repository.name(), what: `referrers index ${tag}` },
    headers: { "content-type": MediaType.OciIndex },
    body: indexBytes,
    expect: [200, 201, 204]
  });
  await put.body.dump();
  logger?.debug(`referrers index ${repository.name()}:${tag} lists ${index.manifests.length}`);
  return { descriptor: artifact.descriptor, pushed: true, source: "tag" };
}

// src/after/sbom.ts
import { createHash as createHash5 } from "node:crypto";
import { createReadStream as createReadStream4 } from "node:fs";
import { readFile as readFile5 } from "node:fs/promises";
import { basename as basename7, extname as extname3 } from "node:path";
var CYCLONEDX_MEDIA_TYPE = "application/vnd.cyclonedx+json";
var LOCATION = "slipway:location";
async function buildSbom(info, epoch, logger) {
  let found;
  switch (info.format) {
    case "nar":
    case "uber-jar":
    case "jar":
      found = await withZip(
        openZip(info.path, info.label),
        (zip) => javaArchive(zip, info, logger)
      );
      break;
    case "python":
      found = await pythonArtifact(info);
      break;
    case "go":
      found = { main: await fileComponent(info, "application"), components: [] };
      break;
    case "airbyte-manifest":
    case "airbyte-java":
    case "airbyte-python":
      found = await airbyteConnector(info);
      break;
    default:
      return void 0;
  }
  if (info.connectorType) {
    addProperty(found.main, "slipway:connector-type", info.connectorType);
  }
  if (info.className) addProperty(found.main, "slipway:class-name", info.className);
  return assemble(found, epoch);
}
function sbomBytes(bom) {
  return Buffer.from(`${JSON.stringify(bom, null, 2)}
`, "utf8");
}
function assemble(found, epoch) {
  const byRef = /* @__PURE__ */ new Map();
  for (const c of found.components) {
    if (c["bom-ref"] === found.main["bom-ref"]) continue;
    const seen = byRef.get(c["bom-ref"]);
    if (!seen) byRef.set(c["bom-ref"], c);
    else mergeInto(seen, c);
  }
  const components = [...byRef.values()].sort((a, b) => compare(a["bom-ref"], b["bom-ref"]));
  const body = {
    main: found.main,
    components
  };
  const serial = uuidFromHash(createHash5("sha256").update(JSON.stringify(body)).digest());
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      timestamp: epochToIso(epoch),
      tools: { components: [{ type: "application", name: "slipway" }] },
      component: found.main
    },
    components,
    dependencies: [{ ref: found.main["bom-ref"], dependsOn: components.map((c) => c["bom-ref"]) }]
  };
}
function uuidFromHash(hash) {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = b[6] & 15 | 80;
  b[8] = b[8] & 63 | 128;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function mergeInto(into, from) {
  for (const p of from.properties ?? []) {
    if (!into.properties?.some((q) => q.name === p.name && q.value === p.value)) {
      addProperty(into, p.name, p.value);
    }
  }
  into.properties?.sort((x, y) => compare(x.name, y.name) || compare(x.value, y.value));
  into.hashes ??= from.hashes;
}
function addProperty(c, name, value) {
  (c.properties ??= []).push({ name, value });
}
function sha256Hex(data) {
  return createHash5("sha256").update(data).digest("hex");
}
async function fileSha256(path6) {
  const hash = createHash5("sha256");
  for await (const chunk of createReadStream4(path6)) hash.update(chunk);
  return hash.digest("hex");
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
async function pomComponents(zip, where) {
  const out = [];
  for (const entry of pomEntries(zip)) {
    const c = mavenComponent(parseProperties(await zip.readText(entry)), `${where}${entry}`);
    if (c) out.push(c);
  }
  return out;
}
async function fileComponent(info, type) {
  const name = info.name ?? basename7(info.path);
  return {
    type,
    "bom-ref": `artifact:${basename7(info.path)}`,
    name,
    version: info.version,
    description: info.description,
    hashes: [{ alg: "SHA-256", content: await fileSha256(info.path) }]
  };
}
async function javaArchive(zip, info, logger) {
  const file = basename7(info.path);
  const main = await fileComponent(info, "application");
  const own = await ownCoordinates(zip, file);
  if (own?.groupId && own.artifactId) {
    const purl = mavenPurl(own.groupId, own.artifactId, own.version);
    Object.assign(main, {
      "bom-ref": purl,
      group: own.groupId,
      name: own.artifactId,
      version: own.version ?? main.version,
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
      const own = await ownCoordinates(inner, fileName);
      const ownPurl = own?.groupId && own.artifactId ? mavenPurl(own.groupId, own.artifactId, own.version) : void 0;
      for (const c of found) if (c.purl === ownPurl || found.length === 1) c.hashes = hashes;
      return found;
    });
  } catch (err) {
    logger?.warn(`sbom: ${errorMessage(err)}; it is listed by file name`);
    return [{ ...byName, hashes }];
  }
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
async function pythonArtifact(info) {
  const main = await fileComponent(info, "application");
  const ext = extname3(info.path).toLowerCase();
  if (ext !== ".whl" && ext !== ".zip") return { main, components: [] };
  return withZip(openZip(info.path, info.label), async (zip) => {
    const metadata = [...zip.entries.keys()].filter((n) => /(^|\/)[^/]+\.dist-info\/METADATA$/.test(n)).sort();
    const components = [];
    for (const entry of metadata) {
      const fields = coreMetadataFields(await zip.readText(entry));
      const isOwn = ext === ".whl" && /^[^/]+\.dist-info\/METADATA$/.test(entry);
      const c = pypiComponent(fields, entry, isOwn ? "application" : "library");
      if (!c) continue;
      if (isOwn) {
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
      } else {
        components.push(c);
      }
    }
    return { main, components };
  });
}
function text3(value) {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return void 0;
}
async function airbyteConnector(info) {
  const metadataFile = info.airbyte?.metadataFile ?? info.descriptorFile;
  const doc = metadataFile ? (await loadYaml()).parse(await readFile5(metadataFile, "utf8")) : {};
  const raw = typeof doc === "object" && doc !== null && "data" in doc ? doc.data : void 0;
  const data = typeof raw === "object" && raw !== null ? raw : {};
  const repository = text3(data.dockerRepository) ?? info.defaultImage ?? info.name ?? "connector";
  const tag = text3(data.dockerImageTag) ?? info.version;
  const purl = `pkg:docker/${repository.split("/").map(enc).join("/")}${tag ? `@${enc(tag)}` : ""}`;
  const main = {
    type: "application",
    "bom-ref": purl,
    name: repository,
    version: tag,
    description: text3(data.name),
    purl,
    licenses: text3(data.license) ? [{ license: { name: text3(data.license) } }] : void 0
  };
  for (const key of ["definitionId", "connectorType", "connectorSubtype", "releaseStage"]) {
    const value = text3(data[key]);
    if (value) addProperty(main, `airbyte:${key}`, value);
  }
  const components = [];
  const options = data.connectorBuildOptions;
  const baseImage2 = typeof options === "object" && options ? text3(options.baseImage) : void 0;
  if (baseImage2) {
    components.push({
      type: "container",
      "bom-ref": `base:${baseImage2}`,
      name: baseImage2,
      properties: [{ name: LOCATION, value: "metadata.yaml data.connectorBuildOptions.baseImage" }]
    });
  }
  const tar2 = info.airbyte?.distributionTar;
  if (tar2) {
    for (const entry of await listTar(tar2, info.label, 1)) {
      if (entry.type !== "file" || !/^lib\/[^/]+\.jar$/.test(entry.name)) continue;
      const fileName = entry.name.slice("lib/".length);
      components.push({
        type: "library",
        "bom-ref": `file:${entry.name}`,
        name: fileName.replace(/(-\d[\w.-]*)?\.jar$/i, ""),
        version: versionFromFileName(fileName),
        properties: [{ name: LOCATION, value: `${basename7(tar2)}!/${entry.name}` }]
      });
    }
  }
  return { main, components };
}

// src/after/publish-sbom.ts
async function publishSbom(target) {
  const { logger } = target;
  const bom = await buildSbom(target.info, target.epoch, logger);
  if (!bom) {
    logger.info("sbom: a plain file bundles nothing to list; no SBOM pushed");
    return void 0;
  }
  const subject = await target.subject();
  const artifact = referrerArtifact({
    artifactType: CYCLONEDX_MEDIA_TYPE,
    subject,
    content: sbomBytes(bom),
    annotations: { [Annotation.Created]: epochToIso(target.epoch) },
    layerAnnotations: { "org.opencontainers.image.title": "sbom.cdx.json" }
  });
  const result = await pushReferrer(target.transport, target.repository, artifact, logger);
  const where = result.source === "api" ? "referrers API" : `tag ${target.repository.name()}:${referrersTag(subject.digest)}`;
  if (result.pushed) {
    logger.info(
      `sbom: ${bom.components.length} components, pushed ${target.repository.name()}@${result.descriptor.digest} (found through the ${where})`
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

// src/after/index.ts
var FUNCTION_MESH_FILE = "function-mesh.yaml";
async function afterPush(run, image) {
  const out = {};
  const { inputs } = run;
  if (inputs["function-mesh-manifest"]) out.manifest = await writeFunctionMesh(run, image);
  if (inputs.sbom) {
    const digest = await sbomStep(run, image);
    if (digest) out["sbom-digest"] = digest;
  }
  if (inputs["airbyte-url"]) out["definition-id"] = await airbyteStep(run);
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
  const file = plan.files.find((f) => posix11.basename(f.path) === basename8(info.path));
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
async function writeFunctionMesh(run, image) {
  if (!run.repository) {
    throw new InputError(
      'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).'
    );
  }
  const imageRef = `${run.repository.name()}@${image.digest}`;
  const { kind, yaml } = await generateResource(
    functionMeshInput(run.inputs, run.prepared, run.workdir, imageRef),
    run.logger
  );
  const path6 = join12(run.work, FUNCTION_MESH_FILE);
  writeFileSync(path6, yaml);
  run.logger.info(`function mesh: wrote ${kind} resource ${path6}`);
  return path6;
}
async function sbomStep(run, image) {
  const { repository, logger } = run;
  if (run.output.kind !== "registry" || !repository) {
    logger.debug("sbom: pushed only with output: registry");
    return void 0;
  }
  const subject = async () => {
    const found = await headManifest(run.transport, repository.withDigest(image.digest), {
      push: true
    });
    if (!found) throw new RunError(`${repository.name()}@${image.digest} is not in the registry`);
    return { mediaType: found.mediaType, digest: image.digest, size: found.size };
  };
  try {
    return await publishSbom({
      transport: run.transport,
      repository: repository.repositoryOnly(),
      subject,
      info: run.prepared.info,
      epoch: run.epoch,
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
async function airbyteStep(run) {
  const { inputs, repository, logger } = run;
  const { info } = run.prepared;
  requireAirbyteConnector(info);
  if (run.output.kind !== "registry" || !repository) {
    throw new InputError(
      'Input "airbyte-url" registers the pushed image, so it needs output: registry and image.'
    );
  }
  const tag = run.tags[0];
  if (!tag) {
    throw new InputError(
      'Input "airbyte-url": Airbyte runs an image by tag, but no tag was pushed; set tags.'
    );
  }
  const metadata = await readMetadata(info);
  const result = await registerDefinition({
    url: inputs["airbyte-url"],
    workspaceId: inputs["airbyte-workspace-id"],
    auth: airbyteAuth(inputs),
    kind: info.connectorType === "airbyte-destination" ? "destinations" : "sources",
    name: metadata.name ?? info.name ?? repository.repository,
    dockerRepository: airbyteRepository(repository),
    dockerImageTag: tag,
    documentationUrl: metadata.documentationUrl,
    logger,
    timeoutMs: inputs["request-timeout"] * 1e3
  });
  return result.id;
}
async function readMetadata(info) {
  const file = info.airbyte?.metadataFile ?? info.descriptorFile;
  if (!file) return {};
  const doc = (await loadYaml()).parse(readFileSync2(file, "utf8"));
  const data = typeof doc === "object" && doc !== null ? doc.data : {};
  const str = (v) => typeof v === "string" && v ? v : void 0;
  return { name: str(data?.name), documentationUrl: str(data?.documentationUrl) };
}

// src/image/rebase.ts
function parsePairs(text4, where) {
  const out = {};
  const pair = /([^\s=]+)=("(?:[^"\\]|\\.)*")/g;
  for (const m of text4.matchAll(pair)) out[m[1]] = JSON.parse(m[2]);
  if (text4.trim() !== "" && Object.keys(out).length === 0) {
    throw new RunError(
      `Cannot read the history entry "${where}" of the image; rebuild it instead.`
    );
  }
  return out;
}
function parseList2(text4, where) {
  try {
    const value = JSON.parse(text4);
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {
  }
  throw new RunError(`Cannot read the history entry "${where}" of the image; rebuild it instead.`);
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
        changes.entrypoint = parseList2(rest, line);
        break;
      case "CMD":
        changes.cmd = parseList2(rest, line);
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
  const where = `${label} (${formatPlatform(image.platform)})`;
  const baseName = manifest.annotations?.[Annotation.BaseName];
  const baseDigest = manifest.annotations?.[Annotation.BaseDigest];
  if (!baseName || !baseDigest) {
    throw new InputError(
      `${where} has no ${Annotation.BaseName}/${Annotation.BaseDigest} annotations, so which of its layers are the base is unknown; only images Slipway built on a base can be rebased: rebuild this one with the new base-image instead.`
    );
  }
  const history2 = config.history ?? [];
  let first = history2.length;
  while (first > 0 && history2[first - 1].created_by?.endsWith(SUFFIX)) first--;
  const ours = history2.slice(first);
  if (ours.length === 0) {
    throw new InputError(
      `${where} carries base annotations but no history entries of Slipway's builder, so its own layers cannot be told from the base's; rebuild it with the new base-image instead.`
    );
  }
  const count = ours.filter((h) => !h.empty_layer).length;
  const diffIds = config.rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length || count > manifest.layers.length) {
    throw new RunError(
      `${where} lists ${manifest.layers.length} layers but ${diffIds.length} diff_ids in its config; the image is inconsistent, rebuild it.`
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
    epoch: epochOf(manifest, config)
  };
}
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
    changes: part.changes
  });
}
async function rebaseImage(req) {
  const { transport } = req;
  const label = req.image.toString();
  const source = await resolveImage(transport, req.image, { input: "image" });
  const parts = source.images.map((img) => slipwayPart(img, label));
  const newBase = await resolveBase(transport, req.newBase, { input: "base-image" });
  if (newBase.images.length === 0) {
    throw new InputError('Input "base-image": a rebase needs a base image, not scratch.');
  }
  const repo = req.image.repositoryOnly();
  const built = source.images.map((img, i) => {
    const base = matchBase(newBase, img, label);
    const own = parts[i].layers.map((d) => remoteBlob(transport, repo, d));
    return rebasePlatform(newBase, base, parts[i], own);
  });
  const epoch = parts[0].epoch;
  const artifact = source.isIndex || built.length > 1 ? buildIndex(built, baseAnnotations(newBase, epoch)) : built[0];
  const kept = /* @__PURE__ */ new Map();
  for (const part of parts) for (const d of part.layers) kept.set(d.digest, d);
  return {
    artifact,
    source: source.descriptor,
    newBase,
    oldBase: { name: parts[0].baseName, digest: parts[0].baseDigest },
    platforms: built.map((b) => b.platform),
    kept: [...kept.values()]
  };
}

// src/core/connect.ts
function connect(inputs, ctx, target) {
  const access2 = registryAccess(
    { inputs, env: ctx.env, logger: ctx.logger, ciOidcToken: ctx.ciOidcToken },
    target
  );
  const transport = new Transport({
    credentials: access2.credentials,
    insecure: inputs["insecure-registry"],
    caPem: access2.caPem,
    maxRetries: inputs["max-retries"],
    requestTimeoutMs: inputs["request-timeout"] * 1e3,
    logger: ctx.logger
  });
  return { access: access2, transport };
}

// src/after/rebase.ts
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
  const target = image.repositoryOnly();
  const { transport } = connect(inputs, { ...ctx, logger }, target);
  try {
    const rebased = await rebaseImage({ transport, image, newBase });
    logger.info(
      `rebase: ${image.toString()} from ${rebased.oldBase.name}@${rebased.oldBase.digest} onto ${rebased.newBase.name}@${rebased.newBase.digest ?? ""}, keeping ${rebased.kept.length} layer(s) of its own`
    );
    const published = await pushToRegistry(rebased.artifact, {
      transport,
      target,
      tags,
      policy: inputs["if-exists"],
      logger
    });
    const digest = rebased.artifact.descriptor.digest;
    const sbom = inputs.sbom ? await carryOver(transport, target, rebased, logger) : void 0;
    return {
      outputs: {
        image: published.references[0] ?? "",
        digest,
        "image-ref": `${target.name()}@${digest}`,
        tags,
        platforms: rebased.platforms.map(formatPlatform),
        "base-digest": rebased.newBase.digest ?? "",
        dockerfile: "",
        pushed: published.pushed,
        ...sbom ? { "sbom-digest": sbom } : {}
      },
      stats: { ...published.stats, phases: { rebase: Math.round(performance.now() - started) } },
      dockerfileText: "",
      base: rebased.newBase.name
    };
  } finally {
    await transport.close();
  }
}
async function carryOver(transport, repository, rebased, logger) {
  try {
    return await carrySbom({
      transport,
      repository,
      from: rebased.source.digest,
      subject: rebased.artifact.descriptor,
      logger
    });
  } catch (err) {
    logger.warn(`sbom: not carried over (${errorMessage(err)}); set sbom: false to skip it`);
    return void 0;
  }
}

// src/core/pipeline.ts
var Phases = class {
  ms = {};
  async run(name, step) {
    const start = performance.now();
    try {
      return await step();
    } finally {
      this.ms[name] = Math.round(performance.now() - start);
    }
  }
};
function scratchDir(env) {
  return mkdtempSync(join13(env.RUNNER_TEMP || tmpdir4(), "slipway-"));
}
async function runPipeline(inputs, ctx) {
  if (inputs.mode === "rebase") return runRebase(inputs, ctx);
  const { logger, env } = ctx;
  const phases = new Phases();
  const workdir = resolve9(inputs["working-directory"]);
  const output = parseOutput(inputs.output);
  const requested = parsePlatforms(inputs.platforms);
  if (inputs.verify && output.kind !== "registry") {
    throw new InputError(
      'Input "verify" runs the pushed image, so it needs output: registry; set verify: false to write a layout or do a dry run.'
    );
  }
  const work = scratchDir(env);
  try {
    const prepared = await phases.run(
      "artifact",
      () => prepareArtifact(inputs, { workingDirectory: workdir, logger, workDir: work, env })
    );
    const { info } = prepared;
    await checkAfterPush(inputs, prepared, workdir);
    const epoch = buildEpoch(workdir, env);
    prepared.plan.labels = {
      ...ciLabels(env, {
        epoch,
        version: info.version,
        title: info.name,
        description: info.description
      }),
      ...prepared.plan.labels
    };
    const dockerfileText = prepared.userDockerfile ? readFileSync3(prepared.userDockerfile.path, "utf8") : renderDockerfile(prepared.plan, prepared.contextDir);
    const dockerfile = prepared.userDockerfile?.path ?? join13(work, "Dockerfile");
    if (!prepared.userDockerfile) writeFileSync2(dockerfile, dockerfileText);
    const target = inputs.image || info.defaultImage;
    if (output.kind === "registry" && !target) {
      throw new InputError(
        'Input "image" is required to push: set image to the target repository (e.g. ghcr.io/acme/my-sink), or set output to oci:DIR to write an OCI layout instead.'
      );
    }
    const repository = target ? parseRepository(target) : void 0;
    const tags = defaultTags({
      inputTags: inputs.tags,
      artifactVersion: info.defaultTag ?? info.version,
      env
    });
    const { access: access2, transport } = connect(inputs, ctx, repository);
    const run = {
      inputs,
      logger,
      env,
      phases,
      prepared,
      dockerfile,
      output,
      repository,
      tags,
      requested,
      access: access2,
      transport,
      workdir,
      work,
      epoch
    };
    try {
      const image = await withPermissionHint(
        run,
        () => prepared.builder === "docker" ? assembleWithDocker(run) : assembleHere(run)
      );
      if (inputs.verify) await phases.run("verify", () => verify(run, image.digest));
      const after = await phases.run("after-push", () => afterPush(run, image));
      const { published } = image;
      logger.info(
        `done: ${Object.entries(phases.ms).map(([name, ms]) => `${name} ${ms} ms`).join(", ")}`
      );
      return {
        outputs: {
          image: published.references[0] ?? "",
          digest: image.digest,
          "image-ref": repository ? `${repository.name()}@${image.digest}` : "",
          tags,
          platforms: image.platforms,
          "base-digest": image.baseDigest,
          dockerfile,
          pushed: published.pushed,
          ...after
        },
        stats: { ...published.stats, phases: phases.ms },
        dockerfileText,
        base: image.baseName
      };
    } finally {
      await transport.close();
    }
  } finally {
    if (env.SLIPWAY_KEEP_CONTEXT !== "true") {
      rmSync(join13(work, "context"), { recursive: true, force: true });
    }
  }
}
async function assembleHere(run) {
  const { plan } = run.prepared;
  const { output, repository } = run;
  const target = output.kind === "registry" ? repository : void 0;
  const upload = target && streamLayerUpload(run, target);
  const built = await assembleNative(
    plan,
    { transport: run.transport, platforms: run.requested, workingDirectory: run.workdir },
    {
      epoch: run.epoch,
      requested: run.requested,
      tmpDir: run.work,
      phase: (name, step) => run.phases.run(name, step),
      upload,
      logger: run.logger
    }
  );
  const { base } = built;
  try {
    const { artifact } = built;
    let published;
    if (output.kind === "registry" && repository) {
      published = await run.phases.run("push", async () => {
        await run.access.ensureRepository(repository);
        return pushToRegistry(artifact, {
          transport: run.transport,
          target: repository,
          tags: run.tags,
          policy: run.inputs["if-exists"],
          logger: run.logger,
          tagsSeenAbsent: upload?.tagsSeenAbsent
        });
      });
    } else if (output.kind === "oci") {
      published = await run.phases.run(
        "write",
        () => writeToLayout(artifact, output.dir, run.tags, run.logger)
      );
    } else {
      run.logger.info(`dry run: ${artifact.descriptor.digest} (output: none)`);
      published = { references: [], pushed: false, stats: NOTHING_SENT };
    }
    return {
      digest: artifact.descriptor.digest,
      platforms: built.platforms.map(formatPlatform),
      baseName: base.name,
      baseDigest: base.digest ?? "",
      published
    };
  } finally {
    await built.layer.dispose();
  }
}
function streamLayerUpload(run, target) {
  return new LayerUpload({
    transport: run.transport,
    target,
    tags: run.tags,
    prepare: () => run.access.ensureRepository(target),
    logger: run.logger
  });
}
function dockerHosts(run, base) {
  const hosts = /* @__PURE__ */ new Set();
  if (run.repository) hosts.add(run.repository.registry);
  const bases = base ? run.prepared.userDockerfile?.bases ?? [base] : [];
  for (const image of bases) {
    if (!isScratch(image)) hosts.add(parseReference(image, { input: "base-image" }).registry);
  }
  return [...hosts];
}
function dockerInsecure(run, base) {
  return run.inputs["insecure-registry"] || dockerHosts(run, base).some(isLoopbackHost);
}
async function dockerLogins(run, base) {
  const logins = [];
  for (const registry of dockerHosts(run, base)) {
    const credentials = await run.access.credentials(registry);
    if (credentials) logins.push({ registry, credentials });
  }
  return logins;
}
async function assembleWithDocker(run) {
  const { prepared, repository } = run;
  if (run.output.kind !== "registry" || !repository) {
    throw new InputError(
      `The image needs ${prepared.dockerReason ?? "a docker-compatible builder"}, which is built with docker-command and pushed, so output must be registry; remove the RUN steps to write an OCI layout.`
    );
  }
  if (run.requested.length > 1) {
    throw new InputError(
      `Input "platforms": a docker-compatible build makes one platform, but ${run.requested.length} were asked for; give one platform, or remove the RUN steps for a native multi-platform build.`
    );
  }
  const { plan } = prepared;
  const context = prepared.userDockerfile?.contextDir ?? prepared.contextDir;
  const logins = await dockerLogins(run, plan.base);
  const result = await run.phases.run(
    "docker",
    () => dockerBuildAndPush({
      command: run.inputs["docker-command"],
      logger: run.logger,
      insecure: dockerInsecure(run, plan.base),
      tmpDir: run.work,
      dockerfile: run.dockerfile,
      contextDir: context,
      images: run.tags.map((tag) => repository.withTag(tag).toString()),
      logins,
      platform: run.requested[0] ? formatPlatform(run.requested[0]) : void 0
    })
  );
  if (!result.digest) {
    throw new RunError(
      `${run.inputs["docker-command"]} pushed ${repository.name()} but reported no digest; check its output above.`
    );
  }
  const pushed = await resolveBase(run.transport, repository.withDigest(result.digest));
  return {
    digest: result.digest,
    platforms: pushed.images.map((img) => formatPlatform(img.platform)),
    baseName: plan.base,
    baseDigest: "",
    published: {
      references: run.tags.map((tag) => repository.withTag(tag).toString()),
      pushed: true,
      stats: NOTHING_SENT
    }
  };
}
async function verify(run, digest) {
  const { info } = run.prepared;
  const repository = run.repository;
  if (!repository || info.connectorType !== "airbyte-source" && info.connectorType !== "airbyte-destination") {
    run.logger.warn(
      "verify applies to Airbyte connectors only; nothing to verify for this artifact"
    );
    return;
  }
  const image = `${repository.name()}@${digest}`;
  await verifyAirbyteSpec({
    command: run.inputs["docker-command"],
    logger: run.logger,
    insecure: dockerInsecure(run, ""),
    tmpDir: run.work,
    image,
    logins: await dockerLogins(run, "")
  });
  run.logger.info(`verified: ${image} answers spec with a SPEC message`);
}
async function withPermissionHint(run, step) {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof RegistryError) || err.status !== 401 && err.status !== 403) throw err;
    const registry = err.registry ?? run.repository?.registry;
    if (!registry) throw err;
    const access2 = err.access ?? (registry === run.repository?.registry ? "push" : "pull");
    const hint = run.access.hint(registry, access2);
    throw hint ? new RunError(`${err.message} ${hint}`, err.location) : err;
  }
}

// src/core/result.ts
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
  "sbom-digest": "Digest of the pushed SBOM artifact."
};

// src/fronts/report.ts
var OUTPUT_ORDER = Object.keys(OUTPUT_DESCRIPTIONS).filter((name) => name !== "metadata");
var DOTENV_OUTPUTS = OUTPUT_ORDER.filter((name) => name !== "dockerfile");
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
function dotenvReport(outputs) {
  const lines = [];
  for (const name of DOTENV_OUTPUTS) {
    if (outputs[name] === void 0) continue;
    const value = outputString(outputs[name]);
    if (/[\s"'#]/.test(value)) continue;
    lines.push(`${dotenvName(name)}=${value}`);
  }
  return `${lines.join("\n")}
`;
}

export {
  SlipwayError,
  errorMessage,
  secrets,
  INPUTS,
  readInputs,
  LineLogger,
  formatBytes,
  parseReference,
  Annotation,
  formatPlatform,
  fetchManifest,
  resolveBase,
  oidcTokenFromEnv,
  connect,
  runPipeline,
  dotenvName,
  outputStrings,
  outputsJson,
  dotenvReport
};
