;; Imports a function from outside WASI: the sandbox provides nothing else, so the module
;; cannot link.
(module
  (import "env" "system" (func $system (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start") (drop (call $system (i32.const 0)))))
