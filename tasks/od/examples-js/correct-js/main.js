// Example submission for the od task in JavaScript (Node style): a correct od written
// from spec.md. Grade it with `replica grade od tasks/od/examples-js/correct-js/main.js`.
//
// It gathers the input (after skipping, up to the limit) in memory and formats the lines
// from it. Sizes and offsets are BigInts; values are read as BigInts.
const fs = require("fs");

const REASONS = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EACCES: "Permission denied",
};
// Long options: name, letter, 0 = no value, 1 = a value, 2 = an optional value.
const LONGS = [["skip-bytes", "j", 1], ["address-radix", "A", 1], ["read-bytes", "N", 1],
  ["format", "t", 1], ["output-duplicates", "v", 0], ["strings", "S", 2],
  ["traditional", "T", 0], ["width", "w", 2], ["endian", "E", 1], ["help", "h", 0],
  ["version", "V", 0]];
// The traditional options' types.
const ALIASES = { a: "a", b: "o1", c: "c", D: "u4", d: "u2", e: "fD", F: "fD", f: "fF",
  H: "x4", X: "x4", i: "dI", I: "dL", L: "dL", l: "dL", O: "o4", o: "o2", B: "o2", s: "d2",
  h: "x2", x: "x2" };
const WIDTHS = { d: [4, 6, 11, 20], u: [3, 5, 10, 20], o: [3, 6, 11, 22], x: [2, 4, 8, 16],
  f: [0, 0, 14, 24, 29] };
const NAMED = ["nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl", "vt",
  "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
  "can", "em", "sub", "esc", "fs", "gs", "rs", "us", "sp"];
