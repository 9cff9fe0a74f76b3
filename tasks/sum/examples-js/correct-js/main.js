// Example submission for the sum task in JavaScript (Node style): a correct sum (BSD and
// System V checksums) written from spec.md. Grade it with
// `replica grade sum tasks/sum/examples-js/correct-js/main.js`.
const fs = require("fs");

const LONG_OPTIONS = [["sysv", "s"], ["help", "H"], ["version", "V"]];

class Usage extends Error {}

// [sysv, operands], or "help"/"version"; throws Usage at the first bad argument.
function parse(args) {
  let sysv = false;
  const operands = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const spec = arg.slice(2);
      const eq = spec.indexOf("=");
      const name = eq < 0 ? spec : spec.slice(0, eq);
      const exact = LONG_OPTIONS.filter(([full]) => full === name);
      const found = exact.length ? exact : LONG_OPTIONS.filter(([full]) => full.startsWith(name));
      if (!found.length) throw new Usage(`unrecognized option '--${spec}'`);
      if (found.length > 1)
        throw new Usage(`option '--${spec}' is ambiguous; possibilities:${found.map(([f]) => ` '--${f}'`).join("")}`);
      if (eq >= 0) throw new Usage(`option '--${found[0][0]}' doesn't allow an argument`);
      if (found[0][1] === "H") return "help";
      if (found[0][1] === "V") return "version";
      sysv = true;
    } else if (arg.startsWith("-") && arg.length > 1) {
      for (const letter of arg.slice(1)) {
        if (letter === "r") sysv = false;
        else if (letter === "s") sysv = true;
        else throw new Usage(`invalid option -- '${letter}'`);
      }
    } else operands.push(arg);
  }
  return [sysv, operands];
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

function readAll(name) {
  if (name === "-") return fs.readFileSync(0);
  if (!name) throw Object.assign(new Error("missing"), { code: "ENOENT" });
  return fs.readFileSync(bytesOf(name).toString("utf8"));
}

// Rotate right by one bit within 16 bits, then add the byte.
function bsd(data) {
  let c = 0;
  for (let i = 0; i < data.length; i++) c = (((c >>> 1) | ((c & 1) << 15)) + data[i]) & 0xffff;
  return String(c).padStart(5, "0") + " " + String(Math.ceil(data.length / 1024)).padStart(5);
}

function sysv(data) {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i];
  s %= 0x100000000;
  const r = (s & 0xffff) + Math.floor(s / 0x10000);
  return `${(r & 0xffff) + (r >>> 16)} ${Math.ceil(data.length / 512)}`;
}

function main() {
  const program = fromArg(process.argv[1] || "sum");
  let parsed;
  try {
    parsed = parse(process.argv.slice(2).map(fromArg));
  } catch (error) {
    if (!(error instanceof Usage)) throw error;
    process.stderr.write(bytesOf(`${program}: ${error.message}\nTry '${program} --help' for more information.\n`));
    return 1;
  }
  if (parsed === "help") {
    process.stdout.write(bytesOf(`Usage: ${program} [OPTION]... [FILE]...\n`));
    return 0;
  }
  if (parsed === "version") {
    process.stdout.write("sum (example) 1.0\n");
    return 0;
  }
  const [useSysv, operands] = parsed;
  const out = [];
  let good = true;
  for (const name of operands.length ? operands : ["-"]) {
    let data;
    try {
      data = readAll(name);
    } catch (error) {
      process.stderr.write(bytesOf(`${program}: ${quote(name)}: ${describe(error)}\n`));
      good = false;
      continue;
    }
    out.push((useSysv ? sysv(data) : bsd(data)) + (operands.length ? " " + name : "") + "\n");
  }
  process.stdout.write(bytesOf(out.join("")));
  return good ? 0 : 1;
}

process.exitCode = main();
