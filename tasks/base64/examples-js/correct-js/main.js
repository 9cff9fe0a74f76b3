// Example submission for the base64 task in JavaScript (Node style): a correct base64
// written from spec.md. Grade it with
// `replica grade base64 tasks/base64/examples-js/correct-js/main.js`.
const fs = require("fs");

const PROG = process.argv[1] || "base64";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const VALUE = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const LONGS = ["decode", "wrap", "ignore-garbage", "help", "version"];

// Arguments arrive as strings; messages quote their UTF-8 bytes as GNU does.
const utf8 = (s) => Buffer.from(s, "utf8");

function fail(message, usage) {
  process.stderr.write(Buffer.concat([utf8(PROG + ": "), message, utf8("\n")]));
  if (usage) process.stderr.write(`Try '${PROG} --help' for more information.\n`);
  process.exit(1);
}

function escape(c) {
  const named = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
  return named[c] || "\\" + c.toString(8).padStart(3, "0");
}

// GNU's quoting of an argument in messages (C locale): 'text' with C escapes.
function quoted(arg) {
  let out = "'";
  for (const c of utf8(arg)) {
    if (c === 0x5c || c === 0x27) out += "\\" + String.fromCharCode(c);
    else if (c >= 0x20 && c <= 0x7e) out += String.fromCharCode(c);
    else out += escape(c);
  }
  return utf8(out + "'");
}

// GNU's shell-style quoting of a file name in messages.
function shellName(name) {
  const bytes = utf8(name);
  const n = bytes.length;
  let plain = n > 0, doubleOk = true, hasQuote = false;
  bytes.forEach((c, i) => {
    const ch = String.fromCharCode(c);
    const alnum = VALUE[c] >= 0 && ch !== "+" && ch !== "/";
    const startChar = ch === "#" || ch === "~";
    const brace = ch === "{" || ch === "}";
    if (!(alnum || "%+,-./]_@".includes(ch) || (startChar && i > 0) || (brace && n > 1)) || c === 0) plain = false;
    if (!(alnum || "%+,-./]_@: '".includes(ch) || (startChar && i === 0)) || c === 0) doubleOk = false;
    if (c === 0x27) hasQuote = true;
  });
  if (plain) return bytes;
  if (hasQuote && doubleOk) return Buffer.concat([utf8('"'), bytes, utf8('"')]);
  let out = "'";
  let escaping = false;
  for (const c of bytes) {
    if (c === 0x27) {
      out += "'\\''";
      escaping = false;
    } else if (c >= 0x20 && c <= 0x7e) {
      if (escaping) out += "''";
      escaping = false;
      out += String.fromCharCode(c);
    } else {
      if (!escaping) out += "'$'";
      escaping = true;
      out += escape(c);
    }
  }
  return utf8(out + "'");
}

// A wrap size like GNU's: blanks, a sign, decimal digits and nothing else.
function wrapSize(arg) {
  let text = arg.replace(/^[ \t\n\v\f\r]+/, "");
  const negative = text[0] === "-";
  if (text[0] === "+" || text[0] === "-") text = text.slice(1);
  if (!/^[0-9]+$/.test(text)) fail(Buffer.concat([utf8("invalid wrap size: "), quoted(arg)]));
  const value = BigInt(text);
  if (negative) {
    if (value !== 0n) fail(Buffer.concat([utf8("invalid wrap size: "), quoted(arg)]));
    return 0;
  }
  return value > 9223372036854775807n ? 0 : value > 1n << 40n ? Number.MAX_SAFE_INTEGER : Number(value);
}

