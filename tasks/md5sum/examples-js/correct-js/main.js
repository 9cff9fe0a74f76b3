// Example submission for the md5sum task in JavaScript (Node style): a correct
// md5sum written from spec.md, with MD5 in plain JavaScript (Replica's runtime has
// no crypto module). Grade it with
// `replica grade md5sum tasks/md5sum/examples-js/correct-js/main.js`.
const fs = require("fs");

// ---- MD5 (RFC 1321) --------------------------------------------------------------------------
const MD5_K = new Int32Array(64).map((_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000));
// The message word each step reads.
const MD5_G = new Uint8Array(64).map((_, i) => (i < 16 ? i : i < 32 ? 5 * i + 1 : i < 48 ? 3 * i + 5 : 7 * i) & 15);

function digestHex(data) {
  const h = new Int32Array([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476]);
  const length = data.length;
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  padded.set(data);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = length * 8;
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 0x100000000), true);
  const m = new Int32Array(16);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getInt32(off + 4 * i, true);
    let a = h[0], b = h[1], c = h[2], d = h[3];
    // Four rounds of sixteen steps, four steps a turn; each step updates one register, the
    // next step's roles shift by one (a, b, c, d), (d, a, b, c), ...
    let t;
    for (let i = 0; i < 16; i += 4) {
      t = (a + ((b & c) | (~b & d)) + MD5_K[i] + m[MD5_G[i]]) | 0;
      a = (b + ((t << 7) | (t >>> 25))) | 0;
      t = (d + ((a & b) | (~a & c)) + MD5_K[i + 1] + m[MD5_G[i + 1]]) | 0;
      d = (a + ((t << 12) | (t >>> 20))) | 0;
      t = (c + ((d & a) | (~d & b)) + MD5_K[i + 2] + m[MD5_G[i + 2]]) | 0;
      c = (d + ((t << 17) | (t >>> 15))) | 0;
      t = (b + ((c & d) | (~c & a)) + MD5_K[i + 3] + m[MD5_G[i + 3]]) | 0;
      b = (c + ((t << 22) | (t >>> 10))) | 0;
    }
    for (let i = 16; i < 32; i += 4) {
      t = (a + ((d & b) | (~d & c)) + MD5_K[i] + m[MD5_G[i]]) | 0;
      a = (b + ((t << 5) | (t >>> 27))) | 0;
      t = (d + ((c & a) | (~c & b)) + MD5_K[i + 1] + m[MD5_G[i + 1]]) | 0;
      d = (a + ((t << 9) | (t >>> 23))) | 0;
      t = (c + ((b & d) | (~b & a)) + MD5_K[i + 2] + m[MD5_G[i + 2]]) | 0;
      c = (d + ((t << 14) | (t >>> 18))) | 0;
      t = (b + ((a & c) | (~a & d)) + MD5_K[i + 3] + m[MD5_G[i + 3]]) | 0;
      b = (c + ((t << 20) | (t >>> 12))) | 0;
    }
    for (let i = 32; i < 48; i += 4) {
      t = (a + (b ^ c ^ d) + MD5_K[i] + m[MD5_G[i]]) | 0;
      a = (b + ((t << 4) | (t >>> 28))) | 0;
      t = (d + (a ^ b ^ c) + MD5_K[i + 1] + m[MD5_G[i + 1]]) | 0;
      d = (a + ((t << 11) | (t >>> 21))) | 0;
      t = (c + (d ^ a ^ b) + MD5_K[i + 2] + m[MD5_G[i + 2]]) | 0;
      c = (d + ((t << 16) | (t >>> 16))) | 0;
      t = (b + (c ^ d ^ a) + MD5_K[i + 3] + m[MD5_G[i + 3]]) | 0;
      b = (c + ((t << 23) | (t >>> 9))) | 0;
    }
    for (let i = 48; i < 64; i += 4) {
      t = (a + (c ^ (b | ~d)) + MD5_K[i] + m[MD5_G[i]]) | 0;
      a = (b + ((t << 6) | (t >>> 26))) | 0;
      t = (d + (b ^ (a | ~c)) + MD5_K[i + 1] + m[MD5_G[i + 1]]) | 0;
      d = (a + ((t << 10) | (t >>> 22))) | 0;
      t = (c + (a ^ (d | ~b)) + MD5_K[i + 2] + m[MD5_G[i + 2]]) | 0;
      c = (d + ((t << 15) | (t >>> 17))) | 0;
      t = (b + (d ^ (c | ~a)) + MD5_K[i + 3] + m[MD5_G[i + 3]]) | 0;
      b = (c + ((t << 21) | (t >>> 11))) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  }
  return Array.from(new Uint8Array(h.buffer), (x) => x.toString(16).padStart(2, "0")).join("");
}

