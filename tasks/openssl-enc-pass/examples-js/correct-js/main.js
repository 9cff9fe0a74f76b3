// Example submission for the openssl-enc-pass task in JavaScript: `openssl enc` with
// passwords and salts, written from spec.md: EVP_BytesToKey and PBKDF2 over hand-written
// digests, and AES (FIPS 197), Triple DES (SP 800-67) and ChaCha20 (RFC 8439) by hand (the
// runtime has no crypto). Grade it with
// `replica grade openssl-enc-pass tasks/openssl-enc-pass/examples-js/correct-js/main.js`.
const fs = require("fs");

// ---- hashes: each takes a Uint8Array and returns a Uint8Array ----
// `done`: bytes hashed before `msg` (an HMAC key block), counted in the length.
function pad(msg, bigEndian, lenBytes, done = 0) {
  const n = msg.length, block = lenBytes === 16 ? 128 : 64;
  const total = Math.ceil((n + 1 + lenBytes) / block) * block;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[n] = 0x80;
  const lo = ((n + done) * 8) >>> 0, hi = Math.floor((n + done) / 0x20000000);
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
// `state`, `done`: continue from a state after `done` bytes; `raw`: whole blocks, no padding,
// the state returned (HMAC hashes its padded key once).
function md5(msg, state, done = 0, raw = false) {
  const w = wordsLE(raw ? msg : pad(msg, false, 8, done));
  const h = new Int32Array(state || [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
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
  return raw ? h : bytesLE(h, 16);
}

function sha1(msg, state, done = 0, raw = false) {
  const m = wordsBE(raw ? msg : pad(msg, true, 8, done));
  const h = new Int32Array(state || [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  const w = new Int32Array(80);
  for (let o = 0; o < m.length; o += 16) {
    for (let i = 0; i < 16; i++) w[i] = m[o + i];
    for (let i = 16; i < 80; i++) { const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]; w[i] = (x << 1) | (x >>> 31); }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (let i = 0; i < 80; i++) {
      let f, k;
      if (i < 20) { f = (b & c) | (~b & d); k = 0x5a827999; }
      else if (i < 40) { f = b ^ c ^ d; k = 0x6ed9eba1; }
      else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8f1bbcdc; }
      else { f = b ^ c ^ d; k = 0xca62c1d6; }
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
  }
  return raw ? h : bytesBE(h, 20);
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
function sha256core(msg, init, outLen, done = 0, raw = false) {
  const m = wordsBE(raw ? msg : pad(msg, true, 8, done));
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
  return raw ? h : bytesBE(h, outLen);
}
const SHA256_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const sha256 = (m, state, done, raw) => sha256core(m, state || SHA256_IV, 32, done, raw);
const SHA224_IV = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];
const sha224 = (m, state, done, raw) => sha256core(m, state || SHA224_IV, 28, done, raw);

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
function sha512core(msg, init, outLen, done = 0, raw = false) {
  const m = wordsBE(raw ? msg : pad(msg, true, 16, done));
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
  return raw ? h : bytesBE(h, outLen);
}
const SHA512_IV = [0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1, 0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179];
const sha512 = (m, state, done, raw) => sha512core(m, state || SHA512_IV, 64, done, raw);
const SHA384_IV = [0xcbbb9d5d, 0xc1059ed8, 0x629a292a, 0x367cd507, 0x9159015a, 0x3070dd17, 0x152fecd8, 0xf70e5939, 0x67332667, 0xffc00b31, 0x8eb44a87, 0x68581511, 0xdb0c2e0d, 0x64f98fa7, 0x47b5481d, 0xbefa4fa4];
const sha384 = (m, state, done, raw) => sha512core(m, state || SHA384_IV, 48, done, raw);
const SHA512_256_IV = [0x22312194, 0xfc2bf72c, 0x9f555fa3, 0xc84c64c2, 0x2393b86b, 0x6f53b151, 0x96387719, 0x5940eabd, 0x96283ee2, 0xa88effe3, 0xbe5e1e25, 0x53863992, 0x2b0199fc, 0x2c85b8aa, 0x0eb72ddc, 0x81c52ca2];
const sha512_256 = (m, state, done, raw) => sha512core(m, state || SHA512_256_IV, 32, done, raw);

// ---- SHA-3 (Keccak-f[1600] on 32-bit halves: lane i is (lo[2i], hi[2i+1])) ----
const KECCAK_RC = new Int32Array([
  1, 0, 0x8082, 0, 0x808a, 0x80000000, 0x80008000, 0x80000000, 0x808b, 0, 0x80000001, 0,
  0x80008081, 0x80000000, 0x8009, 0x80000000, 0x8a, 0, 0x88, 0, 0x80008009, 0, 0x8000000a, 0,
  0x8000808b, 0, 0x8b, 0x80000000, 0x8089, 0x80000000, 0x8003, 0x80000000, 0x8002, 0x80000000,
  0x80, 0x80000000, 0x800a, 0, 0x8000000a, 0x80000000, 0x80008081, 0x80000000, 0x8080, 0x80000000,
  0x80000001, 0, 0x80008008, 0x80000000]);
const KECCAK_ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
function keccakF(s) {
  const c = new Int32Array(10), b = new Int32Array(50);
  for (let round = 0; round < 24; round++) {
    for (let x = 0; x < 5; x++) {
      c[2 * x] = s[2 * x] ^ s[2 * x + 10] ^ s[2 * x + 20] ^ s[2 * x + 30] ^ s[2 * x + 40];
      c[2 * x + 1] = s[2 * x + 1] ^ s[2 * x + 11] ^ s[2 * x + 21] ^ s[2 * x + 31] ^ s[2 * x + 41];
    }
    for (let x = 0; x < 5; x++) {
      const p = (x + 4) % 5, q = (x + 1) % 5;
      const dl = c[2 * p] ^ ((c[2 * q] << 1) | (c[2 * q + 1] >>> 31));
      const dh = c[2 * p + 1] ^ ((c[2 * q + 1] << 1) | (c[2 * q] >>> 31));
      for (let y = 0; y < 25; y += 5) { s[2 * (x + y)] ^= dl; s[2 * (x + y) + 1] ^= dh; }
    }
    for (let i = 0; i < 25; i++) {
      const x = i % 5, y = (i / 5) | 0, j = y + 5 * ((2 * x + 3 * y) % 5);
      let lo = s[2 * i], hi = s[2 * i + 1], r = KECCAK_ROT[i];
      if (r >= 32) { const t = lo; lo = hi; hi = t; r -= 32; }
      if (r) { const t = (lo << r) | (hi >>> (32 - r)); hi = (hi << r) | (lo >>> (32 - r)); lo = t; }
      b[2 * j] = lo; b[2 * j + 1] = hi;
    }
    for (let i = 0; i < 25; i++) {
      const row = i - (i % 5), i1 = row + ((i + 1) % 5), i2 = row + ((i + 2) % 5);
      s[2 * i] = b[2 * i] ^ (~b[2 * i1] & b[2 * i2]);
      s[2 * i + 1] = b[2 * i + 1] ^ (~b[2 * i1 + 1] & b[2 * i2 + 1]);
    }
    s[0] ^= KECCAK_RC[2 * round]; s[1] ^= KECCAK_RC[2 * round + 1];
  }
}
// Keccak sponge: `suffix` is the domain byte (6 for SHA-3, 0x1f SHAKE, 4 cSHAKE).
function keccak(rate, msg, suffix, outLen) {
  const n = msg.length, total = Math.floor(n / rate + 1) * rate;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[n] ^= suffix;
  buf[total - 1] ^= 0x80;
  const s = new Int32Array(50);
  for (let o = 0; o < total; o += rate) {
    for (let i = 0; i < rate; i += 4) s[i >> 2] ^= buf[o + i] | (buf[o + i + 1] << 8) | (buf[o + i + 2] << 16) | (buf[o + i + 3] << 24);
    keccakF(s);
  }
  const out = new Uint8Array(outLen);
  for (let o = 0; ; ) {
    for (let i = 0; i < rate && o < outLen; i++, o++) out[o] = s[i >> 2] >>> (8 * (i & 3));
    if (o >= outLen) return out;
    keccakF(s);
  }
}
const sha3_256 = (m) => keccak(136, m, 6, 32);
const sha3_512 = (m) => keccak(72, m, 6, 64);

// ---- BLAKE2s and BLAKE2b (RFC 7693) ----
const BLAKE2_SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0]];
const B2S_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
function blake2s(msg, outLen = 32, key = new Uint8Array(0)) {
  const h = new Int32Array(B2S_IV);
  h[0] ^= 0x01010000 ^ (key.length << 8) ^ outLen;
  let data = msg;
  if (key.length) { data = new Uint8Array(64 + msg.length); data.set(key); data.set(msg, 64); }
  const blocks = Math.max(1, Math.ceil(data.length / 64));
  const v = new Int32Array(16), m = new Int32Array(16);
  const G = (a, b, c, d, x, y) => {
    v[a] = v[a] + v[b] + x; let t = v[d] ^ v[a]; v[d] = (t >>> 16) | (t << 16);
    v[c] = v[c] + v[d]; t = v[b] ^ v[c]; v[b] = (t >>> 12) | (t << 20);
    v[a] = v[a] + v[b] + y; t = v[d] ^ v[a]; v[d] = (t >>> 8) | (t << 24);
    v[c] = v[c] + v[d]; t = v[b] ^ v[c]; v[b] = (t >>> 7) | (t << 25);
  };
  for (let blk = 0; blk < blocks; blk++) {
    const last = blk === blocks - 1, o = 64 * blk;
    const block = new Uint8Array(64);
    block.set(data.subarray(o, o + 64));
    for (let i = 0; i < 16; i++) m[i] = block[4 * i] | (block[4 * i + 1] << 8) | (block[4 * i + 2] << 16) | (block[4 * i + 3] << 24);
    const t = last ? data.length : o + 64;
    for (let i = 0; i < 8; i++) { v[i] = h[i]; v[i + 8] = B2S_IV[i]; }
    v[12] ^= t; v[13] ^= Math.floor(t / 0x100000000);
    if (last) v[14] = ~v[14];
    for (let r = 0; r < 10; r++) {
      const s = BLAKE2_SIGMA[r];
      G(0, 4, 8, 12, m[s[0]], m[s[1]]); G(1, 5, 9, 13, m[s[2]], m[s[3]]);
      G(2, 6, 10, 14, m[s[4]], m[s[5]]); G(3, 7, 11, 15, m[s[6]], m[s[7]]);
      G(0, 5, 10, 15, m[s[8]], m[s[9]]); G(1, 6, 11, 12, m[s[10]], m[s[11]]);
      G(2, 7, 8, 13, m[s[12]], m[s[13]]); G(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
  }
  return bytesLE(h, outLen);
}
// BLAKE2b on halves: word i is (lo v[2i], hi v[2i+1]). `salt` and `person` are up to 16 bytes.
const B2B_IV = new Int32Array([0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19]);
function blake2b(msg, outLen = 64, key = new Uint8Array(0), salt = new Uint8Array(0), person = new Uint8Array(0)) {
  const h = new Int32Array(B2B_IV);
  const param = new Uint8Array(64);
  param[0] = outLen; param[1] = key.length; param[2] = 1; param[3] = 1;
  param.set(salt, 32); param.set(person, 48);
  for (let i = 0; i < 16; i++) h[i] ^= param[4 * i] | (param[4 * i + 1] << 8) | (param[4 * i + 2] << 16) | (param[4 * i + 3] << 24);
  let data = msg;
  if (key.length) { data = new Uint8Array(128 + msg.length); data.set(key); data.set(msg, 128); }
  const blocks = Math.max(1, Math.ceil(data.length / 128));
  const v = new Int32Array(32), m = new Int32Array(32);
  const add = (a, b) => { // v[a] += v[b]
    const lo = (v[a] >>> 0) + (v[b] >>> 0);
    v[a + 1] = v[a + 1] + v[b + 1] + (lo > 0xffffffff ? 1 : 0); v[a] = lo | 0;
  };
  const addm = (a, i) => {
    const lo = (v[a] >>> 0) + (m[i] >>> 0);
    v[a + 1] = v[a + 1] + m[i + 1] + (lo > 0xffffffff ? 1 : 0); v[a] = lo | 0;
  };
  const G = (a, b, c, d, x, y) => {
    a *= 2; b *= 2; c *= 2; d *= 2; x *= 2; y *= 2;
    add(a, b); addm(a, x);
    let lo = v[d] ^ v[a], hi = v[d + 1] ^ v[a + 1]; v[d] = hi; v[d + 1] = lo; // rotr 32
    add(c, d);
    lo = v[b] ^ v[c]; hi = v[b + 1] ^ v[c + 1]; v[b] = (lo >>> 24) | (hi << 8); v[b + 1] = (hi >>> 24) | (lo << 8); // rotr 24
    add(a, b); addm(a, y);
    lo = v[d] ^ v[a]; hi = v[d + 1] ^ v[a + 1]; v[d] = (lo >>> 16) | (hi << 16); v[d + 1] = (hi >>> 16) | (lo << 16); // rotr 16
    add(c, d);
    lo = v[b] ^ v[c]; hi = v[b + 1] ^ v[c + 1]; v[b] = (hi >>> 31) | (lo << 1); v[b + 1] = (lo >>> 31) | (hi << 1); // rotr 63
  };
  for (let blk = 0; blk < blocks; blk++) {
    const last = blk === blocks - 1, o = 128 * blk;
    const block = new Uint8Array(128);
    block.set(data.subarray(o, o + 128));
    for (let i = 0; i < 32; i++) m[i] = block[4 * i] | (block[4 * i + 1] << 8) | (block[4 * i + 2] << 16) | (block[4 * i + 3] << 24);
    const t = last ? data.length : o + 128;
    for (let i = 0; i < 16; i++) { v[i] = h[i]; v[i + 16] = B2B_IV[i]; }
    v[24] ^= t; v[25] ^= Math.floor(t / 0x100000000);
    if (last) { v[28] = ~v[28]; v[29] = ~v[29]; }
    for (let r = 0; r < 12; r++) {
      const s = BLAKE2_SIGMA[r % 10];
      G(0, 4, 8, 12, s[0], s[1]); G(1, 5, 9, 13, s[2], s[3]);
      G(2, 6, 10, 14, s[4], s[5]); G(3, 7, 11, 15, s[6], s[7]);
      G(0, 5, 10, 15, s[8], s[9]); G(1, 6, 11, 12, s[10], s[11]);
      G(2, 7, 8, 13, s[12], s[13]); G(3, 4, 9, 14, s[14], s[15]);
    }
    for (let i = 0; i < 16; i++) h[i] ^= v[i] ^ v[i + 16];
  }
  return bytesLE(h, outLen);
}

// ---- SM3 (GB/T 32905-2016) ----
const rotl = (x, n) => (n &= 31) ? (x << n) | (x >>> (32 - n)) : x;
function sm3(msg) {
  const m = wordsBE(pad(msg, true, 8));
  const h = new Int32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);
  const w = new Int32Array(68);
  for (let o = 0; o < m.length; o += 16) {
    for (let j = 0; j < 16; j++) w[j] = m[o + j];
    for (let j = 16; j < 68; j++) {
      const x = w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15);
      w[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) | 0;
      const tt2 = (gg + hh + ss1 + w[j]) | 0;
      d = c; c = rotl(b, 9); b = a; a = tt1;
      hh = g; g = rotl(f, 19); f = e; e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17);
    }
    const v = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] ^= v[i];
  }
  return bytesBE(h, 32);
}

