;; Calls itself forever: the stack depth budget ends it as a trap.
(module
  (memory (export "memory") 1)
  (func $down (call $down))
  (func (export "_start") (call $down)))