function decode(data, garbage) {
  const kept = new Uint8Array(data.length);
  let n = 0;
  for (const c of data) {
    if (garbage ? c === 0x3d || VALUE[c] >= 0 : c !== 0x0a) kept[n++] = c;
  }
  const out = new Uint8Array(Math.ceil(n / 4) * 3);
  let o = 0;
  for (let k = 0; k < n; k += 4) {
    const len = Math.min(4, n - k);
    const a = len > 0 ? VALUE[kept[k]] : -1;
    const b = len > 1 ? VALUE[kept[k + 1]] : -1;
    if (len < 2 || a < 0 || b < 0) return [out.subarray(0, o), false];
    out[o++] = ((a << 2) | (b >> 4)) & 255;
    if (len === 2) return [out.subarray(0, o), false];
    if (kept[k + 2] === 0x3d) {
      if (len === 4 && kept[k + 3] === 0x3d) continue;
      return [out.subarray(0, o), false];
    }
    const c = VALUE[kept[k + 2]];
    if (c < 0) return [out.subarray(0, o), false];
    out[o++] = ((b << 4) | (c >> 2)) & 255;
    if (len === 3) return [out.subarray(0, o), false];
    if (kept[k + 3] === 0x3d) continue;
    const d = VALUE[kept[k + 3]];
    if (d < 0) return [out.subarray(0, o), false];
    out[o++] = ((c << 6) | d) & 255;
  }
  return [out.subarray(0, o), true];
}

function encode(data, wrap) {
  const text = Buffer.from(data).toString("base64");
  if (!wrap) return text;
  const lines = [];
  for (let i = 0; i < text.length; i += wrap) lines.push(text.slice(i, i + wrap));
  return lines.length ? lines.join("\n") + "\n" : "";
}

function main() {
  const args = process.argv.slice(2);
  let doDecode = false, garbage = false, wrap = 76;
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
        fail(utf8(`option '${a}' is ambiguous; possibilities:${hits.map((h) => ` '--${h}'`).join("")}`), true);
      if (!hits.length) fail(utf8(`unrecognized option '${a}'`), true);
      const found = hits[0];
      if (found === "wrap") {
        let value = eq >= 0 ? body.slice(eq + 1) : null;
        if (value === null) {
          if (i + 1 >= args.length) fail(utf8("option '--wrap' requires an argument"), true);
          value = args[++i];
        }
        wrap = wrapSize(value);
      } else if (eq >= 0) {
        fail(utf8(`option '--${found}' doesn't allow an argument`), true);
      } else if (found === "decode") {
        doDecode = true;
      } else if (found === "ignore-garbage") {
        garbage = true;
      } else {
        process.stdout.write(`Usage: ${PROG} [-d] [-i] [-w COLS] [FILE]\n`);
        return 0;
      }
    } else if (a.startsWith("-") && a !== "-") {
      for (let p = 1; p < a.length; p++) {
        const c = a[p];
        if (c === "d") doDecode = true;
        else if (c === "i") garbage = true;
        else if (c === "w") {
          if (p + 1 < a.length) wrap = wrapSize(a.slice(p + 1));
          else if (i + 1 < args.length) wrap = wrapSize(args[++i]);
          else fail(utf8("option requires an argument -- 'w'"), true);
          break;
        } else {
          fail(Buffer.concat([utf8("invalid option -- '"), utf8(c), utf8("'")]), true);
        }
      }
    } else {
      operands.push(a);
    }
  }
  if (operands.length > 1) fail(Buffer.concat([utf8("extra operand "), quoted(operands[1])]), true);
  const name = operands.length ? operands[0] : "-";
  let data;
  try {
    data = fs.readFileSync(name === "-" ? 0 : name);
  } catch (error) {
    const reasons = { ENOENT: "No such file or directory", EISDIR: "Is a directory", EACCES: "Permission denied", ENOTDIR: "Not a directory" };
    const why = reasons[error.code] || error.message;
    if (error.syscall === "read") fail(utf8("read error: " + why));
    fail(Buffer.concat([shellName(name), utf8(": " + why)]));
  }
  if (doDecode) {
    const [out, ok] = decode(data, garbage);
    process.stdout.write(out);
    if (!ok) fail(utf8("invalid input"));
  } else {
    process.stdout.write(encode(data, wrap));
  }
  return 0;
}

process.exitCode = main();
