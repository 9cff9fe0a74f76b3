// Example submission for the xxd task in JavaScript (Node style): a correct xxd written
// from spec.md. Grade it with `replica grade xxd tasks/xxd/examples-js/correct-js/main.js`.
//
// The input is read whole, each layout has its own function, and dump lines are built in
// a grid of characters the way the spec describes. 64-bit quantities are BigInts.
const fs = require("fs");

const PROG = (process.argv[1] || "xxd").split("/").pop();
const VERSION = "xxd 2022-01-14 by Juergen Weigert et al.";
const U64 = (1n << 64n) - 1n;
const REASONS = {
  ENOENT: "No such file or directory",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EACCES: "Permission denied",
};
const HELP = [
  "-a          toggle autoskip: A single '*' replaces nul-lines. Default off.",
  "-b          binary digit dump (incompatible with -ps,-i,-r). Default hex.",
  "-C          capitalize variable names in C include file style (-i).",
  "-c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).",
  "-E          show characters in EBCDIC. Default ASCII.",
  "-e          little-endian dump (incompatible with -ps,-i,-r).",
  "-g bytes    number of octets per group in normal output. Default 2 (-e: 4).",
  "-h          print this summary.",
  "-i          output in C include file style.",
  "-l len      stop after <len> octets.",
  "-n name     set the variable name used in C include output (-i).",
  "-o off      add <off> to the displayed file position.",
  "-ps         output in postscript plain hexdump style.",
  "-r          reverse operation: convert (or patch) hexdump into binary.",
  "-r -s off   revert with <off> added to file positions found in hexdump.",
  "-d          show offset in decimal instead of hex.",
  "-s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.",
  "-u          use upper case hex letters.",
  `-v          show version: "${VERSION}".`,
];

const utf8 = (s) => Buffer.from(s, "utf8");
const reason = (error) => REASONS[error.code] || "Input/output error";

class Fail extends Error {
  constructor(message, status) {
    super("fail");
    this.text = message;
    this.status = status;
  }
}

function usage() {
  let text = `Usage:\n       ${PROG} [options] [infile [outfile]]\n    or\n` +
    `       ${PROG} -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]\nOptions:\n`;
  for (const line of HELP) text += "    " + line + "\n";
  return new Fail(text, 1);
}

// C's strtol/strtoul with base 0, as an unbounded BigInt.
function cNumber(text) {
  let t = text.replace(/^[ \t\n\r\v\f]+/, "");
  const negative = t[0] === "-";
  if (t[0] === "+" || t[0] === "-") t = t.slice(1);
  let radix = 10;
  if (/^0[xX][0-9a-fA-F]/.test(t)) {
    radix = 16;
    t = t.slice(2);
  } else if (t[0] === "0") {
    radix = 8;
  }
  const digits = "0123456789abcdef".slice(0, radix);
  let value = 0n;
  for (const ch of t) {
    const d = digits.indexOf(ch.toLowerCase());
    if (d < 0) break;
    value = value * BigInt(radix) + BigInt(d);
  }
  return negative ? -value : value;
}

const strtol = (t) => {
  const v = cNumber(t);
  return v > (1n << 63n) - 1n ? (1n << 63n) - 1n : v < -(1n << 63n) ? -(1n << 63n) : v;
};
const strtoul = (t) => {
  const v = cNumber(t);
  return (v < 0n ? -v : v) > U64 ? U64 : v & U64;
};
const asInt32 = (v) => Number(BigInt.asIntN(32, v));

