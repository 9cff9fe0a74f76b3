// Example submission for the sha512sum task in JavaScript (Node style): a correct
// sha512sum written from spec.md, with SHA-512 in plain JavaScript (Replica's runtime has
// no crypto module). Grade it with
// `replica grade sha512sum tasks/sha512sum/examples-js/correct-js/main.js`.
const fs = require("fs");

// ---- SHA-512 (FIPS 180-4) -----------------------------------------------------------------------
// 64-bit words are kept as pairs of 32-bit halves (hi, lo): QuickJS's BigInt is slow.
const K64 = new Uint32Array([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
  0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
  0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
  0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
  0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
  0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
  0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
  0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
  0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
  0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
  0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]);
const IV64 = new Uint32Array([0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1, 0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179]);

function digestHex(data) {
  const h = IV64.slice();
  const length = data.length;
  const padded = new Uint8Array(Math.ceil((length + 17) / 128) * 128);
  padded.set(data);
  padded[length] = 0x80;
  const bits = length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, ((bits / 0x100000000) | 0));
  view.setUint32(padded.length - 4, bits >>> 0);
  const w = new Int32Array(160); // w[2i] high half, w[2i+1] low half
  for (let off = 0; off < padded.length; off += 128) {
    for (let i = 0; i < 32; i++) w[i] = view.getInt32(off + 4 * i);
    for (let i = 16; i < 80; i++) {
      // s0 = rotr1 ^ rotr8 ^ shr7 of w[i-15]; s1 = rotr19 ^ rotr61 ^ shr6 of w[i-2]
      let xh = w[2 * i - 30], xl = w[2 * i - 29];
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      xh = w[2 * i - 4];
      xl = w[2 * i - 3];
      const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6);
      const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26));
      // sum of w[i-16] + s0 + w[i-7] + s1, carrying between the halves
      let lo = (w[2 * i - 31] >>> 0) + (s0l >>> 0) + (w[2 * i - 13] >>> 0) + (s1l >>> 0);
      const hi = w[2 * i - 32] + s0h + w[2 * i - 14] + s1h + ((lo / 0x100000000) | 0);
      w[2 * i] = hi;
      w[2 * i + 1] = lo;
    }
    let ah = h[0] | 0, al = h[1] | 0, bh = h[2] | 0, bl = h[3] | 0, ch = h[4] | 0, cl = h[5] | 0, dh = h[6] | 0, dl = h[7] | 0;
    let eh = h[8] | 0, el = h[9] | 0, fh = h[10] | 0, fl = h[11] | 0, gh = h[12] | 0, gl = h[13] | 0, hh = h[14] | 0, hl = h[15] | 0;
    let S0h, S0l, S1h, S1l, t1h, t1l, t2h, t2l, sum;
    // Eight rounds a turn: a round writes only two registers (d gets d + T1 as the new e,
    // h gets T1 + T2 as the new a) and the next round's roles shift by one, so after
    // eight rounds every value is back under its own name.
    for (let j = 0; j < 160; j += 16) {
      S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      t1l = (hl >>> 0) + (S1l >>> 0) + (((el & fl) ^ (~el & gl)) >>> 0) + K64[j + 1] + (w[j + 1] >>> 0);
      t1h = hh + S1h + ((eh & fh) ^ (~eh & gh)) + K64[j] + w[j] + ((t1l / 4294967296) | 0);
      S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      t2l = (S0l >>> 0) + (((al & bl) ^ (al & cl) ^ (bl & cl)) >>> 0);
      t2h = S0h + ((ah & bh) ^ (ah & ch) ^ (bh & ch)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (dl >>> 0) + t1l;
      dh = (dh + t1h + ((sum / 4294967296) | 0)) | 0;
      dl = sum | 0;
      sum = t1l + (t2l >>> 0);
      hh = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      hl = sum | 0;
      S1h = ((dh >>> 14) | (dl << 18)) ^ ((dh >>> 18) | (dl << 14)) ^ ((dl >>> 9) | (dh << 23));
      S1l = ((dl >>> 14) | (dh << 18)) ^ ((dl >>> 18) | (dh << 14)) ^ ((dh >>> 9) | (dl << 23));
      t1l = (gl >>> 0) + (S1l >>> 0) + (((dl & el) ^ (~dl & fl)) >>> 0) + K64[j + 3] + (w[j + 3] >>> 0);
      t1h = gh + S1h + ((dh & eh) ^ (~dh & fh)) + K64[j + 2] + w[j + 2] + ((t1l / 4294967296) | 0);
      S0h = ((hh >>> 28) | (hl << 4)) ^ ((hl >>> 2) | (hh << 30)) ^ ((hl >>> 7) | (hh << 25));
      S0l = ((hl >>> 28) | (hh << 4)) ^ ((hh >>> 2) | (hl << 30)) ^ ((hh >>> 7) | (hl << 25));
      t2l = (S0l >>> 0) + (((hl & al) ^ (hl & bl) ^ (al & bl)) >>> 0);
      t2h = S0h + ((hh & ah) ^ (hh & bh) ^ (ah & bh)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (cl >>> 0) + t1l;
      ch = (ch + t1h + ((sum / 4294967296) | 0)) | 0;
      cl = sum | 0;
      sum = t1l + (t2l >>> 0);
      gh = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      gl = sum | 0;
      S1h = ((ch >>> 14) | (cl << 18)) ^ ((ch >>> 18) | (cl << 14)) ^ ((cl >>> 9) | (ch << 23));
      S1l = ((cl >>> 14) | (ch << 18)) ^ ((cl >>> 18) | (ch << 14)) ^ ((ch >>> 9) | (cl << 23));
      t1l = (fl >>> 0) + (S1l >>> 0) + (((cl & dl) ^ (~cl & el)) >>> 0) + K64[j + 5] + (w[j + 5] >>> 0);
      t1h = fh + S1h + ((ch & dh) ^ (~ch & eh)) + K64[j + 4] + w[j + 4] + ((t1l / 4294967296) | 0);
      S0h = ((gh >>> 28) | (gl << 4)) ^ ((gl >>> 2) | (gh << 30)) ^ ((gl >>> 7) | (gh << 25));
      S0l = ((gl >>> 28) | (gh << 4)) ^ ((gh >>> 2) | (gl << 30)) ^ ((gh >>> 7) | (gl << 25));
      t2l = (S0l >>> 0) + (((gl & hl) ^ (gl & al) ^ (hl & al)) >>> 0);
      t2h = S0h + ((gh & hh) ^ (gh & ah) ^ (hh & ah)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (bl >>> 0) + t1l;
      bh = (bh + t1h + ((sum / 4294967296) | 0)) | 0;
      bl = sum | 0;
      sum = t1l + (t2l >>> 0);
      fh = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      fl = sum | 0;
      S1h = ((bh >>> 14) | (bl << 18)) ^ ((bh >>> 18) | (bl << 14)) ^ ((bl >>> 9) | (bh << 23));
      S1l = ((bl >>> 14) | (bh << 18)) ^ ((bl >>> 18) | (bh << 14)) ^ ((bh >>> 9) | (bl << 23));
      t1l = (el >>> 0) + (S1l >>> 0) + (((bl & cl) ^ (~bl & dl)) >>> 0) + K64[j + 7] + (w[j + 7] >>> 0);
      t1h = eh + S1h + ((bh & ch) ^ (~bh & dh)) + K64[j + 6] + w[j + 6] + ((t1l / 4294967296) | 0);
      S0h = ((fh >>> 28) | (fl << 4)) ^ ((fl >>> 2) | (fh << 30)) ^ ((fl >>> 7) | (fh << 25));
      S0l = ((fl >>> 28) | (fh << 4)) ^ ((fh >>> 2) | (fl << 30)) ^ ((fh >>> 7) | (fl << 25));
      t2l = (S0l >>> 0) + (((fl & gl) ^ (fl & hl) ^ (gl & hl)) >>> 0);
      t2h = S0h + ((fh & gh) ^ (fh & hh) ^ (gh & hh)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (al >>> 0) + t1l;
      ah = (ah + t1h + ((sum / 4294967296) | 0)) | 0;
      al = sum | 0;
      sum = t1l + (t2l >>> 0);
      eh = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      el = sum | 0;
      S1h = ((ah >>> 14) | (al << 18)) ^ ((ah >>> 18) | (al << 14)) ^ ((al >>> 9) | (ah << 23));
      S1l = ((al >>> 14) | (ah << 18)) ^ ((al >>> 18) | (ah << 14)) ^ ((ah >>> 9) | (al << 23));
      t1l = (dl >>> 0) + (S1l >>> 0) + (((al & bl) ^ (~al & cl)) >>> 0) + K64[j + 9] + (w[j + 9] >>> 0);
      t1h = dh + S1h + ((ah & bh) ^ (~ah & ch)) + K64[j + 8] + w[j + 8] + ((t1l / 4294967296) | 0);
      S0h = ((eh >>> 28) | (el << 4)) ^ ((el >>> 2) | (eh << 30)) ^ ((el >>> 7) | (eh << 25));
      S0l = ((el >>> 28) | (eh << 4)) ^ ((eh >>> 2) | (el << 30)) ^ ((eh >>> 7) | (el << 25));
      t2l = (S0l >>> 0) + (((el & fl) ^ (el & gl) ^ (fl & gl)) >>> 0);
      t2h = S0h + ((eh & fh) ^ (eh & gh) ^ (fh & gh)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (hl >>> 0) + t1l;
      hh = (hh + t1h + ((sum / 4294967296) | 0)) | 0;
      hl = sum | 0;
      sum = t1l + (t2l >>> 0);
      dh = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      dl = sum | 0;
      S1h = ((hh >>> 14) | (hl << 18)) ^ ((hh >>> 18) | (hl << 14)) ^ ((hl >>> 9) | (hh << 23));
      S1l = ((hl >>> 14) | (hh << 18)) ^ ((hl >>> 18) | (hh << 14)) ^ ((hh >>> 9) | (hl << 23));
      t1l = (cl >>> 0) + (S1l >>> 0) + (((hl & al) ^ (~hl & bl)) >>> 0) + K64[j + 11] + (w[j + 11] >>> 0);
      t1h = ch + S1h + ((hh & ah) ^ (~hh & bh)) + K64[j + 10] + w[j + 10] + ((t1l / 4294967296) | 0);
      S0h = ((dh >>> 28) | (dl << 4)) ^ ((dl >>> 2) | (dh << 30)) ^ ((dl >>> 7) | (dh << 25));
      S0l = ((dl >>> 28) | (dh << 4)) ^ ((dh >>> 2) | (dl << 30)) ^ ((dh >>> 7) | (dl << 25));
      t2l = (S0l >>> 0) + (((dl & el) ^ (dl & fl) ^ (el & fl)) >>> 0);
      t2h = S0h + ((dh & eh) ^ (dh & fh) ^ (eh & fh)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (gl >>> 0) + t1l;
      gh = (gh + t1h + ((sum / 4294967296) | 0)) | 0;
      gl = sum | 0;
      sum = t1l + (t2l >>> 0);
      ch = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      cl = sum | 0;
      S1h = ((gh >>> 14) | (gl << 18)) ^ ((gh >>> 18) | (gl << 14)) ^ ((gl >>> 9) | (gh << 23));
      S1l = ((gl >>> 14) | (gh << 18)) ^ ((gl >>> 18) | (gh << 14)) ^ ((gh >>> 9) | (gl << 23));
      t1l = (bl >>> 0) + (S1l >>> 0) + (((gl & hl) ^ (~gl & al)) >>> 0) + K64[j + 13] + (w[j + 13] >>> 0);
      t1h = bh + S1h + ((gh & hh) ^ (~gh & ah)) + K64[j + 12] + w[j + 12] + ((t1l / 4294967296) | 0);
      S0h = ((ch >>> 28) | (cl << 4)) ^ ((cl >>> 2) | (ch << 30)) ^ ((cl >>> 7) | (ch << 25));
      S0l = ((cl >>> 28) | (ch << 4)) ^ ((ch >>> 2) | (cl << 30)) ^ ((ch >>> 7) | (cl << 25));
      t2l = (S0l >>> 0) + (((cl & dl) ^ (cl & el) ^ (dl & el)) >>> 0);
      t2h = S0h + ((ch & dh) ^ (ch & eh) ^ (dh & eh)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (fl >>> 0) + t1l;
      fh = (fh + t1h + ((sum / 4294967296) | 0)) | 0;
      fl = sum | 0;
      sum = t1l + (t2l >>> 0);
      bh = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      bl = sum | 0;
      S1h = ((fh >>> 14) | (fl << 18)) ^ ((fh >>> 18) | (fl << 14)) ^ ((fl >>> 9) | (fh << 23));
      S1l = ((fl >>> 14) | (fh << 18)) ^ ((fl >>> 18) | (fh << 14)) ^ ((fh >>> 9) | (fl << 23));
      t1l = (al >>> 0) + (S1l >>> 0) + (((fl & gl) ^ (~fl & hl)) >>> 0) + K64[j + 15] + (w[j + 15] >>> 0);
      t1h = ah + S1h + ((fh & gh) ^ (~fh & hh)) + K64[j + 14] + w[j + 14] + ((t1l / 4294967296) | 0);
      S0h = ((bh >>> 28) | (bl << 4)) ^ ((bl >>> 2) | (bh << 30)) ^ ((bl >>> 7) | (bh << 25));
      S0l = ((bl >>> 28) | (bh << 4)) ^ ((bh >>> 2) | (bl << 30)) ^ ((bh >>> 7) | (bl << 25));
      t2l = (S0l >>> 0) + (((bl & cl) ^ (bl & dl) ^ (cl & dl)) >>> 0);
      t2h = S0h + ((bh & ch) ^ (bh & dh) ^ (ch & dh)) + ((t2l / 4294967296) | 0);
      t1l >>>= 0;
      sum = (el >>> 0) + t1l;
      eh = (eh + t1h + ((sum / 4294967296) | 0)) | 0;
      el = sum | 0;
      sum = t1l + (t2l >>> 0);
      ah = (t1h + t2h + ((sum / 4294967296) | 0)) | 0;
      al = sum | 0;
    }
    const add = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
    for (let i = 0; i < 16; i += 2) {
      const lo = h[i + 1] + (add[i + 1] >>> 0);
      h[i] = h[i] + add[i] + ((lo / 0x100000000) | 0);
      h[i + 1] = lo;
    }
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, "0")).join("").slice(0, 128);
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
const program = fromArg(process.argv[1] || "sha512sum");
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
  if (config.tag) line += "SHA512 (" + shown + ") = " + digest;
  else line += digest + (config.binary ? " *" : "  ") + shown;
  out.push(line + (config.zero ? "\0" : "\n"));
  return true;
}

const isDigest = (text) => /^[0-9a-fA-F]{128}$/.test(text);

function parseLine(line) {
  const stripped = line.replace(/^[ \t]+/, "");
  const escaped = stripped[0] === "\\";
  const rest = escaped ? stripped.slice(1) : stripped;
  const nameOf = (text) => (escaped ? unescape(text) : text.split("\0")[0]);
  if (rest.startsWith("SHA512")) {
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
  if (rest.length < 130 + extra) return null;
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
      if (config.warn) complain(`${label}: ${number}: improperly formatted SHA512 checksum line`);
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
    process.stdout.write("sha512sum (example) 1.0\n");
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
