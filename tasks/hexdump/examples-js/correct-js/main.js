// Example submission for the hexdump task in JavaScript (Node style): a correct hexdump
// written from spec.md. Grade it with
// `replica grade hexdump tasks/hexdump/examples-js/correct-js/main.js`.
//
// It gathers the whole input (after -s, up to -n) in memory, parses every format string
// into units of conversions, and prints blocks straight from the buffer. Format strings
// are handled as latin1 strings (one character per byte); integers are BigInts.
const fs = require("fs");

const REASONS = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EACCES: "Permission denied",
};
const SPACE = " \t\n\r\v\f";
const NAMES = ["nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "lf", "vt",
  "ff", "cr", "so", "si", "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
  "can", "em", "sub", "esc", "fs", "gs", "rs", "us"];
const ESCAPED = { 0: "\\0", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
// Long options: name, letter, 0 = no value, 1 = a value, 2 = an optional value.
const LONGS = [["one-byte-octal", "b", 0], ["one-byte-char", "c", 0], ["canonical", "C", 0],
  ["two-bytes-decimal", "d", 0], ["two-bytes-octal", "o", 0], ["two-bytes-hex", "x", 0],
  ["format", "e", 1], ["format-file", "f", 1], ["color", "L", 2], ["length", "n", 1],
  ["skip", "s", 1], ["no-squeezing", "v", 0], ["help", "h", 0], ["version", "V", 0]];
const OFFSET7 = '"%07.7_Ax\\n"';
const BUILTIN = {
  b: [OFFSET7, '"%07.7_ax " 16/1 "%03o " "\\n"'],
  c: [OFFSET7, '"%07.7_ax " 16/1 "%3_c " "\\n"'],
  d: [OFFSET7, '"%07.7_ax " 8/2 "  %05u " "\\n"'],
  o: [OFFSET7, '"%07.7_ax " 8/2 " %06o " "\\n"'],
  x: [OFFSET7, '"%07.7_ax " 8/2 "   %04x " "\\n"'],
  C: ['"%08.8_Ax\\n"', '"%08.8_ax  " 8/1 "%02x " "  " 8/1 "%02x " ', '"  |" 16/1 "%_p" "|\\n"'],
};
const DEFAULT = [OFFSET7, '"%07.7_ax " 8/2 "%04x " "\\n"'];
const MASK64 = (1n << 64n) - 1n;

// Arguments as latin1 strings of their UTF-8 bytes, so one character is one byte.
const bytesOf = (s) => Buffer.from(s, "utf8").toString("latin1");
const isDigit = (ch) => ch >= "0" && ch <= "9";

class Fail extends Error {
  constructor(message, status) {
    super("fail");
    this.text = message;
    this.status = status === undefined ? 1 : status;
  }
}

const failure = (message) => new Fail("hexdump: " + message + "\n");
const asInt32 = (v) => v | 0;

// Decimal digits at s[at]: [value kept to 32 bits, end] or [null, at].
function readInt(s, at) {
  let end = at;
  while (end < s.length && isDigit(s[end])) end++;
  if (end === at) return [null, at];
  return [Number(BigInt.asIntN(32, BigInt(s.slice(at, end)))), end];
}

function unescape(s) {
  const table = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
  let out = "";
  for (let k = 0; k < s.length; k++) {
    if (s[k] === "\\") {
      k++;
      if (k < s.length) out += table[s[k]] || s[k];
    } else {
      out += s[k];
    }
  }
  return out;
}

// A format string's units: [reps, explicit reps, bytes, unescaped text].
function splitUnits(f) {
  const bad = () => failure("bad format {" + f + "}");
  const units = [];
  const n = f.length;
  const blanks = (at) => {
    while (at < n && SPACE.includes(f[at])) at++;
    return at;
  };
  let at = 0;
  for (;;) {
    at = blanks(at);
    if (at >= n) return units;
    let reps = 1, explicit = false, nbytes = 0;
    if (isDigit(f[at])) {
      [reps, at] = readInt(f, at);
      if (at >= n || !(SPACE.includes(f[at]) || f[at] === "/")) throw bad();
      explicit = true;
      at = blanks(at + 1);
    }
    if (at < n && f[at] === "/") at = blanks(at + 1);
    if (at < n && isDigit(f[at])) {
      [nbytes, at] = readInt(f, at);
      if (at >= n || !SPACE.includes(f[at])) throw bad();
      at = blanks(at + 1);
    }
    if (at >= n || f[at] !== '"') throw bad();
    const close = f.indexOf('"', at + 1);
    if (close < 0) throw bad();
    units.push([reps, explicit, nbytes, unescape(f.slice(at + 1, close))]);
    at = close + 1;
  }
}

// The bytes a unit's text claims, counted as hexdump does before checking it.
function claimed(text) {
  let total = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] !== "%") continue;
    k++;
    while (k < text.length && "#-+ 0123456789".includes(text[k])) k++;
    let precision = 0;
    if (text[k] === ".") {
      k++;
      if (k < text.length && isDigit(text[k])) {
        [precision, k] = readInt(text, k);
      }
    }
    const c = text[k];
    if (c === undefined) continue;
    if ("diouxX".includes(c)) total += 4;
    else if ("efgEG".includes(c)) total += 8;
    else if (c === "s") total += precision;
    else if (c === "c") total += 1;
    else if (c === "_") {
      k++;
      if (text[k] !== undefined && "cpu".includes(text[k])) total += 1;
    }
  }
  return total;
}