// ---- options -------------------------------------------------------------------------------
const LONG_OPTIONS = [["check", "c"], ["ignore-missing", "I"], ["quiet", "Q"], ["status", "S"],
  ["warn", "w"], ["strict", "X"], ["tag", "T"], ["zero", "z"], ["binary", "b"], ["text", "t"],
  ["help", "H"], ["version", "V"]];

class Usage extends Error {}

function newConfig() {
  return { check: false, binary: null, tag: false, zero: false, ignoreMissing: false, quiet: false,
    status: false, strict: false, warn: false, operands: [] };
}

function apply(config, code) {
  switch (code) {
    case "c": config.check = true; break;
    case "b": config.binary = true; break;
    case "t": config.binary = false; break;
    case "z": config.zero = true; break;
    case "I": config.ignoreMissing = true; break;
    case "X": config.strict = true; break;
    case "T": config.tag = true; config.binary = true; break;
    case "S": config.status = true; config.warn = false; config.quiet = false; break;
    case "w": config.status = false; config.warn = true; config.quiet = false; break;
    case "Q": config.status = false; config.warn = false; config.quiet = true; break;
    case "H": return "help";
    default: return "version";
  }
  return null;
}

function problem(config) {
  if (config.tag && config.binary === false) return "--tag does not support --text mode";
  if (config.check) {
    if (config.zero) return "the --zero option is not supported when verifying checksums";
    if (config.tag) return "the --tag option is meaningless when verifying checksums";
    if (config.binary !== null) return "the --binary and --text options are meaningless when verifying checksums";
    return null;
  }
  for (const [flag, name] of [[config.ignoreMissing, "ignore-missing"], [config.status, "status"],
    [config.warn, "warn"], [config.quiet, "quiet"], [config.strict, "strict"]]) {
    if (flag) return `the --${name} option is meaningful only when verifying checksums`;
  }
  return null;
}

function parse(args) {
  const config = newConfig();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      config.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const spec = arg.slice(2);
      const eq = spec.indexOf("=");
      const name = eq < 0 ? spec : spec.slice(0, eq);
      const exact = LONG_OPTIONS.filter(([full]) => full === name);
      const candidates = exact.length ? exact : LONG_OPTIONS.filter(([full]) => full.startsWith(name));
      if (!candidates.length) throw new Usage(`unrecognized option '--${spec}'`);
      if (candidates.length > 1)
        throw new Usage(`option '--${spec}' is ambiguous; possibilities:${candidates.map(([f]) => ` '--${f}'`).join("")}`);
      if (eq >= 0) throw new Usage(`option '--${candidates[0][0]}' doesn't allow an argument`);
      const request = apply(config, candidates[0][1]);
      if (request) return request;
    } else if (arg.startsWith("-") && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (!"bctwz".includes(letter)) throw new Usage(`invalid option -- '${letter}'`);
        apply(config, letter);
      }
    } else {
      config.operands.push(arg);
    }
  }
  const why = problem(config);
  if (why) throw new Usage(why);
  return config;
}

// ---- names -----------------------------------------------------------------------------------
// File names are kept as byte strings: one character per byte (latin1), so any name round-trips.
const bytesOf = (s) => Buffer.from(s, "latin1");
const fromArg = (s) => Buffer.from(s, "utf8").toString("latin1");

function escapeName(name) {
  return name.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

function unescape(text) {
  if (text.includes("\0")) return null;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = text[i + 1];
    if (next === "\\") out += "\\";
    else if (next === "n") out += "\n";
    else if (next === "r") out += "\r";
    else return null;
    i++;
  }
  return out;
}

