//! The program directory of a language runtime (`Input::source`): a second, read-only
//! preopen (`/.replica`, descriptor 4) holding `program`, outside the tree. It reads like
//! any directory, refuses every change with `EROFS`, keeps `..` inside, never shows in the
//! output tree and is absent without a source. Regression tests for issue 14.

mod common;

use common::{explicit_dirs, render, render_tree, run_script, sample_input, sample_tree};
use replica_sandbox::Tree;

/// Rights wasi-libc asks for on a read-only open, and on a read-write one.
const READ: &str = "0x1FFFFEBEL";
const RW: &str = "0x1FFFFFFFL";

/// Runs `script` with a program given; the tree must come back untouched.
fn check(script: &str, expect: &str) {
    let mut input = sample_input();
    input.source = Some(b"print('hi')\n".to_vec());
    let outcome = run_script(script, &input);
    assert_eq!(
        render(&outcome).trim_end(),
        expect.trim(),
        "script:\n{script}"
    );
    let untouched = Tree {
        entries: explicit_dirs(&sample_tree()),
    };
    assert_eq!(render_tree(&outcome.files), render_tree(&untouched));
}

#[test]
fn the_program_directory_is_a_second_preopen() {
    check(
        "fd_prestat_get 4 &p:hex8\nfd_prestat_dir_name 4 &name:text9 9\nfd_prestat_get 5 &q:hex8",
        "fd_prestat_get -> 0 p=0000000009000000\n\
         fd_prestat_dir_name -> 0 name=\"/.replica\"\n\
         fd_prestat_get -> 8 q=0000000000000000\n\
         => exit 0",
    );
}

#[test]
fn the_program_reads_like_a_file() {
    check(
        &format!(
            "path_open 4 0 \"program\" 0 {READ} {READ} 0 &fd:u32\nfd_read $fd riov(16) &n:u32"
        ),
        "path_open -> 0 fd=5\nfd_read -> 0 read=\"print('hi')\\n\" n=12\n=> exit 0",
    );
}

#[test]
fn nothing_in_it_can_change() {
    check(
        &format!(
            "path_open 4 0 \"program\" 0 {RW} {RW} 0 &fd:u32\n\
             path_open 4 0 \"program\" 8 {READ} {READ} 0 &fd:u32\n\
             path_open 4 0 \"new\" 1 {RW} {RW} 0 &fd:u32\n\
             path_create_directory 4 \"sub\"\n\
             path_unlink_file 4 \"program\"\n\
             path_rename 4 \"program\" 3 \"stolen\"\n\
             path_rename 3 \"hello.txt\" 4 \"planted\"\n\
             path_symlink \"x\" 4 \"link\"\n\
             path_filestat_set_times 4 0 \"program\" 0L 0L 2"
        ),
        "path_open -> 69 fd=0\npath_open -> 69 fd=0\npath_open -> 69 fd=0\n\
         path_create_directory -> 69\npath_unlink_file -> 69\npath_rename -> 69\n\
         path_rename -> 69\npath_symlink -> 69\npath_filestat_set_times -> 69\n=> exit 0",
    );
}

#[test]
fn dot_dot_stays_inside() {
    check(
        &format!(
            "path_open 4 0 \"../hello.txt\" 0 {READ} {READ} 0 &fd:u32\n\
             path_open 4 0 \"..\" 2 {READ} {READ} 0 &fd:u32"
        ),
        "path_open -> 76 fd=0\npath_open -> 76 fd=0\n=> exit 0",
    );
}

#[test]
fn without_a_source_there_is_no_descriptor_4() {
    let outcome = run_script("fd_prestat_get 4 &p:hex8", &sample_input());
    assert_eq!(
        render(&outcome),
        "fd_prestat_get -> 8 p=0000000000000000\n=> exit 0"
    );
}
