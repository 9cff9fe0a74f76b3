// Example submission for the b3sum task in JavaScript (Node style): a correct b3sum written
// from spec.md, with BLAKE3 in plain JavaScript (Replica's runtime has no crypto module).
// Grade it with `replica grade b3sum tasks/b3sum/examples-js/correct-js/main.js`.
const fs = require("fs");

// ---- BLAKE3 ---------------------------------------------------------------------------------
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const CHUNK_START = 1, CHUNK_END = 2, PARENT = 4, ROOT = 8;
const KEYED_HASH = 16, DERIVE_KEY_CONTEXT = 32, DERIVE_KEY_MATERIAL = 64;
const PERMUTATION = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];

// The compression function: all 16 words of the final state.
function compress(cv, block, counter, length, flags) {
  let s0 = cv[0], s1 = cv[1], s2 = cv[2], s3 = cv[3], s4 = cv[4], s5 = cv[5], s6 = cv[6], s7 = cv[7];
  let s8 = IV[0], s9 = IV[1], s10 = IV[2], s11 = IV[3];
  let s12 = counter >>> 0, s13 = Math.floor(counter / 0x100000000), s14 = length, s15 = flags;
  let m = block;
  for (let r = 0; r < 7; r++) {
    if (r) m = PERMUTATION.map((i) => m[i]);
    s0 = (s0 + s4 + m[0]) | 0; s12 ^= s0; s12 = (s12 >>> 16) | (s12 << 16);
    s8 = (s8 + s12) | 0; s4 ^= s8; s4 = (s4 >>> 12) | (s4 << 20);
    s0 = (s0 + s4 + m[1]) | 0; s12 ^= s0; s12 = (s12 >>> 8) | (s12 << 24);
    s8 = (s8 + s12) | 0; s4 ^= s8; s4 = (s4 >>> 7) | (s4 << 25);
    s1 = (s1 + s5 + m[2]) | 0; s13 ^= s1; s13 = (s13 >>> 16) | (s13 << 16);
    s9 = (s9 + s13) | 0; s5 ^= s9; s5 = (s5 >>> 12) | (s5 << 20);
    s1 = (s1 + s5 + m[3]) | 0; s13 ^= s1; s13 = (s13 >>> 8) | (s13 << 24);
    s9 = (s9 + s13) | 0; s5 ^= s9; s5 = (s5 >>> 7) | (s5 << 25);
    s2 = (s2 + s6 + m[4]) | 0; s14 ^= s2; s14 = (s14 >>> 16) | (s14 << 16);
    s10 = (s10 + s14) | 0; s6 ^= s10; s6 = (s6 >>> 12) | (s6 << 20);
    s2 = (s2 + s6 + m[5]) | 0; s14 ^= s2; s14 = (s14 >>> 8) | (s14 << 24);
    s10 = (s10 + s14) | 0; s6 ^= s10; s6 = (s6 >>> 7) | (s6 << 25);
    s3 = (s3 + s7 + m[6]) | 0; s15 ^= s3; s15 = (s15 >>> 16) | (s15 << 16);
    s11 = (s11 + s15) | 0; s7 ^= s11; s7 = (s7 >>> 12) | (s7 << 20);
    s3 = (s3 + s7 + m[7]) | 0; s15 ^= s3; s15 = (s15 >>> 8) | (s15 << 24);
    s11 = (s11 + s15) | 0; s7 ^= s11; s7 = (s7 >>> 7) | (s7 << 25);
    s0 = (s0 + s5 + m[8]) | 0; s15 ^= s0; s15 = (s15 >>> 16) | (s15 << 16);
    s10 = (s10 + s15) | 0; s5 ^= s10; s5 = (s5 >>> 12) | (s5 << 20);
    s0 = (s0 + s5 + m[9]) | 0; s15 ^= s0; s15 = (s15 >>> 8) | (s15 << 24);
    s10 = (s10 + s15) | 0; s5 ^= s10; s5 = (s5 >>> 7) | (s5 << 25);
    s1 = (s1 + s6 + m[10]) | 0; s12 ^= s1; s12 = (s12 >>> 16) | (s12 << 16);
    s11 = (s11 + s12) | 0; s6 ^= s11; s6 = (s6 >>> 12) | (s6 << 20);
    s1 = (s1 + s6 + m[11]) | 0; s12 ^= s1; s12 = (s12 >>> 8) | (s12 << 24);
    s11 = (s11 + s12) | 0; s6 ^= s11; s6 = (s6 >>> 7) | (s6 << 25);
    s2 = (s2 + s7 + m[12]) | 0; s13 ^= s2; s13 = (s13 >>> 16) | (s13 << 16);
    s8 = (s8 + s13) | 0; s7 ^= s8; s7 = (s7 >>> 12) | (s7 << 20);
    s2 = (s2 + s7 + m[13]) | 0; s13 ^= s2; s13 = (s13 >>> 8) | (s13 << 24);
    s8 = (s8 + s13) | 0; s7 ^= s8; s7 = (s7 >>> 7) | (s7 << 25);
    s3 = (s3 + s4 + m[14]) | 0; s14 ^= s3; s14 = (s14 >>> 16) | (s14 << 16);
    s9 = (s9 + s14) | 0; s4 ^= s9; s4 = (s4 >>> 12) | (s4 << 20);
    s3 = (s3 + s4 + m[15]) | 0; s14 ^= s3; s14 = (s14 >>> 8) | (s14 << 24);
    s9 = (s9 + s14) | 0; s4 ^= s9; s4 = (s4 >>> 7) | (s4 << 25);
  }
  return [s0 ^ s8, s1 ^ s9, s2 ^ s10, s3 ^ s11, s4 ^ s12, s5 ^ s13, s6 ^ s14, s7 ^ s15,
    s8 ^ cv[0], s9 ^ cv[1], s10 ^ cv[2], s11 ^ cv[3], s12 ^ cv[4], s13 ^ cv[5], s14 ^ cv[6], s15 ^ cv[7]];
}

