// Replica's Node-like environment for scripts run by QuickJS-NG (see runner.c).
// Evaluates to a function that runs the candidate's script and returns the timer pump.
(function () {
  "use strict";
  const native = globalThis.__replica;
  delete globalThis.__replica;


  // ---- Buffer: a Uint8Array with Node's common helpers -------------------------------
  const HEX = "0123456789abcdef";
  function latin1(bytes) {
    let s = "";
    for (let i = 0; i < bytes.length; i += 8192)
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return s;
  }
  function normEncoding(enc) {
    const e = String(enc === undefined ? "utf8" : enc).toLowerCase();
    if (e === "utf-8") return "utf8";
    if (e === "binary") return "latin1";
    if (e === "ucs2" || e === "ucs-2" || e === "utf-16le") return "utf16le";
    return e;
  }
  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === "string") return Buffer._fromString(value, encodingOrOffset);
      if (value instanceof ArrayBuffer)
        return new Buffer(value, encodingOrOffset || 0, length === undefined ? value.byteLength - (encodingOrOffset || 0) : length);
      if (ArrayBuffer.isView(value)) {
        const b = new Buffer(value.byteLength);
        b.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        return b;
      }
      if (Array.isArray(value) || (value && typeof value.length === "number")) {
        const b = new Buffer(value.length);
        for (let i = 0; i < value.length; i++) b[i] = value[i] & 255;
        return b;
      }
      throw new TypeError("The first argument must be a string, Buffer, ArrayBuffer, Array or array-like object");
    }
    static _fromString(s, encoding) {
      const enc = normEncoding(encoding);
      if (enc === "utf8") return Buffer.from(native.utf8Encode(s));
      if (enc === "latin1" || enc === "ascii") {
        const b = new Buffer(s.length);
        for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 255;
        return b;
      }
      if (enc === "hex") {
        const n = s.length >> 1, b = new Buffer(n);
        let k = 0;
        for (; k < n; k++) {
          const v = parseInt(s.substr(2 * k, 2), 16);
          if (Number.isNaN(v)) break;
          b[k] = v;
        }
        return k === n ? b : b.subarray(0, k);
      }
      if (enc === "base64" || enc === "base64url") {
        let t = s.replace(/[^A-Za-z0-9+/\-_]/g, "").replace(/-/g, "+").replace(/_/g, "/");
        t = t.slice(0, t.length - (t.length % 4 === 1 ? 1 : 0));
        while (t.length % 4) t += "=";
        return Buffer._fromString(atob(t), "latin1");
      }
      if (enc === "utf16le") {
        const b = new Buffer(s.length * 2);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          b[2 * i] = c & 255;
          b[2 * i + 1] = c >> 8;
        }
        return b;
      }
      throw new TypeError("Unknown encoding: " + encoding);
    }
    static alloc(n, fill) {
      const b = new Buffer(n);
      if (fill !== undefined) b.fill(typeof fill === "string" ? fill.charCodeAt(0) : fill);
      return b;
    }
    static allocUnsafe(n) { return new Buffer(n); }
    static isBuffer(b) { return b instanceof Buffer; }
    static byteLength(s, encoding) {
      return typeof s === "string" ? Buffer._fromString(s, encoding).length : s.byteLength;
    }
    static concat(list, total) {
      if (total === undefined) total = list.reduce((n, b) => n + b.length, 0);
      const out = Buffer.alloc(total);
      let at = 0;
      for (const b of list) {
        if (at >= total) break;
        const part = b.length > total - at ? b.subarray(0, total - at) : b;
        out.set(part, at);
        at += part.length;
      }
      return out;
    }
    static compare(a, b) { return a.compare(b); }
    toString(encoding, start, end) {
      const bytes = this.subarray(start || 0, end === undefined ? this.length : end);
      const enc = normEncoding(encoding);
      if (enc === "utf8") return native.utf8Decode(bytes);
      if (enc === "latin1") return latin1(bytes);
      if (enc === "ascii") return latin1(bytes.map((c) => c & 127));
      if (enc === "hex") {
        let s = "";
        for (const c of bytes) s += HEX[c >> 4] + HEX[c & 15];
        return s;
      }
      if (enc === "base64") return btoa(latin1(bytes));
      if (enc === "base64url") return btoa(latin1(bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      if (enc === "utf16le") {
        let s = "";
        for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        return s;
      }
      throw new TypeError("Unknown encoding: " + encoding);
    }
    slice(start, end) { return this.subarray(start, end); }
    subarray(start, end) {
      const u = Uint8Array.prototype.subarray.call(this, start, end);
      return new Buffer(u.buffer, u.byteOffset, u.length);
    }
    equals(other) { return this.compare(other) === 0; }
    compare(other) {
      const n = Math.min(this.length, other.length);
      for (let i = 0; i < n; i++) if (this[i] !== other[i]) return this[i] < other[i] ? -1 : 1;
      return this.length === other.length ? 0 : this.length < other.length ? -1 : 1;
    }
    write(s, offset, encoding) {
      const b = Buffer._fromString(s, encoding);
      const n = Math.min(b.length, this.length - (offset || 0));
      this.set(b.subarray(0, n), offset || 0);
      return n;
    }
    toJSON() { return { type: "Buffer", data: Array.from(this) }; }
    readUInt8(i) { return this[i]; }
  }
  Object.defineProperty(Buffer, Symbol.species, { value: Uint8Array });
  Buffer.prototype.indexOf = function (value, from) {
    if (typeof value === "number") return Uint8Array.prototype.indexOf.call(this, value, from);
    const needle = typeof value === "string" ? Buffer.from(value) : value;
    outer: for (let i = from || 0; i + needle.length <= this.length; i++) {
      for (let j = 0; j < needle.length; j++) if (this[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  };
  Buffer.prototype.includes = function (value, from) { return this.indexOf(value, from) !== -1; };

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(s) { return native.utf8Encode(String(s === undefined ? "" : s)); }
  }
  class TextDecoder {
    constructor(label, options) {
      if (label !== undefined && normEncoding(label) !== "utf8") throw new RangeError("only utf-8 is supported");
      this.fatal = Boolean(options && options.fatal);
    }
    get encoding() { return "utf-8"; }
    decode(bytes) {
      if (bytes === undefined) return "";
      if (this.fatal && !native.utf8Valid(bytes)) throw new TypeError("The encoded data was not valid for encoding utf-8");
      return native.utf8Decode(bytes);
    }
  }

  // ---- process ------------------------------------------------------------------------
  const env = {};
  for (const pair of native.env) {
    const eq = pair.indexOf("=");
    if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  function stream(fd) {
    return {
      fd,
      isTTY: false,
      write(chunk, encoding, callback) {
        if (typeof encoding === "function") callback = encoding;
        native.write(fd, typeof chunk === "string" && encoding && typeof encoding === "string" ? Buffer.from(chunk, encoding) : chunk);
        if (typeof callback === "function") queueMicrotask(callback);
        return true;
      },
      end(chunk) { if (chunk !== undefined) this.write(chunk); },
      on() { return this; },
      once() { return this; },
    };
  }
  let stdinText = null;
  const stdin = {
    fd: 0,
    isTTY: false,
    setEncoding() { return this; },
    resume() { return this; },
    pause() { return this; },
    // Node's event style: all of stdin as one "data" event, then "end", after the script.
    on(event, handler) {
      if (stdinText === null) stdinText = Buffer.from(native.read(0));
      if (event === "data") setTimeout(() => handler(this._encoding ? stdinText.toString() : stdinText), 0);
      else if (event === "end" || event === "close") setTimeout(() => handler(), 0);
      return this;
    },
    once(event, handler) { return this.on(event, handler); },
  };
  stdin.setEncoding = function (encoding) { this._encoding = encoding || "utf8"; return this; };
  const process = {
    argv: ["node"].concat(native.argv),
    argv0: "node",
    env,
    exitCode: undefined,
    platform: "wasi",
    version: "v0.0.0-replica",
    versions: {},
    stdout: stream(1),
    stderr: stream(2),
    stdin,
    exit(code) {
      if (code !== undefined) process.exitCode = code;
      native.exit(Number(process.exitCode || 0));
    },
    cwd() { return "/"; },
    on() { return process; },
    nextTick(fn, ...args) { queueMicrotask(() => fn(...args)); },
    hrtime: Object.assign(() => [0, 0], { bigint: () => 0n }),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0 }),
  };

  // ---- console ------------------------------------------------------------------------
  function inspect(value, depth) {
    if (typeof value === "string") return depth ? JSON.stringify(value).replace(/^"|"$/g, "'") : value;
    if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value === "bigint") return value + "n";
    if (typeof value === "symbol" || typeof value === "function") return value.toString();
    if (value instanceof Error) return value.stack ? value.name + ": " + value.message + "\n" + value.stack.replace(/\n$/, "") : String(value);
    if ((depth || 0) > 2) return Array.isArray(value) ? "[Array]" : "[Object]";
    if (value instanceof Buffer) {
      const shown = Array.from(value.subarray(0, 50), (c) => HEX[c >> 4] + HEX[c & 15]).join(" ");
      return "<Buffer" + (shown ? " " + shown : "") + (value.length > 50 ? " ... " + (value.length - 50) + " more bytes" : "") + ">";
    }
    if (Array.isArray(value)) return value.length ? "[ " + value.map((v) => inspect(v, (depth || 0) + 1)).join(", ") + " ]" : "[]";
    if (value instanceof Map) return "Map(" + value.size + ") {" + Array.from(value, ([k, v]) => " " + inspect(k, 1) + " => " + inspect(v, 1)).join(",") + (value.size ? " " : "") + "}";
    if (value instanceof Set) return "Set(" + value.size + ") {" + Array.from(value, (v) => " " + inspect(v, 1)).join(",") + (value.size ? " " : "") + "}";
    const keys = Object.keys(value);
    if (!keys.length) return "{}";
    return "{ " + keys.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)) + ": " + inspect(value[k], (depth || 0) + 1)).join(", ") + " }";
  }
  function format(args) {
    let first = args[0];
    let rest = 1;
    if (typeof first === "string" && /%[sdifjoO%]/.test(first)) {
      first = first.replace(/%[sdifjoO%]/g, (m) => {
        if (m === "%%") return "%";
        if (rest >= args.length) return m;
        const a = args[rest++];
        if (m === "%s") return typeof a === "string" ? a : inspect(a, 1);
        if (m === "%d" || m === "%i") return String(m === "%i" ? parseInt(a) : Number(a));
        if (m === "%f") return String(parseFloat(a));
        if (m === "%j") return JSON.stringify(a);
        return inspect(a, 1);
      });
    }
    const parts = [inspect(first)];
    for (; rest < args.length; rest++) parts.push(inspect(args[rest]));
    return args.length ? parts.join(" ") : "";
  }
  const console = {
    log: (...args) => native.write(1, format(args) + "\n"),
    info: (...args) => native.write(1, format(args) + "\n"),
    debug: (...args) => native.write(1, format(args) + "\n"),
    error: (...args) => native.write(2, format(args) + "\n"),
    warn: (...args) => native.write(2, format(args) + "\n"),
    trace: (...args) => native.write(2, "Trace: " + format(args) + "\n"),
    dir: (value) => native.write(1, inspect(value, 0) + "\n"),
  };

  // ---- timers: a deterministic queue, run after the script and its promise jobs -------
  let timers = [];
  let timerSeq = 0;
  let now = 0;
  function setTimeout(fn, delay, ...args) {
    const id = ++timerSeq;
    timers.push({ id, at: now + Math.max(0, Number(delay) || 0), fn, args });
    return id;
  }
  function clearTimeout(id) { timers = timers.filter((t) => t.id !== id); }
  function setImmediate(fn, ...args) { return setTimeout(fn, 0, ...args); }
  function pump() {
    if (!timers.length) {
      globalThis.__replicaExitCode = Number(process.exitCode || 0);
      return false;
    }
    let next = 0;
    for (let i = 1; i < timers.length; i++) if (timers[i].at < timers[next].at) next = i;
    const [timer] = timers.splice(next, 1);
    now = timer.at;
    timer.fn(...timer.args);
    return true;
  }

  // ---- require ------------------------------------------------------------------------
  function toPath(p) {
    if (typeof URL !== "undefined" && p instanceof URL) return p.pathname;
    return String(p);
  }
  function decode(bytes, options) {
    const encoding = typeof options === "string" ? options : options && options.encoding;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return encoding ? buf.toString(encoding) : buf;
  }
  function readSource(p) {
    if (p === 0 || p === "/dev/stdin") return native.read(0);
    return native.read(typeof p === "number" ? p : toPath(p));
  }
  const fs = {
    readFileSync: (p, options) => decode(readSource(p), options),
    writeFileSync(p, data, options) {
      const encoding = typeof options === "string" ? options : options && options.encoding;
      const bytes = typeof data === "string" && encoding ? Buffer.from(data, encoding) : data;
      if (p === 1 || p === "/dev/stdout") return native.write(1, bytes);
      if (p === 2 || p === "/dev/stderr") return native.write(2, bytes);
      if (typeof p === "number") return native.write(p, bytes);
      native.writeFile(toPath(p), bytes, false);
    },
    appendFileSync(p, data) { native.writeFile(toPath(p), data, true); },
    existsSync: (p) => native.kind(toPath(p)) !== null,
    statSync(p) {
      const kind = native.kind(toPath(p));
      if (kind === null) {
        const e = new Error("ENOENT: no such file or directory, stat '" + p + "'");
        e.code = "ENOENT";
        throw e;
      }
      return { isFile: () => kind === "file", isDirectory: () => kind === "dir", size: kind === "file" ? native.read(toPath(p)).length : 0 };
    },
    writeSync(fd, data) { native.write(fd, data); return data.length; },
  };
  fs.promises = {
    readFile: async (p, o) => fs.readFileSync(p, o),
    writeFile: async (p, d, o) => fs.writeFileSync(p, d, o),
  };
  const modules = {
    fs,
    "fs/promises": fs.promises,
    process,
    buffer: { Buffer },
    util: { format: (...args) => format(args), inspect: (v) => inspect(v, 0), TextEncoder, TextDecoder },
    path: {
      sep: "/",
      basename: (p, ext) => {
        let b = String(p).replace(/\/+$/, "").split("/").pop();
        if (ext && b.endsWith(ext)) b = b.slice(0, -ext.length);
        return b;
      },
      dirname: (p) => {
        const s = String(p).replace(/\/+$/, "");
        const i = s.lastIndexOf("/");
        return i < 0 ? "." : i === 0 ? "/" : s.slice(0, i);
      },
      extname: (p) => {
        const b = String(p).split("/").pop();
        const i = b.lastIndexOf(".");
        return i <= 0 ? "" : b.slice(i);
      },
      join: (...parts) => parts.filter((p) => p !== "").join("/").replace(/\/+/g, "/") || ".",
    },
  };
  function require(name) {
    const key = String(name).replace(/^node:/, "");
    if (Object.prototype.hasOwnProperty.call(modules, key)) return modules[key];
    const e = new Error("Cannot find module '" + name + "': Replica's JavaScript runtime offers fs, fs/promises, path, process, buffer and util");
    e.code = "MODULE_NOT_FOUND";
    throw e;
  }

  Object.assign(globalThis, {
    process, console, Buffer, TextEncoder, TextDecoder, require,
    setTimeout, clearTimeout, setImmediate, clearImmediate: clearTimeout,
    setInterval: setTimeout, clearInterval: clearTimeout,
    global: globalThis,
  });

  return function run() {
    const module = { exports: {} };
    const wrapper = native.evalScript(
      native.wrapHead + native.source + native.wrapTail,
      "main.js",
    );
    wrapper.call(module.exports, module.exports, require, module, "/main.js", "/");
    return pump;
  };
})()