// A unit's text as pieces: text, then (unless kind is "") one conversion.
function parseConvs(text, unitBytes) {
  const convs = [];
  let start = 0, counted = 0;
  while (start < text.length) {
    const pct = text.indexOf("%", start);
    if (pct < 0) {
      convs.push({ pre: text.slice(start), kind: "", width: 0, nbytes: 0 });
      break;
    }
    let k = pct + 1;
    let prec = null;
    if (unitBytes) {
      while (k < text.length && ".#-+ 0123456789".includes(text[k])) k++;
    } else {
      while (k < text.length && "#-+ 0123456789".includes(text[k])) k++;
      if (text[k] === ".") {
        k++;
        if (k < text.length && isDigit(text[k])) [prec, k] = readInt(text, k);
      }
    }
    const spec = text.slice(pct + 1, k);
    const flags = /^[-+ #0]*/.exec(spec)[0];
    const rest = spec.slice(flags.length);
    const widthText = /^[0-9]*/.exec(rest)[0];
    const width = widthText ? Number(widthText) : 0;
    let specPrec = null;
    if (rest[widthText.length] === ".") {
      const p = /^[0-9]*/.exec(rest.slice(widthText.length + 1))[0];
      specPrec = p ? Number(p) : 0;
    }
    const c = k < text.length ? text[k] : "\0";
    let end = k + 1;
    const ub = unitBytes;
    let kind, radix = "", nbytes;
    if (c === "c") {
      if (ub > 1) throw failure("bad byte count for conversion character c");
      kind = "c";
      nbytes = 1;
    } else if ("diouxX".includes(c) && c !== "\0") {
      if (ub === 0) nbytes = 4;
      else if ([1, 2, 4, 8].includes(ub)) nbytes = ub;
      else throw failure("bad byte count for conversion character " + c);
      kind = c;
    } else if ("efgEG".includes(c) && c !== "\0") {
      if (ub !== 0 && ub !== 4 && ub !== 8) throw failure("bad byte count for conversion character " + c);
      kind = "f";
      nbytes = ub || 8;
    } else if (c === "s") {
      if (ub) nbytes = ub;
      else if (prec !== null) nbytes = prec;
      else throw failure("%s requires a precision or a byte count");
      kind = "s";
    } else if (c === "_") {
      end++;
      const following = k + 1 < text.length ? text[k + 1] : "\0";
      if (following === "a" || following === "A") {
        end++;
        const r = k + 2 < text.length ? text[k + 2] : "\0";
        if (!"dox".includes(r) || r === "\0") throw failure("bad conversion character %" + text.slice(k, k + 3));
        kind = following;
        radix = r;
        nbytes = 0;
      } else if ("cpu".includes(following) && following !== "\0") {
        if (ub > 1) throw failure("bad byte count for conversion character _" + following);
        kind = "_" + following;
        nbytes = 1;
      } else {
        throw failure("bad conversion character %" + text.slice(k, k + 2));
      }
    } else {
      throw failure("bad conversion character %" + text.slice(k, k + 1));
    }
    if (kind !== "a" && kind !== "A" && unitBytes) {
      counted++;
      if (counted > 1) throw failure("byte count with multiple conversion characters");
    }
    convs.push({ pre: text.slice(start, pct), flags, width, prec: specPrec, kind, radix, nbytes });
    start = Math.min(end, text.length);
  }
  return convs;
}

// body (after a sign or prefix in head) padded as printf would.
function pad(c, head, body, zeroOk) {
  const fill = " ".repeat(Math.max(0, c.width - head.length - body.length));
  if (c.flags.includes("-")) return head + body + fill;
  if (c.flags.includes("0") && zeroOk) return head + fill.replace(/ /g, "0") + body;
  return fill + head + body;
}

// C's %lld / %llo / %llu / %llx / %llX of a 64-bit value (a BigInt).
function integer(c, conv, value) {
  const signed = conv === "d" || conv === "i";
  if (signed) value = BigInt.asIntN(64, value);
  const magnitude = value < 0n ? -value : value;
  let digits = magnitude.toString(conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10);
  if (conv === "X") digits = digits.toUpperCase();
  if (c.prec !== null) {
    if (c.prec === 0 && magnitude === 0n) digits = "";
    digits = digits.padStart(c.prec, "0");
  }
  let head = "";
  if (signed) {
    if (value < 0n) head = "-";
    else if (c.flags.includes("+")) head = "+";
    else if (c.flags.includes(" ")) head = " ";
  } else if (c.flags.includes("#")) {
    if (conv === "o" && !digits.startsWith("0")) digits = "0" + digits;
    else if (conv === "x" && magnitude) head = "0x";
    else if (conv === "X" && magnitude) head = "0X";
  }
  return pad(c, head, digits, c.prec === null);
}

const string = (c, s) => pad(c, "", c.prec !== null ? s.slice(0, c.prec) : s, false);

function show(c, data, at, address, pastEnd, dropLast) {
  const pre = dropLast && c.kind === "" ? c.pre.slice(0, -1) : c.pre;
  if (c.kind === "") return pre;
  if (pastEnd && c.kind !== "A") return pre + " ".repeat(c.width);
  const x = at < data.length ? data[at] : 0;
  const ch = String.fromCharCode(x);
  const printable = x >= 32 && x < 127;
  switch (c.kind) {
    case "a":
    case "A":
      return pre + integer(c, c.radix, BigInt(address) & MASK64);
    case "c":
      return pre + pad(c, "", ch, false);
    case "_p":
      return pre + pad(c, "", printable ? ch : ".", false);
    case "_c":
      if (x in ESCAPED) return pre + string(c, ESCAPED[x]);
      if (printable) return pre + pad(c, "", ch, false);
      return pre + string(c, x.toString(8).padStart(3, "0"));
    case "_u":
      if (x < 32) return pre + string(c, NAMES[x]);
      if (x === 127) return pre + string(c, "del");
      if (x < 127) return pre + pad(c, "", ch, false);
      return pre + integer(c, "x", BigInt(x));
  }
  const raw = [];
  for (let k = 0; k < c.nbytes; k++) raw.push(at + k < data.length ? data[at + k] : 0);
  if (c.kind === "s") {
    const nul = raw.indexOf(0);
    return pre + string(c, String.fromCharCode(...(nul < 0 ? raw : raw.slice(0, nul))));
  }
  let value = 0n;
  for (let k = raw.length - 1; k >= 0; k--) value = (value << 8n) | BigInt(raw[k]);
  if (c.kind === "d" || c.kind === "i") value = BigInt.asIntN(8 * c.nbytes, value);
  return pre + integer(c, c.kind, value & MASK64);
}

// A size: a C number and an optional K/M/G... suffix (KiB, KB).
function size(v, what) {
  const bad = (why) => failure(`failed to parse ${what}: '${v}': ${why}`);
  let t = v.replace(/^[ \t\n\r\v\f]+/, "");
  if (t.startsWith("-") || !t) throw bad("Invalid argument");
  if (t.startsWith("+")) t = t.slice(1);
  let radix = 10, body = t;
  if (/^0[xX][0-9a-fA-F]/.test(t)) {
    radix = 16;
    body = t.slice(2);
  } else if (t.startsWith("0")) {
    radix = 8;
  }
  const allowed = "0123456789abcdef".slice(0, radix);
  let k = 0;
  while (k < body.length && allowed.includes(body[k].toLowerCase())) k++;
  if (k === 0) throw bad("Invalid argument");
  let n = 0n;
  for (const ch of body.slice(0, k)) n = n * BigInt(radix) + BigInt(allowed.indexOf(ch.toLowerCase()));
  if (n > MASK64) throw bad("Numerical result out of range");
  const suffix = body.slice(k);
  if (suffix) {
    let unit;
    if (suffix.length === 3 && suffix[1] === "i" && "Bb".includes(suffix[2])) unit = 1024n;
    else if (suffix.length === 2 && "Bb".includes(suffix[1])) unit = 1000n;
    else if (suffix.length === 1) unit = 1024n;
    else throw bad("Invalid argument");
    const power = "KMGTPEZY".indexOf(suffix[0].toUpperCase());
    if (power < 0) throw bad("Invalid argument");
    n *= unit ** BigInt(power + 1);
    if (n > MASK64) throw bad("Numerical result out of range");
  }
  return Number(BigInt.asIntN(64, n));
}

const tryHelp = (message) => new Fail(`hexdump: ${message}\nTry 'hexdump --help' for more information.\n`);

// getopt_long's reading of the arguments, each word's options applied in turn.
function settingsFrom(args) {
  const s = { formats: [], length: -1, skip: 0, squeeze: true, files: [], version: false };
  const apply = (letter, value) => {
    if (letter in BUILTIN) s.formats.push(...BUILTIN[letter]);
    else if (letter === "e") {
      const f = bytesOf(value);
      splitUnits(f);
      s.formats.push(f);
    } else if (letter === "n") s.length = size(value, "length");
    else if (letter === "s") s.skip = size(value, "offset");
    else if (letter === "v") s.squeeze = false;
    else s.version = true;
  };
  let i = 0;
  while (i < args.length && !s.version) {
    const a = args[i++];
    const found = [];
    if (a === "--") {
      s.files.push(...args.slice(i));
      break;
    }
    if (a.startsWith("--")) {
      const body = a.slice(2);
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      const exact = LONGS.filter((l) => l[0] === name);
      const hits = exact.length ? exact : LONGS.filter((l) => l[0].startsWith(name));
      if (!hits.length) throw tryHelp(`unrecognized option '--${body}'`);
      if (hits.length > 1)
        throw tryHelp(`option '--${body}' is ambiguous; possibilities:${hits.map((l) => ` '--${l[0]}'`).join("")}`);
      const [full, letter, takes] = hits[0];
      if (takes === 0 && eq >= 0) throw tryHelp(`option '--${full}' doesn't allow an argument`);
      if (takes === 0 || (takes === 2 && eq < 0)) found.push([letter, null]);
      else if (eq >= 0) found.push([letter, body.slice(eq + 1)]);
      else if (i < args.length) found.push([letter, args[i++]]);
      else throw tryHelp(`option '--${full}' requires an argument`);
    } else if (a.length > 1 && a.startsWith("-")) {
      const letters = Array.from(a.slice(1));
      for (let k = 0; k < letters.length; k++) {
        const c = letters[k];
        if ("bcCdoxvhV".includes(c)) {
          found.push([c, null]);
        } else if ("efns".includes(c)) {
          let value;
          if (k + 1 < letters.length) value = letters.slice(k + 1).join("");
          else if (i < args.length) value = args[i++];
          else throw tryHelp(`option requires an argument -- '${c}'`);
          found.push([c, value]);
          break;
        } else if (c === "L") {
          found.push([c, null]);
          break;
        } else {
          throw tryHelp(`invalid option -- '${c}'`);
        }
      }
    } else {
      s.files.push(a);
    }
    for (const [letter, value] of found) {
      apply(letter, value);
      if (s.version) break;
    }
  }
  if (!s.formats.length) s.formats = DEFAULT.slice();
  return s;
}

// Units, block size, conversions, repetitions: [units per format, block, end unit].
function prepare(formats) {
  const all = formats.map((f) => {
    const units = splitUnits(f).map(([reps, explicit, nbytes, text]) => ({ reps, explicit, nbytes, text, convs: [], endAddress: false }));
    const used = units.reduce((sum, u) => sum + u.reps * (u.nbytes || claimed(u.text)), 0);
    return [units, used];
  });
  const block = Math.max(...all.map(([, used]) => used));
  let endUnit = null;
  for (const [units, used] of all) {
    for (const u of units) {
      u.convs = parseConvs(u.text, u.nbytes);
      if (u.convs.some((c) => c.kind === "A")) {
        u.endAddress = true;
        endUnit = u;
      }
      if (u.nbytes === 0) u.nbytes = u.convs.reduce((sum, c) => sum + c.nbytes, 0);
    }
    const last = units[units.length - 1];
    if (last && used < block && !last.explicit && last.nbytes) last.reps += Math.floor((block - used) / last.nbytes);
  }
  return [all.map(([units]) => units), block, endUnit];
}

// The input: [data, address of its first byte, status, whether any input opened].
function gather(s, err) {
  if (!s.files.length) {
    if (s.skip > 0) throw new Fail("hexdump: stdin: Illegal seek\n");
    return [fs.readFileSync(0), 0, 0, true];
  }
  const data = [];
  let status = 0, base = 0, left = s.skip, opened = false;
  let have = 0;
  for (const name of s.files) {
    // Files after the last byte wanted are never opened.
    if (s.length >= 0 && have >= s.length) break;
    let content, regular = null;
    try {
      content = fs.readFileSync(Buffer.from(name, "latin1").toString("utf8"));
      regular = content.length;
    } catch (error) {
      if (error.code !== "EISDIR") {
        err.push(`hexdump: ${name}: ${REASONS[error.code] || "Input/output error"}\n`);
        status = 1;
        continue;
      }
      // A directory opens, but reading it fails.
      err.push(`hexdump: ${name}: Is a directory\n`);
      content = Buffer.alloc(0);
    }
    opened = true;
    if (left > 0) {
      if (regular !== null && left > regular) {
        left -= regular;
        base += regular;
        continue;
      }
      base += left;
      content = content.subarray(Math.min(left, content.length));
      left = 0;
    }
    data.push(content);
    have += content.length;
  }
  // hexdump then tries to seek its closed standard input.
  if (!opened && left > 0) throw new Fail("hexdump: stdin: Bad file descriptor\n");
  return [Buffer.concat(data), base, status, opened];
}

function run(out, err) {
  const s = settingsFrom(process.argv.slice(2).map(bytesOf));
  if (s.version) {
    out.push("hexdump (example submission)\n");
    return 0;
  }
  const [allUnits, block, endUnit] = prepare(s.formats);
  // With -n 0 nothing is opened, skipped or shown.
  if (s.length === 0) return 0;
  let [data, address, status, opened] = gather(s, err);
  if (!opened) {
    err.push("hexdump: all input file arguments failed\n");
    return status;
  }
  if (s.length >= 0 && s.length < data.length) data = data.subarray(0, s.length);
  let endAddress = null, previous = null, star = false, padded = false;
  for (let k = 0; block > 0 && k < data.length; k += block) {
    const chunk = data.subarray(k, k + block);
    const full = chunk.length === block;
    if (s.squeeze && full && previous !== null && Buffer.compare(chunk, previous) === 0) {
      if (!star) out.push("*\n");
      star = true;
      address += block;
      continue;
    }
    star = false;
    const buf = Buffer.alloc(block);
    buf.set(chunk);
    const end = full ? null : address + chunk.length;
    if (end !== null) endAddress = end;
    for (const units of allUnits) {
      let at = 0, addr = address;
      for (const u of units) {
        if (u.endAddress) break;
        const lastPiece = u.convs.length - 1;
        for (let rep = u.reps; rep > 0; rep--) {
          u.convs.forEach((c, ci) => {
            const past = padded || (end !== null && addr >= end);
            const dropLast = rep === 1 && u.reps > 1 && ci === lastPiece && c.kind === "" &&
              c.pre.length > 0 && SPACE.includes(c.pre[c.pre.length - 1]);
            out.push(show(c, buf, at, addr, past && c.kind !== "", dropLast));
            addr += c.nbytes;
            at += c.nbytes;
          });
        }
      }
    }
    if (end !== null) padded = true;
    previous = chunk;
    address += block;
  }
  if (endUnit !== null) {
    const end = endAddress !== null ? endAddress : address;
    if (endAddress !== null || address !== 0) {
      for (const c of endUnit.convs) {
        out.push(c.pre);
        if (c.kind === "A") out.push(integer(c, c.radix, BigInt(end) & MASK64));
      }
    }
  }
  return status;
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
  process.stderr.write(Buffer.from(err.join(""), "latin1"));
  return status;
}

process.exitCode = main();
