;; Prints the right answer, then calls proc_exit(256) from 500 nested calls: the code
;; must come out unchanged, and the deep stack must unwind cleanly.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "ok\n")
  (func $down (param $n i32)
    (if (i32.eqz (local.get $n)) (then (call $proc_exit (i32.const 256))))
    (call $down (i32.sub (local.get $n) (i32.const 1))))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 96))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $down (i32.const 500))
    unreachable))