// ---- RIPEMD-160 ----
const RMD_RL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
  3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
  4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13];
const RMD_RR = [5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
  15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
  12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11];
const RMD_SL = [11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
  11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
  9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6];
const RMD_SR = [8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
  9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
  8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11];
const RMD_KL = [0, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
const RMD_KR = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0];
function rmdF(j, x, y, z) {
  if (j === 0) return x ^ y ^ z;
  if (j === 1) return (x & y) | (~x & z);
  if (j === 2) return (x | ~y) ^ z;
  if (j === 3) return (x & z) | (y & ~z);
  return x ^ (y | ~z);
}
function ripemd160(msg) {
  const x = wordsLE(pad(msg, false, 8));
  const h = new Int32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);
  for (let o = 0; o < x.length; o += 16) {
    let [al, bl, cl, dl, el] = h, [ar, br, cr, dr, er] = h;
    for (let j = 0; j < 80; j++) {
      const r = j >> 4;
      let t = (rotl((al + rmdF(r, bl, cl, dl) + x[o + RMD_RL[j]] + RMD_KL[r]) | 0, RMD_SL[j]) + el) | 0;
      al = el; el = dl; dl = rotl(cl, 10); cl = bl; bl = t;
      t = (rotl((ar + rmdF(4 - r, br, cr, dr) + x[o + RMD_RR[j]] + RMD_KR[r]) | 0, RMD_SR[j]) + er) | 0;
      ar = er; er = dr; dr = rotl(cr, 10); cr = br; br = t;
    }
    const t = (h[1] + cl + dr) | 0;
    h[1] = h[2] + dl + er; h[2] = h[3] + el + ar; h[3] = h[4] + al + br; h[4] = h[0] + bl + cr; h[0] = t;
  }
  return bytesLE(h, 20);
}