function parse(argv) {
  const o = { mode: "hex", autoskip: false, upper: false, cap: false, decimal: false,
    revert: false, cols: null, group: null, display: 0n, seek: null, len: -1n, name: null };
  let i = 2;
  // The option's value: attached, unless the rest is empty or begins with `long`.
  const value = (rest, long) => {
    if (rest && !rest.startsWith(long)) return rest;
    if (i + 1 >= argv.length) throw usage();
    return argv[++i];
  };
  const flags = { "-b": "bits", "-e": "little", "-p": "plain", "-i": "include" };
  for (; i < argv.length; i++) {
    const raw = argv[i];
    const w = raw.length > 2 && raw.startsWith("--") ? raw.slice(1) : raw;
    const two = w.slice(0, 2), rest = w.slice(2);
    if (two === "-a") o.autoskip = !o.autoskip;
    else if (two in flags) o.mode = flags[two];
    else if (two === "-u") o.upper = true;
    else if (two === "-C") o.cap = true;
    else if (two === "-d") o.decimal = true;
    else if (two === "-r") o.revert = true;
    else if (two === "-E") continue;
    else if (two === "-v") throw new Fail(VERSION + "\n", 0);
    else if (two === "-c") {
      if (rest.startsWith("apitalize")) o.cap = true;
      else o.cols = asInt32(strtol(value(rest, "ols")));
    } else if (two === "-g") {
      o.group = asInt32(strtol(value(rest, "roup")));
    } else if (two === "-o") {
      if (rest && !rest.startsWith("ffset")) {
        o.display = strtoul(rest);
      } else {
        let v = value(rest, "ffset");
        if (v.startsWith("+")) v = v.slice(1);
        o.display = v.startsWith("-") ? -strtoul(v.slice(1)) & U64 : strtoul(v);
      }
    } else if (two === "-s") {
      let v = rest && !rest.startsWith("kip") && !rest.startsWith("eek") ? rest : value("", "");
      const relative = v.startsWith("+");
      if (relative) v = v.slice(1);
      const negative = v.startsWith("-");
      if (negative) v = v.slice(1);
      o.seek = { relative, negative, n: strtol(v) };
    } else if (two === "-l") {
      o.len = strtol(value(rest, "en"));
    } else if (two === "-n") {
      o.name = value(rest, "ame");
    } else if (w === "--") {
      i++;
      break;
    } else if (w.startsWith("-") && w.length > 1) {
      throw usage();
    } else {
      break;
    }
  }
  return [o, argv.slice(i)];
}

// The defaults and checks: [cols, group].
function settle(o, operands) {
  const mode = o.mode;
  let cols = o.cols;
  if (cols === null || (cols === 0 && mode !== "plain"))
    cols = { plain: 30, include: 12, bits: 6 }[mode] || 16;
  let group = o.group;
  if (group === null) group = { bits: 1, hex: 2, little: 4 }[mode] || 0;
  const dumpMode = mode === "hex" || mode === "bits" || mode === "little";
  if ((mode === "plain" && cols < 0) || (mode !== "plain" && cols < 1) || (dumpMode && cols > 256))
    throw new Fail(`${PROG}: invalid number of columns (max. 256).\n`, 1);
  if (group < 1 || group > cols) group = cols;
  else if (mode === "little" && group & (group - 1))
    throw new Fail(`${PROG}: number of octets per group must be a power of 2 with -e.\n`, 1);
  if (operands.length > 2) throw usage();
  return [cols, group];
}

// The hex, bits and little-endian dumps.
function dump(body, o, cols, group, seek, hex) {
  const bits = o.mode === "bits", little = o.mode === "little";
  const width = bits ? 8 * group + 1 : 2 * group + 1;
  const charsAt = 3 + Math.floor((width * cols - 1) / group);
  const lines = [];
  for (let row = 0; row < body.length; row += cols) {
    const chunk = body.subarray(row, row + cols);
    const address = (BigInt(row) + seek + o.display) & U64;
    let head;
    if (o.decimal) {
      const signed = BigInt.asIntN(64, address);
      head = (signed < 0n ? "-" + (-signed).toString().padStart(7, "0") : signed.toString().padStart(8, "0")) + ":";
    } else {
      head = address.toString(16).padStart(8, "0") + ":";
    }
    const a = head.length;
    const grid = Buffer.alloc(2600, 0x20);
    grid.write(head, 0, "latin1");
    let last = 0, zero = chunk.length === cols;
    for (let k = 0; k < chunk.length; k++) {
      const b = chunk[k];
      if (b) zero = false;
      const x = little ? k ^ (group - 1) : k;
      const at = a + 1 + Math.floor((width * x) / group);
      if (bits) {
        for (let bit = 0; bit < 8; bit++) grid[at + bit] = b & (0x80 >> bit) ? 0x31 : 0x30;
      } else {
        grid[at] = hex.charCodeAt(b >> 4);
        grid[at + 1] = hex.charCodeAt(b & 15);
      }
      last = a + charsAt + k;
      grid[last] = b >= 32 && b < 127 ? b : 0x2e;
    }
    grid[last + 1] = 0x0a;
    lines.push([grid.subarray(0, last + 2), zero]);
  }
  if (!o.autoskip) return Buffer.concat(lines.map(([line]) => line));
  // Runs of zero lines: the first shown, then "*" for three or more, then the last one
  // only where the spec says it shows.
  const out = [];
  const fullEnd = body.length % cols === 0;
  const n = lines.length;
  let k = 0;
  while (k < n) {
    if (!lines[k][1]) {
      out.push(lines[k++][0]);
      continue;
    }
    const start = k;
    while (k < n && lines[k][1]) k++;
    const run = k - start;
    const atEnd = k === n && fullEnd;
    out.push(lines[start][0]);
    if (run === 2) out.push(lines[start + 1][0]);
    else if (run === 3 && atEnd) out.push(lines[start + 1][0], lines[start + 2][0]);
    else if (run >= 3) {
      out.push(utf8("*\n"));
      if (atEnd) out.push(lines[k - 1][0]);
    }
  }
  return Buffer.concat(out);
}

