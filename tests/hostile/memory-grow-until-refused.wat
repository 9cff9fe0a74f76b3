;; Grows memory 16 pages at a time until `memory.grow` refuses, then stores just past the
;; end of memory: the trap follows a refusal, so the verdict is MLE, not RE.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop $more
      (br_if $more (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
    (i32.store8 (i32.mul (memory.size) (i32.const 65536)) (i32.const 1))))