// ---- AES ----
const SBOX = new Uint8Array(256), INV = new Uint8Array(256);
const xt = (a) => ((a << 1) ^ (a & 0x80 ? 0x1b : 0)) & 0xff;
(() => {
  // The S-box from the multiplicative inverse in GF(2^8) and the affine map.
  const exp = new Uint8Array(256), log = new Uint8Array(256);
  for (let i = 0, x = 1; i < 255; i++) { exp[i] = x; log[x] = i; x ^= xt(x); }
  for (let a = 0; a < 256; a++) {
    const q = a ? exp[(255 - log[a]) % 255] : 0;
    let s = q;
    for (let k = 1; k < 5; k++) s ^= ((q << k) | (q >> (8 - k))) & 0xff;
    SBOX[a] = s ^ 0x63;
    INV[s ^ 0x63] = a;
  }
})();
function aesKey(key) {
  const nk = key.length / 4, nr = nk + 6;
  const w = new Uint8Array(16 * (nr + 1));
  w.set(key);
  let rcon = 1;
  for (let i = nk; i < 4 * (nr + 1); i++) {
    let t = w.slice(4 * (i - 1), 4 * i);
    if (i % nk === 0) {
      t = Uint8Array.of(SBOX[t[1]] ^ rcon, SBOX[t[2]], SBOX[t[3]], SBOX[t[0]]);
      rcon = xt(rcon);
    } else if (nk > 6 && i % nk === 4) t = t.map((b) => SBOX[b]);
    for (let j = 0; j < 4; j++) w[4 * i + j] = w[4 * (i - nk) + j] ^ t[j];
  }
  return { nr, w };
}
// MixColumns with xtime computed inline (tables of products cost more to build than a
// case's whole work).
function mixColumns(t) {
  for (let c = 0; c < 16; c += 4) {
    const a0 = t[c], a1 = t[c + 1], a2 = t[c + 2], a3 = t[c + 3], all = a0 ^ a1 ^ a2 ^ a3;
    t[c] = a0 ^ all ^ xt(a0 ^ a1);
    t[c + 1] = a1 ^ all ^ xt(a1 ^ a2);
    t[c + 2] = a2 ^ all ^ xt(a2 ^ a3);
    t[c + 3] = a3 ^ all ^ xt(a3 ^ a0);
  }
}
function aesEncrypt(k, block) {
  let s = block.map((b, i) => b ^ k.w[i]);
  for (let r = 1; r <= k.nr; r++) {
    const t = new Uint8Array(16);
    for (let i = 0; i < 16; i++) t[i] = SBOX[s[(i + 4 * (i & 3)) & 15]];
    if (r !== k.nr) mixColumns(t);
    for (let i = 0; i < 16; i++) t[i] ^= k.w[16 * r + i];
    s = t;
  }
  return s;
}
function aesDecrypt(k, block) {
  let s = block.map((b, i) => b ^ k.w[16 * k.nr + i]);
  for (let r = k.nr - 1; r >= 0; r--) {
    const t = new Uint8Array(16);
    for (let i = 0; i < 16; i++) t[i] = INV[s[(i - 4 * (i & 3)) & 15]] ^ k.w[16 * r + i];
    if (r) {
      // InvMixColumns as a pre-step followed by MixColumns (FIPS 197's factorisation).
      for (let c = 0; c < 16; c += 4) {
        const u = xt(xt(t[c] ^ t[c + 2])), v = xt(xt(t[c + 1] ^ t[c + 3]));
        t[c] ^= u; t[c + 1] ^= v; t[c + 2] ^= u; t[c + 3] ^= v;
      }
      mixColumns(t);
    }
    s = t;
  }
  return s;
}