// A block of up to 64 bytes as 16 little-endian words.
function words(bytes) {
  const padded = new Uint8Array(64);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  return Array.from({ length: 16 }, (_, i) => view.getInt32(4 * i, true));
}

// The last node of a chunk (up to 1 KiB): [cv, words, counter, length, flags].
function chunkNode(key, data, index, flags) {
  let cv = key;
  const last = Math.max(0, Math.ceil(data.length / 64) - 1);
  for (let i = 0; ; i++) {
    const block = data.subarray(64 * i, 64 * i + 64);
    const f = flags | (i === 0 ? CHUNK_START : 0);
    if (i === last) return [cv, words(block), index, block.length, f | CHUNK_END];
    cv = compress(cv, words(block), index, 64, f).slice(0, 8);
  }
}

const chainingValue = (node) => compress(...node).slice(0, 8);

// The root node: chunks merged left to right, each subtree as soon as it is complete.
function root(key, data, flags) {
  const stack = [];
  const last = Math.max(0, Math.ceil(data.length / 1024) - 1);
  for (let i = 0; ; i++) {
    let node = chunkNode(key, data.subarray(1024 * i, 1024 * i + 1024), i, flags);
    if (i === last) {
      while (stack.length) node = [key, stack.pop().concat(chainingValue(node)), 0, 64, flags | PARENT];
      return node;
    }
    let cv = chainingValue(node);
    for (let total = i + 1; (total & 1) === 0; total >>>= 1)
      cv = chainingValue([key, stack.pop().concat(cv), 0, 64, flags | PARENT]);
    stack.push(cv);
  }
}

function rootBytes(node, size) {
  const [cv, block, , length, flags] = node;
  const out = new Uint8Array(Math.ceil(size / 64) * 64);
  const view = new DataView(out.buffer);
  for (let counter = 0; 64 * counter < size; counter++) {
    compress(cv, block, counter, length, flags | ROOT).forEach((w, i) => view.setInt32(64 * counter + 4 * i, w, true));
  }
  return out.subarray(0, size);
}

