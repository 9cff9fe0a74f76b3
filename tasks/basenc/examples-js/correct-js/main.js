// Example submission for the basenc task in JavaScript (Node style): a correct basenc
// written from spec.md. Grade it with
// `replica grade basenc tasks/basenc/examples-js/correct-js/main.js`.
const fs = require("fs");

const PROG = process.argv[1] || "basenc";
const TABLES = {
  base64: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  base64url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  base32: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  base32hex: "0123456789ABCDEFGHIJKLMNOPQRSTUV",
  base16: "0123456789ABCDEF",
  base2msbf: "01",
  base2lsbf: "01",
  z85: "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#",
};
// Byte -> digit value (or -1) for each table.
const VALUES = {};
for (const [kind, table] of Object.entries(TABLES)) {
  const v = new Int16Array(256).fill(-1);
  for (let i = 0; i < table.length; i++) v[table.charCodeAt(i)] = i;
  VALUES[kind] = v;
}
// GNU decodes base32hex by turning its digits into the base32 letters of the same value
// and decoding base32: W, X, Y and Z pass through unchanged and so are read as base32.
const B32HEX_DECODE = Int16Array.from(VALUES.base32hex);
for (const c of "WXYZ") B32HEX_DECODE[c.charCodeAt(0)] = VALUES.base32[c.charCodeAt(0)];
const LONGS = ["decode", "wrap", "ignore-garbage", "base64", "base64url", "base32", "base32hex",
  "base16", "base2msbf", "base2lsbf", "z85", "help", "version"];
// Characters of a base32 group that carry 1, 2, 3, 4 or 5 whole bytes.
const NEEDS = [2, 4, 5, 7, 8];

const utf8 = (s) => Buffer.from(s, "utf8");

class Failure extends Error {
  constructor(message, usage) {
    super("failure");
    this.bytes = typeof message === "string" ? utf8(message) : message;
    this.usage = usage;
  }
}

// GNU's quoting of an argument in messages (C locale): 'text' with C escapes.
function quoted(arg) {
  const named = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
  let out = "'";
  for (const c of utf8(arg)) {
    if (c === 0x5c || c === 0x27) out += "\\" + String.fromCharCode(c);
    else if (c >= 0x20 && c <= 0x7e) out += String.fromCharCode(c);
    else out += named[c] || "\\" + c.toString(8).padStart(3, "0");
  }
  return out + "'";
}