// ---- DES (FIPS 46-3) and Triple DES: blocks as two 32-bit halves ----
const IP = [58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6,
  64, 56, 48, 40, 32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
  61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7];
let FP = null;
const E = [32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17,
  16, 17, 18, 19, 20, 21, 20, 21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1];
const P = [16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9,
  19, 13, 30, 6, 22, 11, 4, 25];
const PC1 = [57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3,
  60, 52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37,
  29, 21, 13, 5, 28, 20, 12, 4];
const PC2 = [14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
  41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  "14 4 13 1 2 15 11 8 3 10 6 12 5 9 0 7 0 15 7 4 14 2 13 1 10 6 12 11 9 5 3 8 4 1 14 8 13 6 2 11 15 12 9 7 3 10 5 0 15 12 8 2 4 9 1 7 5 11 3 14 10 0 6 13",
  "15 1 8 14 6 11 3 4 9 7 2 13 12 0 5 10 3 13 4 7 15 2 8 14 12 0 1 10 6 9 11 5 0 14 7 11 10 4 13 1 5 8 12 6 9 3 2 15 13 8 10 1 3 15 4 2 11 6 7 12 0 5 14 9",
  "10 0 9 14 6 3 15 5 1 13 12 7 11 4 2 8 13 7 0 9 3 4 6 10 2 8 5 14 12 11 15 1 13 6 4 9 8 15 3 0 11 1 2 12 5 10 14 7 1 10 13 0 6 9 8 7 4 15 14 3 11 5 2 12",
  "7 13 14 3 0 6 9 10 1 2 8 5 11 12 4 15 13 8 11 5 6 15 0 3 4 7 2 12 1 10 14 9 10 6 9 0 12 11 7 13 15 1 3 14 5 2 8 4 3 15 0 6 10 1 13 8 9 4 5 11 12 7 2 14",
  "2 12 4 1 7 10 11 6 8 5 3 15 13 0 14 9 14 11 2 12 4 7 13 1 5 0 15 10 3 9 8 6 4 2 1 11 10 13 7 8 15 9 12 5 6 3 0 14 11 8 12 7 1 14 2 13 6 15 0 9 10 4 5 3",
  "12 1 10 15 9 2 6 8 0 13 3 4 14 7 5 11 10 15 4 2 7 12 9 5 6 1 13 14 0 11 3 8 9 14 15 5 2 8 12 3 7 0 4 10 1 13 11 6 4 3 2 12 9 5 15 10 11 14 1 7 6 0 8 13",
  "4 11 2 14 15 0 8 13 3 12 9 7 5 10 6 1 13 0 11 7 4 9 1 10 14 3 5 12 2 15 8 6 1 4 11 13 12 3 7 14 10 15 6 8 0 5 9 2 6 11 13 8 1 4 10 7 9 5 0 15 14 2 3 12",
  "13 2 8 4 6 15 11 1 10 9 3 14 5 0 12 7 1 15 13 8 10 3 7 4 12 5 6 11 0 14 9 2 7 11 4 1 9 12 14 2 0 6 10 13 15 3 5 8 2 1 14 7 4 10 8 13 15 12 9 0 3 5 6 11",
];
const bitsOf = (bytes) => Array.from({ length: 8 * bytes.length }, (_, i) => (bytes[i >> 3] >> (7 - (i & 7))) & 1);
const permute = (bits, table) => table.map((t) => bits[t - 1]);
// The tables are built on first use: a case without Triple DES does not pay for them.
// SP[i][v]: S-box i's output for the 6-bit input v, placed and put through P.
let SP = null;
function desTables() {
  if (SP) return;
  FP = IP.map((_, i) => IP.indexOf(i + 1) + 1);
  SP = [];
  for (let i = 0; i < 8; i++) {
    const s = S[i].split(" ").map(Number), row = new Int32Array(64);
    for (let v = 0; v < 64; v++) {
      const out = s[(((v >> 5) << 1) | (v & 1)) * 16 + ((v >> 1) & 15)] << (28 - 4 * i);
      let p = 0;
      for (let j = 0; j < 32; j++) p |= ((out >>> (32 - P[j])) & 1) << (31 - j);
      row[v] = p;
    }
    SP.push(row);
  }
}
// The 16 round keys, each as eight 6-bit S-box inputs.
function desKeys(key) {
  const cd = permute(bitsOf(key), PC1);
  let c = cd.slice(0, 28), d = cd.slice(28);
  return SHIFTS.map((s) => {
    c = c.slice(s).concat(c.slice(0, s));
    d = d.slice(s).concat(d.slice(0, s));
    const k = permute(c.concat(d), PC2), six = new Int32Array(8);
    for (let i = 0; i < 48; i++) six[(i / 6) | 0] |= k[i] << (5 - (i % 6));
    return six;
  });
}
// A 64-bit permutation (1-based bit numbers from the left) of the halves [hi, lo].
function perm64(hi, lo, table) {
  let h = 0, l = 0;
  for (let i = 0; i < 64; i++) {
    const t = table[i] - 1, bit = t < 32 ? (hi >>> (31 - t)) & 1 : (lo >>> (63 - t)) & 1;
    if (i < 32) h |= bit << (31 - i);
    else l |= bit << (63 - i);
  }
  return [h, l];
}
// The 48 rounds of Triple DES (three key schedules) between one IP and one FP.
function des3Block(schedules, block) {
  const word = (o) => (block[o] << 24) | (block[o + 1] << 16) | (block[o + 2] << 8) | block[o + 3];
  let [l, r] = perm64(word(0), word(4), IP);
  for (const keys of schedules) {
    for (const k of keys) {
      // E(r): S-box i reads bits 4i .. 4i+5 of r (bit 0 being bit 32): r rotated left by 4i-1.
      let f = 0;
      for (let i = 0; i < 8; i++) {
        const n = (4 * i + 31) & 31, rot = n ? (r << n) | (r >>> (32 - n)) : r;
        f |= SP[i][(rot >>> 26) ^ k[i]];
      }
      const t = l ^ f;
      l = r;
      r = t;
    }
    [l, r] = [r, l];
  }
  const [h, lo] = perm64(l, r, FP);
  return Uint8Array.of(h >>> 24, h >>> 16, h >>> 8, h, lo >>> 24, lo >>> 16, lo >>> 8, lo);
}
function des3(key) {
  desTables();
  const [k1, k2, k3] = [0, 8, 16].map((o) => desKeys(key.subarray(o, o + 8)));
  const r1 = k1.slice().reverse(), r2 = k2.slice().reverse(), r3 = k3.slice().reverse();
  const enc = [k1, r2, k3], dec = [r3, k2, r1];
  return { encrypt: (b) => des3Block(enc, b), decrypt: (b) => des3Block(dec, b) };
}