function blake3(data, size, key, context) {
  if (key) return rootBytes(root(words(key).slice(0, 8), data, KEYED_HASH), size);
  if (context) {
    const contextKey = rootBytes(root(IV, context, DERIVE_KEY_CONTEXT), 32);
    return rootBytes(root(words(contextKey).slice(0, 8), data, DERIVE_KEY_MATERIAL), size);
  }
  return rootBytes(root(IV, data, 0), size);
}

const toHex = (bytes) => Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");

// ---- the command line, as clap 2 reads it --------------------------------------------------
// Every named argument and its value's name (null for flags), in the order "Did you mean"
// searches them.
const NAMED = [["keyed", null], ["no-mmap", null], ["no-names", null], ["raw", null], ["check", null],
  ["quiet", null], ["help", null], ["version", null], ["length", "LEN"], ["num-threads", "NUM"],
  ["derive-key", "CONTEXT"]];
const VALUE = Object.fromEntries(NAMED);
const NEEDS = { quiet: "check", keyed: "FILE" };
const CLASHES = { "derive-key": ["keyed"], check: ["derive-key", "keyed", "length", "raw", "no-names"] };

function show(arg) {
  if (arg === "FILE") return "<FILE>...";
  return VALUE[arg] ? `--${arg} <${VALUE[arg]}>` : `--${arg}`;
}

class Stop extends Error {
  constructor(text, error = true) {
    super("stop");
    this.text = text;
    this.error = error;
  }
}

function usage(args) {
  if (!args.length) return "USAGE:\n    b3sum [FLAGS] [OPTIONS] [FILE]...";
  const all = [...new Set(args.concat(args.filter((a) => NEEDS[a]).map((a) => NEEDS[a])))].sort();
  return "USAGE:\n    b3sum" + all.map((a) => " " + show(a)).join("");
}

function failure(message, seen, extra) {
  const args = [...seen.keys()].filter((a) => a !== "FILE").concat(extra ? [extra] : []);
  return new Stop(`error: ${message}\n\n${usage(args)}\n\nFor more information try --help\n`);
}

