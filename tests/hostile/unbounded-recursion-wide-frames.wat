;; Recursion whose every frame holds 64 live i64 locals, so the value stack, not only the
;; call depth, must be bounded.
(module
  (memory (export "memory") 1)
  (func $down (param $n i64)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (local.set 64 (local.get $n))
    (call $down (i64.add (local.get 64) (i64.const 1)))
    (drop (local.get 1)))
  (func (export "_start") (call $down (i64.const 0))))