// ---- stream modes ----
function chacha20(key, iv, data) {
  const word = (b, o) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
  const state = new Uint32Array(16);
  state.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
  for (let i = 0; i < 8; i++) state[4 + i] = word(key, 4 * i);
  for (let i = 0; i < 4; i++) state[12 + i] = word(iv, 4 * i);
  const x = new Uint32Array(16), out = new Uint8Array(data.length);
  const qr = (a, b, c, d) => {
    x[a] += x[b]; x[d] ^= x[a]; x[d] = (x[d] << 16) | (x[d] >>> 16);
    x[c] += x[d]; x[b] ^= x[c]; x[b] = (x[b] << 12) | (x[b] >>> 20);
    x[a] += x[b]; x[d] ^= x[a]; x[d] = (x[d] << 8) | (x[d] >>> 24);
    x[c] += x[d]; x[b] ^= x[c]; x[b] = (x[b] << 7) | (x[b] >>> 25);
  };
  for (let o = 0; o < data.length; o += 64) {
    x.set(state);
    for (let i = 0; i < 10; i++) {
      qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15);
      qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14);
    }
    for (let i = 0; i < 64 && o + i < data.length; i++) {
      const w = (x[i >> 2] + state[i >> 2]) >>> 0;
      out[o + i] = data[o + i] ^ ((w >>> (8 * (i & 3))) & 0xff);
    }
    state[12]++;
    if (state[12] === 0) state[13]++;
  }
  return out;
}
function ctr(k, iv, data) {
  const counter = Uint8Array.from(iv), out = new Uint8Array(data.length);
  for (let o = 0; o < data.length; o += 16) {
    const ks = aesEncrypt(k, counter);
    for (let i = 0; i < 16 && o + i < data.length; i++) out[o + i] = data[o + i] ^ ks[i];
    for (let i = 15; i >= 0; i--) if (++counter[i] !== 256) break; else counter[i] = 0;
  }
  return out;
}


