// Example submission for the sha224sum task in JavaScript (Node style): a correct
// sha224sum written from spec.md, with SHA-224 in plain JavaScript (Replica's runtime has
// no crypto module). Grade it with
// `replica grade sha224sum tasks/sha224sum/examples-js/correct-js/main.js`.
const fs = require("fs");

// ---- SHA-224 (FIPS 180-4) ---------------------------------------------------------------
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function digestHex(data) {
  const h = new Uint32Array([
    0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
  ]);
  const length = data.length;
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  padded.set(data);
  padded[length] = 0x80;
  const bits = length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("").slice(0, 56);
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
const program = fromArg(process.argv[1] || "sha224sum");
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
  if (config.tag) line += "SHA224 (" + shown + ") = " + digest;
  else line += digest + (config.binary ? " *" : "  ") + shown;
  out.push(line + (config.zero ? "\0" : "\n"));
  return true;
}

const isDigest = (text) => /^[0-9a-fA-F]{56}$/.test(text);

function parseLine(line) {
  const stripped = line.replace(/^[ \t]+/, "");
  const escaped = stripped[0] === "\\";
  const rest = escaped ? stripped.slice(1) : stripped;
  const nameOf = (text) => (escaped ? unescape(text) : text.split("\0")[0]);
  if (rest.startsWith("SHA224")) {
    let after = rest.slice(6);
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
  if (rest.length < 58 + extra) return null;
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
      if (config.warn) complain(`${label}: ${number}: improperly formatted SHA224 checksum line`);
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
    process.stdout.write("sha224sum (example) 1.0\n");
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
