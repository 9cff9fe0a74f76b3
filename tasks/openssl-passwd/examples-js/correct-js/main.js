// Example submission for the openssl-passwd task in JavaScript: MD5-crypt, APR1 and
// SHA-crypt written from spec.md, with MD5, SHA-256 and SHA-512 by hand (the runtime has no
// crypto). Grade it with
// `replica grade openssl-passwd tasks/openssl-passwd/examples-js/correct-js/main.js`.
const fs = require("fs");

function pad(msg, bigEndian, lenBytes) {
  const n = msg.length, block = lenBytes === 16 ? 128 : 64;
  const total = Math.ceil((n + 1 + lenBytes) / block) * block;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[n] = 0x80;
  const lo = (n * 8) >>> 0, hi = Math.floor(n / 0x20000000);
  if (bigEndian) {
    for (let i = 0; i < 4; i++) { buf[total - 1 - i] = lo >>> (8 * i); buf[total - 5 - i] = hi >>> (8 * i); }
  } else {
    for (let i = 0; i < 4; i++) { buf[total - 8 + i] = lo >>> (8 * i); buf[total - 4 + i] = hi >>> (8 * i); }
  }
  return buf;
}
function wordsBE(buf) {
  const w = new Int32Array(buf.length >> 2);
  for (let i = 0, j = 0; i < w.length; i++, j += 4) w[i] = (buf[j] << 24) | (buf[j + 1] << 16) | (buf[j + 2] << 8) | buf[j + 3];
  return w;
}
function wordsLE(buf) {
  const w = new Int32Array(buf.length >> 2);
  for (let i = 0, j = 0; i < w.length; i++, j += 4) w[i] = buf[j] | (buf[j + 1] << 8) | (buf[j + 2] << 16) | (buf[j + 3] << 24);
  return w;
}
function bytesBE(h, count) {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = h[i >> 2] >>> (24 - 8 * (i & 3));
  return out;
}
function bytesLE(h, count) {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = h[i >> 2] >>> (8 * (i & 3));
  return out;
}