// ---- key derivation ----
const DIGESTS = {};
for (const [names, fn, block] of [
  ["md5", md5, 64], ["sha1 sha-1", sha1, 64], ["sha224 sha2-224 sha-224", sha224, 64],
  ["sha256 sha2-256 sha-256", sha256, 64], ["sha384 sha2-384 sha-384", sha384, 128],
  ["sha512 sha2-512 sha-512", sha512, 128], ["sha512-256 sha2-512/256 sha-512/256", sha512_256, 128],
  ["sha3-256", sha3_256, 136], ["sha3-512", sha3_512, 72], ["blake2b512 blake2b-512", (m) => blake2b(m), 128],
  ["blake2s256 blake2s-256", (m) => blake2s(m), 64], ["sm3", sm3, 64], ["ripemd160 ripemd-160 ripemd rmd160", ripemd160, 64],
]) for (const n of names.split(" ")) DIGESTS[n] = { fn, block };

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
// HMAC (RFC 2104) keyed once: returns a function of the message. MD5, SHA-1 and SHA-2 start
// from the states after their padded key blocks (`fn(block, null, 0, true)`), so each message
// costs two compressions fewer.
const MIDSTATE = new Set([md5, sha1, sha224, sha256, sha384, sha512, sha512_256]);
function hmacWith({ fn, block }, key) {
  if (key.length > block) key = fn(key);
  const ipad = new Uint8Array(block), opad = new Uint8Array(block);
  for (let i = 0; i < block; i++) { ipad[i] = (key[i] | 0) ^ 0x36; opad[i] = (key[i] | 0) ^ 0x5c; }
  if (!MIDSTATE.has(fn)) return (data) => fn(concat(opad, fn(concat(ipad, data))));
  const inner = fn(ipad, null, 0, true), outer = fn(opad, null, 0, true);
  return (data) => fn(fn(data, inner, block), outer, block);
}
function pbkdf2(digest, password, salt, iters, n) {
  const mac = hmacWith(digest, password), out = new Uint8Array(n);
  for (let block = 1, o = 0; o < n; block++) {
    let u = mac(concat(salt, Uint8Array.of(block >>> 24, block >>> 16, block >>> 8, block)));
    const acc = Uint8Array.from(u);
    for (let i = 1; i < iters; i++) {
      u = mac(u);
      for (let j = 0; j < acc.length; j++) acc[j] ^= u[j];
    }
    out.set(acc.subarray(0, n - o), o);
    o += acc.length;
  }
  return out;
}
function bytesToKey({ fn }, password, salt, n) {
  let out = new Uint8Array(0), d = new Uint8Array(0);
  while (out.length < n) {
    d = fn(concat(d, password, salt));
    out = concat(out, d);
  }
  return out.subarray(0, n);
}

