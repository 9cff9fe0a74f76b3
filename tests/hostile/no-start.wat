;; A library, not a command: it exports functions and memory but no `_start`.
(module
  (memory (export "memory") 1)
  (func (export "main") (result i32) (i32.const 0)))