const ESCAPED = { 0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
const MULTIPLIERS = "bEGKkMmPTYZ0";
const LIMIT64 = 1n << 64n;

const utf8 = (s) => Buffer.from(s, "utf8");
const isDigit = (ch) => ch >= "0" && ch <= "9";

class Fail extends Error {
  constructor(message, status) {
    super("fail");
    this.text = message;
    this.status = status === undefined ? 1 : status;
  }
}

// A file name in messages: bare when harmless, else in quotes.
function nameQuote(name) {
  const ok = (extra) => Array.from(name).every((c) => /[A-Za-z0-9]/.test(c) || ("%+,-./:_@" + extra).includes(c));
  if (name && ok("")) return name;
  if (name.includes("'") && ok(" '")) return `"${name}"`;
  return "'" + name.replace(/'/g, "'\\''") + "'";
}

// Parses a -t string; errors go to err and make it return false.
function parseType(s, types, err) {
  const q = "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
  let i = 0;
  while (i < s.length) {
    const kind = s[i++];
    if (!"douxacf".includes(kind)) {
      err.push(`od: invalid character '${kind}' in type string ${q}\n`);
      return false;
    }
    let size = 1;
    if ("douxf".includes(kind)) {
      const letter = s[i];
      const byLetter = kind === "f" ? { F: 4, D: 8, L: 16 }[letter] : { C: 1, S: 2, I: 4, L: 8 }[letter];
      if (byLetter !== undefined) {
        size = byLetter;
        i++;
      } else {
        let k = i;
        while (k < s.length && isDigit(s[k])) k++;
        const digits = s.slice(i, k);
        if (!digits) {
          size = kind === "f" ? 8 : 4;
        } else {
          const n = BigInt(digits);
          if (n >= LIMIT64) {
            err.push(`od: invalid type string ${q}\n`);
            return false;
          }
          if (!(kind === "f" ? [4n, 8n, 16n] : [1n, 2n, 4n, 8n]).includes(n)) {
            const what = kind === "f" ? "floating point" : "integral";
            err.push(`od: invalid type string ${q};\nthis system doesn't provide a ${n}-byte ${what} type\n`);
            return false;
          }
          size = Number(n);
          i = k;
        }
      }
    }
    const width = "ac".includes(kind) ? 3 : WIDTHS[kind][Math.log2(size)];
    const z = s[i] === "z";
    if (z) i++;
    types.push({ kind, size, width, z, pad: 0 });
  }
  return true;
}

class NumberError extends Error {
  // 0: invalid, 1: invalid suffix, 2: too large.
  constructor(kind) {
    super("number");
    this.kind = kind;
  }
}

// gnulib's xstrtoumax with od's suffixes, as a BigInt.
function number(s, base, suffixes) {
  const t = s.replace(/^[ \t\n\r\v\f]+/, "");
  if (t.startsWith("-")) throw new NumberError(0);
  const body = t.startsWith("+") ? t.slice(1) : t;
  let radix = base, digitsFrom = 0;
  const hexStart = body.startsWith("0x") || body.startsWith("0X");
  if (base === 0) {
    if (hexStart && /^[0-9a-fA-F]/.test(body.slice(2))) {
      radix = 16;
      digitsFrom = 2;
    } else {
      radix = body.startsWith("0") ? 8 : 10;
    }
  } else if (base === 16 && hexStart) {
    digitsFrom = 2;
  }
  const allowed = "0123456789abcdef".slice(0, radix);
  let k = digitsFrom;
  while (k < body.length && allowed.includes(body[k].toLowerCase())) k++;
  const digits = body.slice(digitsFrom, k);
  let big = false, value, rest;
  if (!digits) {
    if (!(s.length && suffixes.includes(s[0]))) throw new NumberError(0);
    value = 1n;
    rest = s;
  } else {
    value = 0n;
    for (const ch of digits) value = value * BigInt(radix) + BigInt(allowed.indexOf(ch.toLowerCase()));
    if (value >= LIMIT64) {
      big = true;
      value = LIMIT64 - 1n;
    }
    rest = s.slice(s.length - body.length + k);
  }
  if (!rest) {
    if (big) throw new NumberError(2);
    return value;
  }
  const first = rest[0];
  if (!suffixes.includes(first)) throw new NumberError(1);
  let unit = 1024n, length = 1;
  if ("EGgkKMmPTtYZ".includes(first) && suffixes.includes("0")) {
    if (rest.slice(1, 3) === "iB") length = 3;
    else if (rest[1] === "B" || rest[1] === "D") {
      unit = 1000n;
      length = 2;
    }
  }
  const powers = { b: [512n, 1n], B: [1024n, 1n], c: [1n, 1n], w: [2n, 1n], k: [unit, 1n],
    K: [unit, 1n], M: [unit, 2n], m: [unit, 2n], G: [unit, 3n], g: [unit, 3n], T: [unit, 4n],
    t: [unit, 4n], P: [unit, 5n], E: [unit, 6n], Z: [unit, 7n], Y: [unit, 8n] };
  if (!(first in powers)) throw new NumberError(1);
  const [factor, times] = powers[first];
  value *= factor ** times;
  if (value >= LIMIT64) big = true;
  if (rest.length > length) throw new NumberError(1);
  if (big) throw new NumberError(2);
  return value;
}

const usage = (message) => new Fail(`od: ${message}\nTry 'od --help' for more information.\n`);

// getopt_long's reading of the arguments, each word's options applied in turn.
function settingsFrom(args, err) {
  const s = { types: [], radix: "o", skip: 0n, limit: null, strings: null, width: null,
    squeeze: true, modern: false, ok: true, operands: [], stop: null };
  const apply = (letter, value, shown) => {
    const num = (base, suffixes) => {
      try {
        return number(value, base, suffixes);
      } catch (error) {
        if (!(error instanceof NumberError)) throw error;
        const message = [`invalid ${shown} argument '${value}'`, `invalid suffix in ${shown} argument '${value}'`,
          `${shown} argument '${value}' too large`][error.kind];
        throw new Fail(`od: ${message}\n`);
      }
    };
    if ("AjNStvw".includes(letter)) s.modern = true;
    if (letter === "A") {
      const first = value.length ? Array.from(value)[0] : "";
      if (!["d", "o", "x", "n"].includes(first))
        throw new Fail(`od: invalid output address radix '${first || "\0"}'; it must be one character from [doxn]\n`);
      s.radix = first;
    } else if (letter === "j") s.skip = num(0, MULTIPLIERS);
    else if (letter === "N") s.limit = num(0, MULTIPLIERS);
    else if (letter === "S") s.strings = value === null ? 3n : num(0, MULTIPLIERS);
    else if (letter === "t") s.ok = parseType(value, s.types, err) && s.ok;
    else if (letter === "v") s.squeeze = false;
    else if (letter === "w") s.width = value === null ? 32n : num(10, "");
    else if (letter === "T" || letter === "E") return;
    else if (letter === "h" && shown === "--help") s.stop = "Usage: od [OPTION]... [FILE]...\n";
    else if (letter === "V") s.stop = "od (example)\n";
    else s.ok = parseType(ALIASES[letter], s.types, err) && s.ok;
  };
  let i = 0;
  while (i < args.length && s.stop === null) {
    const a = args[i++];
    const found = [];
    if (a === "--") {
      s.operands.push(...args.slice(i));
      break;
    }
    if (a.startsWith("--")) {
      const body = a.slice(2);
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      const exact = LONGS.filter((l) => l[0] === name);
      const hits = exact.length ? exact : LONGS.filter((l) => l[0].startsWith(name));
      if (!hits.length) throw usage(`unrecognized option '--${body}'`);
      if (hits.length > 1)
        throw usage(`option '--${body}' is ambiguous; possibilities:${hits.map((l) => ` '--${l[0]}'`).join("")}`);
      const [full, letter, takes] = hits[0];
      if (takes === 0 && eq >= 0) throw usage(`option '--${full}' doesn't allow an argument`);
      if (takes === 0 || (takes === 2 && eq < 0)) found.push([letter, null, "--" + full]);
      else if (eq >= 0) found.push([letter, body.slice(eq + 1), "--" + full]);
      else if (i < args.length) found.push([letter, args[i++], "--" + full]);
      else throw usage(`option '--${full}' requires an argument`);
    } else if (a.length > 1 && a.startsWith("-")) {
      const letters = Array.from(a.slice(1));
      for (let k = 0; k < letters.length; k++) {
        const c = letters[k];
        const rest = letters.slice(k + 1).join("");
        if ("AjNtS".includes(c)) {
          let value;
          if (rest) value = rest;
          else if (i < args.length) value = args[i++];
          else throw usage(`option requires an argument -- '${c}'`);
          found.push([c, value, "-" + c]);
          break;
        }
        if (c === "w") {
          found.push([c, rest || null, "-w"]);
          break;
        }
        if (c in ALIASES || c === "v") found.push([c, null, "-" + c]);
        else throw usage(`invalid option -- '${c}'`);
      }
    } else {
      s.operands.push(a);
    }
    for (const [letter, value, shown] of found) {
      apply(letter, value, shown);
      if (s.stop !== null) break;
    }
  }
  return s;
}

// A POSIX operand offset, or null.
function operandOffset(text) {
  if (!text) return null;
  const body = text.startsWith("+") ? text.slice(1) : text;
  const base = body.includes(".") ? 10 : body.startsWith("0x") || body.startsWith("0X") ? 16 : 8;
  try {
    return number(body, base, "Bb");
  } catch (error) {
    if (error instanceof NumberError) return null;
    throw error;
  }
}

// All the input: [data, whether any file opened, whether some file failed].
function gather(operands, err) {
  const data = [];
  let opened = false, failed = false;
  for (const name of operands) {
    try {
      data.push(fs.readFileSync(name === "-" ? 0 : name));
      opened = true;
    } catch (error) {
      if (error.code === "EISDIR") opened = true;
      err.push(`od: ${nameQuote(name)}: ${REASONS[error.code] || "Input/output error"}\n`);
      failed = true;
    }
  }
  return [Buffer.concat(data), opened, failed];
}

function fieldText(t, chunk) {
  let v = 0n;
  for (let k = chunk.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(chunk[k]);
  switch (t.kind) {
    case "d":
      return BigInt.asIntN(8 * t.size, v).toString();
    case "u":
      return v.toString();
    case "o":
      return v.toString(8).padStart(t.width, "0");
    case "x":
      return v.toString(16).padStart(t.width, "0");
    case "a": {
      const c = chunk[0] & 0x7f;
      return c === 127 ? "del" : c <= 32 ? NAMED[c] : String.fromCharCode(c);
    }
    case "c": {
      const c = chunk[0];
      if (c in ESCAPED) return ESCAPED[c];
      return c >= 32 && c < 127 ? String.fromCharCode(c) : c.toString(8).padStart(3, "0");
    }
    default: {
      const view = new DataView(new ArrayBuffer(8));
      chunk.forEach((b, k) => view.setUint8(k, b));
      return String(t.size === 4 ? view.getFloat32(0, true) : view.getFloat64(0, true));
    }
  }
}

const gcd = (a, b) => (b ? gcd(b, a % b) : a);

// -S: runs of at least `minimum` printable characters ended by a NUL.
function strings(body, skip, limit, total, minimum, radix, address, out) {
  const show = (startAddress, text) => out.push(address(startAddress) + (radix !== "n" ? " " : "") + text + "\n");
  const n = body.length;
  let k = 0;
  scan: while (k < n) {
    const start = k;
    let run = 0;
    while (k < n) {
      const c = body[k++];
      if (c === 0 && run >= minimum) {
        show(skip + BigInt(start), body.subarray(start, start + run).toString("latin1"));
        continue scan;
      }
      if (c < 32 || c >= 127) continue scan;
      run++;
    }
    // The end: with -N, a string that reaches the limit is printed anyway, if it started
    // more than `minimum` bytes before the limit.
    if (limit !== null && BigInt(total) - skip >= limit && run > minimum)
      show(BigInt.asUintN(64, skip + BigInt(n - run - 1)), body.subarray(start, start + run).toString("latin1"));
    break;
  }
}

function run(out, err) {
  const s = settingsFrom(process.argv.slice(2), err);
  if (s.stop !== null) {
    out.push(s.stop);
    return 0;
  }
  if (!s.ok) return 1;
  const types = s.types;
  if (s.strings !== null && types.length) throw new Fail("od: no type may be specified when dumping strings\n");
  let operands = s.operands;
  let skip = s.skip;
  if (!s.modern) {
    if (operands.length === 1 && operands[0].startsWith("+")) {
      const offset = operandOffset(operands[0]);
      if (offset !== null) {
        skip = offset;
        operands = [];
      }
    } else if (operands.length === 2 && (operands[1][0] === "+" || isDigit(operands[1][0] || ""))) {
      const offset = operandOffset(operands[1]);
      if (offset !== null) {
        skip = offset;
        operands = operands.slice(0, 1);
      }
    }
  }
  const limit = s.limit;
  if (limit !== null && skip + limit >= LIMIT64) throw new Fail("od: skip-bytes + read-bytes is too large\n");
  if (!types.length) parseType("o2", types, err);
  const [data, opened, failed] = gather(operands.length ? operands : ["-"], err);
  if (!opened) return 1;
  if (BigInt(data.length) < skip) throw new Fail("od: cannot skip past end of combined input\n");
  let body = data.subarray(Number(skip));
  if (limit !== null && limit < BigInt(body.length)) body = body.subarray(0, Number(limit));
  const radix = s.radix;
  const padLen = radix === "x" ? 6 : radix === "n" ? 0 : 7;
  const address = (a) => {
    if (radix === "n") return "";
    if (radix === "d") return a.toString().padStart(7, "0");
    if (radix === "x") return a.toString(16).padStart(6, "0");
    return a.toString(8).padStart(7, "0");
  };
  if (s.strings !== null) {
    strings(body, skip, limit, data.length, Number(s.strings), radix, address, out);
    return failed ? 1 : 0;
  }
  const lcm = types.reduce((l, t) => (l / gcd(l, t.size)) * t.size, 1);
  let perLine;
  if (s.width === null) perLine = lcm < 16 ? Math.floor(16 / lcm) * lcm : lcm;
  else if (s.width !== 0n && s.width % BigInt(lcm) === 0n) perLine = Number(s.width);
  else {
    err.push(`od: warning: invalid width ${s.width}; using ${lcm} instead\n`);
    perLine = lcm;
  }
  const widest = Math.max(...types.map((t) => (t.width + 1) * (perLine / t.size)));
  for (const t of types) t.pad = widest - t.width * (perLine / t.size);
  let previous = null, star = false, offset = skip;
  for (let k = 0; k < body.length; k += perLine) {
    const line = body.subarray(k, k + perLine);
    if (s.squeeze && line.length === perLine && previous !== null && Buffer.compare(line, previous) === 0) {
      if (!star) out.push("*\n");
      star = true;
      offset += BigInt(perLine);
      continue;
    }
    star = false;
    previous = line;
    const block = Buffer.alloc(Math.ceil(line.length / lcm) * lcm);
    block.set(line);
    types.forEach((t, ti) => {
      const text = [ti === 0 ? address(offset) : " ".repeat(padLen)];
      const fields = perLine / t.size;
      const blank = Math.floor((perLine - line.length) / t.size);
      for (let f = 0; f < fields - blank; f++) {
        const col = t.width + Math.floor((t.pad * (fields - f)) / fields) - Math.floor((t.pad * (fields - f - 1)) / fields);
        text.push(fieldText(t, block.subarray(f * t.size, (f + 1) * t.size)).padStart(col));
      }
      if (t.z) {
        text.push(" ".repeat(blank * t.width + Math.floor((t.pad * blank) / fields)) + "  >");
        text.push(Array.from(line, (c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : ".")).join("") + "<");
      }
      text.push("\n");
      out.push(text.join(""));
    });
    offset += BigInt(line.length);
  }
  if (radix !== "n") out.push(address(offset) + "\n");
  return failed ? 1 : 0;
}

function main() {
  const out = [], err = [];
  let status;
  try {
    status = run(out, err);
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    err.push(error.text);
    status = error.status;
  }
  process.stdout.write(Buffer.from(out.join(""), "latin1"));
  process.stderr.write(utf8(err.join("")));
  return status;
}

process.exitCode = main();
