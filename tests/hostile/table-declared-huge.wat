;; Declares a table of 100 million elements: instantiating it would take gigabytes.
(module
  (memory (export "memory") 1)
  (table 100000000 funcref)
  (func (export "_start")))
