// Example submission for the uudecode task in JavaScript (Node style): a correct
// uudecode written from spec.md. Grade it with
// `replica grade uudecode tasks/uudecode/examples-js/correct-js/main.js`.
//
// Each input is read whole and split into fgets-style lines; decoded bytes go to one
// "current stream" that output files replace, as the spec describes.
const fs = require("fs");

const PATH = process.argv[1] || "uudecode";
const BASE = PATH.split("/").pop();
const USAGE =
  "uudecode (GNU sharutils) - decode an encoded file\n" +
  "Usage:  uudecode [ -<flag> [<val>] | --<name>[{=| }<val>] ]... [<file>...]\n" +
  "Try 'uudecode --help' for more information.\n";
const NAMES = ["output-file", "ignore-chmod", "version", "help", "more-help", "save-opts",
  "load-opts", "no-load-opts"];
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
// Linux's numbers for the errors the task can meet, and the texts of those numbers.
const NUMBERS = { ENOENT: 2, ENOTDIR: 20, EISDIR: 21, EACCES: 13 };
const TEXTS = { 0: "Success", 2: "No such file or directory", 20: "Not a directory",
  21: "Is a directory", 13: "Permission denied", 5: "Input/output error" };

const utf8 = (s) => Buffer.from(s, "utf8");
const numberOf = (error) => NUMBERS[error.code] || 5;
const isBlank = (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

class Fatal extends Error {
  constructor(text, status) {
    super("fatal");
    this.text = typeof text === "string" ? utf8(text) : text;
    this.status = status;
  }
}

const fatal = (status, message) => new Fatal("uudecode fatal error:\n" + message, status);
const fserr = (status, n, what, name) =>
  fatal(status, `fserr ${n} (${TEXTS[n] || TEXTS[5]}) performing '${what}' on ${name}\n`);

// Splits like repeated fgets calls with a 16384-byte buffer.
function fgetsLines(data) {
  const lines = [];
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(0x0a, start);
    end = end < 0 || end - start >= 16383 ? Math.min(start + 16383, data.length) : end + 1;
    lines.push(data.subarray(start, end));
    start = end;
  }
  return lines;
}

// The bytes before the first NUL.
function cstr(line) {
  const nul = line.indexOf(0);
  return nul < 0 ? line : line.subarray(0, nul);
}

const startsWith = (bytes, text) => bytes.length >= text.length && bytes.subarray(0, text.length).toString("latin1") === text;

// Decodes one base64 group (or a shorter tail) into out; whether it was valid.
function quartet(q, out) {
  const v = (i) => (i < q.length ? B64_VALUE[q[i]] : -1);
  if (q.length < 2 || v(0) < 0 || v(1) < 0) return false;
  out.push(((v(0) << 2) | (v(1) >> 4)) & 255);
  if (q.length === 2) return false;
  if (q[2] === 0x3d) return q.length === 4 && q[3] === 0x3d;
  if (v(2) < 0) return false;
  out.push(((v(1) << 4) | (v(2) >> 2)) & 255);
  if (q.length === 3) return false;
  if (q[3] === 0x3d) return true;
  if (v(3) < 0) return false;
  out.push(((v(2) << 6) | v(3)) & 255);
  return true;
}

class State {
  constructor() {
    this.file = null; // the output file's name, once one replaced standard output
    this.pending = []; // bytes for that file not written yet
    this.err = [];
    this.errno = 0;
    this.forced = null;
    this.home = process.env.HOME;
  }

  write(bytes) {
    if (this.file === null) process.stdout.write(bytes);
    else this.pending.push(bytes);
  }

  flush() {
    if (this.file !== null && this.pending.length) fs.appendFileSync(this.file, Buffer.concat(this.pending));
    this.pending = [];
  }

  open(name, what) {
    // The new file may be the same one: what was written must be there first.
    this.flush();
    try {
      if (name === "") {
        const e = new Error("ENOENT");
        e.code = "ENOENT";
        throw e;
      }
      fs.writeFileSync(name, Buffer.alloc(0));
    } catch (error) {
      throw fserr(8, numberOf(error), what, name);
    }
    this.file = name;
  }

