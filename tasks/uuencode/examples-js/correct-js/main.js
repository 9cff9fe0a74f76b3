// Example submission for the uuencode task in JavaScript (Node style): a correct uuencode
// written from spec.md. Grade it with
// `replica grade uuencode tasks/uuencode/examples-js/correct-js/main.js`.
const fs = require("fs");

const PATH = process.argv[1] || "uuencode";
const BASE = PATH.split("/").pop();
const USAGE =
  "uuencode (GNU sharutils) - encode a file into email friendly text\n" +
  "Usage:  uuencode [ -<flag> | --<name> ]... [<in-file>] <output-name>\n" +
  "Try 'uuencode --help' for more information.\n";
// Every long name AutoOpts knows for uuencode; only the first two are in the subset.
const NAMES = ["base64", "encode-file-name", "version", "help", "more-help", "save-opts",
  "load-opts", "no-load-opts"];
// Linux's numbers and texts for the errors the task can meet.
const ERRORS = {
  ENOENT: [2, "No such file or directory"],
  ENOTDIR: [20, "Not a directory"],
  EISDIR: [21, "Is a directory"],
  EACCES: [13, "Permission denied"],
};

const utf8 = (s) => Buffer.from(s, "utf8");

class Stop extends Error {
  constructor(text, status) {
    super("stop");
    this.text = text;
    this.status = status;
  }
}

const optionError = (line) => new Stop(line + "\n" + USAGE, 1);

// AutoOpts compares long names without case, with '-', '_' and '^' all alike.
const fold = (name) => name.toLowerCase().replace(/[_^]/g, "-");

function fserr(code, operation, name) {
  const [number, text] = ERRORS[code] || [5, "Input/output error"];
  return new Stop(`uuencode fatal error:\nfserr ${number} (${text}) performing '${operation}' on ${name}\n`, 1);
}

// Both of AutoOpts' rounds: the options given (or "help") and the operands.
function parse(argv) {
  const seen = [];
  let i = 2;
  while (i < argv.length) {
    const arg = argv[i];
    if (!arg.startsWith("-") || arg === "-") break;
    i++;
    if (arg === "--") break;
    if (arg.startsWith("--")) {
      const body = arg.slice(2);
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      if (name.length < 2) throw optionError(`${BASE}: invalid option name: ${name}`);
      const hits = NAMES.filter((full) => fold(full).startsWith(fold(name)));
      if (!hits.length) throw optionError(`${PATH}: illegal option -- ${name}`);
      const full = hits[0];
      if (full !== "base64" && full !== "encode-file-name") return ["help", []];
      if (eq >= 0) throw optionError(`${PATH}: The '${full}' option cannot have an argument.`);
      seen.push(full);
      continue;
    }
    for (const c of arg.slice(1)) {
      if (c === "m") seen.push("base64");
      else if (c === "e") seen.push("encode-file-name");
      else if ("vh!Rr".includes(c)) return ["help", []];
      else throw optionError(`${PATH}: illegal option -- ${c}`);
    }
  }
  const given = new Set();
  for (const name of seen) {
    if (given.has(name)) throw optionError(`${BASE} error:  only one ${name} option allowed`);
    given.add(name);
  }
  return [given, argv.slice(i)];
}

const UU = (v) => (v & 63 ? (v & 63) + 32 : 0x60);

function uuLine(chunk) {
  const out = [UU(chunk.length)];
  for (let k = 0; k < chunk.length; k += 3) {
    const v = (chunk[k] << 16) | ((chunk[k + 1] || 0) << 8) | (chunk[k + 2] || 0);
    out.push(UU(v >> 18), UU(v >> 12), UU(v >> 6), UU(v));
  }
  out.push(0x0a);
  return Buffer.from(out);
}

function run() {
  const [given, operands] = parse(process.argv);
  if (given === "help") {
    process.stdout.write(USAGE);
    return;
  }
  let source = null, name;
  if (operands.length === 1) [name] = operands;
  else if (operands.length === 2) [source, name] = operands;
  else throw new Stop(USAGE, 64);
  const base64 = given.has("base64");
  const encodeName = given.has("encode-file-name");
  let mode = "644";
  let readError = null;
  let data = Buffer.alloc(0);
  if (source === null) {
    data = fs.readFileSync(0);
  } else {
    try {
      data = fs.readFileSync(source);
    } catch (error) {
      if (error.code !== "EISDIR") throw fserr(error.code, "freopen of stdin", source);
      mode = "755";
      readError = error.code;
    }
  }
  let header = "begin" + (base64 ? "-base64" : "") + (encodeName ? "-encoded" : "") + ` ${mode} `;
  header += encodeName ? utf8(name).toString("base64") : name;
  process.stdout.write(utf8(header + "\n"));
  if (readError) throw fserr(readError, "fread", source);
  const lines = [];
  for (let k = 0; k < data.length; k += 45) {
    const chunk = data.subarray(k, k + 45);
    lines.push(base64 ? utf8(Buffer.from(chunk).toString("base64") + "\n") : uuLine(chunk));
  }
  lines.push(utf8(base64 ? "====\n" : "`\nend\n"));
  process.stdout.write(Buffer.concat(lines));
}

function main() {
  try {
    run();
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    process.stderr.write(utf8(error.text));
    return error.status;
  }
  return 0;
}

process.exitCode = main();
