;; Climbing out of the tree with `..`: from the root, through a subdirectory, and from a
;; directory descriptor. Every escape must fail with ENOTCAPABLE (76) and read nothing;
;; `..` that stays inside the tree works. A directory descriptor is a capability, as in
;; every WASI runtime: `..` may not climb above the directory it names either. Prints "ok" when all held, and otherwise the
;; checks that failed (and anything an escape managed to read), and exits 1.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_link" (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_readlink" (func $path_readlink (param i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "ok\n")
  (data (i32.const 112) "check ")
  (data (i32.const 120) ": errno ")
  (data (i32.const 128) ", wanted ")
  (global $failed (mut i32) (i32.const 0))
  ;; Writes [ptr, ptr+len) to stdout through the iovec at 0.
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Prints an unsigned number in decimal, using bytes 16..48 as scratch.
  (func $print_num (param $n i32) (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digits (local.get $n)))
    (call $print (local.get $at) (i32.sub (i32.const 48) (local.get $at))))
  ;; Check `id` got errno `got`; anything but `want` prints "check ID: errno GOT, wanted WANT".
  (func $check (param $id i32) (param $got i32) (param $want i32)
    (if (i32.ne (local.get $got) (local.get $want))
      (then
        (global.set $failed (i32.const 1))
        (call $print (i32.const 112) (i32.const 6))
        (call $print_num (local.get $id))
        (call $print (i32.const 120) (i32.const 8))
        (call $print_num (local.get $got))
        (call $print (i32.const 128) (i32.const 9))
        (call $print_num (local.get $want))
        (call $print (i32.const 98) (i32.const 1)))))
  (func $efault (param $id i32) (param $got i32)
    (call $check (local.get $id) (local.get $got) (i32.const 21)))
  ;; The last 32 bytes of memory must still be zero: no call wrote part of a value that
  ;; did not fit.
  (func $edge_untouched (param $id i32)
    (call $check (local.get $id)
      (i64.eqz (i64.or (i64.or (i64.load (i32.const 65504)) (i64.load (i32.const 65512)))
                       (i64.or (i64.load (i32.const 65520)) (i64.load (i32.const 65528)))))
      (i32.const 1)))
  ;; "ok" when every check passed, exit 1 otherwise.
  (func $finish
    (if (global.get $failed)
      (then (call $proc_exit (i32.const 1))))
    (call $print (i32.const 96) (i32.const 3)))
  (data (i32.const 256) "\00\04\00\00\40\00\00\00")
  ;; path_open must fail with ENOTCAPABLE (76). Should it open anything, the module reads
  ;; it and prints what it read, so the verdict would show the host's bytes.
  (func $open_must_fail (param $id i32) (param $dir i32) (param $follow i32) (param $path i32) (param $len i32) (param $oflags i32)
    (local $errno i32)
    (local.set $errno (call $path_open (local.get $dir) (local.get $follow) (local.get $path) (local.get $len)
      (local.get $oflags) (i64.const 0x3FFFFFFF) (i64.const 0) (i32.const 0) (i32.const 300)))
    (call $check (local.get $id) (local.get $errno) (i32.const 76))
    (if (i32.eqz (local.get $errno))
      (then
        (drop (call $fd_read (i32.load (i32.const 300)) (i32.const 256) (i32.const 1) (i32.const 304)))
        (call $print (i32.const 1024) (i32.load (i32.const 304))))))
  (data (i32.const 400) "..")
  (data (i32.const 410) "../..")
  (data (i32.const 420) "../../../../etc/passwd")
  (data (i32.const 450) "d/../../etc/passwd")
  (data (i32.const 470) "./../f.txt")
  (data (i32.const 490) "../new.txt")
  (data (i32.const 510) "d")
  (data (i32.const 520) "f.txt")
  (data (i32.const 530) "../f.txt")
  (data (i32.const 540) "d/../f.txt")
  (data (i32.const 560) "../x")
  (func (export "_start") (local $d i32)
    (call $open_must_fail (i32.const 1) (i32.const 3) (i32.const 1) (i32.const 400) (i32.const 2) (i32.const 0))
    (call $open_must_fail (i32.const 2) (i32.const 3) (i32.const 1) (i32.const 410) (i32.const 5) (i32.const 0))
    (call $open_must_fail (i32.const 3) (i32.const 3) (i32.const 1) (i32.const 420) (i32.const 22) (i32.const 0))
    (call $check (i32.const 4) (call $path_create_directory (i32.const 3) (i32.const 510) (i32.const 1)) (i32.const 0))
    (call $open_must_fail (i32.const 5) (i32.const 3) (i32.const 1) (i32.const 450) (i32.const 18) (i32.const 0))
    (call $open_must_fail (i32.const 6) (i32.const 3) (i32.const 1) (i32.const 470) (i32.const 10) (i32.const 0))
    ;; O_CREAT above the root creates nothing.
    (call $open_must_fail (i32.const 7) (i32.const 3) (i32.const 1) (i32.const 490) (i32.const 10) (i32.const 1))
    (call $check (i32.const 8) (call $path_filestat_get (i32.const 3) (i32.const 1) (i32.const 400) (i32.const 2) (i32.const 1024)) (i32.const 76))
    (call $check (i32.const 9) (call $path_create_directory (i32.const 3) (i32.const 560) (i32.const 4)) (i32.const 76))
    (call $check (i32.const 10) (call $path_symlink (i32.const 520) (i32.const 5) (i32.const 3) (i32.const 560) (i32.const 4)) (i32.const 76))
    (call $check (i32.const 11) (call $path_rename (i32.const 3) (i32.const 520) (i32.const 5) (i32.const 3) (i32.const 530) (i32.const 8)) (i32.const 76))
    (call $check (i32.const 12) (call $path_link (i32.const 3) (i32.const 0) (i32.const 520) (i32.const 5) (i32.const 3) (i32.const 530) (i32.const 8)) (i32.const 76))
    (call $check (i32.const 13) (call $path_unlink_file (i32.const 3) (i32.const 530) (i32.const 8)) (i32.const 76))
    ;; From a descriptor for d: `..` is the root, inside the tree, yet above d, so it is
    ;; ENOTCAPABLE too, and so is `../..`. (Rights without FD_WRITE: a directory cannot be
    ;; opened for writing.)
    (call $check (i32.const 14) (call $path_open (i32.const 3) (i32.const 1) (i32.const 510) (i32.const 1) (i32.const 2)
      (i64.const 0x3FFFFFBF) (i64.const 0x3FFFFFFF) (i32.const 0) (i32.const 300)) (i32.const 0))
    (local.set $d (i32.load (i32.const 300)))
    (call $check (i32.const 15) (call $path_filestat_get (local.get $d) (i32.const 1) (i32.const 530) (i32.const 8) (i32.const 1024)) (i32.const 76))
    (call $open_must_fail (i32.const 16) (local.get $d) (i32.const 1) (i32.const 410) (i32.const 5) (i32.const 0))
    (call $open_must_fail (i32.const 17) (local.get $d) (i32.const 1) (i32.const 420) (i32.const 22) (i32.const 0))
    ;; Inside the tree `..` works: d/../f.txt is f.txt, and f.txt is still there.
    (call $check (i32.const 18) (call $path_filestat_get (i32.const 3) (i32.const 1) (i32.const 540) (i32.const 10) (i32.const 1024)) (i32.const 0))
    (call $check (i32.const 19) (call $path_filestat_get (i32.const 3) (i32.const 1) (i32.const 520) (i32.const 5) (i32.const 1024)) (i32.const 0))
    (call $finish)))
