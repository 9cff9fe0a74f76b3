//! A correct `openssl passwd` for the openssl-passwd task, written from the spec alone.

use std::io::{Read, Write};

use sha2::Digest;

const B64: &[u8] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

fn put(out: &mut String, v: u32, n: usize) {
    for k in 0..n {
        out.push(B64[((v >> (6 * k)) & 63) as usize] as char);
    }
}

fn md5(parts: &[&[u8]]) -> [u8; 16] {
    let mut h = md5::Md5::new();
    parts.iter().for_each(|p| h.update(p));
    h.finalize().into()
}

fn md5_crypt(pw: &[u8], magic: &str, salt: &[u8]) -> String {
    let s = &salt[..salt.len().min(8)];
    let b = md5(&[pw, s, pw]);
    let mut ctx = md5::Md5::new();
    ctx.update(pw);
    ctx.update(format!("${magic}$").as_bytes());
    ctx.update(s);
    let mut n = pw.len();
    while n > 16 {
        ctx.update(b);
        n -= 16;
    }
    ctx.update(&b[..n]);
    let mut bits = pw.len();
    while bits > 0 {
        ctx.update(if bits & 1 == 1 { &[0u8][..] } else { &pw[..1] });
        bits >>= 1;
    }
    let mut a: [u8; 16] = ctx.finalize().into();
    for i in 0u32..1000 {
        let first: &[u8] = if i % 2 == 1 { pw } else { &a };
        let last: &[u8] = if i % 2 == 1 { &a } else { pw };
        let mid_s: &[u8] = if !i.is_multiple_of(3) { s } else { b"" };
        let mid_p: &[u8] = if !i.is_multiple_of(7) { pw } else { b"" };
        a = md5(&[first, mid_s, mid_p, last]);
    }
    let mut out = format!("${magic}${}$", String::from_utf8_lossy(s));
    let t = |i: usize| u32::from(a[i]);
    for (x, y, z) in [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)] {
        put(&mut out, (t(x) << 16) | (t(y) << 8) | t(z), 4);
    }
    put(&mut out, t(11), 2);
    out
}

fn sha<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
    let mut h = D::new();
    parts.iter().for_each(|p| h.update(p));
    h.finalize().to_vec()
}

fn sha_crypt<D: Digest>(pw: &[u8], magic: char, salt_arg: &[u8]) -> Option<String> {
    let mut salt = salt_arg;
    let mut rounds = 5000u64;
    let mut shown = false;
    if let Some(rest) = salt_arg.strip_prefix(b"rounds=") {
        let text = String::from_utf8_lossy(rest).into_owned();
        let trimmed = text.trim_start();
        let skipped = text.len() - trimmed.len();
        let signless = trimmed.strip_prefix('+').unwrap_or(trimmed);
        let sign = trimmed.len() - signless.len();
        let digits = signless.bytes().take_while(u8::is_ascii_digit).count();
        let end = if digits == 0 {
            0
        } else {
            skipped + sign + digits
        };
        if rest.get(end) != Some(&b'$') {
            return None;
        }
        let n: u64 = if digits == 0 {
            0
        } else {
            signless[..digits].parse().unwrap_or(u64::MAX)
        };
        rounds = n.clamp(1000, 999_999_999);
        shown = true;
        salt = &rest[end + 1..];
    }
    let salt = &salt[..salt.len().min(16)];
    if salt.is_empty() || pw.is_empty() {
        return None;
    }
    let size = <D as Digest>::output_size();
    let b = sha::<D>(&[pw, salt, pw]);
    let mut ctx = D::new();
    ctx.update(pw);
    ctx.update(salt);
    for chunk in std::iter::repeat_n(&b[..], pw.len().div_ceil(size))
        .flatten()
        .take(pw.len())
        .copied()
        .collect::<Vec<u8>>()
        .chunks(size)
    {
        ctx.update(chunk);
    }
    let mut bits = pw.len();
    while bits > 0 {
        ctx.update(if bits & 1 == 1 { &b[..] } else { pw });
        bits >>= 1;
    }
    let a = ctx.finalize().to_vec();
    let dp = sha::<D>(&vec![pw; pw.len()]);
    let p: Vec<u8> = dp.iter().cycle().take(pw.len()).copied().collect();
    let ds = sha::<D>(&vec![salt; 16 + usize::from(a[0])]);
    let s: Vec<u8> = ds.iter().cycle().take(salt.len()).copied().collect();
    let mut c = a;
    for i in 0..rounds {
        let mut h = D::new();
        h.update(if i % 2 == 1 { &p } else { &c });
        if !i.is_multiple_of(3) {
            h.update(&s);
        }
        if !i.is_multiple_of(7) {
            h.update(&p);
        }
        h.update(if i % 2 == 1 { &c } else { &p });
        c = h.finalize().to_vec();
    }
    let mut out = format!("${magic}$");
    if shown {
        out.push_str(&format!("rounds={rounds}$"));
    }
    out.push_str(&String::from_utf8_lossy(salt));
    out.push('$');
    let t = |i: usize| u32::from(c[i]);
    if size == 32 {
        let mut idx = Vec::new();
        let (mut i, mut j, mut k) = (0, 10, 20);
        for _ in 0..10 {
            idx.push((i, j, k));
            (i, j, k) = ((k + 1) % 30, (i + 1) % 30, (j + 1) % 30);
        }
        for (x, y, z) in idx {
            put(&mut out, (t(x) << 16) | (t(y) << 8) | t(z), 4);
        }
        put(&mut out, (t(31) << 8) | t(30), 3);
    } else {
        let (mut i, mut j, mut k) = (0, 21, 42);
        for _ in 0..21 {
            put(&mut out, (t(i) << 16) | (t(j) << 8) | t(k), 4);
            (i, j, k) = ((j + 1) % 63, (k + 1) % 63, (i + 1) % 63);
        }
        put(&mut out, t(63), 2);
    }
    Some(out)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut out = String::new();
    let mut err = String::new();
    let status = passwd(&args, &mut out, &mut err);
    let _ = std::io::stdout().write_all(out.as_bytes());
    eprint!("{err}");
    std::process::exit(status);
}