function jaroWinkler(a, b) {
  a = [...a];
  b = [...b];
  if (!a.length || !b.length) return a.length === b.length ? 1 : 0;
  const window = Math.max(Math.floor(Math.max(a.length, b.length) / 2) - 1, 0);
  const used = b.map(() => false);
  const matchedA = [];
  a.forEach((c, i) => {
    for (let j = Math.max(0, i - window); j < Math.min(i + window + 1, b.length); j++) {
      if (!used[j] && b[j] === c) {
        used[j] = true;
        matchedA.push(c);
        break;
      }
    }
  });
  const m = matchedA.length;
  if (!m) return 0;
  const matchedB = b.filter((_, j) => used[j]);
  const t = Math.floor(matchedA.filter((c, i) => c !== matchedB[i]).length / 2);
  const jaro = (m / a.length + m / b.length + (m - t) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + 0.1 * prefix * (1 - jaro);
}

// A Map {argument: [times, values]} in first-seen order; throws Stop.
function parse(words) {
  const seen = new Map();
  const slot = (arg) => {
    if (!seen.has(arg)) seen.set(arg, [0, []]);
    return seen.get(arg);
  };
  const unknown = (shown, suggestion) => {
    let message = `Found argument '${shown}' which wasn't expected, or isn't valid in this context`;
    if (suggestion) {
      slot(suggestion);
      message += `\n\tDid you mean \x1b[32m--\x1b[0m\x1b[32m${suggestion}\x1b[0m?`;
    }
    return failure(message, seen);
  };
  let waiting = null;
  let onlyFiles = false;
  for (const word of words) {
    if (!onlyFiles && word === "--") {
      onlyFiles = true;
      continue;
    }
    if (onlyFiles || !word.startsWith("-") || word === "-") {
      if (!onlyFiles && waiting) {
        slot(waiting)[1].push(word);
        waiting = null;
      } else {
        const s = slot("FILE");
        s[0]++;
        s[1].push(word);
      }
      continue;
    }
    waiting = null;
    if (word.startsWith("--")) {
      const body = word.replace(/^-+/, "");
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      if (name === "help" || name === "version") throw new Stop("b3sum 1.2.0\n", false);
      if (name in VALUE) {
        const s = slot(name);
        s[0]++;
        if (VALUE[name]) {
          if (eq >= 0) s[1].push(body.slice(eq + 1).replace(/^=+/, ""));
          else waiting = name;
        }
        continue;
      }
      let best = null;
      for (const [candidate] of NAMED) {
        const score = jaroWinkler(name, candidate);
        if (score > 0.8 && (!best || best[0] < score)) best = [score, candidate];
      }
      throw unknown("--" + name, best && best[1]);
    }
    const letters = [...word.slice(1)];
    for (let k = 0; k < letters.length; k++) {
      const c = letters[k];
      if (c === "c") slot("check")[0]++;
      else if (c === "h" || c === "V") throw new Stop("b3sum 1.2.0\n", false);
      else if (c === "l") {
        const s = slot("length");
        s[0]++;
        const rest = letters.slice(k + 1).join("");
        if (rest) s[1].push(rest.replace(/^=+/, ""));
        else waiting = "length";
        break;
      } else throw unknown("-" + c);
    }
  }
  const noValue = (arg) => failure(`The argument '${show(arg)}' requires a value but none was supplied`, seen);
  if (waiting && !seen.get(waiting)[1].length) throw noValue(waiting);
  for (const arg of seen.keys()) {
    for (const other of CLASHES[arg] || []) {
      if (seen.has(other)) throw failure(`The argument '${show(other)}' cannot be used with '${show(arg)}'`, seen);
    }
  }
  for (const [arg, [times, values]] of seen) {
    if (arg !== "FILE" && VALUE[arg] && !values.length) throw noValue(arg);
    const need = NEEDS[arg];
    if (need && !seen.has(need)) {
      const args = [...seen.keys()].filter((a) => a !== "FILE").concat([need]);
      throw new Stop(`error: The following required arguments were not provided:\n    ${show(need)}\n\n` +
        `${usage(args)}\n\nFor more information try --help\n`);
    }
    if (arg !== "FILE" && times > 1)
      throw failure(`The argument '${show(arg)}' was provided more than once, but cannot be used multiple times`, seen);
  }
  return seen;
}

// ---- running --------------------------------------------------------------------------------
class Failed extends Error {}

function describe(error) {
  if (error.code === "ENOENT") return "No such file or directory (os error 2)";
  if (error.code === "EISDIR") return "Is a directory (os error 21)";
  return "Input/output error (os error 5)";
}

// Rust's u64::from_str: the value, or its error message as a string.
function number(text) {
  if (!text) return "cannot parse integer from empty string";
  const digits = text[0] === "+" ? text.slice(1) : text;
  if (!/^[0-9]+$/.test(digits)) return "invalid digit found in string";
  const value = Number(digits.replace(/^0+(?=.)/, ""));
  return digits.replace(/^0+(?=.)/, "").length > 20 || value > 18446744073709551615
    ? "number too large to fit in target type" : value;
}

const seenArgs = (() => {
  try {
    return parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    (e.error ? process.stderr : process.stdout).write(e.text);
    process.exitCode = e.error ? 1 : 0;
    return null;
  }
})();

const out = [];
let key = null, context = null, stdinGone = false;
const value = (arg) => (seenArgs.has(arg) && seenArgs.get(arg)[1].length ? seenArgs.get(arg)[1][0] : null);
const encoder = new TextEncoder();

// The bytes of a file, or the reason it cannot be read as a string.
function read(name) {
  if (name === "-") {
    if (key) return "Cannot open `-` in keyed mode";
    if (stdinGone) return new Uint8Array(0);
    stdinGone = true;
    return fs.readFileSync(0);
  }
  if (!name) return describe({ code: "ENOENT" });
  try {
    return fs.readFileSync(name);
  } catch (e) {
    return describe(e);
  }
}

function hashFile(name) {
  const data = read(name);
  if (typeof data === "string") return data;
  const raw = seenArgs.has("raw"), bare = seenArgs.has("no-names");
  const escape = !raw && !bare && /[\\\n]/.test(name);
  if (escape) out.push(encoder.encode("\\"));
  const text = value("length");
  const size = text === null ? 32 : number(text);
  if (typeof size === "string") return "Failed to parse length.";
  const digest = blake3(data, size, key, context);
  if (raw) {
    out.push(digest);
    return null;
  }
  let line = toHex(digest);
  if (!bare) line += "  " + (escape ? name.replace(/\\/g, "\\\\").replace(/\n/g, "\\n") : name);
  out.push(encoder.encode(line + "\n"));
  return null;
}

// true or false for a checked line; a string is the complaint.
function checkLine(line) {
  if (line.endsWith("\n")) line = line.slice(0, -1);
  if (!line) return "Empty line";
  const escaped = line[0] === "\\";
  const rest = escaped ? line.slice(1) : line;
  if (encoder.encode(rest).length <= 66) return "Short line";
  if (/[^\x00-\x7f]/.test(rest.slice(0, 66))) return "Non-ASCII prefix";
  if (rest.slice(64, 66) !== "  ") return "Invalid space";
  const digits = rest.slice(0, 64);
  if (!/^[0-9a-f]{64}$/.test(digits)) return "Invalid hex";
  const written = rest.slice(66);
  let path = written;
  if (escaped) {
    path = "";
    for (let i = 0; i < written.length; i++) {
      if (written[i] !== "\\") {
        path += written[i];
        continue;
      }
      const next = written[i + 1];
      if (next === "n") path += "\n";
      else if (next === "\\") path += "\\";
      else return "Invalid backslash escape";
      i++;
    }
  }
  if (path.includes("\0")) return "Null character in path";
  if (path.includes("\ufffd")) return "Unicode replacement character in path";
  const shown = escaped ? "\\" + written : written;
  const data = read(path);
  if (typeof data === "string") {
    out.push(encoder.encode(`${shown}: FAILED (${data})\n`));
    return false;
  }
  const good = toHex(blake3(data, 32, key, context)) === digits;
  if (!good) out.push(encoder.encode(`${shown}: FAILED\n`));
  else if (!seenArgs.has("quiet")) out.push(encoder.encode(`${shown}: OK\n`));
  return good;
}

// Splits like Rust's split_inclusive on newlines, decoding each line as strict UTF-8.
function utf8Lines(data) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const lines = [];
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(10, start);
    end = end < 0 ? data.length : end + 1;
    lines.push(data.subarray(start, end));
    start = end;
  }
  return lines.map((bytes) => {
    try {
      return decoder.decode(bytes);
    } catch (e) {
      return null;
    }
  });
}

