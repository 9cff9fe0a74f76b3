;; Imports a function preview1 does not have (it is from a later WASI).
(module
  (import "wasi_snapshot_preview1" "thread-spawn" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
