;; Declares the largest memory wasm32 allows, 65536 pages (4 GiB), up front.
(module
  (memory (export "memory") 65536 65536)
  (func (export "_start")))