// ---- openssl enc ----
const CIPHERS = {};
for (const bits of [128, 192, 256]) {
  CIPHERS[`aes-${bits}-ecb`] = ["ecb", bits / 8, 0, 16];
  CIPHERS[`aes-${bits}-cbc`] = CIPHERS[`aes${bits}`] = ["cbc", bits / 8, 16, 16];
  CIPHERS[`aes-${bits}-ctr`] = ["ctr", bits / 8, 16, 1];
}
CIPHERS.chacha20 = ["chacha", 32, 16, 1];
CIPHERS["des-ede3-cbc"] = CIPHERS.des3 = ["des3", 24, 8, 8];
const Z = "0000000000000000";
const USAGE = "enc: Use -help for summary.\n";
const MAGIC = Uint8Array.from("Salted__", (c) => c.charCodeAt(0));
const utf8 = (s) => new Uint8Array(Buffer.from(s, "utf8"));
const FINAL = (where) => `${Z}:error:1C80006B:Provider routines:ossl_cipher_generic_block_final:wrong final block length:../providers/implementations/ciphers/ciphercommon.c:${where}:\n`;
const BAD_PAD = (line) => `bad decrypt\n${Z}:error:1C800064:Provider routines:ossl_cipher_unpadblock:bad decrypt:../providers/implementations/ciphers/ciphercommon_block.c:${line}:\n`;

// [output, failure text or null]
function crypt([kind, , , bs], key, iv, data, decrypt, pad) {
  if (kind === "chacha") return [chacha20(key, iv, data), null];
  if (kind === "ctr") return [ctr(aesKey(key), iv, data), null];
  let enc, dec;
  if (kind === "des3") ({ encrypt: enc, decrypt: dec } = des3(key));
  else {
    const k = aesKey(key);
    enc = (b) => aesEncrypt(k, b);
    dec = (b) => aesDecrypt(k, b);
  }
  const chained = kind !== "ecb";
  if (!decrypt) {
    let failure = null;
    if (pad) {
      const n = bs - (data.length % bs);
      const padded = new Uint8Array(data.length + n).fill(n);
      padded.set(data);
      data = padded;
    } else if (data.length % bs) {
      failure = "bad encrypt\n" + FINAL(417);
      data = data.subarray(0, data.length - (data.length % bs));
    }
    const out = new Uint8Array(data.length);
    let prev = iv;
    for (let o = 0; o < data.length; o += bs) {
      const b = data.slice(o, o + bs);
      if (chained) for (let i = 0; i < bs; i++) b[i] ^= prev[i];
      prev = enc(b);
      out.set(prev, o);
    }
    return [out, failure];
  }
  const whole = data.length - (data.length % bs);
  const out = new Uint8Array(whole);
  let prev = iv;
  for (let o = 0; o < whole; o += bs) {
    const c = data.slice(o, o + bs), p = dec(c);
    if (chained) for (let i = 0; i < bs; i++) p[i] ^= prev[i];
    prev = c;
    out.set(p, o);
  }
  if (!pad) return [out, whole !== data.length ? "bad decrypt\n" + FINAL(440) : null];
  // A ragged end: every whole block went out, none was held back.
  if (whole !== data.length || !whole) return [out, "bad decrypt\n" + FINAL(440)];
  const n = out[whole - 1];
  if (n < 1 || n > bs) return [out.subarray(0, whole - bs), BAD_PAD(124)];
  for (let i = whole - n; i < whole; i++) if (out[i] !== n) return [out.subarray(0, whole - bs), BAD_PAD(129)];
  return [out.subarray(0, whole - n), null];
}

// OpenSSL's set_hex: exactly `size` bytes from hex text, or null after "non-hex digit".
function setHex(text, size, err) {
  if (text.length > 2 * size) {
    err.push("hex string is too long, ignoring excess\n");
    text = text.slice(0, 2 * size);
  } else if (text.length < 2 * size) err.push("hex string is too short, padding with zero bytes to length\n");
  if (!/^[0-9a-fA-F]*$/.test(text)) {
    err.push("non-hex digit\n");
    return null;
  }
  const out = new Uint8Array(size);
  for (let i = 0; i < text.length; i++) out[i >> 1] |= parseInt(text[i], 16) << (i & 1 ? 0 : 4);
  return out;
}

const hexUpper = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("").toUpperCase();

function base64Lines(data, oneLine) {
  if (oneLine) return Buffer.from(data).toString("base64");
  let s = "";
  for (let i = 0; i < data.length; i += 48) s += Buffer.from(data.subarray(i, i + 48)).toString("base64") + "\n";
  return s;
}

