;; Calls a function through the table with the wrong signature.
(module
  (memory (export "memory") 1)
  (type $void (func))
  (func $takes (param i32) (result i32) (local.get 0))
  (table 1 funcref)
  (elem (i32.const 0) $takes)
  (func (export "_start")
    (call_indirect (type $void) (i32.const 0))))
