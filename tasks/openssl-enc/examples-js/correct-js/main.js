// Example submission for the openssl-enc task in JavaScript: `openssl enc` with a raw key,
// written from spec.md, with AES (FIPS 197), Triple DES (SP 800-67) and ChaCha20 (RFC 8439)
// by hand (the runtime has no crypto). Grade it with
// `replica grade openssl-enc tasks/openssl-enc/examples-js/correct-js/main.js`.
const fs = require("fs");

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
  const VALUED = ["K", "iv", "in", "out"];
  const FLAGS = ["e", "d", "nopad", "a", "base64", "A", "p", "P", "nosalt"];
  const flags = new Set(), values = {};
  let cipher = null, i = 0;
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
    } else if (FLAGS.includes(name)) {
      const other = { e: "d", d: "e", p: "P", P: "p" }[name];
      if (other) flags.delete(other);
      flags.add(name === "base64" ? "a" : name);
    } else cipher = body;
  }
  if (i < argv.length) {
    err.push(USAGE);
    return 1;
  }
  const spec = cipher === null ? undefined : CIPHERS[cipher.toLowerCase()];
  if (!spec) {
    err.push(`enc: Unknown cipher: ${cipher}\n` + USAGE + `${Z}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:386:Global default library context, Algorithm (${cipher} : 0), Properties (<null>)\n`);
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
  if ("out" in values) fs.writeFileSync(values.out, new Uint8Array(0));
  if (decrypt && base64) data = new Uint8Array(Buffer.from(Buffer.from(data).toString("latin1").replace(/\s+/g, ""), "base64"));
  const [, klen, ivlen] = spec;
  let iv = null;
  if (ivlen) {
    if (!("iv" in values)) {
      err.push("iv undefined\n");
      return 1;
    }
    iv = setHex(values.iv, ivlen, err);
    if (!iv) {
      err.push("invalid hex iv value\n");
      return 1;
    }
  } else if ("iv" in values) err.push("warning: iv not used by this cipher\n");
  const key = setHex(values.K || "", klen, err);
  if (!key) {
    err.push("invalid hex key value\n");
    return 1;
  }
  if (flags.has("p") || flags.has("P")) {
    let lines = (flags.has("nosalt") ? "" : "salt=" + "00".repeat(8) + "\n") + "key=" + hexUpper(key) + "\n";
    if (iv) lines += "iv =" + hexUpper(iv) + "\n";
    process.stdout.write(lines);
    if (flags.has("P")) return 0;
  }
  let [result, failure] = crypt(spec, key, iv, data, decrypt, !flags.has("nopad"));
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
