// Example submission for the openssl-mac task in JavaScript: `openssl mac` written from
// spec.md: HMAC, CMAC, SipHash, Poly1305, KMAC and BLAKE2b-MAC, with every digest, AES and
// Keccak by hand (the runtime has no crypto). Grade it with
// `replica grade openssl-mac tasks/openssl-mac/examples-js/correct-js/main.js`.
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
// Where rho-pi sends each lane, and by how much it rotates it (precomputed: QuickJS pays
// dearly for % and / in the inner loop).
const KECCAK_DEST = [], KECCAK_ROTS = [];
for (let i = 0; i < 25; i++) {
  const x = i % 5, y = (i - x) / 5;
  KECCAK_DEST.push(2 * (y + 5 * ((2 * x + 3 * y) % 5)));
  KECCAK_ROTS.push(KECCAK_ROT[i]);
}
function keccakF(s) {
  const b = new Int32Array(50), dest = KECCAK_DEST, rots = KECCAK_ROTS, rc = KECCAK_RC;
  for (let round = 0; round < 24; round++) {
    const c0l = s[0] ^ s[10] ^ s[20] ^ s[30] ^ s[40], c0h = s[1] ^ s[11] ^ s[21] ^ s[31] ^ s[41];
    const c1l = s[2] ^ s[12] ^ s[22] ^ s[32] ^ s[42], c1h = s[3] ^ s[13] ^ s[23] ^ s[33] ^ s[43];
    const c2l = s[4] ^ s[14] ^ s[24] ^ s[34] ^ s[44], c2h = s[5] ^ s[15] ^ s[25] ^ s[35] ^ s[45];
    const c3l = s[6] ^ s[16] ^ s[26] ^ s[36] ^ s[46], c3h = s[7] ^ s[17] ^ s[27] ^ s[37] ^ s[47];
    const c4l = s[8] ^ s[18] ^ s[28] ^ s[38] ^ s[48], c4h = s[9] ^ s[19] ^ s[29] ^ s[39] ^ s[49];
    const d0l = c4l ^ ((c1l << 1) | (c1h >>> 31)), d0h = c4h ^ ((c1h << 1) | (c1l >>> 31));
    const d1l = c0l ^ ((c2l << 1) | (c2h >>> 31)), d1h = c0h ^ ((c2h << 1) | (c2l >>> 31));
    const d2l = c1l ^ ((c3l << 1) | (c3h >>> 31)), d2h = c1h ^ ((c3h << 1) | (c3l >>> 31));
    const d3l = c2l ^ ((c4l << 1) | (c4h >>> 31)), d3h = c2h ^ ((c4h << 1) | (c4l >>> 31));
    const d4l = c3l ^ ((c0l << 1) | (c0h >>> 31)), d4h = c3h ^ ((c0h << 1) | (c0l >>> 31));
    for (let y = 0; y < 50; y += 10) {
      s[y] ^= d0l; s[y + 1] ^= d0h; s[y + 2] ^= d1l; s[y + 3] ^= d1h; s[y + 4] ^= d2l;
      s[y + 5] ^= d2h; s[y + 6] ^= d3l; s[y + 7] ^= d3h; s[y + 8] ^= d4l; s[y + 9] ^= d4h;
    }
    for (let i = 0; i < 25; i++) {
      let lo = s[2 * i], hi = s[2 * i + 1], r = rots[i];
      if (r >= 32) { const t = lo; lo = hi; hi = t; r -= 32; }
      if (r) { const t = (lo << r) | (hi >>> (32 - r)); hi = (hi << r) | (lo >>> (32 - r)); lo = t; }
      const j = dest[i];
      b[j] = lo; b[j + 1] = hi;
    }
    for (let y = 0; y < 50; y += 10) {
      const l0 = b[y], h0 = b[y + 1], l1 = b[y + 2], h1 = b[y + 3], l2 = b[y + 4], h2 = b[y + 5];
      const l3 = b[y + 6], h3 = b[y + 7], l4 = b[y + 8], h4 = b[y + 9];
      s[y] = l0 ^ (~l1 & l2); s[y + 1] = h0 ^ (~h1 & h2);
      s[y + 2] = l1 ^ (~l2 & l3); s[y + 3] = h1 ^ (~h2 & h3);
      s[y + 4] = l2 ^ (~l3 & l4); s[y + 5] = h2 ^ (~h3 & h4);
      s[y + 6] = l3 ^ (~l4 & l0); s[y + 7] = h3 ^ (~h4 & h0);
      s[y + 8] = l4 ^ (~l0 & l1); s[y + 9] = h4 ^ (~h0 & h1);
    }
    s[0] ^= rc[2 * round]; s[1] ^= rc[2 * round + 1];
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
// BLAKE2b on halves: word i is (lo [2i], hi [2i+1]). `salt` and `person` are up to 16 bytes.
const B2B_IV = new Int32Array([0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19]);
const B2B_SIGMA2 = BLAKE2_SIGMA.map((row) => row.map((i) => 2 * i));
// One BLAKE2b compression with the sixteen words in local variables (QuickJS reads locals
// far more cheaply than typed-array elements); `m` holds the block's words as (lo, hi).
function b2bCompress(h, m, t0, t1, last) {
  let v0l = h[0], v0h = h[1]; let v1l = h[2], v1h = h[3]; let v2l = h[4], v2h = h[5]; let v3l = h[6], v3h = h[7]; let v4l = h[8], v4h = h[9]; let v5l = h[10], v5h = h[11]; let v6l = h[12], v6h = h[13]; let v7l = h[14], v7h = h[15];
  let v8l = B2B_IV[0], v8h = B2B_IV[1]; let v9l = B2B_IV[2], v9h = B2B_IV[3]; let v10l = B2B_IV[4], v10h = B2B_IV[5]; let v11l = B2B_IV[6], v11h = B2B_IV[7]; let v12l = B2B_IV[8], v12h = B2B_IV[9]; let v13l = B2B_IV[10], v13h = B2B_IV[11]; let v14l = B2B_IV[12], v14h = B2B_IV[13]; let v15l = B2B_IV[14], v15h = B2B_IV[15];
  v12l ^= t0; v12h ^= t1;
  if (last) { v14l = ~v14l; v14h = ~v14h; }
  let t, x, xl, xh;
  for (let r = 0; r < 12; r++) {
    const s = B2B_SIGMA2[r % 10];
    t = (v0l + v4l) | 0; v0h = (v0h + v4h + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    x = s[0]; t = (v0l + m[x]) | 0; v0h = (v0h + m[x + 1] + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    t = v12l ^ v0l; v12l = v12h ^ v0h; v12h = t;
    t = (v8l + v12l) | 0; v8h = (v8h + v12h + (((t ^ 0x80000000) < (v8l ^ 0x80000000)) ? 1 : 0)) | 0; v8l = t;
    xl = v4l ^ v8l; xh = v4h ^ v8h; v4l = (xl >>> 24) | (xh << 8); v4h = (xh >>> 24) | (xl << 8);
    t = (v0l + v4l) | 0; v0h = (v0h + v4h + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    x = s[1]; t = (v0l + m[x]) | 0; v0h = (v0h + m[x + 1] + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    xl = v12l ^ v0l; xh = v12h ^ v0h; v12l = (xl >>> 16) | (xh << 16); v12h = (xh >>> 16) | (xl << 16);
    t = (v8l + v12l) | 0; v8h = (v8h + v12h + (((t ^ 0x80000000) < (v8l ^ 0x80000000)) ? 1 : 0)) | 0; v8l = t;
    xl = v4l ^ v8l; xh = v4h ^ v8h; v4l = (xh >>> 31) | (xl << 1); v4h = (xl >>> 31) | (xh << 1);
    t = (v1l + v5l) | 0; v1h = (v1h + v5h + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    x = s[2]; t = (v1l + m[x]) | 0; v1h = (v1h + m[x + 1] + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    t = v13l ^ v1l; v13l = v13h ^ v1h; v13h = t;
    t = (v9l + v13l) | 0; v9h = (v9h + v13h + (((t ^ 0x80000000) < (v9l ^ 0x80000000)) ? 1 : 0)) | 0; v9l = t;
    xl = v5l ^ v9l; xh = v5h ^ v9h; v5l = (xl >>> 24) | (xh << 8); v5h = (xh >>> 24) | (xl << 8);
    t = (v1l + v5l) | 0; v1h = (v1h + v5h + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    x = s[3]; t = (v1l + m[x]) | 0; v1h = (v1h + m[x + 1] + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    xl = v13l ^ v1l; xh = v13h ^ v1h; v13l = (xl >>> 16) | (xh << 16); v13h = (xh >>> 16) | (xl << 16);
    t = (v9l + v13l) | 0; v9h = (v9h + v13h + (((t ^ 0x80000000) < (v9l ^ 0x80000000)) ? 1 : 0)) | 0; v9l = t;
    xl = v5l ^ v9l; xh = v5h ^ v9h; v5l = (xh >>> 31) | (xl << 1); v5h = (xl >>> 31) | (xh << 1);
    t = (v2l + v6l) | 0; v2h = (v2h + v6h + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    x = s[4]; t = (v2l + m[x]) | 0; v2h = (v2h + m[x + 1] + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    t = v14l ^ v2l; v14l = v14h ^ v2h; v14h = t;
    t = (v10l + v14l) | 0; v10h = (v10h + v14h + (((t ^ 0x80000000) < (v10l ^ 0x80000000)) ? 1 : 0)) | 0; v10l = t;
    xl = v6l ^ v10l; xh = v6h ^ v10h; v6l = (xl >>> 24) | (xh << 8); v6h = (xh >>> 24) | (xl << 8);
    t = (v2l + v6l) | 0; v2h = (v2h + v6h + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    x = s[5]; t = (v2l + m[x]) | 0; v2h = (v2h + m[x + 1] + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    xl = v14l ^ v2l; xh = v14h ^ v2h; v14l = (xl >>> 16) | (xh << 16); v14h = (xh >>> 16) | (xl << 16);
    t = (v10l + v14l) | 0; v10h = (v10h + v14h + (((t ^ 0x80000000) < (v10l ^ 0x80000000)) ? 1 : 0)) | 0; v10l = t;
    xl = v6l ^ v10l; xh = v6h ^ v10h; v6l = (xh >>> 31) | (xl << 1); v6h = (xl >>> 31) | (xh << 1);
    t = (v3l + v7l) | 0; v3h = (v3h + v7h + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    x = s[6]; t = (v3l + m[x]) | 0; v3h = (v3h + m[x + 1] + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    t = v15l ^ v3l; v15l = v15h ^ v3h; v15h = t;
    t = (v11l + v15l) | 0; v11h = (v11h + v15h + (((t ^ 0x80000000) < (v11l ^ 0x80000000)) ? 1 : 0)) | 0; v11l = t;
    xl = v7l ^ v11l; xh = v7h ^ v11h; v7l = (xl >>> 24) | (xh << 8); v7h = (xh >>> 24) | (xl << 8);
    t = (v3l + v7l) | 0; v3h = (v3h + v7h + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    x = s[7]; t = (v3l + m[x]) | 0; v3h = (v3h + m[x + 1] + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    xl = v15l ^ v3l; xh = v15h ^ v3h; v15l = (xl >>> 16) | (xh << 16); v15h = (xh >>> 16) | (xl << 16);
    t = (v11l + v15l) | 0; v11h = (v11h + v15h + (((t ^ 0x80000000) < (v11l ^ 0x80000000)) ? 1 : 0)) | 0; v11l = t;
    xl = v7l ^ v11l; xh = v7h ^ v11h; v7l = (xh >>> 31) | (xl << 1); v7h = (xl >>> 31) | (xh << 1);
    t = (v0l + v5l) | 0; v0h = (v0h + v5h + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    x = s[8]; t = (v0l + m[x]) | 0; v0h = (v0h + m[x + 1] + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    t = v15l ^ v0l; v15l = v15h ^ v0h; v15h = t;
    t = (v10l + v15l) | 0; v10h = (v10h + v15h + (((t ^ 0x80000000) < (v10l ^ 0x80000000)) ? 1 : 0)) | 0; v10l = t;
    xl = v5l ^ v10l; xh = v5h ^ v10h; v5l = (xl >>> 24) | (xh << 8); v5h = (xh >>> 24) | (xl << 8);
    t = (v0l + v5l) | 0; v0h = (v0h + v5h + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    x = s[9]; t = (v0l + m[x]) | 0; v0h = (v0h + m[x + 1] + (((t ^ 0x80000000) < (v0l ^ 0x80000000)) ? 1 : 0)) | 0; v0l = t;
    xl = v15l ^ v0l; xh = v15h ^ v0h; v15l = (xl >>> 16) | (xh << 16); v15h = (xh >>> 16) | (xl << 16);
    t = (v10l + v15l) | 0; v10h = (v10h + v15h + (((t ^ 0x80000000) < (v10l ^ 0x80000000)) ? 1 : 0)) | 0; v10l = t;
    xl = v5l ^ v10l; xh = v5h ^ v10h; v5l = (xh >>> 31) | (xl << 1); v5h = (xl >>> 31) | (xh << 1);
    t = (v1l + v6l) | 0; v1h = (v1h + v6h + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    x = s[10]; t = (v1l + m[x]) | 0; v1h = (v1h + m[x + 1] + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    t = v12l ^ v1l; v12l = v12h ^ v1h; v12h = t;
    t = (v11l + v12l) | 0; v11h = (v11h + v12h + (((t ^ 0x80000000) < (v11l ^ 0x80000000)) ? 1 : 0)) | 0; v11l = t;
    xl = v6l ^ v11l; xh = v6h ^ v11h; v6l = (xl >>> 24) | (xh << 8); v6h = (xh >>> 24) | (xl << 8);
    t = (v1l + v6l) | 0; v1h = (v1h + v6h + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    x = s[11]; t = (v1l + m[x]) | 0; v1h = (v1h + m[x + 1] + (((t ^ 0x80000000) < (v1l ^ 0x80000000)) ? 1 : 0)) | 0; v1l = t;
    xl = v12l ^ v1l; xh = v12h ^ v1h; v12l = (xl >>> 16) | (xh << 16); v12h = (xh >>> 16) | (xl << 16);
    t = (v11l + v12l) | 0; v11h = (v11h + v12h + (((t ^ 0x80000000) < (v11l ^ 0x80000000)) ? 1 : 0)) | 0; v11l = t;
    xl = v6l ^ v11l; xh = v6h ^ v11h; v6l = (xh >>> 31) | (xl << 1); v6h = (xl >>> 31) | (xh << 1);
    t = (v2l + v7l) | 0; v2h = (v2h + v7h + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    x = s[12]; t = (v2l + m[x]) | 0; v2h = (v2h + m[x + 1] + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    t = v13l ^ v2l; v13l = v13h ^ v2h; v13h = t;
    t = (v8l + v13l) | 0; v8h = (v8h + v13h + (((t ^ 0x80000000) < (v8l ^ 0x80000000)) ? 1 : 0)) | 0; v8l = t;
    xl = v7l ^ v8l; xh = v7h ^ v8h; v7l = (xl >>> 24) | (xh << 8); v7h = (xh >>> 24) | (xl << 8);
    t = (v2l + v7l) | 0; v2h = (v2h + v7h + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    x = s[13]; t = (v2l + m[x]) | 0; v2h = (v2h + m[x + 1] + (((t ^ 0x80000000) < (v2l ^ 0x80000000)) ? 1 : 0)) | 0; v2l = t;
    xl = v13l ^ v2l; xh = v13h ^ v2h; v13l = (xl >>> 16) | (xh << 16); v13h = (xh >>> 16) | (xl << 16);
    t = (v8l + v13l) | 0; v8h = (v8h + v13h + (((t ^ 0x80000000) < (v8l ^ 0x80000000)) ? 1 : 0)) | 0; v8l = t;
    xl = v7l ^ v8l; xh = v7h ^ v8h; v7l = (xh >>> 31) | (xl << 1); v7h = (xl >>> 31) | (xh << 1);
    t = (v3l + v4l) | 0; v3h = (v3h + v4h + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    x = s[14]; t = (v3l + m[x]) | 0; v3h = (v3h + m[x + 1] + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    t = v14l ^ v3l; v14l = v14h ^ v3h; v14h = t;
    t = (v9l + v14l) | 0; v9h = (v9h + v14h + (((t ^ 0x80000000) < (v9l ^ 0x80000000)) ? 1 : 0)) | 0; v9l = t;
    xl = v4l ^ v9l; xh = v4h ^ v9h; v4l = (xl >>> 24) | (xh << 8); v4h = (xh >>> 24) | (xl << 8);
    t = (v3l + v4l) | 0; v3h = (v3h + v4h + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    x = s[15]; t = (v3l + m[x]) | 0; v3h = (v3h + m[x + 1] + (((t ^ 0x80000000) < (v3l ^ 0x80000000)) ? 1 : 0)) | 0; v3l = t;
    xl = v14l ^ v3l; xh = v14h ^ v3h; v14l = (xl >>> 16) | (xh << 16); v14h = (xh >>> 16) | (xl << 16);
    t = (v9l + v14l) | 0; v9h = (v9h + v14h + (((t ^ 0x80000000) < (v9l ^ 0x80000000)) ? 1 : 0)) | 0; v9l = t;
    xl = v4l ^ v9l; xh = v4h ^ v9h; v4l = (xh >>> 31) | (xl << 1); v4h = (xl >>> 31) | (xh << 1);
  }
  h[0] ^= v0l ^ v8l; h[1] ^= v0h ^ v8h;
  h[2] ^= v1l ^ v9l; h[3] ^= v1h ^ v9h;
  h[4] ^= v2l ^ v10l; h[5] ^= v2h ^ v10h;
  h[6] ^= v3l ^ v11l; h[7] ^= v3h ^ v11h;
  h[8] ^= v4l ^ v12l; h[9] ^= v4h ^ v12h;
  h[10] ^= v5l ^ v13l; h[11] ^= v5h ^ v13h;
  h[12] ^= v6l ^ v14l; h[13] ^= v6h ^ v14h;
  h[14] ^= v7l ^ v15l; h[15] ^= v7h ^ v15h;
}
function blake2b(msg, outLen = 64, key = new Uint8Array(0), salt = new Uint8Array(0), person = new Uint8Array(0)) {
  const h = new Int32Array(B2B_IV);
  const param = new Uint8Array(64);
  param[0] = outLen; param[1] = key.length; param[2] = 1; param[3] = 1;
  param.set(salt, 32); param.set(person, 48);
  for (let i = 0; i < 16; i++) h[i] ^= param[4 * i] | (param[4 * i + 1] << 8) | (param[4 * i + 2] << 16) | (param[4 * i + 3] << 24);
  let data = msg;
  if (key.length) { data = new Uint8Array(128 + msg.length); data.set(key); data.set(msg, 128); }
  const blocks = Math.max(1, Math.ceil(data.length / 128));
  const m = new Int32Array(32), block = new Uint8Array(128);
  for (let blk = 0; blk < blocks; blk++) {
    const last = blk === blocks - 1, o = 128 * blk;
    block.fill(0);
    block.set(data.subarray(o, o + 128));
    for (let i = 0; i < 32; i++) m[i] = block[4 * i] | (block[4 * i + 1] << 8) | (block[4 * i + 2] << 16) | (block[4 * i + 3] << 24);
    const t = last ? data.length : o + 128;
    b2bCompress(h, m, t | 0, Math.floor(t / 0x100000000), last);
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

// ---- shared helpers: digests by OpenSSL name, HMAC, OpenSSL's NAME:VALUE parameters ----
const Z = "0000000000000000";
const utf8 = (s) => new Uint8Array(Buffer.from(s, "utf8"));
function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
const DIGESTS = {};
for (const [names, fn, block] of [
  ["md5", md5, 64], ["sha1 sha-1", sha1, 64], ["sha224 sha2-224 sha-224", sha224, 64],
  ["sha256 sha2-256 sha-256", sha256, 64], ["sha384 sha2-384 sha-384", sha384, 128],
  ["sha512 sha2-512 sha-512", sha512, 128], ["sha512-256 sha2-512/256 sha-512/256", sha512_256, 128],
  ["sha3-256", sha3_256, 136], ["sha3-512", sha3_512, 72], ["blake2b512 blake2b-512", (m) => blake2b(m), 128],
  ["blake2s256 blake2s-256", (m) => blake2s(m), 64], ["sm3", sm3, 64], ["ripemd160 ripemd-160 ripemd rmd160", ripemd160, 64],
]) for (const n of names.split(" ")) DIGESTS[n] = { fn, block };

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

class Fail extends Error {}
const fetchError = (name) => `${Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${name} : 0), Properties (<null>)\n`;

// NAME:VALUE texts into [name, value] pairs; `known` maps a name to "b" (bytes), "n" (number)
// or "t" (text). Throws Fail with the lines to print for the first bad one.
function parseParams(opts, known) {
  const got = [];
  for (const opt of opts) {
    const colon = opt.indexOf(":");
    const key = colon < 0 ? opt : opt.slice(0, colon), value = colon < 0 ? "" : opt.slice(colon + 1);
    const kind = Object.hasOwn(known, key) ? known[key] : null;
    if (kind === "b") got.push([key, utf8(value)]);
    else if (kind === "t") got.push([key, value]);
    else if (kind === "n") {
      if (!/^[0-9]+$/.test(value) || value.replace(/^0+/, "").length > 19 || Number(value) >= 2 ** 64) throw new Fail(`Parameter error '${opt}'\n`);
      got.push([key, Number(value)]);
    } else if (key.startsWith("hex") && known[key.slice(3)] === "b") {
      if (value.length % 2) throw new Fail(`Parameter error '${opt}'\n${Z}:error:07800067:common libcrypto routines:prepare_from_text:odd number of digits:../crypto/params_from_text.c:124:\n`);
      if (!/^[0-9a-fA-F]*$/.test(value)) throw new Fail(`Parameter error '${opt}'\n${Z}:error:07800066:common libcrypto routines:hexstr2buf_sep:illegal hex digit:../crypto/o_str.c:167:\n`);
      got.push([key.slice(3), Uint8Array.from(value.match(/../g) || [], (h) => parseInt(h, 16))]);
    } else throw new Fail(`Parameter unknown '${opt}'\n`);
  }
  return got;
}
const first = (params, name) => { const p = params.find(([k]) => k === name); return p ? p[1] : undefined; };

// OpenSSL's option reading: [[name, value or null]], and the rest of the arguments.
function readOptions(argv, cmd, valued, flags) {
  const got = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith("-")) {
    const a = argv[i++];
    if (a === "--") break;
    const body = a.startsWith("--") ? a.slice(2) : a.slice(1);
    const eq = body.indexOf("=");
    const name = eq < 0 ? body : body.slice(0, eq);
    if (valued.includes(name)) {
      let value;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (i < argv.length) value = argv[i++];
      else throw new Fail(`${cmd}: Option -${name} needs a value\n${cmd}: Use -help for summary.\n`);
      got.push([name, value]);
    } else if (flags.includes(name)) got.push([name, null]);
    else throw new Fail(`${cmd}: Unknown option: -${name}\n${cmd}: Use -help for summary.\n`);
  }
  return [got, argv.slice(i)];
}
// ---- AES ----
const SBOX = new Uint8Array(256), INV = new Uint8Array(256);
const xt = (a) => ((a << 1) ^ (a & 0x80 ? 0x1b : 0)) & 0xff;
// Built on first use (CMAC only): a loop of 1,500 turns at start cost QuickJS ~24M fuel,
// half the limit of a small case.
let aesReady = false;
function aesTables() {
  if (aesReady) return;
  aesReady = true;
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
}
function aesKey(key) {
  aesTables();
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

// ---- the other MACs ----
function cmac(key, data) {
  const k = aesKey(key);
  const dbl = (b) => {
    const out = new Uint8Array(16);
    for (let i = 0; i < 16; i++) out[i] = ((b[i] << 1) | (i < 15 ? b[i + 1] >> 7 : 0)) & 0xff;
    if (b[0] & 0x80) out[15] ^= 0x87;
    return out;
  };
  const k1 = dbl(aesEncrypt(k, new Uint8Array(16))), k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(data.length / 16));
  const last = new Uint8Array(16);
  const tail = data.subarray(16 * (n - 1));
  last.set(tail);
  if (tail.length === 16) for (let i = 0; i < 16; i++) last[i] ^= k1[i];
  else {
    last[tail.length] = 0x80;
    for (let i = 0; i < 16; i++) last[i] ^= k2[i];
  }
  let c = new Uint8Array(16);
  for (let b = 0; b < n; b++) {
    const block = b === n - 1 ? last : data.subarray(16 * b, 16 * b + 16);
    c = aesEncrypt(k, c.map((x, i) => x ^ block[i]));
  }
  return c;
}

// SipHash-c-d on 32-bit halves: v is [v0 lo, v0 hi, v1 lo, v1 hi, ...].
function siphash(key, data, size, cRounds, dRounds) {
  const word = (b, o) => b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
  const k0l = word(key, 0), k0h = word(key, 4), k1l = word(key, 8), k1h = word(key, 12);
  const v = new Int32Array([k0l ^ 0x70736575, k0h ^ 0x736f6d65, k1l ^ 0x6e646f6d, k1h ^ 0x646f7261,
    k0l ^ 0x6e657261, k0h ^ 0x6c796765, k1l ^ 0x79746573, k1h ^ 0x74656462]);
  if (size === 16) v[2] ^= 0xee;
  const add = (a, b) => {
    const lo = (v[a] >>> 0) + (v[b] >>> 0);
    v[a + 1] = v[a + 1] + v[b + 1] + (lo > 0xffffffff ? 1 : 0); v[a] = lo | 0;
  };
  const rotl = (a, n) => {
    let lo = v[a], hi = v[a + 1];
    if (n >= 32) { const t = lo; lo = hi; hi = t; n -= 32; }
    if (n) { const t = (lo << n) | (hi >>> (32 - n)); hi = (hi << n) | (lo >>> (32 - n)); lo = t; }
    v[a] = lo; v[a + 1] = hi;
  };
  const xor = (a, b) => { v[a] ^= v[b]; v[a + 1] ^= v[b + 1]; };
  const rounds = (n) => {
    for (let i = 0; i < n; i++) {
      add(0, 2); rotl(2, 13); xor(2, 0); rotl(0, 32);
      add(4, 6); rotl(6, 16); xor(6, 4);
      add(0, 6); rotl(6, 21); xor(6, 0);
      add(4, 2); rotl(2, 17); xor(2, 4); rotl(4, 32);
    }
  };
  const n = data.length, whole = n - (n % 8);
  const tail = new Uint8Array(8);
  tail.set(data.subarray(whole));
  tail[7] = n & 0xff;
  for (let o = 0; o <= whole; o += 8) {
    const src = o === whole ? tail : data, at = o === whole ? 0 : o;
    const ml = word(src, at), mh = word(src, at + 4);
    v[6] ^= ml; v[7] ^= mh;
    rounds(cRounds);
    v[0] ^= ml; v[1] ^= mh;
  }
  v[4] ^= size === 16 ? 0xee : 0xff;
  rounds(dRounds);
  const out = new Uint8Array(size);
  const put = (o) => {
    const lo = v[0] ^ v[2] ^ v[4] ^ v[6], hi = v[1] ^ v[3] ^ v[5] ^ v[7];
    for (let i = 0; i < 4; i++) { out[o + i] = lo >>> (8 * i); out[o + 4 + i] = hi >>> (8 * i); }
  };
  put(0);
  if (size === 16) {
    v[2] ^= 0xdd;
    rounds(dRounds);
    put(8);
  }
  return out;
}

// Poly1305 (RFC 8439 §2.5); the inputs are small, so BigInt arithmetic is enough.
function poly1305(key, data) {
  const le = (b) => { let x = 0n; for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]); return x; };
  const r = le(key.subarray(0, 16)) & 0x0ffffffc0ffffffc0ffffffc0fffffffn, s = le(key.subarray(16));
  const p = (1n << 130n) - 5n;
  let acc = 0n;
  for (let o = 0; o < data.length; o += 16) {
    const chunk = data.subarray(o, o + 16);
    acc = ((acc + le(chunk) + (1n << BigInt(8 * chunk.length))) * r) % p;
  }
  acc = (acc + s) & ((1n << 128n) - 1n);
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) { out[i] = Number(acc & 0xffn); acc >>= 8n; }
  return out;
}

// KMAC (SP 800-185) over cSHAKE.
function leftEncode(x) {
  const b = [];
  do { b.unshift(x % 256); x = Math.floor(x / 256); } while (x > 0);
  return Uint8Array.from([b.length, ...b]);
}
function rightEncode(x) {
  const b = [];
  do { b.unshift(x % 256); x = Math.floor(x / 256); } while (x > 0);
  return Uint8Array.from([...b, b.length]);
}
const encodeString = (s) => concat(leftEncode(8 * s.length), s);
function bytepad(x, w) {
  const z = concat(leftEncode(w), x);
  return concat(z, new Uint8Array((w - (z.length % w)) % w));
}
function kmac(rate, key, data, size, custom, xof) {
  const prefix = bytepad(concat(encodeString(utf8("KMAC")), encodeString(custom)), rate);
  const body = concat(bytepad(encodeString(key), rate), data, rightEncode(xof ? 0 : 8 * size));
  return keccak(rate, concat(prefix, body), 0x04, size);
}

// ---- openssl mac ----
const MACS = { hmac: "HMAC", cmac: "CMAC", siphash: "SIPHASH", poly1305: "POLY1305", kmac128: "KMAC128",
  "kmac-128": "KMAC128", kmac256: "KMAC256", "kmac-256": "KMAC256", blake2bmac: "BLAKE2BMAC" };
const KMAC_KNOWN = { key: "b", custom: "b", size: "n", xof: "n" };
const KNOWN = {
  HMAC: { key: "b", "tls-data-size": "n", digest: "t", properties: "t" },
  CMAC: { key: "b", cipher: "t", properties: "t" },
  SIPHASH: { key: "b", size: "n", "c-rounds": "n", "d-rounds": "n" },
  POLY1305: { key: "b" },
  KMAC128: KMAC_KNOWN,
  KMAC256: KMAC_KNOWN,
  BLAKE2BMAC: { key: "b", custom: "b", salt: "b", size: "n" },
};
const CMAC_CIPHERS = { "aes-128-cbc": 16, aes128: 16, "aes-192-cbc": 24, aes192: 24, "aes-256-cbc": 32, aes256: 32 };
const pline = (code, fn, reason, place) => `${Z}:error:${code}:Provider routines:${fn}:${reason}:../providers/implementations/${place}:\n`;

// Throws Fail with the lines after `MAC parameter error` when a value is refused.
function check(mac, params) {
  const key = first(params, "key");
  if (mac === "HMAC") {
    const name = first(params, "digest");
    if (name !== undefined && !(name.toLowerCase() in DIGESTS)) throw new Fail(fetchError(name));
    if (key !== undefined && name === undefined) throw new Fail("");
  } else if (mac === "CMAC") {
    const name = first(params, "cipher");
    if (name !== undefined && !(name.toLowerCase() in CMAC_CIPHERS)) throw new Fail(fetchError(name));
    if (key !== undefined && name === undefined) throw new Fail("");
    if (key !== undefined && key.length !== CMAC_CIPHERS[name.toLowerCase()])
      throw new Fail(`${Z}:error:03000082:digital envelope routines:EVP_CIPHER_CTX_set_key_length:invalid key length:../crypto/evp/evp_enc.c:1045:\n`);
  } else if (mac === "SIPHASH") {
    const size = first(params, "size");
    if ((size !== undefined && size !== 8 && size !== 16) || (key !== undefined && key.length !== 16)) throw new Fail("");
  } else if (mac === "POLY1305") {
    if (key !== undefined && key.length !== 32) throw new Fail(pline("1C800069", "poly1305_setkey", "invalid key length", "macs/poly1305_prov.c:85"));
  } else if (mac.startsWith("KMAC")) {
    if (key !== undefined && (key.length < 4 || key.length > 512)) throw new Fail(pline("1C800069", "kmac_setkey", "invalid key length", "macs/kmac_prov.c:249"));
  } else {
    const size = first(params, "size"), salt = first(params, "salt");
    if (size !== undefined && (size < 1 || size > 64))
      throw new Fail(pline("1C800071", "blake2_mac_set_ctx_params", "not xof or invalid length", "macs/blake2_mac_impl.c:203"));
    if (key !== undefined && (key.length < 1 || key.length > 64))
      throw new Fail(pline("1C800069", "blake2_setkey", "invalid key length", "macs/blake2_mac_impl.c:94"));
    if (salt !== undefined && salt.length > 16)
      throw new Fail(pline("1C800070", "blake2_mac_set_ctx_params", "invalid salt length", "macs/blake2_mac_impl.c:232"));
  }
}

function tag(mac, params, data) {
  const key = first(params, "key");
  if (key === undefined) {
    if (mac.startsWith("KMAC")) throw new Fail("EVP_MAC_Init failed\n" + pline("1C800072", "kmac_init", "no key set", "macs/kmac_prov.c:284"));
    if (mac === "BLAKE2BMAC") throw new Fail("EVP_MAC_Init failed\n" + pline("1C800072", "blake2_mac_init", "no key set", "macs/blake2_mac_impl.c:117"));
    throw new Fail(mac === "SIPHASH" ? "EVP_MAC_final failed\n" : "EVP_MAC_Init failed\n");
  }
  const get = (k, d) => (first(params, k) === undefined ? d : first(params, k));
  if (mac === "HMAC") return hmacWith(DIGESTS[first(params, "digest").toLowerCase()], key)(data);
  if (mac === "CMAC") return cmac(key, data);
  if (mac === "SIPHASH") return siphash(key, data, get("size", 16), get("c-rounds", 0) || 2, get("d-rounds", 0) || 4);
  if (mac === "POLY1305") return poly1305(key, data);
  if (mac.startsWith("KMAC")) {
    const wide = mac === "KMAC256";
    return kmac(wide ? 136 : 168, key, data, get("size", wide ? 64 : 32), get("custom", new Uint8Array(0)), get("xof", 0));
  }
  return blake2b(data, get("size", 64), key, get("salt", new Uint8Array(0)), get("custom", new Uint8Array(0)));
}

function main(argv) {
  const [opts, rest] = readOptions(argv, "mac", ["macopt", "digest", "cipher", "in", "out"], ["binary"]);
  if (rest.length !== 1) throw new Fail("mac: Use -help for summary.\n");
  const name = rest[0], mac = MACS[name.toLowerCase()];
  if (!mac) throw new Fail(`Invalid MAC name ${name}\nmac: Use -help for summary.\n` + fetchError(name));
  const texts = opts.filter(([k]) => k === "macopt").map(([, v]) => v);
  for (const opt of ["digest", "cipher"]) {
    const values = opts.filter(([k]) => k === opt);
    if (values.length) texts.push(opt + ":" + values[values.length - 1][1]);
  }
  const params = parseParams(texts, KNOWN[mac]);
  try {
    check(mac, params);
  } catch (e) {
    if (e instanceof Fail) throw new Fail("MAC parameter error\n" + e.message);
    throw e;
  }
  let source = null, outName = null;
  for (const [k, v] of opts) {
    if (k === "in") source = v;
    else if (k === "out") outName = v;
  }
  let data;
  if (source === null) data = fs.readFileSync(0);
  else {
    try {
      data = fs.readFileSync(source);
    } catch (e) {
      throw new Fail(`Can't open "${source}" for reading, No such file or directory\n` +
        `${Z}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${source}, rb)\n` +
        `${Z}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n`);
    }
  }
  if (outName !== null) fs.writeFileSync(outName, new Uint8Array(0));
  const t = tag(mac, params, new Uint8Array(data));
  const text = opts.some(([k]) => k === "binary") ? t
    : utf8(Array.from(t, (b) => b.toString(16).padStart(2, "0")).join("").toUpperCase() + (outName !== null ? "" : "\n"));
  if (outName !== null) fs.writeFileSync(outName, text);
  else process.stdout.write(Buffer.from(text));
}

const args = process.argv.slice(2);
try {
  // The command name comes first: `openssl mac ...`.
  main(args[0] === "mac" ? args.slice(1) : args);
} catch (e) {
  if (!(e instanceof Fail)) throw e;
  process.stderr.write(e.message);
  process.exit(1);
}