  // Finds the begin line: [base64, encoded, name bytes, index of the next line].
  beginLine(lines, inname) {
    const bad = () => fatal(2, `${inname}: Invalid or missing 'begin' line\n`);
    for (let at = 0; at < lines.length; at++) {
      const line = cstr(lines[at]);
      if (!line.includes(0x0a)) throw bad();
      if (!startsWith(line, "begin")) continue;
      let rest = line.subarray(5);
      let b64 = false, enc = false;
      while (rest[0] !== 0x20) {
        if (startsWith(rest, "-base64") && !b64) {
          b64 = true;
          rest = rest.subarray(7);
        } else if (startsWith(rest, "-encoded") && !enc) {
          enc = true;
          rest = rest.subarray(8);
        } else {
          throw bad();
        }
      }
      let k = 0;
      while (k < rest.length && isBlank(rest[k])) k++;
      if (rest[k] === 0x2b || rest[k] === 0x2d) k++;
      const digitsAt = k;
      while (k < rest.length && rest[k] >= 0x30 && rest[k] <= 0x37) k++;
      if (k === digitsAt) throw bad();
      while (k < rest.length && isBlank(rest[k])) k++;
      let end = rest.indexOf(0x0a, k);
      if (end < 0) end = rest.length;
      const name = rest.subarray(k, end);
      if (!name.length) throw bad();
      return [b64, enc, Buffer.from(name), at + 1];
    }
    throw bad();
  }

  // The output name the begin line gives, or null when the input is abandoned.
  outputName(name, enc) {
    if (enc) {
      const invalid = () => new Fatal(Buffer.concat([utf8("uudecode fatal error:\ninvalid base64 encoded name: "), name]), 2);
      if (name.length % 4) throw invalid();
      const decoded = [];
      const groups = name.length / 4;
      for (let k = 0; k < groups; k++) {
        const q = name.subarray(4 * k, 4 * k + 4);
        if ((q.includes(0x3d) && k + 1 < groups) || !quartet(q, decoded)) throw invalid();
      }
      name = cstr(Buffer.from(decoded));
    }
    if (name[0] === 0x7e) {
      if (name[1] === 0x2f) {
        if (this.home === undefined) throw fatal(2, "cannot expand $HOME");
        name = Buffer.concat([utf8(this.home + "/"), name.subarray(2)]);
      } else {
        let end = name.indexOf(0x2f);
        if (end < 0) end = name.length;
        this.err.push(utf8(`${PATH}: No user '`), name.subarray(1, end), utf8("'\n"));
        return null;
      }
    }
    let end = name.length;
    while (end > 0 && (name[end - 1] === 0x20 || (name[end - 1] >= 0x09 && name[end - 1] <= 0x0d))) end--;
    return name.subarray(0, end).toString("utf8");
  }

  decode(data, inname) {
    const lines = fgetsLines(data);
    let [b64, enc, name, at] = this.beginLine(lines, inname);
    let outname = this.forced;
    if (outname === null) {
      outname = this.outputName(name, enc);
      if (outname === null) return 8;
    }
    if (outname !== "-" && outname !== "/dev/stdout") {
      if (outname === "" || !fs.existsSync(outname)) this.errno = 2;
      this.open(outname, "freopen");
    }
    if (b64) {
      let group = [];
      for (;;) {
        if (at >= lines.length) throw fserr(2, this.errno, "%s: Short file", inname);
        const line = lines[at++];
        if (startsWith(line, "====")) return 0;
        const out = [];
        for (const c of cstr(line)) {
          if (c === 0x0a) continue;
          group.push(c);
          if (group.length === 4) {
            const ok = quartet(group, out);
            group = [];
            if (!ok) throw fatal(2, `${inname}: invalid input`);
          }
        }
        if (!out.length) throw fserr(8, this.errno, "fwrite", outname);
        this.write(Buffer.from(out));
      }
    }
    for (;;) {
      if (at >= lines.length) throw fatal(2, `${inname}: Short file`);
      const line = lines[at++];
      // The line as fgets leaves it: its bytes, then a NUL (and zeros beyond).
      const dec = (k) => ((k < line.length ? line[k] : 0) - 32) & 63;
      const n = dec(0);
      if (n === 0) break;
      const out = [];
      for (let k = 1; out.length < n; k += 4) {
        const v0 = dec(k), v1 = dec(k + 1), v2 = dec(k + 2), v3 = dec(k + 3);
        out.push(((v0 << 2) | (v1 >> 4)) & 255, ((v1 << 4) | (v2 >> 2)) & 255, ((v2 << 6) | v3) & 255);
      }
      this.write(Buffer.from(out.slice(0, n)));
    }
    const last = at < lines.length ? cstr(lines[at]).toString("latin1") : null;
    if (last === "end\n" || last === "end\r\n") return 0;
    throw fatal(2, `${inname}: No \`end' line`);
  }
}

