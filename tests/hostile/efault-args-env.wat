;; Out-of-bounds pointers in args_* and environ_*: every call must return EFAULT (21), not
;; trap and not write part of its answer. Prints "ok" when all did, and otherwise the
;; checks that failed, and exits 1. Pointers: -16 (0xFFFFFFF0, far outside memory) and
;; addresses a few bytes before the end of the one-page memory, so the value straddles it.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
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
  (func (export "_start")
    (call $efault (i32.const 1) (call $args_sizes_get (i32.const -16) (i32.const 1024)))
    (call $efault (i32.const 2) (call $args_sizes_get (i32.const 1024) (i32.const -16)))
    (call $efault (i32.const 3) (call $args_sizes_get (i32.const 65534) (i32.const 1024)))
    (call $efault (i32.const 4) (call $args_sizes_get (i32.const 1024) (i32.const 65533)))
    (call $efault (i32.const 5) (call $args_get (i32.const -16) (i32.const 2048)))
    (call $efault (i32.const 6) (call $args_get (i32.const 2048) (i32.const -16)))
    ;; argv has two entries (8 bytes): 4 bytes before the end is too few.
    (call $efault (i32.const 7) (call $args_get (i32.const 65532) (i32.const 2048)))
    ;; "hostile\0a\0" is 10 bytes: 4 before the end is too few.
    (call $efault (i32.const 8) (call $args_get (i32.const 2048) (i32.const 65532)))
    (call $efault (i32.const 9) (call $environ_sizes_get (i32.const -16) (i32.const 1024)))
    (call $efault (i32.const 10) (call $environ_sizes_get (i32.const 1024) (i32.const -16)))
    (call $efault (i32.const 11) (call $environ_sizes_get (i32.const 65535) (i32.const 1024)))
    (call $efault (i32.const 12) (call $environ_get (i32.const -16) (i32.const 2048)))
    (call $efault (i32.const 13) (call $environ_get (i32.const 2048) (i32.const -16)))
    (call $efault (i32.const 14) (call $environ_get (i32.const 2048) (i32.const 65530)))
    (call $efault (i32.const 15) (call $environ_get (i32.const 65534) (i32.const 2048)))
    (call $edge_untouched (i32.const 16))
    ;; With good pointers the same calls work: the errors above were about the pointers.
    (call $check (i32.const 17) (call $args_get (i32.const 1024) (i32.const 2048)) (i32.const 0))
    (call $check (i32.const 18) (call $environ_get (i32.const 1024) (i32.const 2048)) (i32.const 0))
    (call $finish)))
