//! Every WASI preview1 call, exercised by small WAT guests generated from one-line scripts
//! (see `common/mod.rs` for the script language). Each test pins what the guest printed.

mod common;

use common::{render, run_script, sample_input, tree_changes};
use replica_sandbox::Node;

/// Removes the indentation the expectations carry in the source.
fn dedent(text: &str) -> String {
    let lines: Vec<&str> = text.lines().skip_while(|l| l.trim().is_empty()).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect();
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

/// Runs `script` on the sample input; compares what the guest printed and how it ended.
fn check(script: &str, expect: &str) {
    let outcome = run_script(script, &sample_input());
    assert_eq!(render(&outcome), dedent(expect), "script:\n{script}");
}

/// As [`check`], and also compares how the file tree changed (`+` added, `-` removed).
fn check_files(script: &str, expect: &str, changes: &str) {
    let outcome = run_script(script, &sample_input());
    assert_eq!(render(&outcome), dedent(expect), "script:\n{script}");
    assert_eq!(
        tree_changes(&outcome.files).trim_end(),
        dedent(changes),
        "script:\n{script}"
    );
}

/// Rights wasi-libc asks for on a read-only open: everything but the write-like ones.
const READ: &str = "0x1FFFFEBEL";
/// Rights for a read-write open.
const RW: &str = "0x1FFFFFFFL";

fn open(path: &str, oflags: u32, rights: &str, fdflags: u32) -> String {
    format!("path_open 3 1 \"{path}\" {oflags} {rights} {rights} {fdflags} &fd:u32")
}

/// A `subscription_clock` record for `poll_oneoff`, as script bytes.
fn clock_sub(userdata: u8, clock: u8, timeout: u64, flags: u8) -> String {
    let mut bytes = vec![0u8; 48];
    bytes[0] = userdata;
    bytes[16] = clock;
    bytes[24..32].copy_from_slice(&timeout.to_le_bytes());
    bytes[40] = flags;
    escape(&bytes)
}

/// A `subscription_fd_readwrite` record (tag 1 read, 2 write).
fn fd_sub(userdata: u8, tag: u8, fd: u8) -> String {
    let mut bytes = vec![0u8; 48];
    bytes[0] = userdata;
    bytes[8] = tag;
    bytes[16] = fd;
    escape(&bytes)
}

fn escape(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\x{b:02x}")).collect()
}

// ---- args and environment ----

#[test]
fn args_sizes() {
    check(
        "args_sizes_get &argc:u32 &size:u32",
        "
        args_sizes_get -> 0 argc=3 size=20
        => exit 0",
    );
}
#[test]
fn args_strings() {
    check(
        "args_get &ptrs:hex12 &buf:text20",
        "
        args_get -> 0 ptrs=10040000160400001a040000 buf=\"guest\\0one\\0two words\"
        => exit 0",
    );
}
#[test]
fn args_hostile_pointer() {
    check(
        "args_get 0x1FFFC 0x1FFF0",
        "
        args_get -> 21
        => exit 0",
    );
}
#[test]
fn environ_sizes() {
    check(
        "environ_sizes_get &count:u32 &size:u32",
        "
        environ_sizes_get -> 0 count=2 size=24
        => exit 0",
    );
}
#[test]
fn environ_strings() {
    check(
        "environ_get &ptrs:hex8 &buf:text24",
        "
        environ_get -> 0 ptrs=0804000019040000 buf=\"HOME=/home/guest\\0LANG=C\"
        => exit 0",
    );
}

// ---- standard streams ----

#[test]
fn stdin_read_to_eof_and_past_it() {
    check(
        "
        fd_read 0 riov(10) &n:u32
        fd_read 0 riov(10) &n:u32
        fd_read 0 riov(10) &n:u32
        fd_read 0 riov(10) &n:u32",
        "
        fd_read -> 0 read=\"line 1\\nlin\" n=10
        fd_read -> 0 read=\"e 2\\n\" n=4
        fd_read -> 0 read=\"\" n=0
        fd_read -> 0 read=\"\" n=0
        => exit 0",
    );
}
#[test]
fn stdin_read_scatters_over_iovecs() {
    check(
        "fd_read 0 riov(3, 4) &n:u32",
        "
        fd_read -> 0 read=\"lin\" read=\"e 1\\n\" n=7
        => exit 0",
    );
}
#[test]
fn stdout_write_gathers_iovecs() {
    check(
        "fd_write 1 iov(\"hi\", \" there\\n\") &n:u32",
        "
        fd_write -> hi there
        0 n=9
        => exit 0",
    );
}
#[test]
fn stderr_write() {
    check(
        "fd_write 2 iov(\"oops\\n\") &n:u32",
        "
        fd_write -> 0 n=5
        stderr: oops
        => exit 0",
    );
}
#[test]
fn wrong_direction_and_closed_fds() {
    check(
        "
        fd_write 0 iov(\"x\") &n:u32
        fd_read 1 riov(4) &n:u32
        fd_write 9 iov(\"x\") &n:u32
        fd_read 3 riov(4) &n:u32",
        "
        fd_write -> 8 n=0
        fd_read -> 8 read=\"\" n=0
        fd_write -> 8 n=0
        fd_read -> 31 read=\"\" n=0
        => exit 0",
    );
}
#[test]
fn stdio_is_not_a_terminal() {
    // wasi-libc's isatty wants a character device without seek/tell rights.
    check(
        "
        fd_fdstat_get 0 &st:fdstat
        fd_fdstat_get 1 &st:fdstat
        fd_fdstat_get 3 &st:fdstat",
        "
        fd_fdstat_get -> 0 st=t:0 f:0 r:136314890 i:0 
        fd_fdstat_get -> 0 st=t:0 f:0 r:136314952 i:0 
        fd_fdstat_get -> 0 st=t:3 f:0 r:129498624 i:1073741823 
        => exit 0",
    );
}
#[test]
fn stdio_cannot_seek() {
    check(
        "
        fd_seek 0 0L 0 &pos:u64
        fd_tell 1 &pos:u64
        fd_pread 0 riov(4) 0L &n:u32
        fd_pwrite 1 iov(\"x\") 0L &n:u32",
        "
        fd_seek -> 70 pos=0
        fd_tell -> 70 pos=0
        fd_pread -> 70 read=\"\" n=0
        fd_pwrite -> 70 n=0
        => exit 0",
    );
}
#[test]
fn stdio_nonblocking_flag_accepted() {
    check(
        "
        fd_fdstat_set_flags 0 4
        fd_fdstat_get 0 &st:fdstat
        fd_read 0 riov(4) &n:u32",
        "
        fd_fdstat_set_flags -> 0
        fd_fdstat_get -> 0 st=t:0 f:4 r:136314890 i:0 
        fd_read -> 0 read=\"line\" n=4
        => exit 0",
    );
}
#[test]
fn stdio_filestat() {
    check(
        "fd_filestat_get 1 &st:filestat",
        "
        fd_filestat_get -> 0 st=t:0 n:1 s:0 m:0 i:0 
        => exit 0",
    );
}

// ---- preopens ----

#[test]
fn preopen_is_root() {
    check(
        "
        fd_prestat_get 3 &pre:hex8
        fd_prestat_dir_name 3 &name:text1 1
        fd_prestat_dir_name 3 &name:text1 0
        fd_prestat_get 4 &pre:hex8
        fd_prestat_get 1 &pre:hex8",
        "
        fd_prestat_get -> 0 pre=0000000001000000
        fd_prestat_dir_name -> 0 name=\"/\"
        fd_prestat_dir_name -> 37 name=\"\"
        fd_prestat_get -> 8 pre=0000000000000000
        fd_prestat_get -> 8 pre=0000000000000000
        => exit 0",
    );
}

// ---- files through descriptors ----

#[test]
fn read_file_then_close() {
    check(
        &format!(
            "
        {}
        fd_read $fd riov(64) &n:u32
        fd_read $fd riov(64) &n:u32
        fd_close $fd
        fd_close $fd",
            open("hello.txt", 0, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_read -> 0 read=\"hello world\\n\" n=12
        fd_read -> 0 read=\"\" n=0
        fd_close -> 0
        fd_close -> 8
        => exit 0",
    );
}
#[test]
fn open_missing_file() {
    check(
        &open("missing.txt", 0, READ, 0),
        "
        path_open -> 44 fd=0
        => exit 0",
    );
}
#[test]
fn create_write_seek_read() {
    check_files(
        &format!(
            "
        {}
        fd_write $fd iov(\"abc\") &n:u32
        fd_seek $fd 0L 0 &pos:u64
        fd_read $fd riov(8) &n:u32
        fd_tell $fd &pos:u64",
            open("new.txt", 9, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_write -> 0 n=3
        fd_seek -> 0 pos=0
        fd_read -> 0 read=\"abc\" n=3
        fd_tell -> 0 pos=3
        => exit 0",
        r#"
        + new.txt = "abc""#,
    );
}
#[test]
fn exclusive_create_of_existing_file() {
    check(
        &open("hello.txt", 5, RW, 0),
        "
        path_open -> 20 fd=0
        => exit 0",
    );
}
#[test]
fn directory_opens_for_reading_but_read_is_eisdir() {
    check(
        &format!(
            "
        {}
        fd_read $fd riov(8) &n:u32",
            open("dir", 0, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_read -> 31 read=\"\" n=0
        => exit 0",
    );
}
#[test]
fn directory_cannot_open_for_writing() {
    check(
        &open("dir", 0, RW, 0),
        "
        path_open -> 31 fd=0
        => exit 0",
    );
}
/// Issue 15 (the WASI test suite): programs open `.` with the rights the preopen reports,
/// so those are directory rights without `FD_WRITE`, and the new descriptor reports no
/// more; asking a directory for `FD_WRITE` is still EISDIR.
#[test]
fn the_preopen_reopens_with_its_own_rights() {
    check(
        "
        fd_fdstat_get 3 &st:fdstat
        path_open 3 0 \".\" 2 129498624L 1073741823L 0 &fd:u32
        fd_fdstat_get $fd &st:fdstat
        path_open 3 0 \".\" 2 0x44L 0L 0 &w:u32
        path_open 3 0 \"dir\" 2 0x4L 0L 0 &seek:u32
        fd_fdstat_get $seek &st:fdstat",
        "
        fd_fdstat_get -> 0 st=t:3 f:0 r:129498624 i:1073741823 
        path_open -> 0 fd=4
        fd_fdstat_get -> 0 st=t:3 f:0 r:129498624 i:1073741823 
        path_open -> 31 w=0
        path_open -> 0 seek=5
        fd_fdstat_get -> 0 st=t:3 f:0 r:0 i:0 
        => exit 0",
    );
}
/// Issue 15: directories have no position; listings resume from cookies.
#[test]
fn seeking_a_directory_is_eisdir() {
    check(
        &format!(
            "
        {}
        fd_seek $fd 0L 1 &pos:u64
        fd_seek 3 0L 0 &pos:u64
        fd_tell $fd &pos:u64",
            open("dir", 2, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_seek -> 31 pos=0
        fd_seek -> 31 pos=0
        fd_tell -> 31 pos=0
        => exit 0",
    );
}
/// Issue 15: a directory descriptor is a capability. `..` may not climb above the
/// directory it names, directly or through a symlink, though the same path from the root
/// resolves.
#[test]
fn dotdot_stops_at_the_descriptors_directory() {
    check(
        &format!(
            "
        {}
        path_open $fd 0 \"sub/../a.txt\" 0 0x2L 0L 0 &ok:u32
        path_open $fd 0 \"../hello.txt\" 0 0x2L 0L 0 &up:u32
        path_open $fd 0 \"sub/../../dir/a.txt\" 0 0x2L 0L 0 &around:u32
        path_filestat_get $fd 0 \"..\" &st:filestat
        path_symlink \"../hello.txt\" $fd \"uplink\"
        path_open $fd 1 \"uplink\" 0 0x2L 0L 0 &via:u32
        path_open 3 1 \"dir/uplink\" 0 0x2L 0L 0 &root:u32
        path_open 3 0 \"dir/../hello.txt\" 0 0x2L 0L 0 &plain:u32",
            open("dir", 2, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        path_open -> 0 ok=5
        path_open -> 76 up=0
        path_open -> 76 around=0
        path_filestat_get -> 76 st=t:0 n:0 s:0 m:0 i:0 
        path_symlink -> 0
        path_open -> 76 via=0
        path_open -> 0 root=6
        path_open -> 0 plain=7
        => exit 0",
    );
}
/// The empty path names nothing, as on Linux (issue 15, from the uudecode task: wasi-libc
/// turns `open("")` into `open(".")` before the host sees it, so that stays the guest's
/// concern).
#[test]
fn the_empty_path_is_enoent() {
    check(
        "
        path_open 3 0 \"\" 9 0x40L 0L 0 &fd:u32
        path_filestat_get 3 0 \"\" &st:filestat
        path_create_directory 3 \"\"",
        "
        path_open -> 44 fd=0
        path_filestat_get -> 44 st=t:0 n:0 s:0 m:0 i:0 
        path_create_directory -> 44
        => exit 0",
    );
}
#[test]
fn o_directory_on_a_file() {
    check(
        &open("hello.txt", 2, READ, 0),
        "
        path_open -> 54 fd=0
        => exit 0",
    );
}
#[test]
fn write_on_read_only_descriptor() {
    check(
        &format!(
            "
        {}
        fd_write $fd iov(\"x\") &n:u32",
            open("hello.txt", 0, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_write -> 8 n=0
        => exit 0",
    );
}
#[test]
fn append_mode() {
    check_files(
        &format!(
            "
        {}
        fd_write $fd iov(\"more\\n\") &n:u32
        fd_fdstat_get $fd &st:fdstat",
            open("hello.txt", 0, RW, 1)
        ),
        "
        path_open -> 0 fd=4
        fd_write -> 0 n=5
        fd_fdstat_get -> 0 st=t:4 f:1 r:536870911 i:536870911 
        => exit 0",
        r#"
        - hello.txt = "hello world\n"
        + hello.txt = "hello world\nmore\n""#,
    );
}
#[test]
fn truncate_on_open() {
    check_files(
        &open("hello.txt", 8, RW, 0),
        "
        path_open -> 0 fd=4
        => exit 0",
        r#"
        - hello.txt = "hello world\n"
        + hello.txt = """#,
    );
}
#[test]
fn pread_pwrite_leave_position() {
    check_files(
        &format!(
            "
        {}
        fd_pread $fd riov(5) 6L &n:u32
        fd_pwrite $fd iov(\"HELLO\") 0L &n:u32
        fd_tell $fd &pos:u64",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_pread -> 0 read=\"world\" n=5
        fd_pwrite -> 0 n=5
        fd_tell -> 0 pos=0
        => exit 0",
        r#"
        - hello.txt = "hello world\n"
        + hello.txt = "HELLO world\n""#,
    );
}
#[test]
fn seek_from_end_and_past_end() {
    check_files(
        &format!(
            "
        {}
        fd_seek $fd -6L 2 &pos:u64
        fd_read $fd riov(5) &n:u32
        fd_seek $fd 14L 0 &pos:u64
        fd_write $fd iov(\"x\") &n:u32
        fd_seek $fd -1L 0 &pos:u64
        fd_seek $fd 0L 7 &pos:u64",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_seek -> 0 pos=6
        fd_read -> 0 read=\"world\" n=5
        fd_seek -> 0 pos=14
        fd_write -> 0 n=1
        fd_seek -> 28 pos=0
        fd_seek -> 28 pos=0
        => exit 0",
        r#"
        - hello.txt = "hello world\n"
        + hello.txt = "hello world\n\0\0x""#,
    );
}
#[test]
fn empty_writes_far_past_the_end() {
    check_files(
        &format!(
            "
        {}
        fd_pwrite $fd iov(\"\") 4000000000L &n:u32
        fd_seek $fd 4000000000L 0 &pos:u64
        fd_write $fd iov() &n:u32
        fd_pread $fd riov(4) 4000000000L &n:u32",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_pwrite -> 0 n=0
        fd_seek -> 0 pos=4000000000
        fd_write -> 0 n=0
        fd_pread -> 0 read=\"\" n=0
        => exit 0",
        "",
    );
}
#[test]
fn write_far_past_the_end_is_enospc() {
    check(
        &format!(
            "
        {}
        fd_pwrite $fd iov(\"x\") 4000000000L &n:u32",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_pwrite -> 51 n=0
        => exit 0",
    );
}
#[test]
fn filestat_of_descriptor() {
    check(
        &format!(
            "
        {}
        fd_filestat_get $fd &st:filestat
        fd_filestat_get 3 &st:filestat",
            open("hello.txt", 0, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_filestat_get -> 0 st=t:4 n:1 s:12 m:946684800 i:10 
        fd_filestat_get -> 0 st=t:3 n:4 s:4096 m:946684800 i:1 
        => exit 0",
    );
}
#[test]
fn set_size_truncates_and_extends() {
    check_files(
        &format!(
            "
        {}
        fd_filestat_set_size $fd 5L
        fd_filestat_set_size $fd 7L
        fd_filestat_set_size 3 0L
        fd_filestat_set_size 1 0L",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_filestat_set_size -> 0
        fd_filestat_set_size -> 0
        fd_filestat_set_size -> 31
        fd_filestat_set_size -> 28
        => exit 0",
        r#"
        - hello.txt = "hello world\n"
        + hello.txt = "hello\0\0""#,
    );
}
#[test]
fn set_size_needs_write_access() {
    check(
        &format!(
            "
        {}
        fd_filestat_set_size $fd 0L",
            open("hello.txt", 0, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_filestat_set_size -> 8
        => exit 0",
    );
}
#[test]
fn set_times_explicit_now_and_conflicting() {
    check(
        &format!(
            "
        {}
        fd_filestat_set_times $fd 1000000000000L 2000000000000L 5
        fd_filestat_get $fd &st:filestat
        fd_filestat_set_times $fd 0L 0L 8
        fd_filestat_get $fd &st:filestat
        fd_filestat_set_times $fd 0L 0L 3",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_filestat_set_times -> 0
        fd_filestat_get -> 0 st=t:4 n:1 s:12 m:2000 i:10 
        fd_filestat_set_times -> 0
        fd_filestat_get -> 0 st=t:4 n:1 s:12 m:946684800 i:10 
        fd_filestat_set_times -> 28
        => exit 0",
    );
}
#[test]
fn allocate_advise_sync() {
    check(
        &format!(
            "
        {}
        fd_allocate $fd 0L 100L
        fd_filestat_get $fd &st:filestat
        fd_advise $fd 0L 0L 1
        fd_advise $fd 0L 0L 9
        fd_advise 1 0L 0L 0
        fd_sync $fd
        fd_datasync $fd
        fd_sync 1",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_allocate -> 0
        fd_filestat_get -> 0 st=t:4 n:1 s:100 m:946684800 i:10 
        fd_advise -> 0
        fd_advise -> 28
        fd_advise -> 70
        fd_sync -> 0
        fd_datasync -> 0
        fd_sync -> 28
        => exit 0",
    );
}
#[test]
fn fdstat_flags_and_rights() {
    check(
        &format!(
            "
        {}
        fd_fdstat_set_flags $fd 1
        fd_fdstat_set_flags $fd 0x100
        fd_fdstat_set_rights $fd 2L 0L
        fd_fdstat_get $fd &st:fdstat
        fd_write $fd iov(\"x\") &n:u32
        fd_fdstat_set_rights $fd 66L 0L",
            open("hello.txt", 0, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_fdstat_set_flags -> 0
        fd_fdstat_set_flags -> 28
        fd_fdstat_set_rights -> 0
        fd_fdstat_get -> 0 st=t:4 f:1 r:2 i:0 
        fd_write -> 8 n=0
        fd_fdstat_set_rights -> 76
        => exit 0",
    );
}
#[test]
fn renumber_moves_a_descriptor() {
    check_files(
        &format!(
            "
        {}
        fd_renumber $fd 2
        fd_write 2 iov(\"to file\") &n:u32
        fd_close $fd
        fd_renumber 2 9
        fd_renumber 9 2",
            open("hello.txt", 8, RW, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_renumber -> 0
        fd_write -> 0 n=7
        fd_close -> 8
        fd_renumber -> 8
        fd_renumber -> 8
        => exit 0",
        r#"
        - hello.txt = "hello world\n"
        + hello.txt = "to file""#,
    );
}
#[test]
fn lowest_free_descriptor_is_reused() {
    check(
        &format!(
            "
        fd_close 0
        {}",
            open("hello.txt", 0, READ, 0)
        ),
        "
        fd_close -> 0
        path_open -> 0 fd=0
        => exit 0",
    );
}

// ---- paths ----

#[test]
fn create_directory() {
    check_files(
        "
        path_create_directory 3 \"newdir\"
        path_create_directory 3 \"newdir\"
        path_create_directory 3 \"missing/x\"
        path_create_directory 3 \"hello.txt/x\"
        path_create_directory 3 \"dir/sub/deeper/\"
        path_create_directory 3 \".\"",
        "
        path_create_directory -> 0
        path_create_directory -> 20
        path_create_directory -> 44
        path_create_directory -> 54
        path_create_directory -> 0
        path_create_directory -> 20
        => exit 0",
        "
        + dir/sub/deeper/
        + newdir/",
    );
}
#[test]
fn remove_directory() {
    check_files(
        "
        path_remove_directory 3 \"empty\"
        path_remove_directory 3 \"dir\"
        path_remove_directory 3 \"hello.txt\"
        path_remove_directory 3 \"nope\"
        path_remove_directory 3 \".\"",
        "
        path_remove_directory -> 0
        path_remove_directory -> 55
        path_remove_directory -> 54
        path_remove_directory -> 44
        path_remove_directory -> 28
        => exit 0",
        "
        - empty/",
    );
}
#[test]
fn unlink_file() {
    check_files(
        "
        path_unlink_file 3 \"link\"
        path_unlink_file 3 \"dir\"
        path_unlink_file 3 \"nope\"
        path_unlink_file 3 \"dir/a.txt\"",
        "
        path_unlink_file -> 0
        path_unlink_file -> 31
        path_unlink_file -> 44
        path_unlink_file -> 0
        => exit 0",
        "
        - dir/a.txt = \"A\"
        - link -> hello.txt",
    );
}
#[test]
fn rename_files_and_directories() {
    check_files(
        "
        path_rename 3 \"hello.txt\" 3 \"dir/moved.txt\"
        path_rename 3 \"dir\" 3 \"dir/sub/x\"
        path_rename 3 \"dir/moved.txt\" 3 \"empty\"
        path_rename 3 \"empty\" 3 \"dir\"
        path_rename 3 \"dir\" 3 \"empty\"
        path_rename 3 \"nope\" 3 \"x\"",
        "
        path_rename -> 0
        path_rename -> 28
        path_rename -> 31
        path_rename -> 55
        path_rename -> 0
        path_rename -> 44
        => exit 0",
        r#"
        - dir/
        - dir/a.txt = "A"
        - dir/sub/
        - hello.txt = "hello world\n"
        + empty/a.txt = "A"
        + empty/moved.txt = "hello world\n"
        + empty/sub/"#,
    );
}
#[test]
fn rename_replaces_a_file() {
    check_files(
        "path_rename 3 \"dir/a.txt\" 3 \"hello.txt\"",
        "
        path_rename -> 0
        => exit 0",
        r#"
        - dir/a.txt = "A"
        - hello.txt = "hello world\n"
        + hello.txt = "A""#,
    );
}
#[test]
fn open_descriptor_survives_rename_and_unlink() {
    check_files(
        &format!(
            "
        {}
        path_rename 3 \"hello.txt\" 3 \"renamed.txt\"
        path_unlink_file 3 \"renamed.txt\"
        fd_read $fd riov(64) &n:u32
        fd_filestat_get $fd &st:filestat",
            open("hello.txt", 0, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        path_rename -> 0
        path_unlink_file -> 0
        fd_read -> 0 read=\"hello world\\n\" n=12
        fd_filestat_get -> 0 st=t:4 n:0 s:12 m:946684800 i:10 
        => exit 0",
        r#"
        - hello.txt = "hello world\n""#,
    );
}
#[test]
fn symlink_and_readlink() {
    check_files(
        "
        path_symlink \"hello.txt\" 3 \"newlink\"
        path_symlink \"x\" 3 \"newlink\"
        path_readlink 3 \"newlink\" &buf:text32 32 &n:u32
        path_readlink 3 \"newlink\" &buf:text4 4 &n:u32
        path_readlink 3 \"hello.txt\" &buf:text32 32 &n:u32
        path_readlink 3 \"dirlink/a.txt\" &buf:text32 32 &n:u32",
        "
        path_symlink -> 0
        path_symlink -> 20
        path_readlink -> 0 buf=\"hello.txt\" n=9
        path_readlink -> 0 buf=\"hell\" n=4
        path_readlink -> 28 buf=\"\" n=0
        path_readlink -> 28 buf=\"\" n=0
        => exit 0",
        "
        + newlink -> hello.txt",
    );
}
/// The tree has no hard links (a `Tree` cannot express them, and copies per name would
/// let a guest multiply file contents past `fs_bytes` in the output): `path_link` is
/// `ENOTSUP` and changes nothing, once both paths have been looked up as for any call.
#[test]
fn hard_links_are_not_supported() {
    check_files(
        "
        path_link 3 0 \"hello.txt\" 3 \"hard.txt\"
        path_link 3 0 \"dir\" 3 \"hard_dir\"
        path_link 3 1 \"link\" 3 \"via_link.txt\"
        path_link 9 0 \"hello.txt\" 3 \"hard.txt\"
        path_link 3 0 0x7FFFFFFF 5 3 \"hard.txt\"
        path_link 3 0 \"nope.txt\" 3 \"hard.txt\"
        path_link 3 0 \"hello.txt\" 3 \"../hard.txt\"
        path_filestat_get 3 0 \"hello.txt\" &st:filestat",
        "
        path_link -> 58
        path_link -> 58
        path_link -> 58
        path_link -> 8
        path_link -> 21
        path_link -> 44
        path_link -> 76
        path_filestat_get -> 0 st=t:4 n:1 s:12 m:946684800 i:10 
        => exit 0",
        "",
    );
}
#[test]
fn path_filestat_follows_or_not() {
    check(
        "
        path_filestat_get 3 1 \"link\" &st:filestat
        path_filestat_get 3 0 \"link\" &st:filestat
        path_filestat_get 3 0 \"dir\" &st:filestat
        path_filestat_get 3 0 \"dir/sub/../a.txt\" &st:filestat
        path_filestat_get 3 0 \"nope\" &st:filestat",
        "
        path_filestat_get -> 0 st=t:4 n:1 s:12 m:946684800 i:10 
        path_filestat_get -> 0 st=t:7 n:1 s:9 m:946684800 i:11 
        path_filestat_get -> 0 st=t:3 n:3 s:4096 m:946684800 i:4 
        path_filestat_get -> 0 st=t:4 n:1 s:1 m:946684800 i:5 
        path_filestat_get -> 44 st=t:0 n:0 s:0 m:0 i:0 
        => exit 0",
    );
}
#[test]
fn path_set_times() {
    check(
        "
        path_filestat_set_times 3 0 \"hello.txt\" 0L 5000000000L 4
        path_filestat_get 3 0 \"hello.txt\" &st:filestat",
        "
        path_filestat_set_times -> 0
        path_filestat_get -> 0 st=t:4 n:1 s:12 m:5 i:10 
        => exit 0",
    );
}
#[test]
fn path_calls_need_a_directory_descriptor() {
    check(
        "
        path_create_directory 1 \"x\"
        path_create_directory 42 \"x\"",
        "
        path_create_directory -> 54
        path_create_directory -> 8
        => exit 0",
    );
}

// ---- escaping the tree ----

#[test]
fn escapes_are_not_capable() {
    check(
        &[
            open("../x", 0, READ, 0),
            open("/etc/passwd", 0, READ, 0),
            open("dir/../../x", 0, READ, 0),
            open("escape", 0, READ, 0),
            open("abs", 0, READ, 0),
            "path_create_directory 3 \"../x\"".into(),
            "path_symlink \"/etc\" 3 \"newabs\"".into(),
            open("newabs/passwd", 0, READ, 0),
        ]
        .join("\n"),
        "
        path_open -> 76 fd=0
        path_open -> 76 fd=0
        path_open -> 76 fd=0
        path_open -> 76 fd=0
        path_open -> 76 fd=0
        path_create_directory -> 76
        path_symlink -> 0
        path_open -> 76 fd=0
        => exit 0",
    );
}
#[test]
fn symlink_loops_and_nofollow() {
    check(
        "
        path_open 3 1 \"loop\" 0 0L 0L 0 &fd:u32
        path_open 3 0 \"link\" 0 0L 0L 0 &fd:u32
        path_open 3 1 \"dirlink/a.txt\" 0 0x1FFFFEBEL 0L 0 &fd:u32
        fd_read $fd riov(4) &n:u32",
        "
        path_open -> 32 fd=0
        path_open -> 32 fd=0
        path_open -> 0 fd=4
        fd_read -> 0 read=\"A\" n=1
        => exit 0",
    );
}
/// Opens the head of a chain of `links` symlinks that ends at a file.
fn open_chain(links: usize) -> String {
    let mut input = sample_input();
    input.files.insert_file("end.txt", "end");
    for index in 0..links {
        let target = if index + 1 == links {
            "end.txt".to_owned()
        } else {
            format!("c{}", index + 1)
        };
        input
            .files
            .entries
            .insert(format!("c{index}"), Node::Symlink(target));
    }
    render(&run_script(&open("c0", 0, READ, 0), &input))
}

#[test]
fn forty_symlink_hops_are_followed() {
    assert_eq!(open_chain(40), "path_open -> 0 fd=4\n=> exit 0");
}
#[test]
fn forty_one_symlink_hops_are_eloop() {
    assert_eq!(open_chain(41), "path_open -> 32 fd=0\n=> exit 0");
}
#[test]
fn dangling_symlink_with_create_makes_its_target() {
    check_files(
        &format!(
            "
        {}
        {}",
            open("dangling", 0, READ, 0),
            open("dangling", 1, RW, 0)
        ),
        "
        path_open -> 44 fd=0
        path_open -> 0 fd=4
        => exit 0",
        r#"
        + nowhere.txt = """#,
    );
}

// ---- directory listings ----

#[test]
fn readdir_lists_dot_dotdot_then_sorted_entries() {
    check(
        &format!(
            "
        {}
        fd_readdir $fd &ents:dirents256 256 0L &used:u32
        fd_readdir $fd &ents:dirents256 256 2L &used:u32
        fd_readdir $fd &ents:dirents256 256 4L &used:u32
        fd_readdir $fd &ents:dirents30 30 0L &used:u32",
            open("dir", 2, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_readdir -> 0 ents=./3/1 ../3/2 a.txt/4/3 sub/3/4  used=107
        fd_readdir -> 0 ents=a.txt/4/3 sub/3/4  used=56
        fd_readdir -> 0 ents= used=0
        fd_readdir -> 0 ents=./3/1  used=30
        => exit 0",
    );
}
#[test]
fn readdir_of_root_and_of_a_file() {
    check(&format!("
        fd_readdir 3 &ents:dirents512 512 0L &used:u32
        {}
        fd_readdir $fd &ents:dirents64 64 0L &used:u32", open("hello.txt", 0, READ, 0)), "
        fd_readdir -> 0 ents=./3/1 ../3/2 abs/7/3 dangling/7/4 dir/3/5 dirlink/7/6 empty/3/7 escape/7/8 hello.txt/4/9 link/7/10 loop/7/11  used=316
        path_open -> 0 fd=4
        fd_readdir -> 54 ents= used=0
        => exit 0");
}
/// Continuing from the cookie after the last whole entry resumes after that entry's name,
/// so deleting what was listed (as `rm -r` does) skips nothing; other cookies count
/// entries in the live directory.
#[test]
fn readdir_cookies_survive_deletions() {
    check(
        &format!(
            "
        {}
        fd_readdir $fd &ents:dirents90 90 0L &used:u32
        path_unlink_file 3 \"dir/a.txt\"
        fd_readdir $fd &ents:dirents256 256 3L &used:u32
        fd_readdir $fd &ents:dirents256 256 2L &used:u32
        fd_readdir $fd &ents:dirents256 256 0L &used:u32",
            open("dir", 2, READ, 0)
        ),
        "
        path_open -> 0 fd=4
        fd_readdir -> 0 ents=./3/1 ../3/2 a.txt/4/3  used=90
        path_unlink_file -> 0
        fd_readdir -> 0 ents=sub/3/4  used=27
        fd_readdir -> 0 ents=sub/3/3  used=27
        fd_readdir -> 0 ents=./3/1 ../3/2 sub/3/3  used=78
        => exit 0",
    );
}

/// Listings read the live directory: an entry created after a listing started shows up
/// when it continues. (Descriptors used to keep a snapshot each, which let a guest make the
/// host hold a thousand copies of one big listing.)
#[test]
fn readdir_sees_entries_created_while_listing() {
    check(
        &format!(
            "
        {}
        fd_readdir 4 &ents:dirents80 80 0L &used:u32
        {}
        fd_readdir 4 &ents:dirents256 256 3L &used:u32",
            open("dir", 2, READ, 0),
            open("dir/b.txt", 1, RW, 0),
        ),
        "
        path_open -> 0 fd=4
        fd_readdir -> 0 ents=./3/1 ../3/2 a.txt/4/3  used=80
        path_open -> 0 fd=5
        fd_readdir -> 0 ents=b.txt/4/4 sub/3/5  used=56
        => exit 0",
    );
}

// ---- clocks, randomness, polling ----

#[test]
fn clocks_are_virtual_and_step() {
    check(
        "
        clock_time_get 0 1L &t:u64
        clock_time_get 0 1L &t:u64
        clock_time_get 1 1L &t:u64
        clock_time_get 2 1L &t:u64
        clock_time_get 9 1L &t:u64
        clock_res_get 1 &r:u64
        clock_res_get 9 &r:u64",
        "
        clock_time_get -> 0 t=946684800000000000
        clock_time_get -> 0 t=946684800000001000
        clock_time_get -> 0 t=2000
        clock_time_get -> 0 t=3000
        clock_time_get -> 28 t=0
        clock_res_get -> 0 r=1000
        clock_res_get -> 28 r=0
        => exit 0",
    );
}
#[test]
fn random_is_seeded() {
    check(
        "
        random_get &r:hex16 16
        random_get &r:hex5 5",
        "
        random_get -> 0 r=5a76f94ef7fa58b3d22c484f963d5c47
        random_get -> 0 r=96792c9549
        => exit 0",
    );
}
#[test]
fn poll_long_sleep_returns_at_once() {
    check(
        &format!(
            "
        poll_oneoff *\"{}\" &ev:hex32 1 &n:u32
        clock_time_get 1 1L &t:u64",
            clock_sub(0x11, 1, 3_600_000_000_000, 0)
        ),
        "
        poll_oneoff -> 0 ev=1100000000000000000000000000000000000000000000000000000000000000 n=1
        clock_time_get -> 0 t=3600000000000
        => exit 0",
    );
}
#[test]
fn poll_absolute_deadline_in_the_past_fires() {
    check(
        &format!(
            "
        clock_time_get 1 1L &t:u64
        poll_oneoff *\"{}\" &ev:hex32 1 &n:u32
        clock_time_get 1 1L &t:u64",
            clock_sub(0x22, 1, 0, 1)
        ),
        "
        clock_time_get -> 0 t=0
        poll_oneoff -> 0 ev=2200000000000000000000000000000000000000000000000000000000000000 n=1
        clock_time_get -> 0 t=1000
        => exit 0",
    );
}
#[test]
fn poll_earliest_of_two_clocks() {
    check(
        &format!(
            "
        poll_oneoff *\"{}{}\" &ev:hex64 2 &n:u32
        clock_time_get 1 1L &t:u64",
            clock_sub(1, 1, 5_000, 0),
            clock_sub(2, 1, 9_000, 0)
        ),
        "
        poll_oneoff -> 0 ev=0100000000000000000000000000000000000000000000000000000000000000\
            0000000000000000000000000000000000000000000000000000000000000000 n=1
        clock_time_get -> 0 t=5000
        => exit 0",
    );
}
#[test]
fn poll_stdin_is_ready_and_clock_does_not_fire() {
    check(
        &format!(
            "
        poll_oneoff *\"{}{}\" &ev:hex64 2 &n:u32
        clock_time_get 1 1L &t:u64",
            fd_sub(3, 1, 0),
            clock_sub(4, 1, 1_000_000, 0)
        ),
        "
        poll_oneoff -> 0 ev=030000000000000000000100000000000e000000000000000000000000000000\
            0000000000000000000000000000000000000000000000000000000000000000 n=1
        clock_time_get -> 0 t=0
        => exit 0",
    );
}
#[test]
fn poll_bad_descriptor_and_no_subscriptions() {
    check(
        &format!(
            "
        poll_oneoff *\"{}\" &ev:hex32 1 &n:u32
        poll_oneoff 0 0 0 &n:u32",
            fd_sub(5, 2, 9)
        ),
        "
        poll_oneoff -> 0 ev=0500000000000000080002000000000000000000000000000000000000000000 n=1
        poll_oneoff -> 28 n=0
        => exit 0",
    );
}

// ---- processes, signals, sockets ----

#[test]
fn proc_exit_ends_the_run() {
    check(
        "
        sched_yield
        proc_exit 7
        sched_yield",
        "
        sched_yield -> 0
        proc_exit -> => exit 7",
    );
}
#[test]
fn signals_are_enosys_and_no_descriptor_is_a_socket() {
    check(
        "
        proc_raise 2
        sock_accept 3 0 &fd:u32
        sock_recv 1 0 0 0 &n:u32 &f:u32
        sock_send 0 0 0 0 &n:u32
        sock_shutdown 3 0
        sock_shutdown 99 0
        sock_accept 42 0 &fd:u32",
        "
        proc_raise -> 52
        sock_accept -> 57 fd=0
        sock_recv -> 57 n=0 f=0
        sock_send -> 57 n=0
        sock_shutdown -> 57
        sock_shutdown -> 8
        sock_accept -> 8 fd=0
        => exit 0",
    );
}

// ---- hostile pointers ----

#[test]
fn hostile_pointers_are_efault() {
    check(
        "
        fd_write 1 0xFFFFFFF0 1 &n:u32
        fd_write 1 *\"\\xf0\\xff\\xff\\xff\\x10\\0\\0\\0\" 1 &n:u32
        fd_read 0 *\"\\0\\0\\0\\0\\xff\\xff\\xff\\xff\" 1 &n:u32
        fd_read 0 riov(4) 0x20000
        clock_time_get 0 0L 0x1FFFC
        random_get 0x10000 0x10001
        path_open 3 1 0x1FFFF 2 0 0L 0L 0 &fd:u32
        path_open 3 1 \"hello.txt\" 0 0L 0L 0 0xFFFFFFFF
        fd_readdir 3 0 0xFFFFFFFF 0L &used:u32
        poll_oneoff 0 0 0x10000000 &n:u32
        args_sizes_get 0x20000 0
        fd_prestat_dir_name 3 0x20000 1
        fd_read 0 riov(4) &n:u32",
        "
        fd_write -> 21 n=0
        fd_write -> 21 n=0
        fd_read -> 21 n=0
        fd_read -> 21 read=\"\"
        clock_time_get -> 21
        random_get -> 21
        path_open -> 21 fd=0
        path_open -> 21
        fd_readdir -> 21 used=0
        poll_oneoff -> 21 n=0
        args_sizes_get -> 21
        fd_prestat_dir_name -> 21
        fd_read -> 0 read=\"line\" n=4
        => exit 0",
    );
}
#[test]
fn too_many_iovecs() {
    check(
        "fd_write 1 0 1025 &n:u32",
        "
        fd_write -> 28 n=0
        => exit 0",
    );
}
#[test]
fn invalid_utf8_path() {
    check(
        "path_open 3 1 \"\\xff\" 0 0L 0L 0 &fd:u32",
        "
        path_open -> 25 fd=0
        => exit 0",
    );
}
