// Example submission for the base32 task in JavaScript (Node style): a correct base32
// written from spec.md. Grade it with
// `replica grade base32 tasks/base32/examples-js/correct-js/main.js`.
const fs = require("fs");

const PROG = process.argv[1] || "base32";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const VALUE = new Int16Array(256).fill(-1);
for (let i = 0; i < 32; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const LONGS = ["decode", "wrap", "ignore-garbage", "help", "version"];
// Characters of a group that carry 1, 2, 3, 4 or 5 whole bytes.
const NEEDS = [2, 4, 5, 7, 8];

// Arguments arrive as strings; messages quote their UTF-8 bytes as GNU does.
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

function encode(data, wrap) {
  const text = Buffer.alloc(Math.ceil(data.length / 5) * 8);
  let o = 0;
  for (let k = 0; k < data.length; k += 5) {
    const n = Math.min(5, data.length - k);
    // 40 bits as a float-safe number: high 8 bits times 2^32 plus the low 32.
    let hi = data[k], lo = 0;
    for (let j = 1; j < 5; j++) lo = lo * 256 + (j < n ? data[k + j] : 0);
    const bits = hi * 4294967296 + lo;
    const chars = NEEDS[n - 1];
    for (let j = 0; j < 8; j++) {
      text[o++] = j < chars ? ALPHABET.charCodeAt(Math.floor(bits / 2 ** (35 - 5 * j)) % 32) : 0x3d;
    }
  }
  if (!wrap) return text;
  const lines = [];
  for (let i = 0; i < text.length; i += wrap) lines.push(text.subarray(i, i + wrap), utf8("\n"));
  return Buffer.concat(lines);
}

// Decodes filtered text: the bytes it gives and whether all of it was valid.
function decode(text) {
  const out = Buffer.alloc(Math.ceil(text.length / 8) * 5);
  let o = 0;
  for (let k = 0; k < text.length; k += 8) {
    if (text.length - k < 8) return [out.subarray(0, o), false];
    let known = 0, bits = 0;
    while (known < 8 && VALUE[text[k + known]] >= 0) {
      bits = bits * 32 + VALUE[text[k + known]];
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

function parse(args) {
  const settings = { decode: false, ignore: false, wrap: 76 };
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
      } else {
        return found;
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

function run(args) {
  const settings = parse(args);
  if (settings === "help") {
    process.stdout.write(`Usage: ${PROG} [OPTION]... [FILE]\n`);
    return;
  }
  if (settings === "version") {
    process.stdout.write("base32 (example submission)\n");
    return;
  }
  const data = readInput(settings.input);
  if (settings.decode) {
    const kept = Buffer.alloc(data.length);
    let n = 0;
    for (const c of data) {
      if (settings.ignore ? c === 0x3d || VALUE[c] >= 0 : c !== 0x0a) kept[n++] = c;
    }
    const [out, ok] = decode(kept.subarray(0, n));
    process.stdout.write(out);
    if (!ok) throw new Failure("invalid input");
  } else {
    process.stdout.write(encode(data, settings.wrap));
  }
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