const MD5_K = new Int32Array([
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391]);
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
function md5(msg) {
  const w = wordsLE(pad(msg, false, 8));
  const h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  for (let o = 0; o < w.length; o += 16) {
    let a = h[0], b = h[1], c = h[2], d = h[3];
    for (let i = 0; i < 64; i++) {
      let f, g, r = i >> 4;
      if (r === 0) { f = (b & c) | (~b & d); g = i; }
      else if (r === 1) { f = (d & b) | (~d & c); g = (5 * i + 1) & 15; }
      else if (r === 2) { f = b ^ c ^ d; g = (3 * i + 5) & 15; }
      else { f = c ^ (b | ~d); g = (7 * i) & 15; }
      const s = MD5_S[(r << 2) | (i & 3)];
      const t = (a + f + MD5_K[i] + w[o + g]) | 0;
      a = d; d = c; c = b;
      b = (b + ((t << s) | (t >>> (32 - s)))) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  }
  return bytesLE(h, 16);
}

const SHA256_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
function sha256core(msg, init, outLen) {
  const m = wordsBE(pad(msg, true, 8));
  const h = new Int32Array(init);
  const w = new Int32Array(64);
  for (let o = 0; o < m.length; o += 16) {
    for (let i = 0; i < 16; i++) w[i] = m[o + i];
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  return bytesBE(h, outLen);
}
const sha256 = (m) => sha256core(m, [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], 32);

// SHA-512 family on 32-bit halves: word i is (hi[i], lo[i]).
const SHA512_K = new Int32Array([
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
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817]);
function sha512core(msg, init, outLen) {
  const m = wordsBE(pad(msg, true, 16));
  const h = new Int32Array(init);
  const w = new Int32Array(160);
  for (let o = 0; o < m.length; o += 32) {
    for (let i = 0; i < 32; i++) w[i] = m[o + i];
    for (let i = 32; i < 160; i += 2) {
      // s0 of w[i-15]: rotr1 ^ rotr8 ^ shr7; s1 of w[i-2]: rotr19 ^ rotr61 ^ shr6
      let xh = w[i - 30], xl = w[i - 29];
      const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
      const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
      xh = w[i - 4]; xl = w[i - 3];
      const s1h = ((xh >>> 19) | (xl << 13)) ^ ((xl >>> 29) | (xh << 3)) ^ (xh >>> 6);
      const s1l = ((xl >>> 19) | (xh << 13)) ^ ((xh >>> 29) | (xl << 3)) ^ ((xl >>> 6) | (xh << 26));
      let lo = (w[i - 31] >>> 0) + (s0l >>> 0) + (w[i - 13] >>> 0) + (s1l >>> 0);
      const hi = w[i - 32] + s0h + w[i - 14] + s1h + ((lo / 0x100000000) | 0);
      w[i] = hi | 0; w[i + 1] = lo | 0;
    }
    let ah = h[0], al = h[1], bh = h[2], bl = h[3], ch = h[4], cl = h[5], dh = h[6], dl = h[7];
    let eh = h[8], el = h[9], fh = h[10], fl = h[11], gh = h[12], gl = h[13], hh = h[14], hl = h[15];
    for (let i = 0; i < 160; i += 2) {
      // S1(e) = rotr14 ^ rotr18 ^ rotr41
      const S1h = ((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23));
      const S1l = ((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23));
      const chh = (eh & fh) ^ (~eh & gh), chl = (el & fl) ^ (~el & gl);
      let t1l = (hl >>> 0) + (S1l >>> 0) + (chl >>> 0) + (SHA512_K[i + 1] >>> 0) + (w[i + 1] >>> 0);
      let t1h = (hh + S1h + chh + SHA512_K[i] + w[i] + ((t1l / 0x100000000) | 0)) | 0;
      t1l = t1l | 0;
      // S0(a) = rotr28 ^ rotr34 ^ rotr39
      const S0h = ((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25));
      const S0l = ((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25));
      const mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch), mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const t2l = (S0l >>> 0) + (mjl >>> 0);
      const t2h = (S0h + mjh + ((t2l / 0x100000000) | 0)) | 0;
      hh = gh; hl = gl; gh = fh; gl = fl; fh = eh; fl = el;
      let x = (dl >>> 0) + (t1l >>> 0);
      eh = (dh + t1h + ((x / 0x100000000) | 0)) | 0; el = x | 0;
      dh = ch; dl = cl; ch = bh; cl = bl; bh = ah; bl = al;
      x = (t1l >>> 0) + (t2l >>> 0);
      ah = (t1h + t2h + ((x / 0x100000000) | 0)) | 0; al = x | 0;
    }
    const v = [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl];
    for (let i = 0; i < 16; i += 2) {
      const x = (h[i + 1] >>> 0) + (v[i + 1] >>> 0);
      h[i] = (h[i] + v[i] + ((x / 0x100000000) | 0)) | 0;
      h[i + 1] = x | 0;
    }
  }
  return bytesBE(h, outLen);
}
const sha512 = (m) => sha512core(m, [0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1, 0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179], 64);

// ---- openssl passwd ----
const B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const USAGE = "passwd: Use -help for summary.\n";
const Z = "0000000000000000";
const bytes = (s) => Buffer.from(s, "utf8");
const ascii = (s) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function cat(...parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
// `data` repeated and cut to `n` bytes.
function stretch(data, n) {
  const out = new Uint8Array(n);
  for (let o = 0; o < n; o += data.length) out.set(data.subarray(0, Math.min(data.length, n - o)), o);
  return out;
}
function put(out, v, n) {
  for (let i = 0; i < n; i++) { out.push(B64[v & 63]); v >>>= 6; }
}

function md5Crypt(pw, magic, salt) {
  const s = salt.subarray(0, 8);
  const alt = md5(cat(pw, s, pw));
  const tail = [];
  for (let i = pw.length; i; i >>>= 1) tail.push(i & 1 ? new Uint8Array(1) : pw.subarray(0, 1));
  let a = md5(cat(pw, ascii("$" + magic + "$"), s, stretch(alt, pw.length), ...tail));
  // The six shapes of a round, built once: [odd, salt, pw] flags pick the parts.
  for (let r = 0; r < 1000; r++) {
    const parts = [r & 1 ? pw : a];
    if (r % 3) parts.push(s);
    if (r % 7) parts.push(pw);
    parts.push(r & 1 ? a : pw);
    a = md5(cat(...parts));
  }
  const out = [];
  for (const [x, y, z] of [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5]]) put(out, (a[x] << 16) | (a[y] << 8) | a[z], 4);
  put(out, a[11], 2);
  return cat(ascii("$" + magic + "$"), s, ascii("$" + out.join("")));
}

// C's strtoul in base 10 at the start of `t`: [value, index after the digits] (0, 0 when
// there are none).
function strtoul(t) {
  let i = 0;
  while (i < t.length && (t[i] === 32 || (t[i] >= 9 && t[i] <= 13))) i++;
  if (t[i] === 43 || t[i] === 45) i++;
  const start = i;
  let v = 0;
  while (i < t.length && t[i] >= 48 && t[i] <= 57) { v = v * 10 + (t[i] - 48); i++; }
  return i === start ? [0, 0] : [v, i];
}

function shaCrypt(pw, wide, salt) {
  const H = wide ? sha512 : sha256, size = wide ? 64 : 32;
  let rounds = 5000, custom = false;
  if (salt.length >= 7 && String.fromCharCode(...salt.subarray(0, 7)) === "rounds=") {
    const num = salt.subarray(7);
    const [n, end] = strtoul(num);
    if (num[end] !== 36) return null;
    salt = num.subarray(end + 1);
    rounds = Math.min(Math.max(n, 1000), 999999999);
    custom = true;
  }
  salt = salt.subarray(0, 16);
  if (!salt.length || !pw.length) return null;
  const b = H(cat(pw, salt, pw));
  const tail = [];
  for (let i = pw.length; i; i >>>= 1) tail.push(i & 1 ? b : pw);
  const a = H(cat(pw, salt, stretch(b, pw.length), ...tail));
  const p = stretch(H(stretch(pw, pw.length * pw.length)), pw.length);
  const s = stretch(H(stretch(salt, salt.length * (16 + a[0]))), salt.length);
  // Each round hashes one of a few fixed layouts: build the buffer once per layout and
  // write C into its slot.
  const layouts = [];
  for (let k = 0; k < 42; k++) {
    const odd = k & 1, parts = [odd ? p : new Uint8Array(size)];
    if (k % 3) parts.push(s);
    if (k % 7) parts.push(p);
    parts.push(odd ? new Uint8Array(size) : p);
    const buf = cat(...parts);
    layouts.push([buf, odd ? buf.length - size : 0]);
  }
  let c = a;
  for (let r = 0; r < rounds; r++) {
    const [buf, at] = layouts[r % 42];
    buf.set(c, at);
    c = H(buf);
  }
  const out = [];
  if (wide) {
    let i = 0, j = 21, k = 42;
    for (let n = 0; n < 21; n++) {
      put(out, (c[i] << 16) | (c[j] << 8) | c[k], 4);
      [i, j, k] = [(j + 1) % 63, (k + 1) % 63, (i + 1) % 63];
    }
    put(out, c[63], 2);
  } else {
    let i = 0, j = 10, k = 20;
    for (let n = 0; n < 10; n++) {
      put(out, (c[i] << 16) | (c[j] << 8) | c[k], 4);
      [i, j, k] = [(k + 1) % 30, (i + 1) % 30, (j + 1) % 30];
    }
    put(out, (c[31] << 8) | c[30], 3);
  }
  return cat(ascii(wide ? "$6$" : "$5$"), ascii(custom ? "rounds=" + rounds + "$" : ""), salt, ascii("$" + out.join("")));
}

function fail(text) {
  process.stderr.write(text);
  process.exit(1);
}

function main(argv) {
  let scheme = null, salt = new Uint8Array(0), source = null; // source: null args, "" stdin, else a file
  let table = false, reverse = false, quiet = false, i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const a = argv[i++];
    if (a === "--") break;
    const body = a.startsWith("--") ? a.slice(2) : a.slice(1);
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    if (["1", "apr1", "5", "6"].includes(name)) {
      if (scheme !== null) fail(USAGE);
      scheme = name;
    } else if (name === "salt" || name === "in") {
      let value;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (i < argv.length) value = argv[i++];
      else fail(`passwd: Option -${name} needs a value\n` + USAGE);
      if (name === "salt") salt = bytes(value);
      else {
        if (source !== null) fail(USAGE);
        source = value;
      }
    } else if (name === "stdin") {
      if (source !== null) fail(USAGE);
      source = "";
    } else if (name === "table") table = true;
    else if (name === "reverse") reverse = true;
    else if (name === "quiet") quiet = true;
    else if (name !== "noverify") {
      process.stderr.write(bytes(`passwd: Unknown option: -${name}\n` + USAGE));
      process.exit(1);
    }
  }
  const rest = argv.slice(i);
  if (rest.length && source !== null) fail(USAGE);
  let passwords;
  if (source === null) {
    passwords = rest.map((p) => {
      let b = bytes(p);
      if (b.length > 256) {
        if (!quiet) process.stderr.write("Warning: truncating password to 256 characters\n");
        b = b.subarray(0, 256);
      }
      return b;
    });
  } else {
    let data;
    if (source === "") data = fs.readFileSync(0);
    else {
      try {
        data = fs.readFileSync(source);
      } catch (e) {
        process.stderr.write(bytes(`Can't open "${source}" for reading, No such file or directory\n` +
          `${Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${source}, r)\n` +
          `${Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`));
        process.exit(1);
      }
    }
    data = new Uint8Array(data);
    passwords = [];
    let start = 0;
    while (start < data.length) {
      let end = data.indexOf(10, start);
      if (end < 0) end = data.length;
      passwords.push(data.subarray(start, Math.min(end, start + 256)));
      start = end + 1;
    }
  }
  const out = [];
  for (const pw of passwords) {
    let h;
    if (scheme === "5") h = shaCrypt(pw, false, salt);
    else if (scheme === "6") h = shaCrypt(pw, true, salt);
    else h = md5Crypt(pw, scheme || "1", salt);
    if (h === null) h = ascii("<NULL>");
    const tab = ascii("\t"), nl = ascii("\n");
    if (table && reverse) out.push(h, tab, pw, nl);
    else if (table) out.push(pw, tab, h, nl);
    else out.push(h, nl);
  }
  process.stdout.write(Buffer.from(cat(...out)));
}

// The command name comes first: `openssl passwd ...`.
const args = process.argv.slice(2);
main(args[0] === "passwd" ? args.slice(1) : args);