fn passwd(args: &[String], out: &mut String, err: &mut String) -> i32 {
    let usage = "passwd: Use -help for summary.\n";
    let (mut scheme, mut salt, mut source) =
        (None::<String>, None::<String>, None::<Option<String>>);
    let (mut table, mut reverse, mut quiet) = (false, false, false);
    let mut i = 0;
    while i < args.len() && args[i].starts_with('-') {
        let a = args[i].clone();
        i += 1;
        if a == "--" {
            break;
        }
        let body = a.strip_prefix("--").unwrap_or(&a[1..]).to_string();
        let (name, inline) = match body.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (body, None),
        };
        let mut value = || match &inline {
            Some(v) => Some(v.clone()),
            None if i < args.len() => {
                i += 1;
                Some(args[i - 1].clone())
            }
            None => None,
        };
        match name.as_str() {
            "1" | "apr1" | "5" | "6" => {
                if scheme.replace(name.clone()).is_some() {
                    err.push_str(usage);
                    return 1;
                }
            }
            "salt" | "in" => {
                let Some(v) = value() else {
                    err.push_str(&format!("passwd: Option -{name} needs a value\n{usage}"));
                    return 1;
                };
                if name == "salt" {
                    salt = Some(v);
                } else if source.replace(Some(v)).is_some() {
                    err.push_str(usage);
                    return 1;
                }
            }
            "stdin" => {
                if source.replace(None).is_some() {
                    err.push_str(usage);
                    return 1;
                }
            }
            "table" => table = true,
            "reverse" => reverse = true,
            "quiet" => quiet = true,
            "noverify" => {}
            _ => {
                err.push_str(&format!("passwd: Unknown option: -{name}\n{usage}"));
                return 1;
            }
        }
    }
    let rest = &args[i..];
    if !rest.is_empty() && source.is_some() {
        err.push_str(usage);
        return 1;
    }
    let salt = salt.unwrap_or_default();
    let passwords: Vec<Vec<u8>> = match source {
        None => rest
            .iter()
            .map(|p| {
                let p = p.as_bytes();
                if p.len() > 256 {
                    if !quiet {
                        err.push_str("Warning: truncating password to 256 characters\n");
                    }
                    p[..256].to_vec()
                } else {
                    p.to_vec()
                }
            })
            .collect(),
        Some(src) => {
            let mut data = Vec::new();
            match src {
                None => {
                    let _ = std::io::stdin().read_to_end(&mut data);
                }
                Some(f) => match std::fs::read(&f) {
                    Ok(d) => data = d,
                    Err(_) => {
                        err.push_str(&format!("Can't open \"{f}\" for reading, No such file or directory\n0000000000000000:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen({f}, r)\n0000000000000000:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n"));
                        return 1;
                    }
                },
            }
            if data.last() == Some(&b'\n') {
                data.pop();
                data.split(|&c| c == b'\n')
                    .map(|l| l[..l.len().min(256)].to_vec())
                    .collect()
            } else if data.is_empty() {
                Vec::new()
            } else {
                data.split(|&c| c == b'\n')
                    .map(|l| l[..l.len().min(256)].to_vec())
                    .collect()
            }
        }
    };
    for pw in passwords {
        let s = salt.as_bytes();
        let hash = match scheme.as_deref() {
            Some("5") => sha_crypt::<sha2::Sha256>(&pw, '5', s),
            Some("6") => sha_crypt::<sha2::Sha512>(&pw, '6', s),
            Some("apr1") => Some(md5_crypt(&pw, "apr1", s)),
            _ => Some(md5_crypt(&pw, "1", s)),
        }
        .unwrap_or_else(|| "<NULL>".into());
        let pw = String::from_utf8_lossy(&pw);
        out.push_str(&match (table, reverse) {
            (true, false) => format!("{pw}\t{hash}\n"),
            (true, true) => format!("{hash}\t{pw}\n"),
            _ => format!("{hash}\n"),
        });
    }
    0
}