// GNU's shell-style quoting of a file name in messages (printable names).
function shellName(name) {
  const alnum = (ch) => /[A-Za-z0-9]/.test(ch);
  const chars = Array.from(name);
  const plain = chars.length > 0 && chars.every((ch, i) =>
    alnum(ch) || "%+,-./]_@".includes(ch) || (i > 0 && "#~".includes(ch)) || ("{}".includes(ch) && chars.length > 1));
  if (plain) return name;
  const doubleOk = chars.every((ch, i) => alnum(ch) || "%+,-./]_@: '".includes(ch) || (i === 0 && "#~".includes(ch)));
  if (doubleOk && name.includes("'")) return '"' + name + '"';
  return "'" + name.replace(/'/g, "'\\''") + "'";
}

// A wrap size like GNU's: blanks, a sign, decimal digits and nothing else.
function wrapSize(arg) {
  let text = arg.replace(/^[ \t\n\v\f\r]+/, "");
  const negative = text[0] === "-";
  if (text[0] === "+" || text[0] === "-") text = text.slice(1);
  if (!/^[0-9]+$/.test(text)) throw new Failure("invalid wrap size: " + quoted(arg));
  const value = BigInt(text);
  if (negative) {
    if (value !== 0n) throw new Failure("invalid wrap size: " + quoted(arg));
    return 0;
  }
  if (value > 9223372036854775807n) return 0;
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function parse(args) {
  const settings = { kind: null, decode: false, ignore: false, wrap: 76 };
  const operands = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const body = a.slice(2);
      const eq = body.indexOf("=");
      const key = eq < 0 ? body : body.slice(0, eq);
      const exact = LONGS.filter((l) => l === key);
      const hits = exact.length ? exact : LONGS.filter((l) => l.startsWith(key));
      if (hits.length > 1)
        throw new Failure(`option '${a}' is ambiguous; possibilities:${hits.map((h) => ` '--${h}'`).join("")}`, true);
      if (!hits.length) throw new Failure(`unrecognized option '${a}'`, true);
      const found = hits[0];
      if (found === "wrap") {
        let value = eq >= 0 ? body.slice(eq + 1) : null;
        if (value === null) {
          if (i + 1 >= args.length) throw new Failure("option '--wrap' requires an argument", true);
          value = args[++i];
        }
        settings.wrap = wrapSize(value);
      } else if (eq >= 0) {
        throw new Failure(`option '--${found}' doesn't allow an argument`, true);
      } else if (found === "decode") {
        settings.decode = true;
      } else if (found === "ignore-garbage") {
        settings.ignore = true;
      } else if (found === "help" || found === "version") {
        return found;
      } else {
        settings.kind = found;
      }
    } else if (a.startsWith("-") && a !== "-") {
      for (let p = 1; p < a.length; p++) {
        const c = a[p];
        if (c === "d") settings.decode = true;
        else if (c === "i") settings.ignore = true;
        else if (c === "w") {
          if (p + 1 < a.length) settings.wrap = wrapSize(a.slice(p + 1));
          else if (i + 1 < args.length) settings.wrap = wrapSize(args[++i]);
          else throw new Failure("option requires an argument -- 'w'", true);
          break;
        } else {
          throw new Failure("invalid option -- '" + c + "'", true);
        }
      }
    } else {
      operands.push(a);
    }
  }
  if (settings.kind === null) throw new Failure("missing encoding type", true);
  if (operands.length > 1) throw new Failure("extra operand " + quoted(operands[1]), true);
  settings.input = operands.length ? operands[0] : "-";
  return settings;
}

const REASONS = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  EACCES: "Permission denied",
  ENOTDIR: "Not a directory",
};

function readInput(name) {
  try {
    return fs.readFileSync(name === "-" ? 0 : name);
  } catch (error) {
    const why = REASONS[error.code] || error.message;
    if (name === "-" || error.syscall === "read") throw new Failure("read error: " + why);
    throw new Failure(shellName(name) + ": " + why);
  }
}

// ---- encoders ----------------------------------------------------------------------------

// Packs bytes into characters of `bits` bits each, most significant first, the last one
// padded with zero bits, then pads with '=' to whole groups of `group` characters.
function regroup(data, table, bits, group) {
  const chars = [];
  let acc = 0, have = 0;
  for (const b of data) {
    acc = (acc << 8) | b;
    have += 8;
    while (have >= bits) {
      have -= bits;
      chars.push(table.charCodeAt((acc >> have) & ((1 << bits) - 1)));
    }
    acc &= (1 << have) - 1;
  }
  if (have > 0) chars.push(table.charCodeAt((acc << (bits - have)) & ((1 << bits) - 1)));
  while (group && chars.length % group) chars.push(0x3d);
  return Buffer.from(chars);
}

function encode(kind, data) {
  const table = TABLES[kind];
  switch (kind) {
    case "base64":
    case "base64url":
      return regroup(data, table, 6, 4);
    case "base32":
    case "base32hex":
      return regroup(data, table, 5, 8);
    case "base16":
      return utf8(Buffer.from(data).toString("hex").toUpperCase());
    case "base2msbf":
    case "base2lsbf": {
      let s = "";
      for (const b of data) {
        const bits = b.toString(2).padStart(8, "0");
        s += kind === "base2msbf" ? bits : bits.split("").reverse().join("");
      }
      return utf8(s);
    }
    default: {
      const out = Buffer.alloc((data.length / 4) * 5);
      let o = 0;
      for (let k = 0; k < data.length; k += 4) {
        let n = ((data[k] << 24) | (data[k + 1] << 16) | (data[k + 2] << 8) | data[k + 3]) >>> 0;
        for (let slot = 4; slot >= 0; slot--) {
          out[o + slot] = table.charCodeAt(n % 85);
          n = Math.floor(n / 85);
        }
        o += 5;
      }
      return out;
    }
  }
}

