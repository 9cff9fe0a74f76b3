;; Integer division by zero, with the divisor read from memory so no optimizer folds it.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (i32.div_u (i32.const 7) (i32.load (i32.const 200))))))