const usageFail = (line) => new Fatal(line + "\n" + USAGE, 1);

// AutoOpts compares long names without case, with '-', '_' and '^' all alike.
const fold = (name) => name.toLowerCase().replace(/[_^]/g, "-");

// Round 1: the options in order as [letter, value], or "help"; and the operands.
function parse(argv) {
  const opts = [];
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
      if (name.length < 2) throw usageFail(`${BASE}: invalid option name: ${name}`);
      const full = NAMES.find((n) => n.startsWith(fold(name)));
      if (full === undefined) throw usageFail(`${PATH}: illegal option -- ${name}`);
      if (full === "output-file") {
        let value = eq < 0 ? null : body.slice(eq + 1);
        if (value === null) {
          if (i >= argv.length) throw usageFail(`${PATH}: The 'output-file' option requires an argument.`);
          value = argv[i++];
        }
        opts.push(["o", value]);
      } else if (full === "ignore-chmod") {
        if (eq >= 0) throw usageFail(`${PATH}: The 'ignore-chmod' option cannot have an argument.`);
        opts.push(["c", null]);
      } else {
        return ["help", []];
      }
      continue;
    }
    const letters = Array.from(arg.slice(1));
    for (let k = 0; k < letters.length; k++) {
      const c = letters[k];
      if (c === "c") {
        opts.push(["c", null]);
      } else if (c === "o") {
        let value;
        if (k + 1 < letters.length) value = letters.slice(k + 1).join("");
        else if (i < argv.length) value = argv[i++];
        else throw usageFail(`${PATH}: The 'output-file' option requires an argument.`);
        opts.push(["o", value]);
        break;
      } else if ("vh!Rr".includes(c)) {
        return ["help", []];
      } else {
        throw usageFail(`${PATH}: illegal option -- ${c}`);
      }
    }
  }
  return [opts, argv.slice(i)];
}

function runInputs(state, opts, operands) {
  // Round 2: in order; -o creates its file at once.
  const seen = new Set();
  for (const [letter, value] of opts) {
    const full = letter === "o" ? "output-file" : "ignore-chmod";
    if (seen.has(full)) throw new Fatal(`${BASE} error:  only one ${full} option allowed\n` + USAGE, 1);
    seen.add(full);
    if (value !== null) {
      if (value !== "-" && value !== "/dev/stdout") state.open(value, "freopen-ing for stdout");
      state.forced = value;
    }
  }
  if (!operands.length) return state.decode(fs.readFileSync(0), "standard input");
  if (operands.length > 1 && state.forced !== null)
    throw new Fatal("uudecode usage error:\nYou cannot specify an output file when processing\nmultiple input files.\n" + USAGE, 64);
  let status = 0;
  for (const name of operands) {
    let data;
    try {
      data = fs.readFileSync(name);
    } catch (error) {
      if (error.code === "EISDIR") {
        // A directory opens; reading it fails and it counts as empty.
        data = Buffer.alloc(0);
      } else {
        state.errno = numberOf(error);
        state.err.push(utf8(`${PATH}: ${name}: ${TEXTS[state.errno]}\n`));
        status |= 4;
        continue;
      }
    }
    status |= state.decode(data, name);
  }
  return status;
}

function main() {
  const state = new State();
  let status;
  try {
    const [opts, operands] = parse(process.argv);
    if (opts === "help") {
      process.stdout.write(USAGE);
      return 0;
    }
    status = runInputs(state, opts, operands);
  } catch (error) {
    if (!(error instanceof Fatal)) throw error;
    state.err.push(error.text);
    status = error.status;
  }
  state.flush();
  process.stderr.write(Buffer.concat(state.err));
  return status;
}

process.exitCode = main();