function wrap(text, columns) {
  if (!columns) return text;
  const parts = [];
  for (let i = 0; i < text.length; i += columns) parts.push(text.subarray(i, i + columns), utf8("\n"));
  return Buffer.concat(parts);
}

// ---- decoders: each returns [bytes, valid], keeping the bytes decoded before an error ----

function decodeB64(text, v) {
  const out = Buffer.alloc(Math.ceil(text.length / 4) * 3);
  let o = 0;
  for (let k = 0; k < text.length; k += 4) {
    const len = Math.min(4, text.length - k);
    const a = v[text[k]];
    const b = len > 1 ? v[text[k + 1]] : -1;
    if (a < 0 || b < 0) return [out.subarray(0, o), false];
    out[o++] = ((a << 2) | (b >> 4)) & 255;
    if (len === 2) return [out.subarray(0, o), false];
    if (text[k + 2] === 0x3d) {
      if (len === 4 && text[k + 3] === 0x3d) continue;
      return [out.subarray(0, o), false];
    }
    const c = v[text[k + 2]];
    if (c < 0) return [out.subarray(0, o), false];
    out[o++] = ((b << 4) | (c >> 2)) & 255;
    if (len === 3) return [out.subarray(0, o), false];
    if (text[k + 3] === 0x3d) continue;
    const d = v[text[k + 3]];
    if (d < 0) return [out.subarray(0, o), false];
    out[o++] = ((c << 6) | d) & 255;
  }
  return [out.subarray(0, o), true];
}

function decodeB32(text, v) {
  const out = Buffer.alloc(Math.ceil(text.length / 8) * 5);
  let o = 0;
  for (let k = 0; k < text.length; k += 8) {
    if (text.length - k < 8) return [out.subarray(0, o), false];
    let known = 0, bits = 0;
    while (known < 8 && v[text[k + known]] >= 0) {
      bits = bits * 32 + v[text[k + known]];
      known++;
    }
    bits *= 2 ** (5 * (8 - known));
    let whole = 0;
    for (const n of NEEDS) if (known >= n) whole++;
    for (let j = 0; j < whole; j++) out[o++] = Math.floor(bits / 2 ** (32 - 8 * j)) % 256;
    if (known === 8) continue;
    let padded = whole > 0 && known === NEEDS[whole - 1];
    for (let j = known; j < 8 && padded; j++) if (text[k + j] !== 0x3d) padded = false;
    if (!padded) return [out.subarray(0, o), false];
  }
  return [out.subarray(0, o), true];
}

function decodeB16(text, v) {
  const out = Buffer.alloc(text.length >> 1);
  let o = 0;
  for (let k = 0; k < text.length; k += 2) {
    const hi = v[text[k]];
    const lo = k + 1 < text.length ? v[text[k + 1]] : -1;
    if (hi < 0 || lo < 0) return [out.subarray(0, o), false];
    out[o++] = (hi << 4) | lo;
  }
  return [out.subarray(0, o), true];
}

function decodeB2(text, msb) {
  const out = Buffer.alloc(text.length >> 3);
  let o = 0;
  for (let k = 0; k < text.length; k += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) {
      const c = k + j < text.length ? text[k + j] : -1;
      if (c !== 0x30 && c !== 0x31) return [out.subarray(0, o), false];
      if (c === 0x31) byte |= msb ? 0x80 >> j : 1 << j;
    }
    out[o++] = byte;
  }
  return [out.subarray(0, o), true];
}

