;; Out-of-bounds pointers in every fd_* call that takes one: each must return EFAULT (21),
;; not trap, and leave nothing half done: no output written, no stdin consumed, no file
;; changed, no byte written at the edge of memory. Prints "ok" when all held, and
;; otherwise the checks that failed, and exits 1. The case's tree holds f.txt = "hello\n"
;; and its stdin is "abc".
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pread" (func $fd_pread (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pwrite" (func $fd_pwrite (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_tell" (func $fd_tell (param i32 i32) (result i32)))
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
  (data (i32.const 200) "f.txt")
  (data (i32.const 208) "LEAK\n")
  (data (i32.const 216) "hello\n")
  ;; iovecs: 256 = (1024, 64) for reading; 264 = ("LEAK\n"); 272 = ("LEAK\n", then a
  ;; buffer outside memory); 288 = (a buffer outside memory).
  (data (i32.const 256) "\00\04\00\00\40\00\00\00")
  (data (i32.const 264) "\d0\00\00\00\05\00\00\00")
  (data (i32.const 272) "\d0\00\00\00\05\00\00\00\f0\ff\ff\ff\04\00\00\00")
  (data (i32.const 288) "\f0\ff\ff\ff\04\00\00\00")
  (func (export "_start") (local $f i32)
    ;; f.txt, read-write, as fd $f.
    (call $check (i32.const 1)
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5) (i32.const 0)
        (i64.const 0x3FFFFFFF) (i64.const 0) (i32.const 0) (i32.const 300))
      (i32.const 0))
    (local.set $f (i32.load (i32.const 300)))

    (call $efault (i32.const 2) (call $fd_fdstat_get (i32.const 1) (i32.const -16)))
    (call $efault (i32.const 3) (call $fd_fdstat_get (i32.const 1) (i32.const 65520)))
    (call $efault (i32.const 4) (call $fd_filestat_get (local.get $f) (i32.const -16)))
    (call $efault (i32.const 5) (call $fd_filestat_get (local.get $f) (i32.const 65500)))
    (call $efault (i32.const 6) (call $fd_prestat_get (i32.const 3) (i32.const -16)))
    (call $efault (i32.const 7) (call $fd_prestat_get (i32.const 3) (i32.const 65532)))
    (call $efault (i32.const 8) (call $fd_prestat_dir_name (i32.const 3) (i32.const -16) (i32.const 1)))
    (call $efault (i32.const 9) (call $fd_prestat_dir_name (i32.const 3) (i32.const 65536) (i32.const 1)))

    ;; Reading stdin: a bad iovec array, a bad buffer, a bad count pointer, an array that
    ;; straddles the end. None may consume input.
    (call $efault (i32.const 10) (call $fd_read (i32.const 0) (i32.const -16) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 11) (call $fd_read (i32.const 0) (i32.const 288) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 12) (call $fd_read (i32.const 0) (i32.const 256) (i32.const 1) (i32.const -16)))
    (call $efault (i32.const 13) (call $fd_read (i32.const 0) (i32.const 65532) (i32.const 1) (i32.const 304)))

    ;; Writing stdout: none may print "LEAK".
    (call $efault (i32.const 14) (call $fd_write (i32.const 1) (i32.const -16) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 15) (call $fd_write (i32.const 1) (i32.const 272) (i32.const 2) (i32.const 304)))
    (call $efault (i32.const 16) (call $fd_write (i32.const 1) (i32.const 264) (i32.const 1) (i32.const -16)))
    (call $efault (i32.const 17) (call $fd_write (i32.const 2) (i32.const 264) (i32.const 1) (i32.const 65534)))

    ;; Reading and writing the file: none may change it.
    (call $efault (i32.const 18) (call $fd_pread (local.get $f) (i32.const -16) (i32.const 1) (i64.const 0) (i32.const 304)))
    (call $efault (i32.const 19) (call $fd_pread (local.get $f) (i32.const 288) (i32.const 1) (i64.const 0) (i32.const 304)))
    (call $efault (i32.const 20) (call $fd_pread (local.get $f) (i32.const 256) (i32.const 1) (i64.const 0) (i32.const -16)))
    (call $efault (i32.const 21) (call $fd_pwrite (local.get $f) (i32.const -16) (i32.const 1) (i64.const 0) (i32.const 304)))
    (call $efault (i32.const 22) (call $fd_pwrite (local.get $f) (i32.const 272) (i32.const 2) (i64.const 0) (i32.const 304)))
    (call $efault (i32.const 23) (call $fd_pwrite (local.get $f) (i32.const 264) (i32.const 1) (i64.const 0) (i32.const -16)))
    (call $efault (i32.const 24) (call $fd_write (local.get $f) (i32.const 264) (i32.const 1) (i32.const -16)))
    (call $efault (i32.const 25) (call $fd_write (local.get $f) (i32.const 272) (i32.const 2) (i32.const 304)))

    (call $efault (i32.const 26) (call $fd_readdir (i32.const 3) (i32.const -16) (i32.const 256) (i64.const 0) (i32.const 304)))
    (call $efault (i32.const 27) (call $fd_readdir (i32.const 3) (i32.const 1024) (i32.const 256) (i64.const 0) (i32.const -16)))
    (call $efault (i32.const 28) (call $fd_readdir (i32.const 3) (i32.const 65500) (i32.const 256) (i64.const 0) (i32.const 304)))
    (call $efault (i32.const 29) (call $fd_seek (local.get $f) (i64.const 0) (i32.const 0) (i32.const -16)))
    (call $efault (i32.const 30) (call $fd_seek (local.get $f) (i64.const 0) (i32.const 2) (i32.const 65532)))
    (call $efault (i32.const 31) (call $fd_tell (local.get $f) (i32.const -16)))
    (call $efault (i32.const 32) (call $fd_tell (local.get $f) (i32.const 65534)))
    (call $edge_untouched (i32.const 33))

    ;; The file still reads "hello\n" from its start, and the position is still 0.
    (call $check (i32.const 34) (call $fd_read (local.get $f) (i32.const 256) (i32.const 1) (i32.const 304)) (i32.const 0))
    (call $check (i32.const 35) (i32.load (i32.const 304)) (i32.const 6))
    (call $check (i32.const 36)
      (i32.and (i32.eq (i32.load (i32.const 1024)) (i32.load (i32.const 216)))
               (i32.eq (i32.load16_u (i32.const 1028)) (i32.load16_u (i32.const 220))))
      (i32.const 1))
    ;; All three bytes of stdin are still there.
    (call $check (i32.const 37) (call $fd_read (i32.const 0) (i32.const 256) (i32.const 1) (i32.const 304)) (i32.const 0))
    (call $check (i32.const 38) (i32.load (i32.const 304)) (i32.const 3))
    (call $finish)))