function cEscape(c) {
  const named = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
  return named[c] || "\\" + c.toString(8).padStart(3, "0");
}

const BARE = /[a-zA-Z0-9%+,\-./\]_@]/;

function kind(name, i) {
  const ch = name[i], c = name.charCodeAt(i);
  if (ch === "'") return "apostrophe";
  if (BARE.test(ch) || ("#~".includes(ch) && i > 0) || ("{}".includes(ch) && name.length > 1)) return "bare";
  if (c >= 0x20 && c <= 0x7e) return "quote";
  return "escape";
}

function singleQuoted(name, inDollar) {
  let out = "'";
  for (let i = 0; i < name.length; i++) {
    const k = kind(name, i);
    if (k === "escape") {
      if (!inDollar) {
        out += "'$'";
        inDollar = true;
      }
      out += cEscape(name.charCodeAt(i));
    } else if (k === "apostrophe") {
      out += "'\\''";
      inDollar = false;
    } else {
      if (inDollar) {
        out += "''";
        inDollar = false;
      }
      out += name[i];
    }
  }
  return [out + "'", inDollar];
}

// A file name as GNU 9.1 shows it in a diagnostic (shell-escape style).
function quote(name) {
  if (name.length && [...name].every((_, i) => kind(name, i) === "bare")) return name;
  if (!name.includes("'")) return singleQuoted(name, false)[0];
  const doubleOk = (i) => {
    const ch = name[i];
    return /[a-zA-Z0-9]/.test(ch) || "%+,-./:]_@ '".includes(ch) || ("#~".includes(ch) && i === 0) ||
      ("{}".includes(ch) && name.length === 1);
  };
  if ([...name].every((_, i) => doubleOk(i))) return '"' + name + '"';
  const [, openAtEnd] = singleQuoted(name, false);
  return singleQuoted(name, openAtEnd)[0];
}

function describe(error) {
  return { ENOENT: "No such file or directory", EISDIR: "Is a directory", ENOTDIR: "Not a directory",
    EACCES: "Permission denied" }[error.code] || "Input/output error";
}

// ---- the program -----------------------------------------------------------------------------
const program = fromArg(process.argv[1] || "md5sum");
const out = [];
const err = (text) => process.stderr.write(bytesOf(text));
const complain = (message) => err(program + ": " + message + "\n");
const complainAboutFile = (name, error) => complain(quote(name) + ": " + describe(error));
let layout = "unknown";

class Missing extends Error {
  constructor(error) {
    super("missing");
    this.error = error;
  }
}

function digestNamed(name) {
  if (name === "-") return digestHex(fs.readFileSync(0));
  if (!name) throw new Missing({ code: "ENOENT" });
  let data;
  try {
    data = fs.readFileSync(bytesOf(name).toString("utf8"));
  } catch (error) {
    if (error.code === "ENOENT") throw new Missing(error);
    throw error;
  }
  return digestHex(data);
}

function hash(config, name) {
  let digest;
  try {
    digest = digestNamed(name);
  } catch (error) {
    complainAboutFile(name, error instanceof Missing ? error.error : error);
    return false;
  }
  const escape = !config.zero && /[\\\n\r]/.test(name);
  const shown = escape ? escapeName(name) : name;
  let line = escape ? "\\" : "";
  if (config.tag) line += "MD5 (" + shown + ") = " + digest;
  else line += digest + (config.binary ? " *" : "  ") + shown;
  out.push(line + (config.zero ? "\0" : "\n"));
  return true;
}

const isDigest = (text) => /^[0-9a-fA-F]{32}$/.test(text);