function ident(s, cap) {
  const bytes = utf8(s);
  let v = bytes.length && bytes[0] >= 0x30 && bytes[0] <= 0x39 ? "__" : "";
  for (const c of bytes) {
    const ch = String.fromCharCode(c);
    v += /[A-Za-z0-9]/.test(ch) ? (cap ? ch.toUpperCase() : ch) : "_";
  }
  return v;
}

function include(body, o, cols, name, hex) {
  const head = name !== null ? `unsigned char ${ident(name, o.cap)}[] = {\n` : "";
  const prefix = o.upper ? "0X" : "0x";
  const parts = [];
  for (let k = 0; k < body.length; k++) {
    const b = body[k];
    parts.push((k === 0 ? "  " : k % cols === 0 ? ",\n  " : ", ") + prefix + hex[b >> 4] + hex[b & 15]);
  }
  let text = parts.join("") + (body.length ? "\n" : "");
  if (name !== null)
    text += `};\nunsigned int ${ident(name, o.cap)}_${o.cap ? "LEN" : "len"} = ${body.length};\n`;
  return [utf8(head), utf8(text)];
}

function plain(body, cols, hex) {
  let text = Buffer.from(body).toString("hex");
  if (hex[10] === "A") text = text.toUpperCase();
  if (cols === 0) return utf8(text + "\n");
  const lines = [];
  for (let k = 0; k < text.length; k += 2 * cols) lines.push(text.slice(k, k + 2 * cols) + "\n");
  return utf8(lines.join(""));
}

// Standard output, or OUTFILE kept in memory with a position (files can seek) and
// written back at the end.
class Output {
  constructor(name, content) {
    this.name = name;
    this.parts = [];
    this.content = content;
    this.position = 0;
  }

  write(bytes) {
    if (this.name === null) {
      this.parts.push(bytes);
      return;
    }
    const end = this.position + bytes.length;
    if (end > this.content.length) {
      const grown = Buffer.alloc(Math.max(end, 2 * this.content.length));
      grown.set(this.content);
      this.content = grown.subarray(0, end);
    }
    this.content.set(bytes, this.position);
    this.position = end;
  }

  // Moves a file to `position`; whether it could.
  seek(position) {
    if (this.name === null || position < 0) return false;
    this.position = position;
    return true;
  }

  finish() {
    if (this.name === null) process.stdout.write(Buffer.concat(this.parts));
    else fs.writeFileSync(this.name, this.content);
  }
}