function main(argv, err) {
  const VALUED = ["K", "iv", "in", "out", "pass", "k", "S", "md", "iter"];
  const FLAGS = ["e", "d", "nopad", "a", "base64", "A", "p", "P", "nosalt", "salt", "pbkdf2"];
  const PAIRS = { e: "d", d: "e", p: "P", P: "p", salt: "nosalt", nosalt: "salt" };
  const flags = new Set(), values = {};
  let cipher = null, iters = null, i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const a = argv[i++];
    if (a === "--") break;
    const body = a.startsWith("--") ? a.slice(2) : a.slice(1);
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    if (VALUED.includes(name)) {
      if (eq >= 0) values[name] = body.slice(eq + 1);
      else if (i < argv.length) values[name] = argv[i++];
      else {
        err.push(`enc: Option -${name} needs a value\n` + USAGE);
        return 1;
      }
      if (name === "iter") {
        const v = values.iter;
        if (!/^[+-]?[0-9]+$/.test(v) || Number(v) > 0x7fffffff) {
          err.push(`enc: Can't parse "${v}" as a number\n` + USAGE);
          return 1;
        }
        if (Number(v) <= 0) {
          err.push(`enc: Non-positive number "${v}" for option -iter\n` + USAGE);
          return 1;
        }
        iters = Number(v);
      }
    } else if (FLAGS.includes(name)) {
      flags.delete(PAIRS[name]);
      flags.add(name === "base64" ? "a" : name);
      if (name === "pbkdf2" && iters === null) iters = 10000;
    } else cipher = body;
  }
  if (i < argv.length) {
    err.push(USAGE);
    return 1;
  }
  const fetch = (name) => `${Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${name} : 0), Properties (<null>)\n`;
  const spec = cipher === null ? undefined : CIPHERS[cipher.toLowerCase()];
  if (!spec) {
    err.push(`enc: Unknown cipher: ${cipher}\n` + USAGE + fetch(cipher));
    return 1;
  }
  const md = values.md === undefined ? "sha256" : values.md;
  const digest = DIGESTS[md.toLowerCase()];
  if (!digest) {
    err.push(`enc: Unknown option or message digest: ${md}\n` + USAGE + fetch(md));
    return 1;
  }
  const decrypt = flags.has("d"), base64 = flags.has("a");
  let data;
  if ("in" in values) {
    try {
      data = fs.readFileSync(values.in);
    } catch (e) {
      const name = values.in, mode = decrypt && base64 ? "r" : "rb";
      err.push(`Can't open "${name}" for reading, No such file or directory\n` +
        `${Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${name}, ${mode})\n` +
        `${Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`);
      return 1;
    }
  } else data = fs.readFileSync(0);
  data = new Uint8Array(data);
  let password = "k" in values ? utf8(values.k) : null;
  if (password === null && "pass" in values) {
    if (!values.pass.startsWith("pass:")) {
      err.push("Invalid password argument, missing ':' within the first 5 chars\nError getting password\n");
      return 1;
    }
    password = utf8(values.pass.slice(5));
  }
  if ("out" in values) fs.writeFileSync(values.out, new Uint8Array(0));
  if (decrypt && base64) data = new Uint8Array(Buffer.from(Buffer.from(data).toString("latin1").replace(/\s+/g, ""), "base64"));
  const [, klen, ivlen] = spec;
  let key = new Uint8Array(klen), iv = new Uint8Array(ivlen), salt = null, header = new Uint8Array(0);
  if (password !== null) {
    if (!flags.has("nosalt")) {
      if ("S" in values) {
        salt = setHex(values.S, 8, err);
        if (!salt) {
          err.push("invalid hex salt value\n");
          return 1;
        }
      } else if (!decrypt) {
        // A random salt is not tested: zeros stand for it, behind the header.
        salt = new Uint8Array(8);
        if (!flags.has("P")) header = concat(MAGIC, salt);
      } else {
        const magicOk = data.length >= 8 && MAGIC.every((b, j) => data[j] === b);
        if (data.length < 8 || (magicOk && data.length < 16)) {
          err.push("error reading input file\n");
          return 1;
        }
        if (!magicOk) {
          err.push("bad magic number\n");
          return 1;
        }
        salt = data.slice(8, 16);
        data = data.subarray(16);
      }
    }
    let derived;
    if (iters !== null) derived = pbkdf2(digest, password, salt || new Uint8Array(0), iters, klen + ivlen);
    else {
      err.push("*** WARNING : deprecated key derivation used.\nUsing -iter or -pbkdf2 would be better.\n");
      derived = bytesToKey(digest, password, salt || new Uint8Array(0), klen + ivlen);
    }
    key = derived.slice(0, klen);
    iv = derived.slice(klen);
  }
  if ("iv" in values) {
    if (!ivlen) err.push("warning: iv not used by this cipher\n");
    else {
      iv = setHex(values.iv, ivlen, err);
      if (!iv) {
        err.push("invalid hex iv value\n");
        return 1;
      }
    }
  } else if (password === null && ivlen) {
    err.push("iv undefined\n");
    return 1;
  }
  if ("K" in values) {
    key = setHex(values.K, klen, err);
    if (!key) {
      err.push("invalid hex key value\n");
      return 1;
    }
  }
  if (flags.has("p") || flags.has("P")) {
    let lines = flags.has("nosalt") ? "" : "salt=" + hexUpper(salt || new Uint8Array(8)) + "\n";
    lines += "key=" + hexUpper(key) + "\n";
    if (ivlen) lines += "iv =" + hexUpper(iv) + "\n";
    process.stdout.write(lines);
    if (flags.has("P")) return 0;
  }
  let [result, failure] = crypt(spec, key, iv, data, decrypt, !flags.has("nopad"));
  result = concat(header, result);
  if (base64 && !decrypt) {
    if (failure) result = result.subarray(0, result.length - (result.length % 48));
    result = Buffer.from(base64Lines(result, flags.has("A")), "latin1");
  }
  if ("out" in values) fs.writeFileSync(values.out, result);
  else process.stdout.write(Buffer.from(result));
  if (failure) {
    err.push(failure);
    return 1;
  }
  return 0;
}

const err = [];
const args = process.argv.slice(2);
// The command name comes first: `openssl enc ...`.
const status = main(args[0] === "enc" ? args.slice(1) : args, err);
if (err.length) process.stderr.write(err.join(""));
process.exit(status);