function parseLine(line) {
  const stripped = line.replace(/^[ \t]+/, "");
  const escaped = stripped[0] === "\\";
  const rest = escaped ? stripped.slice(1) : stripped;
  const nameOf = (text) => (escaped ? unescape(text) : text.split("\0")[0]);
  if (rest.startsWith("MD5")) {
    let after = rest.slice(3);
    if (after[0] === " ") after = after.slice(1);
    if (after[0] !== "(") return null;
    const text = after.slice(1);
    const close = text.lastIndexOf(")");
    if (close < 0) return null;
    const name = nameOf(text.slice(0, close));
    if (name === null) return null;
    let tail = text.slice(close + 1).replace(/^[ \t]+/, "");
    if (tail[0] !== "=") return null;
    tail = tail.slice(1).replace(/^[ \t]+/, "");
    return isDigest(tail) ? [tail, name] : null;
  }
  const extra = rest[0] === "\\" ? 1 : 0;
  if (rest.length < 34 + extra) return null;
  let end = rest.search(/[\0 \t]/);
  if (end < 0) return null;
  const digest = rest.slice(0, end);
  if (!isDigest(digest)) return null;
  const tail = rest.slice(end + 1);
  let text;
  if ((tail[0] === " " || tail[0] === "*") && tail.length > 1) {
    if (layout === "reversed") text = tail;
    else {
      layout = "gnu";
      text = tail.slice(1);
    }
  } else {
    if (layout === "gnu") return null;
    layout = "reversed";
    text = tail;
  }
  const name = nameOf(text);
  return name === null ? null : [digest, name];
}

function check(config, listing) {
  const fromStdin = listing === "-";
  const label = quote(fromStdin ? "standard input" : listing);
  let text;
  try {
    text = fs.readFileSync(fromStdin ? 0 : bytesOf(listing).toString("utf8")).toString("latin1");
  } catch (error) {
    if (error.syscall === "read") complain(label + ": read error");
    else complainAboutFile(listing, error);
    return false;
  }
  let improper = 0, proper = 0, unreadable = 0, mismatched = 0, matched = 0;
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  lines.forEach((raw, index) => {
    const number = index + 1;
    if (raw.startsWith("#")) return;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!line) return;
    let parsed = parseLine(line);
    if (parsed && fromStdin && parsed[1] === "-") parsed = null;
    if (!parsed) {
      improper++;
      if (config.warn) complain(`${label}: ${number}: improperly formatted MD5 checksum line`);
      return;
    }
    proper++;
    const [digest, name] = parsed;
    let verdict = null;
    try {
      if (digest.toLowerCase() === digestNamed(name)) {
        matched++;
        verdict = config.quiet ? null : "OK";
      } else {
        mismatched++;
        verdict = "FAILED";
      }
    } catch (error) {
      if (!(error instanceof Missing && config.ignoreMissing)) {
        complainAboutFile(name, error instanceof Missing ? error.error : error);
        unreadable++;
        verdict = "FAILED open or read";
      }
    }
    if (verdict !== null && !config.status) {
      const shown = name.includes("\n") ? "\\" + escapeName(name) : name;
      out.push(shown + ": " + verdict + "\n");
    }
  });
  if (proper === 0) {
    complain(label + ": no properly formatted checksum lines found");
    return false;
  }
  if (!config.status) {
    const plural = (n, one, many) => `WARNING: ${n} ${n === 1 ? one : many}`;
    if (improper) complain(plural(improper, "line is improperly formatted", "lines are improperly formatted"));
    if (unreadable) complain(plural(unreadable, "listed file could not be read", "listed files could not be read"));
    if (mismatched) complain(plural(mismatched, "computed checksum did NOT match", "computed checksums did NOT match"));
    if (config.ignoreMissing && matched === 0) complain(label + ": no file was verified");
  }
  return matched > 0 && mismatched === 0 && unreadable === 0 && !(config.strict && improper > 0);
}

function main() {
  let config;
  try {
    config = parse(process.argv.slice(2).map(fromArg));
  } catch (error) {
    if (!(error instanceof Usage)) throw error;
    err(`${program}: ${error.message}\nTry '${program} --help' for more information.\n`);
    return 1;
  }
  if (config === "help") {
    process.stdout.write(bytesOf(`Usage: ${program} [OPTION]... [FILE]...\n`));
    return 0;
  }
  if (config === "version") {
    process.stdout.write("md5sum (example) 1.0\n");
    return 0;
  }
  const operands = config.operands.length ? config.operands : ["-"];
  let good = true;
  for (const operand of operands) {
    const ok = config.check ? check(config, operand) : hash(config, operand);
    good = good && ok;
  }
  process.stdout.write(bytesOf(out.join("")));
  return good ? 0 : 1;
}

process.exitCode = main();
