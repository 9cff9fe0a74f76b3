;; Reads stdin to its end, then five more times: each read past the end must return
;; success with 0 bytes, so the guest exits normally. Prints "ok" when the input was the
;; case's 3 bytes and every later read gave 0 bytes; otherwise exits 1.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "ok\n")
  ;; The read iovec: 1,024 bytes at 1024.
  (data (i32.const 256) "\00\04\00\00\00\04\00\00")
  (func $read (result i32)
    (if (call $fd_read (i32.const 0) (i32.const 256) (i32.const 1) (i32.const 304))
      (then (call $proc_exit (i32.const 1))))
    (i32.load (i32.const 304)))
  (func (export "_start") (local $total i32) (local $n i32) (local $extra i32)
    (loop $drain
      (local.set $n (call $read))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (br_if $drain (local.get $n)))
    (loop $again
      (if (call $read) (then (call $proc_exit (i32.const 1))))
      (local.set $extra (i32.add (local.get $extra) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $extra) (i32.const 5))))
    (if (i32.ne (local.get $total) (i32.const 3)) (then (call $proc_exit (i32.const 1))))
    (i32.store (i32.const 0) (i32.const 96))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
