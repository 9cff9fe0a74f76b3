;; Grows a table by 100 million and by 4 billion elements (both refused), then 1,000 at a
;; time until refused. Prints ok when the huge grows failed and the table stopped at
;; exactly the budget's 10,000 elements.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table $t 1 funcref)
  (data (i32.const 96) "ok\n")
  (data (i32.const 112) "grew\n")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start")
    (if (i32.ne (table.grow $t (ref.null func) (i32.const 100000000)) (i32.const -1))
      (then (call $print (i32.const 112) (i32.const 5)) (return)))
    (if (i32.ne (table.grow $t (ref.null func) (i32.const -1)) (i32.const -1))
      (then (call $print (i32.const 112) (i32.const 5)) (return)))
    (loop $more
      (br_if $more (i32.ne (table.grow $t (ref.null func) (i32.const 1000)) (i32.const -1))))
    ;; 1 + 9 * 1000 = 9001 fit; the next 1,000 would make 10,001.
    (if (i32.eq (table.size $t) (i32.const 9001))
      (then (call $print (i32.const 96) (i32.const 3)))
      (else (call $print (i32.const 112) (i32.const 5))))))
