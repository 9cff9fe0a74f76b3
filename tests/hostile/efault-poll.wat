;; Out-of-bounds pointers in poll_oneoff: subscriptions, events and the count pointer, and
;; a count far larger than memory. Each must return EFAULT (21), not trap, and not sleep:
;; the subscription asks for a 1 ms sleep, and the clock must not have moved that far.
;; Prints "ok" when all held, and otherwise the checks that failed, and exits 1.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
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
  ;; A clock subscription at 1024: userdata 7, tag 0 (clock), monotonic, 1 ms, relative.
  (data (i32.const 1024) "\07\00\00\00\00\00\00\00" "\00\00\00\00\00\00\00\00"
                         "\01\00\00\00\00\00\00\00" "\40\42\0f\00\00\00\00\00"
                         "\00\00\00\00\00\00\00\00" "\00\00\00\00\00\00\00\00")
  (func (export "_start")
    (call $efault (i32.const 1) (call $poll_oneoff (i32.const -16) (i32.const 2048) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 2) (call $poll_oneoff (i32.const 1024) (i32.const -16) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 3) (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const 1) (i32.const -16)))
    (call $efault (i32.const 4) (call $poll_oneoff (i32.const 65520) (i32.const 2048) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 5) (call $poll_oneoff (i32.const 1024) (i32.const 65520) (i32.const 1) (i32.const 304)))
    (call $efault (i32.const 6) (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const 1) (i32.const 65534)))
    (call $efault (i32.const 7) (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const 0x7FFFFFFF) (i32.const 304)))
    (call $efault (i32.const 8) (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const -1) (i32.const 304)))
    (call $edge_untouched (i32.const 9))
    ;; Less than 1 ms of virtual time has passed: no failed poll slept.
    (call $check (i32.const 10) (call $clock_time_get (i32.const 1) (i64.const 0) (i32.const 400)) (i32.const 0))
    (call $check (i32.const 11) (i64.lt_u (i64.load (i32.const 400)) (i64.const 1000000)) (i32.const 1))
    ;; The same subscription with good pointers sleeps and reports one event.
    (call $check (i32.const 12) (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const 1) (i32.const 304)) (i32.const 0))
    (call $check (i32.const 13) (i32.load (i32.const 304)) (i32.const 1))
    (call $finish)))