function run() {
  const files = seenArgs.has("FILE") ? seenArgs.get("FILE")[1] : ["-"];
  if (seenArgs.has("raw") && files.length > 1) throw new Failed("Only one filename can be provided when using --raw");
  if (seenArgs.has("keyed")) {
    const input = fs.readFileSync(0);
    if (input.length < 32) throw new Failed(`expected 32 key bytes from stdin, found ${input.length}`);
    if (input.length > 32) throw new Failed("read more than 32 key bytes from stdin");
    key = input;
  } else if (value("derive-key") !== null) context = encoder.encode(value("derive-key"));
  const threads = value("num-threads");
  if (threads !== null && typeof number(threads) === "string")
    throw new Failed(`Failed to parse num threads.\n\nCaused by:\n    ${number(threads)}`);
  let good = true;
  for (const name of files) {
    if (seenArgs.has("check")) {
      const data = read(name);
      if (typeof data === "string") throw new Failed(data);
      for (const line of utf8Lines(data)) {
        if (line === null) throw new Failed("stream did not contain valid UTF-8");
        const result = checkLine(line);
        if (typeof result === "string") {
          process.stderr.write(`b3sum: ${result}\n`);
          good = false;
        } else good = good && result;
      }
    } else {
      const why = hashFile(name);
      if (why !== null) {
        process.stderr.write(`b3sum: ${name}: ${why}\n`);
        good = false;
      }
    }
  }
  return good;
}

if (seenArgs) {
  try {
    process.exitCode = run() ? 0 : 1;
  } catch (e) {
    if (!(e instanceof Failed)) throw e;
    process.stderr.write(`Error: ${e.message}\n`);
    process.exitCode = 1;
  }
  for (const piece of out) process.stdout.write(piece);
}
