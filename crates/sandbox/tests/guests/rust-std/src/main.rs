//! A Rust std program for the sandbox tests: the first argument picks what it exercises.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("env") => env(&args),
        Some("stdin") => stdin(),
        Some("fs") => fs(),
        Some("exit") => std::process::exit(args[2].parse().expect("exit code")),
        Some("panic") => panic!("deliberate panic"),
        Some("alloc") => alloc(),
        Some("time") => time(),
        other => {
            eprintln!("unknown mode {other:?}");
            std::process::exit(2);
        }
    }
}

fn env(args: &[String]) {
    println!("args: {args:?}");
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("vars: {vars:?}");
    println!("cwd: {}", std::env::current_dir().unwrap().display());
    // HashMap seeds itself through random_get; it must work, whatever the order.
    let map: HashMap<_, _> = args.iter().enumerate().collect();
    println!("map len: {}", map.len());
}

fn stdin() {
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).unwrap();
    let lines = input.iter().filter(|&&b| b == b'\n').count();
    println!("read {} bytes, {lines} lines", input.len());
    let mut again = Vec::new();
    let n = std::io::stdin().read_to_end(&mut again).unwrap();
    println!("read past the end: {n}");
    eprintln!("stderr works");
    std::io::stdout().flush().unwrap();
}

fn fs() {
    std::fs::create_dir_all("out/nested").unwrap();
    std::fs::write("out/nested/data.txt", b"some data\n").unwrap();
    let text = std::fs::read_to_string("input.txt").unwrap();
    println!("input.txt: {text:?}");
    std::fs::rename("input.txt", "out/input.txt").unwrap();
    let mut names: Vec<String> = std::fs::read_dir("out")
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    println!("out: {names:?}");
    let meta = std::fs::metadata("out/nested/data.txt").unwrap();
    println!("data.txt: {} bytes, file={}", meta.len(), meta.is_file());
    println!("missing: {}", std::fs::read("missing").unwrap_err());
    println!("escape: {}", std::fs::read("../escape").unwrap_err());
    println!(
        "absolute: {:?}",
        std::fs::read_to_string("/out/nested/data.txt").unwrap()
    );
    std::fs::remove_file("out/nested/data.txt").unwrap();
    std::fs::remove_dir("out/nested").unwrap();
    println!("dir as file: {}", std::fs::read("out").unwrap_err());
}

fn alloc() {
    // Far more than any budget: the allocator's memory.grow is refused and std aborts.
    let mut blocks = Vec::new();
    loop {
        blocks.push(vec![1u8; 8 << 20]);
        println!("allocated {} MiB", blocks.len() * 8);
    }
}

fn time() {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    println!("unix seconds: {}", now.as_secs());
    let start = std::time::Instant::now();
    std::thread::sleep(std::time::Duration::from_secs(10));
    println!("slept at least 10 s: {}", start.elapsed().as_secs() >= 10);
}
