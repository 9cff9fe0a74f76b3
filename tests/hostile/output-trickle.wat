;; Writes 7 bytes per call, forever: the output budget must count small writes exactly
;; too, and keep the first 4 bytes of the write that crosses the limit (1 MiB is not a
;; multiple of 7).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 96) "abcdefg")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 96))
    (i32.store (i32.const 4) (i32.const 7))
    (loop $trickle
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (br $trickle))))