// -r: the hex dump back to bytes, with the state machine the spec gives.
function revert(data, isPlain, cols, base, out) {
  const value = (c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);
  let n1 = -1, n2 = 0, n3 = 0;
  let skipping = true;
  let col = cols;
  let want = 0, have = 0;
  const pending = [];
  const flush = () => {
    if (pending.length) out.write(Buffer.from(pending.splice(0)));
  };
  try {
    for (let k = 0; k < data.length;) {
      let c = data[k++];
      if (c === 0x0d || (isPlain && (c === 0x20 || c === 0x09 || c === 0x0a))) continue;
      n3 = n2;
      n2 = n1;
      n1 = value(c);
      if (n1 < 0 && skipping) continue;
      skipping = false;
      if (!isPlain && col >= cols) {
        if (n1 < 0) col = 0;
        else want = want * 16 + n1;
        continue;
      }
      const goal = base + want;
      if (goal !== have) {
        flush();
        if (out.seek(goal)) have = goal;
        if (goal < have) throw new Fail(`${PROG}: Sorry, cannot seek backwards.\n`, 5);
        for (; have < goal; have++) pending.push(0);
      }
      let skipLine = false;
      if (n2 >= 0 && n1 >= 0) {
        pending.push((n2 << 4) | n1);
        have++;
        want++;
        n1 = -1;
        if (!isPlain) {
          col++;
          skipLine = col >= cols;
        }
      } else if (n1 < 0 && n2 < 0 && n3 < 0) {
        skipLine = true;
      }
      if (skipLine) {
        const end = data.indexOf(0x0a, k);
        if (end < 0) {
          k = data.length;
          c = 0;
        } else {
          k = end + 1;
          c = 0x0a;
        }
      }
      if (c === 0x0a) {
        if (!isPlain) want = 0;
        col = cols;
        skipping = true;
      }
    }
  } finally {
    flush();
  }
}

function run(state) {
  const [o, operands] = parse(process.argv);
  const [cols, group] = settle(o, operands);
  const infile = operands.length && operands[0] !== "-" ? operands[0] : null;
  const outfile = operands.length > 1 && operands[1] !== "-" ? operands[1] : null;
  let data = null, readError = null;
  if (infile !== null) {
    try {
      data = fs.readFileSync(infile);
    } catch (error) {
      if (error.code !== "EISDIR") throw new Fail(`${PROG}: ${infile}: ${reason(error)}\n`, 2);
      // A directory opens; reading it fails later.
      readError = new Fail(`${PROG}: ${reason(error)}\n`, 2);
      data = Buffer.alloc(0);
    }
  }
  let content = null;
  if (outfile !== null) {
    try {
      // -r patches the file: what is there stays. Dumps empty it.
      if (o.revert && fs.existsSync(outfile)) content = fs.readFileSync(outfile);
      else fs.writeFileSync(outfile, Buffer.alloc(0));
    } catch (error) {
      throw new Fail(`${PROG}: ${outfile}: ${reason(error)}\n`, 3);
    }
    if (content === null) content = Buffer.alloc(0);
  }
  const out = (state.out = new Output(outfile, content));
  if (data === null) data = fs.readFileSync(0);
  if (o.revert) {
    if (o.mode !== "hex" && o.mode !== "plain")
      throw new Fail(`${PROG}: Sorry, cannot revert this type of hexdump\n`, 255);
    let base = 0;
    if (o.seek !== null) base = Number(o.seek.negative ? -o.seek.n : o.seek.n);
    revert(data, o.mode === "plain", cols, base, out);
    return;
  }
  let seek = 0n;
  if (o.seek !== null && !(o.seek.relative && !o.seek.negative && o.seek.n === 0n)) {
    const { relative, negative, n } = o.seek;
    const size = BigInt(data.length);
    if (infile !== null) {
      seek = negative ? (relative ? -n : size - n) : n;
      if (seek < 0n) throw new Fail(`${PROG}: Sorry, cannot seek.\n`, 4);
    } else {
      if (negative || n > size) throw new Fail(`${PROG}: Sorry, cannot seek.\n`, 4);
      seek = n;
    }
  }
  let body = data.subarray(Number(seek < BigInt(data.length) ? seek : BigInt(data.length)));
  if (o.len >= 0n && o.len < BigInt(body.length)) body = body.subarray(0, Number(o.len));
  const hex = o.upper ? "0123456789ABCDEF" : "0123456789abcdef";
  if (o.mode === "include") {
    const name = o.name !== null ? o.name : infile;
    const [head, text] = include(body, o, cols, name, hex);
    out.write(head);
    if (readError) throw readError;
    out.write(text);
    return;
  }
  if (readError) throw readError;
  out.write(o.mode === "plain" ? plain(body, cols, hex) : dump(body, o, cols, group, seek, hex));
}

function main() {
  const state = { out: null };
  let status = 0, message = "";
  try {
    run(state);
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    message = error.text;
    status = error.status;
  }
  if (state.out !== null) state.out.finish();
  process.stderr.write(utf8(message));
  return status;
}

process.exitCode = main();
