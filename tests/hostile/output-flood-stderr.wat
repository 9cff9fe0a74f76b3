;; Writes 60 MB per call (1,024 iovecs over one 60,000-byte buffer) to stderr, forever:
;; gigabytes of output unless the output budget stops it. Exits with the errno if a
;; write ever fails, which would show as WA instead of OLE.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 2)
  (func (export "_start") (local $i i32) (local $errno i32)
    ;; The iovec array lives at 65536: 1,024 entries of (1024, 60000).
    (loop $fill
      (i32.store (i32.add (i32.const 65536) (i32.shl (local.get $i) (i32.const 3))) (i32.const 1024))
      (i32.store (i32.add (i32.const 65540) (i32.shl (local.get $i) (i32.const 3))) (i32.const 60000))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 1024))))
    (loop $flood
      (local.set $errno (call $fd_write (i32.const 2) (i32.const 65536) (i32.const 1024) (i32.const 16)))
      (if (local.get $errno) (then (call $proc_exit (local.get $errno))))
      (br $flood))))