function decodeZ85(text, v) {
  const out = Buffer.alloc(Math.ceil(text.length / 5) * 4);
  let o = 0;
  for (let k = 0; k < text.length; k += 5) {
    const len = Math.min(5, text.length - k);
    let n = 0;
    for (let j = 0; j < len; j++) {
      const d = v[text[k + j]];
      if (d < 0) return [out.subarray(0, o), false];
      n = n * 85 + d;
    }
    if (len < 5 || n > 0xffffffff) return [out.subarray(0, o), false];
    out[o++] = Math.floor(n / 16777216);
    out[o++] = (n >>> 16) & 255;
    out[o++] = (n >>> 8) & 255;
    out[o++] = n & 255;
  }
  return [out.subarray(0, o), true];
}

function decode(kind, text) {
  switch (kind) {
    case "base64":
    case "base64url":
      return decodeB64(text, VALUES[kind]);
    case "base32":
      return decodeB32(text, VALUES.base32);
    case "base32hex":
      return decodeB32(text, B32HEX_DECODE);
    case "base16":
      return decodeB16(text, VALUES.base16);
    case "base2msbf":
    case "base2lsbf":
      return decodeB2(text, kind === "base2msbf");
    default:
      return decodeZ85(text, VALUES.z85);
  }
}

function withoutNewlines(bytes) {
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (const c of bytes) if (c !== 0x0a) out[n++] = c;
  return out.subarray(0, n);
}

function run(args) {
  const settings = parse(args);
  if (settings === "help") {
    process.stdout.write(`Usage: ${PROG} [OPTION]... [FILE]\n`);
    return;
  }
  if (settings === "version") {
    process.stdout.write("basenc (example submission)\n");
    return;
  }
  let data = readInput(settings.input);
  const kind = settings.kind;
  if (!settings.decode) {
    if (kind === "z85" && data.length % 4) {
      // GNU encodes 30720-byte blocks; the bad last block is never written and the line
      // is left open.
      const whole = Math.floor(data.length / 30720) * 30720;
      let text = wrap(encode(kind, data.subarray(0, whole)), settings.wrap);
      if (settings.wrap && whole && text[text.length - 1] === 0x0a) text = text.subarray(0, text.length - 1);
      process.stdout.write(text);
      throw new Failure("invalid input (length must be multiple of 4 characters)");
    }
    process.stdout.write(wrap(encode(kind, data), settings.wrap));
    return;
  }
  if (settings.ignore) {
    // GNU tests Z85 membership with strchr, which also finds the string's NUL.
    const v = VALUES[kind];
    const kept = Buffer.alloc(data.length);
    let n = 0;
    for (const c of data) if (c === 0x3d || v[c] >= 0 || (kind === "z85" && c === 0)) kept[n++] = c;
    data = kept.subarray(0, n);
  }
  let decoded, ok;
  if (kind === "base64url" && !settings.ignore) {
    // GNU reads 5600-byte blocks and rejects a block holding '+' or '/' before decoding
    // any of it. The blocks before it were decoded, except for a last partial group,
    // which was still waiting for the rest of its characters.
    const before = [];
    let rejected = false;
    for (let k = 0; k < data.length; k += 5600) {
      const block = data.subarray(k, k + 5600);
      if (block.includes(0x2b) || block.includes(0x2f)) {
        rejected = true;
        break;
      }
      before.push(withoutNewlines(block));
    }
    const text = Buffer.concat(before);
    if (rejected) {
      [decoded] = decode(kind, text.subarray(0, text.length - (text.length % 4)));
      ok = false;
    } else {
      [decoded, ok] = decode(kind, text);
    }
  } else {
    [decoded, ok] = decode(kind, withoutNewlines(data));
  }
  process.stdout.write(decoded);
  if (!ok) throw new Failure("invalid input");
}

function main() {
  try {
    run(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    let text = Buffer.concat([utf8(PROG + ": "), error.bytes, utf8("\n")]);
    if (error.usage) text = Buffer.concat([text, utf8(`Try '${PROG} --help' for more information.\n`)]);
    process.stderr.write(text);
    return 1;
  }
  return 0;
}

process.exitCode = main();
