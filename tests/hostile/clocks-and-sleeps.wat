;; Reads every clock, sleeps an hour a thousand times and until the year 2100 with
;; poll_oneoff, and prints what the clocks said, one value per line. Sleeps must return at
;; once (the run uses little fuel) and the values must be the same on every run.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get" (func $clock_res_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "\n")
  ;; A relative sleep of one hour on the monotonic clock (id 1).
  (data (i32.const 1024) "\00\00\00\00\00\00\00\00" "\00\00\00\00\00\00\00\00"
                         "\01\00\00\00\00\00\00\00" "\00\a0\b8\30\46\03\00\00"
                         "\00\00\00\00\00\00\00\00" "\00\00\00\00\00\00\00\00")
  ;; An absolute sleep until 2100-01-01T00:00:00Z (4102444800 s) on the realtime clock.
  (data (i32.const 1088) "\00\00\00\00\00\00\00\00" "\00\00\00\00\00\00\00\00"
                         "\00\00\00\00\00\00\00\00" "\00\00\a6\56\cf\cf\ee\38"
                         "\00\00\00\00\00\00\00\00" "\01\00\00\00\00\00\00\00")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Prints a u64 in decimal and a newline, using bytes 16..48 as scratch.
  (func $line (param $n i64) (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digits
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i64.store8 (local.get $at) (i64.add (i64.const 48) (i64.rem_u (local.get $n) (i64.const 10))))
      (local.set $n (i64.div_u (local.get $n) (i64.const 10)))
      (br_if $digits (i64.ne (local.get $n) (i64.const 0))))
    (call $print (local.get $at) (i32.sub (i32.const 48) (local.get $at)))
    (call $print (i32.const 96) (i32.const 1)))
  (func $now (param $id i32) (result i64)
    (if (call $clock_time_get (local.get $id) (i64.const 1) (i32.const 200))
      (then (call $proc_exit (i32.const 1))))
    (i64.load (i32.const 200)))
  (func $sleep (param $subscription i32)
    (if (call $poll_oneoff (local.get $subscription) (i32.const 2048) (i32.const 1) (i32.const 304))
      (then (call $proc_exit (i32.const 1)))))
  (func (export "_start") (local $i i32)
    (call $line (call $now (i32.const 0)))
    (call $line (call $now (i32.const 1)))
    (call $line (call $now (i32.const 2)))
    (call $line (call $now (i32.const 3)))
    (if (call $clock_res_get (i32.const 1) (i32.const 200)) (then (call $proc_exit (i32.const 1))))
    (call $line (i64.load (i32.const 200)))
    (call $sleep (i32.const 1024))
    (call $line (call $now (i32.const 1)))
    (loop $hours
      (call $sleep (i32.const 1024))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $hours (i32.lt_u (local.get $i) (i32.const 1000))))
    (call $line (call $now (i32.const 1)))
    (call $sleep (i32.const 1088))
    (call $line (call $now (i32.const 0)))))
