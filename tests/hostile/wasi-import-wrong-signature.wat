;; Imports fd_write with a signature WASI does not define.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i64) (result i64)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $fd_write (i64.const 1)))))
